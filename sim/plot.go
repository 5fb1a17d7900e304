package sim

import (
	"bytes"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
)

// Chart is one plot of a run: line series over epochs, or a heatmap.
type Chart struct {
	Name, Title, YLabel string
	// Series are lines over epochs (nil for a heatmap).
	Series []Series
	// Heat is a heatmap, rows × columns, values in [0, 1].
	Heat           [][]float64
	RowNames, Cols []string
}

// Series is one named line.
type Series struct {
	Name   string
	Values []float64
}

// Charts returns the run's plots: dividends per validator, relative
// dividends, incentive per miner and the last epoch's bonds.
func (r *Result) Charts() []Chart {
	s := r.Scenario
	nv := len(s.Validators)
	div, rel := make([]Series, nv), make([]Series, nv)
	var stakeTotal uint64
	for _, v := range s.Validators {
		stakeTotal += v.StakeRao
	}
	cum := make([]uint64, nv)
	for i, v := range s.Validators {
		div[i].Name, rel[i].Name = v.Name, v.Name
	}
	for _, e := range r.Epochs {
		var total uint64
		for i := range nv {
			cum[i] += e.Output.ValidatorEmission[i]
			total += cum[i]
		}
		for i := range nv {
			div[i].Values = append(div[i].Values, tao(e.Output.ValidatorEmission[i]))
			var share, stake float64
			if total > 0 {
				share = float64(cum[i]) / float64(total)
			}
			if stakeTotal > 0 {
				stake = float64(s.Validators[i].StakeRao) / float64(stakeTotal)
			}
			rel[i].Values = append(rel[i].Values, share-stake)
		}
	}
	inc := make([]Series, len(s.Miners))
	for j, m := range s.Miners {
		inc[j].Name = m.Name
		for _, e := range r.Epochs {
			inc[j].Values = append(inc[j].Values, prop(e.Output.Incentive[nv+j]))
		}
	}
	heat := make([][]float64, nv)
	cols := make([]string, len(s.Miners))
	for j, m := range s.Miners {
		cols[j] = m.Name
	}
	rows := make([]string, nv)
	last := r.Epochs[len(r.Epochs)-1].Output
	for i, v := range s.Validators {
		rows[i] = v.Name
		heat[i] = make([]float64, len(s.Miners))
		for _, b := range last.Bonds[i] {
			if int(b.UID) >= nv {
				heat[i][int(b.UID)-nv] = prop(b.Bond)
			}
		}
	}
	return []Chart{
		{Name: "dividends", Title: "Dividends per validator", YLabel: "TAO per epoch", Series: div},
		{Name: "relative_dividends", Title: "Relative dividends (cumulative dividend share − stake share)", YLabel: "share", Series: rel},
		{Name: "incentive", Title: "Incentive per miner", YLabel: "incentive (proportion)", Series: inc},
		{Name: "bonds_heatmap", Title: "Bonds at the last epoch (validator × miner)", YLabel: "bond", Heat: heat, RowNames: rows, Cols: cols},
	}
}

var palette = []color.RGBA{
	{31, 119, 180, 255}, {255, 127, 14, 255}, {44, 160, 44, 255}, {214, 39, 40, 255}, {148, 103, 189, 255},
	{140, 86, 75, 255}, {227, 119, 194, 255}, {127, 127, 127, 255}, {188, 189, 34, 255}, {23, 190, 207, 255},
}

