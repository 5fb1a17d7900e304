package purity

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pure are the deterministic packages (patterns for go list).
var pure = []string{
	"github.com/taonet/taonet/chain/...",
	"github.com/taonet/taonet/yuma/...",
	"github.com/taonet/taonet/fixed/...",
	"github.com/taonet/taonet/tx/...",
	"github.com/taonet/taonet/apitypes/...",
}

// forbiddenImports may not appear as direct imports of a pure package.
var forbiddenImports = []string{
	"os", "os/exec", "os/signal", "net", "net/http", "time", "math/rand", "math/rand/v2", "crypto/rand",
	"sync", "sync/atomic", "reflect", "unsafe", "syscall", "io/ioutil", "log", "log/slog", "runtime",
}

// forbiddenDeps may not appear anywhere in a pure package's dependency graph.
var forbiddenDeps = []string{
	"github.com/cometbft/", "github.com/cockroachdb/pebble",
	"github.com/taonet/taonet/app", "github.com/taonet/taonet/node", "github.com/taonet/taonet/api",
	"github.com/taonet/taonet/client", "github.com/taonet/taonet/wallet", "github.com/taonet/taonet/axon",
	"github.com/taonet/taonet/dendrite", "github.com/taonet/taonet/store/pebble",
}

// within reports whether import path d is pkg or below it (a prefix
// ending in "/" matches anything under it).
func within(d, pkg string) bool {
	if strings.HasSuffix(pkg, "/") {
		return strings.HasPrefix(d, pkg)
	}
	return d == pkg || strings.HasPrefix(d, pkg+"/")
}

type pkg struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
	Deps       []string
}

func listPure(t *testing.T) []pkg {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list", "-json"}, pure...)...).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func TestPureImports(t *testing.T) {
	for _, p := range listPure(t) {
		for _, imp := range p.Imports {
			for _, bad := range forbiddenImports {
				if imp == bad {
					t.Errorf("%s imports %s", p.ImportPath, imp)
				}
			}
		}
		for _, d := range p.Deps {
			for _, bad := range forbiddenDeps {
				if within(d, bad) {
					t.Errorf("%s depends on %s", p.ImportPath, d)
				}
			}
		}
	}
}

// TestNoFloats rejects float types, float literals and goroutines in the
// non-test sources of pure packages.
func TestNoFloats(t *testing.T) {
	fset := token.NewFileSet()
	for _, p := range listPure(t) {
		for _, f := range p.GoFiles {
			path := filepath.Join(p.Dir, f)
			file, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.Ident:
					if x.Name == "float32" || x.Name == "float64" || x.Name == "complex64" || x.Name == "complex128" {
						t.Errorf("%s: float type %s", fset.Position(x.Pos()), x.Name)
					}
				case *ast.BasicLit:
					if x.Kind == token.FLOAT || x.Kind == token.IMAG {
						t.Errorf("%s: float literal %s", fset.Position(x.Pos()), x.Value)
					}
				case *ast.GoStmt:
					t.Errorf("%s: goroutine in a pure package", fset.Position(x.Pos()))
				case *ast.SelectStmt:
					t.Errorf("%s: select in a pure package", fset.Position(x.Pos()))
				}
				return true
			})
		}
	}
}
