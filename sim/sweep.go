package sim

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Axis is one swept parameter: Path (params.alpha_high,
// validators.copier.lag, miners.m2.quality, epochs, seed,
// emission_per_epoch) over lo, lo+step, … ≤ hi.
type Axis struct {
	Path   string    `json:"path"`
	Values []float64 `json:"values"`
}

// ParseAxis reads "path=lo:hi:step".
func ParseAxis(spec string) (Axis, error) {
	path, rng, ok := strings.Cut(spec, "=")
	parts := strings.Split(rng, ":")
	if !ok || path == "" || len(parts) != 3 {
		return Axis{}, &FieldError{Field: "--param " + spec, Reason: "want path=lo:hi:step"}
	}
	var v [3]float64
	for i, s := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return Axis{}, &FieldError{Field: "--param " + spec, Reason: fmt.Sprintf("%q is not a number", s)}
		}
		v[i] = x
	}
	lo, hi, step := v[0], v[1], v[2]
	if step <= 0 || hi < lo {
		return Axis{}, &FieldError{Field: "--param " + spec, Reason: "want lo ≤ hi and step > 0"}
	}
	n := int(math.Floor((hi-lo)/step+1e-9)) + 1
	if n > MaxSweepPoints {
		return Axis{}, &FieldError{Field: "--param " + spec, Reason: fmt.Sprintf("%d points, at most %d", n, MaxSweepPoints)}
	}
	a := Axis{Path: path}
	for i := range n {
		a.Values = append(a.Values, math.Round((lo+float64(i)*step)*1e9)/1e9)
	}
	return a, nil
}

// SetPath sets path in a decoded scenario document: params.NAME,
// validators.NAME.FIELD, miners.NAME.FIELD, or a top-level field.
func SetPath(doc map[string]any, path string, v float64) error {
	var val any = v
	if v == math.Trunc(v) {
		val = int(v)
	}
	parts := strings.Split(path, ".")
	bad := &FieldError{Field: "--param " + path, Reason: "want params.NAME, validators.NAME.FIELD, miners.NAME.FIELD, epochs, seed or emission_per_epoch"}
	switch {
	case len(parts) == 1 && (parts[0] == "epochs" || parts[0] == "seed" || parts[0] == "emission_per_epoch"):
		doc[parts[0]] = val
	case len(parts) == 2 && parts[0] == "params":
		m, _ := doc["params"].(map[string]any)
		if m == nil {
			m = map[string]any{}
			doc["params"] = m
		}
		m[parts[1]] = val
	case len(parts) == 3 && (parts[0] == "validators" || parts[0] == "miners"):
		list, _ := doc[parts[0]].([]any)
		for _, x := range list {
			if m, ok := x.(map[string]any); ok && m["name"] == parts[1] {
				m[parts[2]] = val
				return nil
			}
		}
		return &FieldError{Field: "--param " + path, Reason: fmt.Sprintf("no %s named %q", strings.TrimSuffix(parts[0], "s"), parts[1])}
	default:
		return bad
	}
	return nil
}

// Sweep is a grid of runs: one metric per point.
type Sweep struct {
	Axes   []Axis `json:"axes"`
	Metric string `json:"metric"`
	// Points are in row-major order over Axes (the last axis fastest).
	Points []SweepPoint `json:"points"`
}

// SweepPoint is one run of a sweep.
type SweepPoint struct {
	Values []float64 `json:"values"`
	Metric float64   `json:"metric"`
}

