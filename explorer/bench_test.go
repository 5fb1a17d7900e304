package explorer_test

import (
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// BenchmarkSubnetPage256 measures, in headless Chromium, the load of
// /subnets/1 with 256 neurons until the last table row is visible
// ("page_ms"), against the raw GET /v1/subnets/1/metagraph JSON loaded in
// the same browser ("json_ms", the baseline).
func BenchmarkSubnetPage256(b *testing.B) {
	ctx := browser(b)
	f, srv := fixtureServer(b, 256, 8)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	page := fmt.Sprintf("%s/subnets/%d", base, f.Netuid)
	jsonURL := fmt.Sprintf("%s/v1/subnets/%d/metagraph", base, f.Netuid)
	last := "#metagraph tbody tr:nth-child(256)"
	var pageT, jsonT time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if err := chromedp.Do(ctx, chromedp.Navigate(jsonURL), chromedp.WaitVisible("body", chromedp.RetryInterval(5*time.Millisecond))); err != nil {
			b.Fatal(err)
		}
		jsonT += time.Since(t0)
		t0 = time.Now()
		if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(last, chromedp.RetryInterval(5*time.Millisecond))); err != nil {
			b.Fatal(err)
		}
		pageT += time.Since(t0)
	}
	b.ReportMetric(float64(pageT.Microseconds())/1000/float64(b.N), "page_ms")
	b.ReportMetric(float64(jsonT.Microseconds())/1000/float64(b.N), "json_ms")
	b.ReportMetric(float64(pageT)/float64(max(jsonT, 1)), "page/json")
}
