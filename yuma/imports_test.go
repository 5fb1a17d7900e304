package yuma_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The state-machine packages stay pure: no I/O, clock, randomness,
// reflection or concurrency (shared/style.md's import rule).
func TestPureImports(t *testing.T) {
	allowed := map[string]bool{
		"cmp": true, "errors": true, "iter": true, "math": true, "math/bits": true,
		"slices": true, "strconv": true, "unicode/utf8": true, "unsafe": true,
	}
	out, err := exec.Command("go", "list", "-deps", "github.com/taonet/taonet/yuma", "github.com/taonet/taonet/fixed").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "github.com/taonet/taonet/") || strings.HasPrefix(p, "internal/") || strings.HasPrefix(p, "runtime") {
			if p == "github.com/taonet/taonet/yuma" || p == "github.com/taonet/taonet/fixed" || !strings.HasPrefix(p, "github.com/") {
				continue
			}
			t.Errorf("yuma/fixed import %s", p)
			continue
		}
		if !allowed[p] {
			t.Errorf("yuma/fixed depend on %s", p)
		}
	}
}