// RunSweep runs the scenario document at every point of the axes' grid
// (at most MaxSweepPoints) and reads metric ("name.field") from each
// summary. Everything is validated before the first run.
func RunSweep(data []byte, axes []Axis, metric string) (*Sweep, error) {
	if len(axes) == 0 || len(axes) > 2 {
		return nil, &FieldError{Field: "--param", Reason: "give one or two --param axes"}
	}
	total := 1
	for _, a := range axes {
		total *= len(a.Values)
	}
	if total > MaxSweepPoints {
		return nil, &FieldError{Field: "--param", Reason: fmt.Sprintf("%d points in the grid, at most %d", total, MaxSweepPoints)}
	}
	sw := &Sweep{Axes: axes, Metric: metric}
	var scenarios []*Scenario
	for i := range total {
		doc, err := Decode(data)
		if err != nil {
			return nil, err
		}
		vals := make([]float64, len(axes))
		rest := i
		for k := len(axes) - 1; k >= 0; k-- {
			vals[k] = axes[k].Values[rest%len(axes[k].Values)]
			rest /= len(axes[k].Values)
			if err := SetPath(doc, axes[k].Path, vals[k]); err != nil {
				return nil, err
			}
		}
		s, err := FromDoc(doc)
		if err != nil {
			return nil, fmt.Errorf("at %v: %w", vals, err)
		}
		scenarios = append(scenarios, s)
		sw.Points = append(sw.Points, SweepPoint{Values: vals})
	}
	for i, s := range scenarios {
		r, err := Run(s)
		if err != nil {
			return nil, err
		}
		m, err := r.Summarize().Metric(metric)
		if err != nil {
			return nil, &FieldError{Field: "--metric", Reason: err.Error()}
		}
		sw.Points[i].Metric = m
	}
	return sw, nil
}

// WriteDir writes sweep.csv and the sweep chart (a heatmap for two axes,
// a line for one) as SVG and PNG.
func (sw *Sweep) WriteDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "sweep.csv"))
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	head := []string{}
	for _, a := range sw.Axes {
		head = append(head, a.Path)
	}
	_ = w.Write(append(head, sw.Metric))
	for _, p := range sw.Points {
		row := make([]string, 0, len(p.Values)+1)
		for _, v := range p.Values {
			row = append(row, strconv.FormatFloat(v, 'f', -1, 64))
		}
		_ = w.Write(append(row, strconv.FormatFloat(p.Metric, 'f', -1, 64)))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	c := sw.Chart()
	if err := os.WriteFile(filepath.Join(dir, c.Name+".svg"), c.SVG(), 0o644); err != nil {
		return err
	}
	png, err := c.PNG()
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, c.Name+".png"), png, 0o644)
}

// Chart is the sweep's plot: the metric over a two-axis grid as a heatmap
// (values scaled to the grid's range), or along one axis as a line.
func (sw *Sweep) Chart() Chart {
	if len(sw.Axes) == 1 {
		s := Series{Name: sw.Metric}
		for _, p := range sw.Points {
			s.Values = append(s.Values, p.Metric)
		}
		return Chart{Name: "sweep", Title: fmt.Sprintf("%s over %s", sw.Metric, sw.Axes[0].Path), YLabel: sw.Metric, Series: []Series{s}}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range sw.Points {
		lo, hi = math.Min(lo, p.Metric), math.Max(hi, p.Metric)
	}
	a, b := sw.Axes[0], sw.Axes[1]
	heat := make([][]float64, len(a.Values))
	for i := range heat {
		heat[i] = make([]float64, len(b.Values))
		for j := range heat[i] {
			v := sw.Points[i*len(b.Values)+j].Metric
			if hi > lo {
				heat[i][j] = (v - lo) / (hi - lo)
			}
		}
	}
	rows, cols := make([]string, len(a.Values)), make([]string, len(b.Values))
	for i, v := range a.Values {
		rows[i] = strconv.FormatFloat(v, 'g', 4, 64)
	}
	for j, v := range b.Values {
		cols[j] = strconv.FormatFloat(v, 'g', 4, 64)
	}
	return Chart{Name: "sweep_heatmap", Title: fmt.Sprintf("%s: rows %s, columns %s (%.4g … %.4g)", sw.Metric, a.Path, b.Path, lo, hi),
		YLabel: sw.Metric, Heat: heat, RowNames: rows, Cols: cols}
}
