package authority

import (
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"strconv"
	"testing"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/storetest"
	"github.com/taonet/taonet/tx"
)

// key returns a deterministic ed25519 public key named by seed.
func key(seed string) [32]byte {
	s := sha256.Sum256([]byte(seed))
	var k [32]byte
	copy(k[:], ed25519.NewKeyFromSeed(s[:]).Public().(ed25519.PublicKey))
	return k
}

func rootCtx(kv store.KV) *module.Context {
	return &module.Context{Env: module.Env{ChainID: "authority", Height: 7}, KV: kv, Events: &module.EventLog{}, Root: true}
}

// TestChangesFollowCometBFTRules: every change CometBFT would refuse is
// refused with its named error and leaves the set as it was.
func TestChangesFollowCometBFTRules(t *testing.T) {
	a, b, c := key("a"), key("b"), key("c")
	notAPoint := [32]byte{2} // y = 2 has no x on the curve
	tests := []struct {
		name string
		call tx.Call
		root bool
		want error
		size int // members after a successful change
	}{
		{"add", tx.AddAuthority{Key: c, Power: 5}, true, nil, 3},
		{"remove", tx.RemoveAuthority{Key: b}, true, nil, 1},
		{"add twice", tx.AddAuthority{Key: a, Power: 5}, true, ErrDuplicateAuthority, 2},
		{"zero power", tx.AddAuthority{Key: c, Power: 0}, true, ErrInvalidAuthority, 2},
		{"power over the bound", tx.AddAuthority{Key: c, Power: MaxTotalPower + 1}, true, ErrInvalidAuthority, 2},
		{"total over the bound", tx.AddAuthority{Key: c, Power: MaxTotalPower - 10}, true, ErrAuthorityPowerBound, 2},
		{"not an ed25519 key", tx.AddAuthority{Key: notAPoint, Power: 1}, true, ErrInvalidAuthority, 2},
		{"remove unknown", tx.RemoveAuthority{Key: c}, true, ErrUnknownAuthority, 2},
		{"signed origin", tx.AddAuthority{Key: c, Power: 1}, false, nil /* checked below */, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kv := store.NewCache(storetest.NewModelKV())
			if err := InitGenesis(kv, []Authority{{a, 10}, {b, 10}}); err != nil {
				t.Fatal(err)
			}
			before := Set(kv)
			ctx := rootCtx(kv)
			ctx.Root = tt.root
			branch, commit := ctx.Branch()
			handled, err := Handle(branch, tt.call)
			if !handled {
				t.Fatal("call not handled")
			}
			if !tt.root {
				if err == nil {
					t.Fatal("a signed origin without sudo changed the set")
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
			if err != nil {
				if got := Set(kv); len(got) != len(before) {
					t.Fatalf("refused change altered the set: %v", got)
				}
				return
			}
			commit()
			if got := len(Set(kv)); got != tt.size {
				t.Fatalf("set has %d members, want %d", got, tt.size)
			}
		})
	}
}

// TestNeverEmpty: the last authority cannot be removed.
func TestNeverEmpty(t *testing.T) {
	kv := store.NewCache(storetest.NewModelKV())
	a := key("a")
	if err := InitGenesis(kv, []Authority{{a, 1}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Handle(rootCtx(kv), tx.RemoveAuthority{Key: a}); !errors.Is(err, ErrEmptyAuthoritySet) {
		t.Fatalf("err %v, want ErrEmptyAuthoritySet", err)
	}
	if Power(kv, a) != 1 {
		t.Fatal("the last authority was removed")
	}
}

// TestGenesisRules: InitGenesis refuses what a change would refuse.
func TestGenesisRules(t *testing.T) {
	a := key("a")
	tests := []struct {
		name string
		set  []Authority
		want error
	}{
		{"duplicate", []Authority{{a, 1}, {a, 2}}, ErrDuplicateAuthority},
		{"zero power", []Authority{{a, 0}}, ErrInvalidAuthority},
		{"over the bound", []Authority{{a, MaxTotalPower}, {key("b"), 1}}, ErrAuthorityPowerBound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := InitGenesis(store.NewCache(storetest.NewModelKV()), tt.set); !errors.Is(err, tt.want) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
		})
	}
}

// TestEndBlockEmitsNetChanges: one update per key whose power changed over
// the block, in key order; a key added and removed in one block emits none.
func TestEndBlockEmitsNetChanges(t *testing.T) {
	a, b, c, d := key("a"), key("b"), key("c"), key("d")
	kv := store.NewCache(storetest.NewModelKV())
	if err := InitGenesis(kv, []Authority{{a, 10}, {b, 10}}); err != nil {
		t.Fatal(err)
	}
	ctx := rootCtx(kv)
	for _, call := range []tx.Call{
		tx.AddAuthority{Key: c, Power: 3},
		tx.AddAuthority{Key: d, Power: 4},
		tx.RemoveAuthority{Key: d},
		tx.RemoveAuthority{Key: b},
	} {
		if _, err := Handle(ctx, call); err != nil {
			t.Fatalf("%T: %v", call, err)
		}
	}
	end := &module.EventLog{}
	if err := EndBlock(&module.Context{Env: ctx.Env, KV: kv, Events: end}); err != nil {
		t.Fatal(err)
	}
	ups, err := Updates(end.Events())
	if err != nil {
		t.Fatal(err)
	}
	want := map[[32]byte]int64{b: 0, c: 3}
	if len(ups) != len(want) {
		t.Fatalf("updates %v, want %v", ups, want)
	}
	for i, u := range ups {
		if p, ok := want[u.Key]; !ok || p != u.Power {
			t.Fatalf("update %d: %X power %d not expected", i, u.Key, u.Power)
		}
		if i > 0 && string(ups[i-1].Key[:]) >= string(u.Key[:]) {
			t.Fatal("updates not in key order")
		}
	}
	// The block's record is cleared: the next block emits nothing.
	next := &module.EventLog{}
	if err := EndBlock(&module.Context{Env: ctx.Env, KV: kv, Events: next}); err != nil {
		t.Fatal(err)
	}
	if len(next.Events()) != 0 {
		t.Fatalf("a quiet block emitted %v", next.Events())
	}
}

// TestUpdatesRefusesMalformedEvents: a malformed update is an error, never skipped.
func TestUpdatesRefusesMalformedEvents(t *testing.T) {
	hexKey := "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29"
	tests := []struct {
		name  string
		attrs []module.Attr
	}{
		{"missing power", []module.Attr{{Key: "key", Value: hexKey}}},
		{"short key", []module.Attr{{Key: "key", Value: "abcd"}, {Key: "power", Value: "1"}}},
		{"not hex", []module.Attr{{Key: "key", Value: "zz"}, {Key: "power", Value: "1"}}},
		{"negative power", []module.Attr{{Key: "key", Value: hexKey}, {Key: "power", Value: "-1"}}},
		{"power not a number", []module.Attr{{Key: "key", Value: hexKey}, {Key: "power", Value: "x"}}},
		{"swapped names", []module.Attr{{Key: "power", Value: "1"}, {Key: "key", Value: hexKey}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Updates([]module.Event{{Type: EventValidatorUpdate, Attrs: tt.attrs}})
			if !errors.Is(err, ErrMalformedUpdate) {
				t.Fatalf("err %v, want ErrMalformedUpdate", err)
			}
		})
	}
	ups, err := Updates([]module.Event{
		{Type: "Transfer", Attrs: []module.Attr{{Key: "x", Value: "y"}}},
		{Type: EventValidatorUpdate, Attrs: []module.Attr{{Key: "key", Value: hexKey}, {Key: "power", Value: strconv.Itoa(9)}}},
	})
	if err != nil || len(ups) != 1 || ups[0].Power != 9 {
		t.Fatalf("Updates = %v, %v", ups, err)
	}
}
