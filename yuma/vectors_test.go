package yuma_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/taonet/taonet/internal/cli/yuma/scenario"
)

// TestVectors replays every scenario in testdata/vectors and, when the
// project's shared/ folder sits beside the repository, in
// shared/vectors/yuma, and compares every field the scenario expects.
func TestVectors(t *testing.T) {
	dirs := []string{"testdata/vectors"}
	if shared := filepath.Join("..", "..", "shared", "vectors", "yuma"); dirExists(shared) {
		dirs = append(dirs, shared)
	}
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("no vectors in %s", dir)
		}
		for _, f := range files {
			t.Run(dir+"/"+filepath.Base(f), func(t *testing.T) { runVector(t, f) })
		}
	}
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func runVector(t *testing.T, path string) {
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc, err := scenario.Parse(fh)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sc.Run()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Steps []struct {
			Expected map[string]json.RawMessage `json:"expected"`
		} `json:"steps"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for k, st := range file.Steps {
		got := toMap(t, res.Steps[k])
		var tol map[string]float64
		if raw, ok := st.Expected["tolerance"]; ok {
			tol = parseTolerance(raw)
		}
		for key, raw := range st.Expected {
			if key == "tolerance" {
				continue
			}
			var want any
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			field := key
			if key == "bonds_rows" {
				field = "bonds"
			}
			g, ok := got[field]
			if !ok {
				t.Errorf("step %d: expected field %q not in output", k, key)
				continue
			}
			checked += compare(t, fmt.Sprintf("step %d %s", k, key), g, want, tol[key])
		}
	}
	t.Logf("%d values compared", checked)
}

func parseTolerance(raw json.RawMessage) map[string]float64 {
	m := map[string]float64{}
	var one float64
	if json.Unmarshal(raw, &one) == nil {
		for _, k := range []string{"consensus", "incentive", "dividends", "validator_trust", "stake_weight", "emission", "server_emission", "validator_emission", "bonds", "bonds_rows"} {
			m[k] = one
		}
		return m
	}
	_ = json.Unmarshal(raw, &m)
	return m
}

func toMap(t *testing.T, v any) map[string]any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// compare checks want (a list, possibly with nulls, or a {"index": value}
// map, recursively) against got; it returns how many values it compared.
func compare(t *testing.T, at string, got, want any, tol float64) int {
	t.Helper()
	switch w := want.(type) {
	case nil:
		return 0
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			t.Errorf("%s: got %v, want %v", at, got, want)
			return 0
		}
		c := 0
		for i := range w {
			c += compare(t, at+"["+strconv.Itoa(i)+"]", g[i], w[i], tol)
		}
		return c
	case map[string]any:
		g, ok := got.([]any)
		if !ok {
			t.Errorf("%s: got %v, want %v", at, got, want)
			return 0
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		c := 0
		for _, k := range keys {
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(g) {
				t.Errorf("%s: bad index %q", at, k)
				continue
			}
			c += compare(t, at+"["+k+"]", g[i], w[k], tol)
		}
		return c
	case float64:
		g, ok := got.(float64)
		d := g - w
		if d < 0 {
			d = -d
		}
		if !ok || d > tol {
			t.Errorf("%s: got %v, want %v", at, got, want)
		}
		return 1
	default:
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: got %v, want %v", at, got, want)
		}
		return 1
	}
}
