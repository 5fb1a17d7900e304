package subtensor

import (
	"testing"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
	"github.com/taonet/taonet/yuma"
)

func TestMaxUpscale(t *testing.T) {
	tests := []struct{ in, want []uint16 }{
		{nil, []uint16{}},
		{[]uint16{0, 0}, []uint16{0, 0}},
		{[]uint16{1}, []uint16{65535}},
		{[]uint16{1, 2}, []uint16{32768, 65535}}, // 32767.5 rounds away from zero
		{[]uint16{100, 200, 300, 400}, []uint16{16384, 32768, 49151, 65535}},
		{[]uint16{65535, 0, 40000}, []uint16{65535, 0, 40000}},
		{[]uint16{40000, 20000}, []uint16{65535, 32767}}, // max > 32768: the reference divides first and loses a bit
	}
	for _, tt := range tests {
		got := MaxUpscale(tt.in)
		if len(got) != len(tt.want) {
			t.Fatalf("MaxUpscale(%v) = %v", tt.in, got)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Fatalf("MaxUpscale(%v) = %v, want %v", tt.in, got, tt.want)
			}
		}
	}
	if !CheckVecMaxLimited([]uint16{1, 1}, 32768) || CheckVecMaxLimited([]uint16{3, 1}, 32768) {
		t.Fatal("CheckVecMaxLimited")
	}
}

// weightsEnv is a subnet with the owner (UID 0), a permitted validator v
// (UID 1) and miners m1, m2 (UIDs 2, 3).
func weightsEnv(t testing.TB) (*env, uint16, keys.PublicKey) {
	e := newEnv(t)
	id := e.subnet("owner")
	e.setParams(id, func(p *SubnetParams) { p.MaxRegsPerBlock, p.TargetRegsPerInterval, p.WeightsRateLimit = 10, 10, 0 })
	for _, n := range []string{"v", "m1", "m2"} {
		e.neuron(id, n)
	}
	n, _ := GetNeuron(e.kv, id, 1)
	n.ValidatorPermit = true
	setNeuron(e.kv, id, &n)
	return e, id, acct("v/hot")
}

func TestSetWeightsChecks(t *testing.T) {
	e, id, v := weightsEnv(t)
	set := func(hot keys.PublicKey, netuid uint16, uids, vals []uint16, ver uint64) error {
		return e.do(hot, func(ctx *module.Context) error {
			_, err := Handle(ctx, tx.SetWeights{Netuid: netuid, Dests: uids, Weights: vals, VersionKey: ver})
			return err
		})
	}
	u := []uint16{2, 3}
	w := []uint16{1, 3}
	tests := []struct {
		name  string
		setup func()
		run   func() error
		want  *module.Error
	}{
		{"root network", nil, func() error { return set(v, 0, u, w, 0) }, ErrCanNotSetRootNetworkWeights},
		{"lengths differ", nil, func() error { return set(v, id, u, w[:1], 0) }, ErrWeightVecNotEqualSize},
		{"no subnet", nil, func() error { return set(v, 9, u, w, 0) }, ErrSubnetNotExists},
		{"more uids than neurons", nil, func() error { return set(v, id, []uint16{0, 1, 2, 3, 4}, []uint16{1, 1, 1, 1, 1}, 0) }, ErrUidsLengthExceedUidsInSubNet},
		{"not registered", nil, func() error { return set(acct("x"), id, u, w, 0) }, ErrHotKeyNotRegisteredInSubNet},
		{"stake below threshold", func() { np := Network(e.kv); np.StakeThreshold = 1; SetNetwork(e.kv, np) },
			func() error { return set(v, id, u, w, 0) }, ErrNotEnoughStakeToSetWeights},
		{"owner hotkey exempt from the stake threshold and the permit", nil,
			func() error { return set(acct("owner/hot"), id, u, w, 0) }, nil},
		{"old version key", func() {
			np := Network(e.kv)
			np.StakeThreshold = 0
			SetNetwork(e.kv, np)
			e.setParams(id, func(p *SubnetParams) { p.WeightsVersionKey = 5 })
		}, func() error { return set(v, id, u, w, 4) }, ErrIncorrectWeightVersionKey},
		{"newer version key is fine", nil, func() error { return set(v, id, u, w, 6) }, nil},
		{"rate limit", func() { e.setParams(id, func(p *SubnetParams) { p.WeightsRateLimit = 5 }) },
			func() error { return set(v, id, u, w, 5) }, ErrSettingWeightsTooFast},
		{"after the rate limit", func() { e.height += 5 }, func() error { return set(v, id, u, w, 5) }, nil},
		{"no validator permit", func() { e.setParams(id, func(p *SubnetParams) { p.WeightsRateLimit = 0 }) },
			func() error { return set(acct("m1/hot"), id, u, w, 5) }, ErrNeuronNoValidatorPermit},
		{"owner hotkey needs no permit", nil, func() error { return set(acct("owner/hot"), id, u, w, 5) }, nil},
		{"self weight without permit", nil, func() error { return set(acct("m1/hot"), id, []uint16{2}, []uint16{7}, 5) }, nil},
		{"duplicate uids", nil, func() error { return set(v, id, []uint16{2, 2}, w, 5) }, ErrDuplicateUids},
		{"unknown uid", nil, func() error { return set(v, id, []uint16{2, 9}, w, 5) }, ErrUidVecContainInvalidOne},
		{"too few weights", func() { e.setParams(id, func(p *SubnetParams) { p.MinAllowedWeights = 3 }) },
			func() error { return set(v, id, u, w, 5) }, ErrWeightVecLengthIsLow},
		{"min allowed capped at N", func() { e.setParams(id, func(p *SubnetParams) { p.MinAllowedWeights = 100 }) },
			func() error { return set(v, id, []uint16{0, 1, 2, 3}, []uint16{1, 1, 1, 1}, 5) }, nil},
		{"max weight exceeded", func() {
			e.setParams(id, func(p *SubnetParams) { p.MinAllowedWeights, p.MaxWeightsLimit = 1, 32768 })
		}, func() error { return set(v, id, u, w, 5) }, ErrMaxWeightExceeded},
		{"within max weight", nil, func() error { return set(v, id, u, []uint16{1, 1}, 5) }, nil},
		{"commit-reveal on", func() { e.setParams(id, func(p *SubnetParams) { p.CommitRevealEnabled = true }) },
			func() error { return set(v, id, u, w, 5) }, ErrCommitRevealEnabled},
	}
	for _, tt := range tests {
		if tt.setup != nil {
			tt.setup()
		}
		if err := tt.run(); tt.want == nil && err != nil || tt.want != nil && !errorIs(err, tt.want) {
			t.Fatalf("%s: error %v, want %v", tt.name, err, tt.want)
		}
	}
	if got := Weights(e.kv, id, 1); len(got) != 2 || got[0] != (Entry{2, 65535}) || got[1] != (Entry{3, 65535}) {
		t.Fatalf("stored weights %v", got)
	}
	if n, _ := GetNeuron(e.kv, id, 1); n.LastUpdate != uint64(e.height) {
		t.Fatalf("last update %d, want %d", n.LastUpdate, e.height)
	}
}

