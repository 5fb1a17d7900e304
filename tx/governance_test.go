package tx_test

import (
	"encoding/hex"
	"errors"
	"reflect"
	"testing"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

func TestGovernanceCallsRoundTrip(t *testing.T) {
	var who keys.PublicKey
	who[0] = 7
	hash := [32]byte{1, 2, 3}
	calls := []tx.Call{
		tx.Propose{Proposal: tx.AdminSet{Call: 30, Netuid: 1, Value: 20}, Duration: 3600},
		tx.Propose{Proposal: tx.AddTriumvirateMember{Who: who}, Duration: 1},
		tx.Close{ProposalHash: hash, ProposalIndex: 9},
		tx.Vote{Hotkey: who, ProposalHash: hash, ProposalIndex: 3, Approve: true},
		tx.AdjustSenate{Hotkey: who},
		tx.AddTriumvirateMember{Who: who},
		tx.RemoveTriumvirateMember{Who: who},
		tx.RemoveSudoKey{},
	}
	for _, c := range calls {
		got, err := tx.DecodeCall(tx.EncodeCall(c))
		if err != nil {
			t.Fatalf("%s: %v", c.Name(), err)
		}
		if !reflect.DeepEqual(got, c) {
			t.Fatalf("%s: round trip gave %#v", c.Name(), got)
		}
	}
}

func TestProposalHashIsBlake2OfTheCall(t *testing.T) {
	a := tx.ProposalHash(tx.AdminSet{Call: 30, Netuid: 1, Value: 20})
	b := tx.ProposalHash(tx.AdminSet{Call: 30, Netuid: 1, Value: 21})
	if a == b {
		t.Fatal("different calls share a proposal hash")
	}
	// Python: hashlib.blake2b(bytes([0x13,0x1e,0x01,0x00,0x14,0x00]), digest_size=32),
	// the encoding of AdminUtils.sudo_set_tempo(netuid 1, value 20).
	const want = "226c99fdd2ae1ed2434cf9b55e54650d07a42fe252fe6982189c755cd5f489d8"
	if got := hex.EncodeToString(a[:]); got != want {
		t.Fatalf("proposal hash %s, want %s", got, want)
	}
}

func TestProposeRefusesBadProposals(t *testing.T) {
	inner := tx.EncodeCall(tx.Propose{Proposal: tx.RemoveSudoKey{}, Duration: 1})
	var e tx.Encoder
	e.U8(tx.ModuleTriumvirate)
	e.U8(tx.CallPropose)
	e.ByteSlice(inner)
	e.U32(1)
	if _, err := tx.DecodeCall(e.Bytes()); !errors.Is(err, tx.ErrUnknownCall) {
		t.Fatalf("nested propose: got %v, want ErrUnknownCall", err)
	}
	var u tx.Encoder
	u.U8(tx.ModuleTriumvirate)
	u.U8(tx.CallPropose)
	u.ByteSlice([]byte{200, 1})
	u.U32(1)
	if _, err := tx.DecodeCall(u.Bytes()); !errors.Is(err, tx.ErrUnknownCall) {
		t.Fatalf("unknown inner call: got %v, want ErrUnknownCall", err)
	}
	if _, err := tx.DecodeCall(append(tx.EncodeCall(tx.RemoveSudoKey{}), 0)); !errors.Is(err, tx.ErrTrailingBytes) {
		t.Fatalf("trailing byte: got %v", err)
	}
}
