package testnode

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/root"
)

// CLI runs taonet command lines in-process against the node API at url
// (--node is appended): Run returns stdout, stderr and the exit code; Must
// fails the test on a non-zero exit and decodes stdout as JSON into out
// when out is not nil.
type CLI struct {
	t   testing.TB
	url string
}

// NewCLI returns a CLI for the node API at url.
func NewCLI(t testing.TB, url string) *CLI { return &CLI{t: t, url: url} }

// Run executes args and returns stdout, stderr and the exit code.
func (c *CLI) Run(args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	code := root.Run(&cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errb}, append(args, "--node", c.url))
	return out.String(), errb.String(), code
}

// Must executes args, fails the test unless they exit 0, and decodes
// stdout into out (JSON) when out is not nil.
func (c *CLI) Must(out any, args ...string) {
	c.t.Helper()
	stdout, stderr, code := c.Run(args...)
	if code != 0 {
		c.t.Fatalf("%v: exit %d\n%s\n%s", args, code, stdout, stderr)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(stdout), out); err != nil {
			c.t.Fatalf("%v: %q: %v", args, stdout, err)
		}
	}
}