func errorIs(err error, want *module.Error) bool {
	e, ok := module.AsError(err)
	return ok && e == want
}

func TestCommitRevealTiming(t *testing.T) {
	e, id, v := weightsEnv(t)
	e.setParams(id, func(p *SubnetParams) {
		p.CommitRevealEnabled, p.Tempo, p.CommitRevealPeriod, p.WeightsRateLimit = true, 10, 1, 0
	})
	uids, vals, salt := []uint16{2, 3}, []uint16{5, 6}, []uint16{42}
	h := tx.CommitHash(v, id, uids, vals, salt, 0)
	commit := func(hash [32]byte) error {
		return e.do(v, func(ctx *module.Context) error { return CommitWeights(ctx, v, id, hash) })
	}
	reveal := func(vals, salt []uint16) error {
		return e.do(v, func(ctx *module.Context) error { return RevealWeights(ctx, v, id, uids, vals, salt, 0) })
	}
	epochStart := func(epoch uint64) int64 { return int64(epoch*11 - uint64(id) - 1) } // tempo 10
	wantErr(t, reveal(vals, salt), ErrNoWeightsCommitFound)
	e.height = epochStart(3) + 2
	wantErr(t, commit(h), nil)
	wantErr(t, reveal(vals, salt), ErrRevealTooEarly) // same epoch
	e.height = epochStart(4) + 9
	wantErr(t, reveal(vals, []uint16{43}), ErrInvalidRevealCommitHashNotMatch)
	wantErr(t, reveal(vals, salt), nil)
	if got := Weights(e.kv, id, 1); len(got) != 2 || got[1].Value != 65535 {
		t.Fatalf("revealed weights %v", got)
	}
	wantErr(t, reveal(vals, salt), ErrNoWeightsCommitFound) // consumed
	// A commit not revealed in the next epoch expires.
	wantErr(t, commit(h), nil)
	e.height = epochStart(6)
	wantErr(t, reveal(vals, salt), ErrExpiredWeightCommit)
	// At most 10 unrevealed commits.
	for i := range MaxUnrevealedCommits {
		wantErr(t, commit([32]byte{byte(i)}), nil)
	}
	wantErr(t, commit(h), ErrTooManyUnrevealedCommits)
	e.setParams(id, func(p *SubnetParams) { p.CommitRevealEnabled = false })
	wantErr(t, commit(h), ErrCommitRevealDisabled)
	wantErr(t, reveal(vals, salt), ErrCommitRevealDisabled)
}

func TestEpochInputCommitMask(t *testing.T) {
	e, id, v := weightsEnv(t)
	e.setParams(id, func(p *SubnetParams) { p.CommitRevealEnabled, p.Tempo, p.CommitRevealPeriod = true, 10, 1 })
	p := e.params(id)
	if in, _ := EpochInput(e.kv, id, &p, uint64(e.height), 0); in.CommitBlock != nil {
		t.Fatal("commit mask without commits")
	}
	e.ok(v, func(ctx *module.Context) error { return CommitWeights(ctx, v, id, [32]byte{1}) })
	in, ns := EpochInput(e.kv, id, &p, uint64(e.height), 0)
	if len(ns) != 4 || in.CommitBlock == nil || in.CommitBlock[1] != uint64(e.height) || in.CommitBlock[2] != yuma.NoCommit {
		t.Fatalf("commit blocks %v", in.CommitBlock)
	}
	// Two epochs later the commit has expired and no longer masks.
	in, _ = EpochInput(e.kv, id, &p, uint64(e.height)+22, 0)
	if in.CommitBlock != nil {
		t.Fatalf("expired commit still masks: %v", in.CommitBlock)
	}
	if !in.Params.CommitReveal || in.N != 4 || !in.HasOwner || in.OwnerUID != 0 {
		t.Fatalf("input %+v", in.Params)
	}
}
