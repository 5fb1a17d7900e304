package node

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/taonet/taonet/app"
)

// metrics are the node's Prometheus series, served at /metrics on the API.
type metrics struct {
	reg      *prometheus.Registry
	height   prometheus.Gauge
	txs      *prometheus.CounterVec
	blockTxs prometheus.Histogram
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		height: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: "taonet", Name: "block_height", Help: "Height of the last committed block.",
		}),
		txs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "taonet", Name: "transactions_total", Help: "Transactions in committed blocks by result.",
		}, []string{"result"}),
		blockTxs: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "taonet", Name: "block_transactions", Help: "Transactions per committed block.",
			Buckets: prometheus.ExponentialBuckets(1, 4, 8),
		}),
	}
	m.reg.MustRegister(m.height, m.txs, m.blockTxs,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(b app.Block) {
	m.height.Set(float64(b.Height))
	m.blockTxs.Observe(float64(len(b.Txs)))
	for _, t := range b.Txs {
		result := "ok"
		if t.Result.Code != 0 {
			result = t.Result.Error
		}
		m.txs.WithLabelValues(result).Inc()
	}
}