func hexColor(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

const (
	chartW, chartH         = 800, 420
	padL, padR, padT, padB = 70, 150, 40, 50
)

// bounds returns the y range of the series (0 always included).
func (c *Chart) bounds() (lo, hi float64, n int) {
	for _, s := range c.Series {
		n = max(n, len(s.Values))
		for _, v := range s.Values {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	return lo, hi, n
}

func (c *Chart) point(i, n int, v, lo, hi float64) (x, y float64) {
	pw, ph := float64(chartW-padL-padR), float64(chartH-padT-padB)
	x = float64(padL)
	if n > 1 {
		x += pw * float64(i) / float64(n-1)
	}
	y = float64(padT) + ph*(1-(v-lo)/(hi-lo))
	return x, y
}

// SVG renders the chart as a standalone SVG document.
func (c *Chart) SVG() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", chartW, chartH, chartW, chartH)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/><text x="%d" y="22" font-size="15">%s</text>`+"\n", padL, html.EscapeString(c.Title))
	if c.Heat != nil {
		c.heatSVG(&b)
	} else {
		lo, hi, n := c.bounds()
		x0, y0 := c.point(0, n, lo, lo, hi)
		x1, y1 := c.point(n-1, n, hi, lo, hi)
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="none" stroke="#999"/>`+"\n", x0, y1, x1-x0, y0-y1)
		for k := 0; k <= 4; k++ {
			v := lo + (hi-lo)*float64(k)/4
			_, y := c.point(0, n, v, lo, hi)
			fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end">%.4g</text>`+"\n", padL-6, y+4, v)
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">epoch (0 … %d)</text>`+"\n", (x0+x1)/2, chartH-15, n-1)
		fmt.Fprintf(&b, `<text x="14" y="%.1f" transform="rotate(-90 14 %.1f)" text-anchor="middle">%s</text>`+"\n", (y0+y1)/2, (y0+y1)/2, html.EscapeString(c.YLabel))
		for si, s := range c.Series {
			col := hexColor(palette[si%len(palette)])
			pts := make([]string, len(s.Values))
			for i, v := range s.Values {
				x, y := c.point(i, n, v, lo, hi)
				pts[i] = fmt.Sprintf("%.1f,%.1f", x, y)
			}
			fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`+"\n", col, strings.Join(pts, " "))
			ly := padT + 16*si
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d">%s</text>`+"\n",
				chartW-padR+12, ly, col, chartW-padR+30, ly+10, html.EscapeString(s.Name))
		}
	}
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

func (c *Chart) cell() (w, h float64) {
	rows, cols := max(len(c.Heat), 1), max(len(c.Cols), 1)
	return float64(chartW-padL-padR) / float64(cols), float64(chartH-padT-padB) / float64(rows)
}

func heatColor(v float64) color.RGBA {
	v = math.Max(0, math.Min(1, v))
	return color.RGBA{uint8(255 - 200*v), uint8(255 - 150*v), 255, 255}
}

func (c *Chart) heatSVG(b *strings.Builder) {
	cw, ch := c.cell()
	for i, row := range c.Heat {
		y := float64(padT) + ch*float64(i)
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n", padL-6, y+ch/2+4, html.EscapeString(c.RowNames[i]))
		for j, v := range row {
			x := float64(padL) + cw*float64(j)
			fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s × %s: %.4f</title></rect>`+"\n",
				x, y, cw, ch, hexColor(heatColor(v)), html.EscapeString(c.RowNames[i]), html.EscapeString(c.Cols[j]), v)
		}
	}
	for j, name := range c.Cols {
		x := float64(padL) + cw*(float64(j)+0.5)
		fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", x, chartH-padB+16, html.EscapeString(name))
	}
}

// PNG renders the chart as a PNG (lines or cells, axes and legend swatches;
// the labels are in the SVG).
func (c *Chart) PNG() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, chartW, chartH))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	grey := color.RGBA{153, 153, 153, 255}
	if c.Heat != nil {
		cw, ch := c.cell()
		for i, row := range c.Heat {
			for j, v := range row {
				fill(img, int(float64(padL)+cw*float64(j)), int(float64(padT)+ch*float64(i)),
					int(float64(padL)+cw*float64(j+1)), int(float64(padT)+ch*float64(i+1)), heatColor(v))
			}
		}
	} else {
		lo, hi, n := c.bounds()
		x0, y0 := c.point(0, n, lo, lo, hi)
		x1, y1 := c.point(n-1, n, hi, lo, hi)
		line(img, x0, y0, x1, y0, grey)
		line(img, x0, y0, x0, y1, grey)
		for si, s := range c.Series {
			col := palette[si%len(palette)]
			for i := 1; i < len(s.Values); i++ {
				ax, ay := c.point(i-1, n, s.Values[i-1], lo, hi)
				bx, by := c.point(i, n, s.Values[i], lo, hi)
				line(img, ax, ay, bx, by, col)
				line(img, ax, ay+1, bx, by+1, col)
			}
			ly := padT + 16*si
			fill(img, chartW-padR+12, ly, chartW-padR+24, ly+12, col)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func fill(img *image.RGBA, x0, y0, x1, y1 int, c color.RGBA) {
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			img.SetRGBA(x, y, c)
		}
	}
}

// line draws a segment by sampling (DDA).
func line(img *image.RGBA, x0, y0, x1, y1 float64, c color.RGBA) {
	steps := int(math.Max(math.Abs(x1-x0), math.Abs(y1-y0))) + 1
	for k := 0; k <= steps; k++ {
		t := float64(k) / float64(steps)
		img.SetRGBA(int(math.Round(x0+(x1-x0)*t)), int(math.Round(y0+(y1-y0)*t)), c)
	}
}
