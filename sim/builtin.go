package sim

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed scenarios/*.yaml
var builtinFS embed.FS

// Info names a built-in scenario.
type Info struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Epochs      int    `json:"epochs"`
}

// Builtins lists the built-in scenarios by name.
func Builtins() ([]Info, error) {
	entries, err := fs.ReadDir(builtinFS, "scenarios")
	if err != nil {
		return nil, err
	}
	var out []Info
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".yaml")
		s, err := LoadBuiltin(name)
		if err != nil {
			return nil, err
		}
		out = append(out, Info{Name: name, Description: s.Description, Epochs: s.Epochs})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// BuiltinYAML returns a built-in scenario's file.
func BuiltinYAML(name string) ([]byte, error) {
	b, err := builtinFS.ReadFile("scenarios/" + name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("%w: no built-in scenario %q (taonet sim list shows them)", ErrInvalid, name)
	}
	return b, nil
}

// LoadBuiltin parses a built-in scenario.
func LoadBuiltin(name string) (*Scenario, error) {
	b, err := BuiltinYAML(name)
	if err != nil {
		return nil, err
	}
	s, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("built-in %s: %w", name, err)
	}
	return s, nil
}
