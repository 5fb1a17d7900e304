package node

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cometbft/cometbft/abci/example/kvstore"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtlog "github.com/cometbft/cometbft/libs/log"
	cmtnode "github.com/cometbft/cometbft/node"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	"github.com/cometbft/cometbft/proxy"
	"github.com/cometbft/cometbft/rpc/client/local"
	cmttypes "github.com/cometbft/cometbft/types"

	"github.com/taonet/taonet/app"
	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/pebble"
	"github.com/taonet/taonet/tx"
)

// benchSenders is the number of funded accounts (and submit streams).
const benchSenders = 16

// benchNode runs one in-process CometBFT validator over the app that mkApp
// builds, submits every tx of streams through the node's mempool (RPC
// broadcast_tx_sync, one goroutine per stream, in order) and waits until all
// are committed. It reports committed tx/s. The same harness drives taonet
// and CometBFT's kvstore example.
func benchNode(b *testing.B, g *chain.Genesis, mkApp func(home string) abci.Application, creator func(abci.Application) proxy.ClientCreator, streams [][][]byte) {
	b.Helper()
	dir := b.TempDir()
	home := filepath.Join(dir, "node")
	var ports []string
	for i := 0; i < 2; i++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		ports = append(ports, ln.Addr().String())
		ln.Close()
	}
	st := DefaultSettings()
	st.APIAddr, st.P2PAddr, st.BlockTime = ports[0], ports[1], "50ms"
	if err := InitNetwork(g, []Member{{Home: home, Settings: st}}, time.Now()); err != nil {
		b.Fatal(err)
	}
	shell := &Node{home: home, settings: st}
	cfg, err := shell.cometConfig()
	if err != nil {
		b.Fatal(err)
	}
	cfg.Mempool.Size = 200_000
	cfg.Mempool.MaxTxsBytes = 1 << 30
	nk, err := p2p.LoadNodeKey(nodeKeyPath(home))
	if err != nil {
		b.Fatal(err)
	}
	pv := privval.LoadFilePV(privValKeyPath(home), privValStatePath(home))
	genDoc, err := cmttypes.GenesisDocFromFile(genesisPath(home))
	if err != nil {
		b.Fatal(err)
	}
	cn, err := cmtnode.NewNode(cfg, pv, nk, creator(mkApp(home)),
		func() (*cmttypes.GenesisDoc, error) { return genDoc, nil },
		shell.trackDB, cmtnode.DefaultMetricsProvider(cfg.Instrumentation), cmtlog.NewNopLogger())
	if err != nil {
		b.Fatal(err)
	}
	if err := cn.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { _ = cn.Stop(); cn.Wait(); shell.closeCometDBs() }()
	rpc := local.New(cn)
	ctx := context.Background()
	for i := 0; i < 200 && cn.BlockStore().Height() < 1; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	total := 0
	for _, s := range streams {
		total += len(s)
	}
	start := cn.BlockStore().Height()

	b.ResetTimer()
	cpu0 := processCPU()
	var wg sync.WaitGroup
	errs := make(chan error, len(streams))
	for _, s := range streams {
		wg.Add(1)
		go func(s [][]byte) {
			defer wg.Done()
			for _, raw := range s {
				r, err := rpc.BroadcastTxSync(ctx, raw)
				if err != nil {
					errs <- fmt.Errorf("broadcast: %w", err)
					return
				}
				if r.Code != 0 {
					errs <- fmt.Errorf("broadcast: code %d: %s", r.Code, r.Log)
					return
				}
			}
		}(s)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	// All are in the mempool or a block; wait until the mempool drains and
	// count the committed txs.
	deadline := time.Now().Add(5 * time.Minute)
	committed := 0
	for h := start + 1; committed < total; {
		if time.Now().After(deadline) {
			b.Fatalf("only %d of %d txs committed", committed, total)
		}
		if cn.BlockStore().Height() < h {
			time.Sleep(2 * time.Millisecond)
			continue
		}
		committed += len(cn.BlockStore().LoadBlock(h).Txs)
		h++
	}
	b.StopTimer()
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "tx/s")
	// Cores busy while the node worked: below GOMAXPROCS, the node waits
	// on something other than the CPU.
	b.ReportMetric((processCPU()-cpu0).Seconds()/b.Elapsed().Seconds(), "cores-busy")
}

