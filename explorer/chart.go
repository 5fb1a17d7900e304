package explorer

import (
	"fmt"
	"html/template"
	"strings"
)

// Series is one chart's data: Y values at X positions.
type Series struct {
	Title string
	// Unit is written next to the chart ("τ per epoch", "proportion", …).
	Unit string
	X    []float64
	Y    []float64
}

// chartW, chartH are the SVG viewBox size.
const chartW, chartH = 600, 160

// lineSVG renders s as an inline SVG line chart with min/max labels. The
// output has only numbers and the escaped title, so it is safe HTML.
func lineSVG(s Series) template.HTML {
	return svg(s, false)
}

// barSVG renders s as an inline SVG bar chart.
func barSVG(s Series) template.HTML {
	return svg(s, true)
}

func svg(s Series, bars bool) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<figure class="chart"><figcaption>%s <span class="unit">(%s)</span></figcaption>`,
		template.HTMLEscapeString(s.Title), template.HTMLEscapeString(s.Unit))
	fmt.Fprintf(&b, `<svg viewBox="0 0 %d %d" role="img" aria-label="%s" preserveAspectRatio="none">`, chartW, chartH, template.HTMLEscapeString(s.Title))
	if len(s.Y) == 0 {
		b.WriteString(`<text x="10" y="80" class="empty">no epochs recorded yet</text></svg></figure>`)
		return template.HTML(b.String())
	}
	lo, hi := s.Y[0], s.Y[0]
	for _, y := range s.Y {
		lo, hi = min(lo, y), max(hi, y)
	}
	if bars || lo > 0 {
		lo = 0
	}
	if hi == lo {
		hi = lo + 1
	}
	py := func(y float64) float64 { return chartH - 14 - (y-lo)/(hi-lo)*(chartH-28) }
	n := len(s.Y)
	if bars {
		w := float64(chartW-50) / float64(n)
		for i, y := range s.Y {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.2f" height="%.1f"/>`, 48+float64(i)*w, py(y), max(w*0.85, 0.5), py(lo)-py(y))
		}
	} else {
		b.WriteString(`<polyline fill="none" points="`)
		for i, y := range s.Y {
			x := 48.0
			if n > 1 {
				x += float64(i) / float64(n-1) * (chartW - 54)
			}
			fmt.Fprintf(&b, "%.1f,%.1f ", x, py(y))
		}
		b.WriteString(`"/>`)
	}
	fmt.Fprintf(&b, `<text x="2" y="14">%s</text><text x="2" y="%d">%s</text>`, num(hi), chartH-14, num(lo))
	if len(s.X) == n && n > 0 {
		fmt.Fprintf(&b, `<text x="48" y="%d" class="x">%s</text><text x="%d" y="%d" class="x" text-anchor="end">%s</text>`,
			chartH-1, num(s.X[0]), chartW-4, chartH-1, num(s.X[n-1]))
	}
	b.WriteString(`</svg></figure>`)
	return template.HTML(b.String())
}

func num(f float64) string {
	if f == float64(int64(f)) {
		return fmt.Sprintf("%d", int64(f))
	}
	return fmt.Sprintf("%.4g", f)
}
