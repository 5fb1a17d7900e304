package tx_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

func subtensorCalls(t testing.TB) []tx.Call {
	bob, _ := keys.FromURI("//Bob")
	hk := bob.Public()
	var h [32]byte
	for i := range h {
		h[i] = byte(i * 7)
	}
	calls := []tx.Call{
		tx.SetWeights{Netuid: 3, Dests: []uint16{0, 1, 2}, Weights: []uint16{1, 65535, 9}, VersionKey: 77},
		tx.SetWeights{Netuid: 1, Dests: []uint16{}, Weights: []uint16{}},
		tx.BecomeDelegate{Hotkey: hk},
		tx.AddStake{Hotkey: hk, Amount: 1 << 40},
		tx.RemoveStake{Hotkey: hk, Amount: 5},
		tx.ServeAxon{Netuid: 2, Version: 7, IPHigh: 1, IPLow: 0x0a000001, Port: 8091, IPType: 6, Protocol: 4, Placeholder1: 1, Placeholder2: 2},
		tx.ServePrometheus{Netuid: 2, Version: 7, IPLow: 0x0a000001, Port: 9090, IPType: 4},
		tx.PowRegister{Netuid: 1, BlockNumber: 99, Nonce: 12345, Work: h, Hotkey: hk, Coldkey: alice(t).Public()},
		tx.BurnedRegister{Netuid: 1, Hotkey: hk},
		tx.SetRootWeights{Netuid: 0, Hotkey: hk, Dests: []uint16{1, 2}, Weights: []uint16{3, 4}, VersionKey: 1},
		tx.RegisterNetwork{Hotkey: hk},
		tx.DissolveNetwork{Coldkey: hk, Netuid: 9},
		tx.ScheduleDissolveNetwork{Netuid: 9},
		tx.SetIdentity{IdentityName: "n", URL: "u", GithubRepo: "g", Image: "i", Discord: "d", Description: "τ", Additional: ""},
		tx.SetSubnetIdentity{Netuid: 3, SubnetName: "s", GithubRepo: "g", SubnetContact: "c", SubnetURL: "u", Discord: "d", Description: "x", Additional: "a"},
		tx.RootRegister{Hotkey: hk},
		tx.DecreaseTake{Hotkey: hk, Take: 100},
		tx.IncreaseTake{Hotkey: hk, Take: 11796},
		tx.CommitWeights{Netuid: 4, Hash: h},
		tx.RevealWeights{Netuid: 4, Uids: []uint16{1}, Values: []uint16{2}, Salt: []uint16{3, 4}, VersionKey: 5},
		tx.SwapHotkey{Hotkey: hk, NewHotkey: alice(t).Public()},
		tx.SwapHotkey{Hotkey: hk, NewHotkey: alice(t).Public(), OnNetuid: true, Netuid: 3},
		tx.SwapColdkey{OldColdkey: hk, NewColdkey: alice(t).Public()},
		tx.ScheduleSwapColdkey{NewColdkey: hk},
		tx.SetChildren{Hotkey: hk, Netuid: 2, Children: []tx.Child{{Proportion: 1 << 63, Hotkey: alice(t).Public()}, {Proportion: 5, Hotkey: hk}}},
		tx.SetChildren{Hotkey: hk, Netuid: 2},
		tx.SetChildkeyTake{Hotkey: hk, Netuid: 2, Take: 5898},
		tx.ChildkeySudo{Call: tx.CallSudoSetTxChildkeyTakeRateLimit, Value: 216_000},
		tx.ChildkeySudo{Call: tx.CallSudoSetMinChildkeyTake, Value: 1},
		tx.ChildkeySudo{Call: tx.CallSudoSetMaxChildkeyTake, Value: 11_796},
		tx.ChildkeySudo{Call: tx.CallSudoSetPendingChildkeyCooldown, Value: 15},
	}
	for _, p := range tx.AdminParams {
		c := tx.AdminSet{Call: p.Index, Value: 1}
		if p.Subnet {
			c.Netuid = 7
		}
		calls = append(calls, c)
	}
	return calls
}

func TestSubtensorCallsRoundTrip(t *testing.T) {
	for _, c := range subtensorCalls(t) {
		t.Run(c.Name(), func(t *testing.T) {
			x := &tx.Tx{ChainID: "test", Nonce: 1, Call: c}
			if err := x.Sign(alice(t)); err != nil {
				t.Fatal(err)
			}
			raw := x.Encode()
			got, err := tx.Decode(raw)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if !reflect.DeepEqual(got.Call, c) {
				t.Fatalf("decoded %#v, want %#v", got.Call, c)
			}
			if got.Call.Name() != c.Name() || !bytes.Equal(got.Encode(), raw) {
				t.Fatal("name or re-encoding differs")
			}
			// Every strict prefix of the call's fields is refused.
			if _, err := tx.Decode(raw[:len(raw)-65]); err == nil {
				t.Fatal("truncated call decoded")
			}
		})
	}
}

func TestSubtensorCallNames(t *testing.T) {
	want := map[string]bool{
		"SubtensorModule.set_weights": true, "SubtensorModule.add_stake": true, "SubtensorModule.register_network": true,
		"SubtensorModule.set_root_weights": true, "AdminUtils.sudo_set_tempo": true, "SubtensorModule.register": true,
	}
	for _, ci := range tx.Calls() {
		delete(want, ci.Name)
	}
	if len(want) != 0 {
		t.Fatalf("not registered: %v", want)
	}
	if p, ok := tx.AdminParamByName("sudo_set_tempo"); !ok || p.Index != 30 || !p.Subnet {
		t.Fatalf("sudo_set_tempo = %+v", p)
	}
}

func TestAdminBoolCanonical(t *testing.T) {
	p, _ := tx.AdminParamByName("sudo_set_yuma3_enabled")
	x := &tx.Tx{ChainID: "test", Call: tx.AdminSet{Call: p.Index, Netuid: 1, Value: 1}}
	_ = x.Sign(alice(t))
	raw := x.Encode()
	i := bytes.LastIndex(raw[:len(raw)-64], []byte{1})
	raw[i] = 2 // the bool byte
	if _, err := tx.Decode(raw); err == nil {
		t.Fatal("non-canonical bool accepted")
	}
}

func FuzzSubtensorCalls(f *testing.F) {
	for _, c := range subtensorCalls(f) {
		var e tx.Encoder
		e.U8(c.Module())
		e.U8(c.Index())
		c.EncodeFields(&e)
		f.Add(e.Bytes())
	}
	signer := alice(f)
	f.Fuzz(func(t *testing.T, call []byte) {
		// Wrap the call bytes in an envelope with a dummy signature.
		var e tx.Encoder
		e.U8(1)
		e.String("test")
		e.Key(signer.Public())
		e.U64(0)
		e.U64(0)
		e.Fixed(call)
		e.Fixed(make([]byte, 64))
		raw := e.Bytes()
		got, err := tx.Decode(raw)
		if err != nil {
			return
		}
		if !bytes.Equal(got.Encode(), raw) {
			t.Fatalf("decode/encode not canonical for %x", call)
		}
	})
}