// BenchmarkNodeTransfers: signed taonet transfers through a node (mempool
// CheckTx → FinalizeBlock → Commit on Pebble), b.N transfers per run, with
// the node's ABCI client (parallel: signatures pre-verified outside the
// connection mutex, CheckTx under it), with CometBFT's
// connection-synchronised local client without pre-verification (connsync)
// and with its single-mutex local client (serial) for comparison.
func BenchmarkNodeTransfers(b *testing.B) {
	for _, c := range []struct {
		name    string
		creator func(abci.Application) proxy.ClientCreator
	}{
		{"parallel", func(a abci.Application) proxy.ClientCreator { return parallelCheckCreator{app: a} }},
		{"connsync", proxy.NewConnSyncLocalClientCreator},
		{"serial", proxy.NewLocalClientCreator},
	} {
		b.Run(c.name, func(b *testing.B) { benchTransfers(b, c.creator) })
	}
}

func benchTransfers(b *testing.B, creator func(abci.Application) proxy.ClientCreator) {
	g := chain.DefaultGenesis("bench")
	senders := make([]*keys.Keypair, benchSenders)
	for i := range senders {
		kp, err := keys.FromURI(fmt.Sprintf("//bench/%d", i))
		if err != nil {
			b.Fatal(err)
		}
		senders[i] = kp
		g.Accounts = append(g.Accounts, chain.GenesisAccount{Address: kp.SS58(), Balance: 1_000_000_000_000_000})
	}
	dest, _ := keys.FromURI("//Bob")
	streams := make([][][]byte, benchSenders)
	for i := 0; i < b.N; i++ {
		s := i % benchSenders
		t := &tx.Tx{ChainID: "bench", Nonce: uint64(len(streams[s])), Call: tx.Transfer{Dest: dest.Public(), Value: 1_000_000}}
		if err := t.Sign(senders[s]); err != nil {
			b.Fatal(err)
		}
		streams[s] = append(streams[s], t.Encode())
	}
	benchNode(b, g, func(home string) abci.Application {
		be, err := pebble.Open(filepath.Join(home, "data", "app"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { be.Close() })
		db, err := store.Open(be)
		if err != nil {
			b.Fatal(err)
		}
		return app.New(chain.New(), db, "bench")
	}, creator, streams)
	// The machine's physical limit: every transfer needs one sr25519
	// verification, and the cores can do GOMAXPROCS of them at a time.
	limit := verifyLimit(b, senders[0], streams[0][0])
	b.ReportMetric(limit, "verify-limit-tx/s")
	b.ReportMetric(100*float64(b.N)/b.Elapsed().Seconds()/limit, "%-of-limit")
}

// verifyLimit returns the signature-verification limit of this machine in
// tx/s: GOMAXPROCS divided by the time of one sr25519 verification of raw
// (signed by kp), measured over a bounded loop.
func verifyLimit(b *testing.B, kp *keys.Keypair, raw []byte) float64 {
	t, err := tx.Decode(raw)
	if err != nil {
		b.Fatal(err)
	}
	msg := t.SignBytes()
	const n = 2000
	start := time.Now()
	for range n {
		if !kp.Public().Verify(msg, t.Signature[:]) {
			b.Fatal("benchmark signature does not verify")
		}
	}
	one := time.Since(start) / n
	return float64(runtime.GOMAXPROCS(0)) / one.Seconds()
}

// BenchmarkNodeKVStoreBaseline: CometBFT's kvstore example through the same
// node harness — the baseline for BenchmarkNodeTransfers.
func BenchmarkNodeKVStoreBaseline(b *testing.B) {
	streams := make([][][]byte, benchSenders)
	for i := 0; i < b.N; i++ {
		s := i % benchSenders
		streams[s] = append(streams[s], []byte(fmt.Sprintf("key%d=value%d", i, i)))
	}
	benchNode(b, chain.DefaultGenesis("bench"), func(home string) abci.Application {
		return kvstore.NewPersistentApplication(filepath.Join(home, "data", "kvstore"))
	}, proxy.NewLocalClientCreator, streams)
}

// processCPU returns the user+system CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
