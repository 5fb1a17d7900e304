package governance_test

import (
	"testing"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/chain/governance"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/storetest"
	"github.com/taonet/taonet/tx"
)

const tao = 1_000_000_000

// gov is a chain with //Alice as sudo and sole triumvirate member, subnet 1
// owned by //Alice, and //Bob, //Charlie and //Dave as root validators.
type gov struct {
	t       *testing.T
	c       *testchain.Chain
	alice   *keys.Keypair
	senate  []*keys.Keypair // coldkeys
	hot     []*keys.Keypair // their root hotkeys
	eve     *keys.Keypair
	eveHot  *keys.Keypair
	lastRes []chain.Result
}

func newGov(t *testing.T) *gov {
	t.Helper()
	g := testchain.Genesis(t, "gov-test", 1_000_000*tao, "//Alice", "//Bob", "//Charlie", "//Dave", "//Eve")
	g.Sudo = testchain.Key(t, "//Alice").SS58()
	g.Governance.Triumvirate = []string{g.Sudo}
	s := &gov{t: t, c: testchain.New(t, g), alice: testchain.Key(t, "//Alice"),
		eve: testchain.Key(t, "//Eve"), eveHot: testchain.Key(t, "//Eve//hot")}
	s.ok("register_network", s.tx(s.alice, tx.RegisterNetwork{Hotkey: testchain.Key(t, "//Alice//owner").Public()}))
	for i, u := range []string{"//Bob", "//Charlie", "//Dave"} { // one root registration per block
		s.senate = append(s.senate, testchain.Key(t, u))
		s.hot = append(s.hot, testchain.Key(t, u+"//hot"))
		s.ok("root_register", s.tx(s.senate[i], tx.RootRegister{Hotkey: s.hot[i].Public()}))
	}
	return s
}

// tx builds one signed tx with the signer's nonce as committed state has it
// (failed txs may or may not have used theirs).
func (s *gov) tx(kp *keys.Keypair, call tx.Call) []byte {
	s.t.Helper()
	s.c.Read(func(r store.Reader) { s.c.ResetNonce(kp, auth.Nonce(r, kp.Public())) })
	return s.c.Tx(kp, call)
}

func (s *gov) ok(what string, txs ...[]byte) {
	s.t.Helper()
	s.lastRes = s.c.Block(txs...)
	for i, r := range s.lastRes {
		if r.Code != 0 {
			s.t.Fatalf("%s: tx %d refused: %s: %s", what, i, r.Error, r.Log)
		}
	}
}

func (s *gov) refused(what string, want *module.Error, raw []byte) {
	s.t.Helper()
	rs := s.c.Block(raw)
	if rs[0].Error != want.Name {
		s.t.Fatalf("%s: got %q (%s), want %s", what, rs[0].Error, rs[0].Log, want.Name)
	}
}

func tempoSetter(netuid uint16, v uint64) tx.AdminSet {
	p, _ := tx.AdminParamByName("sudo_set_tempo")
	return tx.AdminSet{Call: p.Index, Netuid: netuid, Value: v}
}

func (s *gov) tempo() uint16 {
	var tempo uint16
	s.c.Read(func(r store.Reader) {
		p, _ := subtensor.Params(r, 1)
		tempo = p.Tempo
	})
	return tempo
}

func (s *gov) motions() []governance.Motion {
	var ms []governance.Motion
	s.c.Read(func(r store.Reader) { ms = governance.Motions(r) })
	return ms
}

func (s *gov) vote(i int, m governance.Motion, aye bool) []byte {
	return s.tx(s.senate[i], tx.Vote{Hotkey: s.hot[i].Public(), ProposalHash: m.Hash, ProposalIndex: m.Index, Approve: aye})
}

func eventAttr(rs []chain.Result, typ, key string) string {
	for _, r := range rs {
		for _, e := range r.Events {
			if e.Type == typ {
				for _, a := range e.Attrs {
					if a.Key == key {
						return a.Value
					}
				}
			}
		}
	}
	return ""
}

func TestSenateFormsFromRootValidators(t *testing.T) {
	s := newGov(t)
	var senate, tri []keys.PublicKey
	s.c.Read(func(r store.Reader) { senate, tri = governance.Senate(r), governance.Triumvirate(r) })
	if len(senate) != 3 {
		t.Fatalf("senate has %d members, want the 3 root validators", len(senate))
	}
	for _, h := range s.hot {
		found := false
		for _, m := range senate {
			found = found || m == h.Public()
		}
		if !found {
			t.Fatalf("root validator %s has no seat", h.SS58())
		}
	}
	if len(tri) != 1 || tri[0] != s.alice.Public() {
		t.Fatalf("triumvirate = %v, want //Alice", tri)
	}
}

func TestMotionPassesAndRuns(t *testing.T) {
	s := newGov(t)
	before := s.tempo()
	s.ok("propose", s.tx(s.alice, tx.Propose{Proposal: tempoSetter(1, 20), Duration: 3600}))
	if got := eventAttr(s.lastRes, "Proposed", "threshold"); got != "2" {
		t.Fatalf("threshold %q, want 2 (3 seats / 2 + 1)", got)
	}
	m := s.motions()[0]
	s.refused("non-member vote", governance.ErrNotSenateMember,
		s.tx(s.eve, tx.Vote{Hotkey: s.eveHot.Public(), ProposalHash: m.Hash, ProposalIndex: m.Index, Approve: true}))
	s.refused("vote for another's seat", subtensor.ErrNonAssociatedColdKey,
		s.tx(s.eve, tx.Vote{Hotkey: s.hot[0].Public(), ProposalHash: m.Hash, ProposalIndex: m.Index, Approve: true}))
	s.ok("aye 1", s.vote(0, m, true))
	s.refused("double vote", governance.ErrDuplicateVote, s.vote(0, m, true))
	s.refused("early close", governance.ErrTooEarly, s.tx(s.eve, tx.Close{ProposalHash: m.Hash, ProposalIndex: m.Index}))
	s.refused("wrong index", governance.ErrWrongIndex, s.tx(s.eve, tx.Close{ProposalHash: m.Hash, ProposalIndex: m.Index + 1}))
	if s.tempo() != before {
		t.Fatal("tempo changed before the motion passed")
	}
	s.ok("aye 2", s.vote(1, m, true))
	s.ok("close", s.tx(s.eve, tx.Close{ProposalHash: m.Hash, ProposalIndex: m.Index}))
	if got := eventAttr(s.lastRes, "Executed", "result"); got != "ok" {
		t.Fatalf("Executed result %q, want ok", got)
	}
	if s.tempo() != 20 {
		t.Fatalf("tempo %d after the motion, want 20", s.tempo())
	}
	if len(s.motions()) != 0 {
		t.Fatal("closed motion still open")
	}
	s.refused("close again", governance.ErrProposalMissing, s.tx(s.eve, tx.Close{ProposalHash: m.Hash, ProposalIndex: m.Index}))
}

func TestMotionRejectedChangesNothing(t *testing.T) {
	s := newGov(t)
	before := s.tempo()
	s.ok("propose", s.tx(s.alice, tx.Propose{Proposal: tempoSetter(1, 30), Duration: 3600}))
	m := s.motions()[0]
	s.ok("votes", s.vote(0, m, true), s.vote(1, m, false))
	s.refused("undecided close", governance.ErrTooEarly, s.tx(s.eve, tx.Close{ProposalHash: m.Hash, ProposalIndex: m.Index}))
	s.ok("nay 2", s.vote(2, m, false))
	s.ok("close", s.tx(s.eve, tx.Close{ProposalHash: m.Hash, ProposalIndex: m.Index}))
	if eventAttr(s.lastRes, "Disapproved", "proposal_hash") == "" || eventAttr(s.lastRes, "Executed", "result") != "" {
		t.Fatalf("want Disapproved and no Executed: %+v", s.lastRes[0].Events)
	}
	if s.tempo() != before {
		t.Fatalf("tempo %d, want unchanged %d", s.tempo(), before)
	}
}

func TestProposeRules(t *testing.T) {
	s := newGov(t)
	s.refused("non-triumvirate propose", governance.ErrNotMember, s.tx(s.senate[0], tx.Propose{Proposal: tempoSetter(1, 20), Duration: 3600}))
	s.refused("short duration", governance.ErrDurationLowerThanConfiguredMotionDuration, s.tx(s.alice, tx.Propose{Proposal: tempoSetter(1, 20), Duration: 10}))
	for v := uint64(0); v < 10; v++ {
		s.ok("propose", s.tx(s.alice, tx.Propose{Proposal: tempoSetter(1, 100+v), Duration: 3600}))
	}
	s.refused("duplicate", governance.ErrDuplicateProposal, s.tx(s.alice, tx.Propose{Proposal: tempoSetter(1, 100), Duration: 3600}))
	s.refused("eleventh", governance.ErrTooManyProposals, s.tx(s.alice, tx.Propose{Proposal: tempoSetter(1, 200), Duration: 3600}))
	if n := len(s.motions()); n != 10 {
		t.Fatalf("%d motions open, want 10", n)
	}
}

func TestFailingMotionIsRecordedAndClosed(t *testing.T) {
	s := newGov(t)
	s.ok("propose", s.tx(s.alice, tx.Propose{Proposal: tempoSetter(42, 20), Duration: 3600})) // no subnet 42
	m := s.motions()[0]
	s.ok("ayes", s.vote(0, m, true), s.vote(1, m, true))
	s.ok("close", s.tx(s.eve, tx.Close{ProposalHash: m.Hash, ProposalIndex: m.Index}))
	if got := eventAttr(s.lastRes, "Executed", "result"); got != subtensor.ErrAdminSubnetDoesNotExist.Name {
		t.Fatalf("Executed result %q, want %s", got, subtensor.ErrAdminSubnetDoesNotExist.Name)
	}
	if len(s.motions()) != 0 {
		t.Fatal("failed motion still open")
	}
}

func TestMotionExpiresAtItsEnd(t *testing.T) {
	s := newGov(t)
	s.ok("propose", s.tx(s.alice, tx.Propose{Proposal: tempoSetter(1, 20), Duration: 3600}))
	m := s.motions()[0]
	s.ok("aye", s.vote(0, m, true))
	for s.c.Height() < int64(m.End)-1 {
		s.c.Block()
	}
	if len(s.motions()) != 1 {
		t.Fatal("motion closed before its end")
	}
	s.c.Block()
	if len(s.motions()) != 0 {
		t.Fatalf("motion still open after its end block %d (height %d)", m.End, s.c.Height())
	}
	if s.tempo() == 20 {
		t.Fatal("expired motion without enough ayes ran")
	}
}

func TestSudoRetireLeavesOnlyMotions(t *testing.T) {
	s := newGov(t)
	s.refused("retire by non-sudo", governance.ErrRequireSudo, s.tx(s.eve, tx.RemoveSudoKey{}))
	s.ok("retire", s.tx(s.alice, tx.RemoveSudoKey{}))
	s.refused("sudo after retire", subtensor.ErrBadOrigin, s.tx(s.alice, tempoSetter(1, 20)))
	s.refused("triumvirate add after retire", governance.ErrBadOrigin, s.tx(s.alice, tx.AddTriumvirateMember{Who: s.eve.Public()}))
	s.ok("propose member", s.tx(s.alice, tx.Propose{Proposal: tx.AddTriumvirateMember{Who: s.eve.Public()}, Duration: 3600}))
	m := s.motions()[0]
	s.ok("ayes", s.vote(0, m, true), s.vote(2, m, true))
	s.ok("close", s.tx(s.senate[1], tx.Close{ProposalHash: m.Hash, ProposalIndex: m.Index}))
	var isMember bool
	s.c.Read(func(r store.Reader) { isMember = governance.IsTriumvirate(r, s.eve.Public()) })
	if !isMember {
		t.Fatalf("passed motion did not add //Eve: %+v", s.lastRes[0].Events)
	}
	s.ok("eve proposes", s.tx(s.eve, tx.Propose{Proposal: tempoSetter(1, 20), Duration: 3600}))
}

func TestTriumvirateMembership(t *testing.T) {
	s := newGov(t)
	s.refused("add by non-sudo", governance.ErrBadOrigin, s.tx(s.eve, tx.AddTriumvirateMember{Who: s.eve.Public()}))
	s.refused("add twice", governance.ErrAlreadyMember, s.tx(s.alice, tx.AddTriumvirateMember{Who: s.alice.Public()}))
	s.ok("add 2", s.tx(s.alice, tx.AddTriumvirateMember{Who: s.senate[0].Public()}))
	s.ok("add 3", s.tx(s.alice, tx.AddTriumvirateMember{Who: s.senate[1].Public()}))
	s.refused("add 4", governance.ErrTooManyMembers, s.tx(s.alice, tx.AddTriumvirateMember{Who: s.eve.Public()}))
	s.refused("remove non-member", governance.ErrNotMember, s.tx(s.alice, tx.RemoveTriumvirateMember{Who: s.eve.Public()}))
	s.ok("remove", s.tx(s.alice, tx.RemoveTriumvirateMember{Who: s.senate[0].Public()}))
	s.refused("removed member proposes", governance.ErrNotMember, s.tx(s.senate[0], tx.Propose{Proposal: tempoSetter(1, 20), Duration: 3600}))
}

// A root validator replaced on the root network loses its seat and its
// votes; the newcomer takes a seat (stale-seat fix).
func TestSenateSeatFollowsRootMembership(t *testing.T) {
	s := newGov(t)
	maxUIDs, _ := tx.AdminParamByName("sudo_set_max_allowed_uids")
	stakes := [][]byte{}
	for i := range s.senate {
		stakes = append(stakes, s.tx(s.senate[i], tx.AddStake{Hotkey: s.hot[i].Public(), Amount: uint64(10+i) * tao}))
	}
	s.ok("stakes", stakes...)
	s.ok("propose", s.tx(s.alice, tx.Propose{Proposal: tempoSetter(1, 20), Duration: 3600}))
	m := s.motions()[0]
	s.ok("bob votes", s.vote(0, m, true))
	maxVals, _ := tx.AdminParamByName("sudo_set_max_allowed_validators")
	s.ok("root validators cap", s.tx(s.alice, tx.AdminSet{Call: maxVals.Index, Netuid: 0, Value: 3}))
	s.ok("root cap", s.tx(s.alice, tx.AdminSet{Call: maxUIDs.Index, Netuid: 0, Value: 3}))
	target, _ := tx.AdminParamByName("sudo_set_target_registrations_per_interval")
	s.ok("root interval", s.tx(s.alice, tx.AdminSet{Call: target.Index, Netuid: 0, Value: 100}))
	s.ok("eve registers", s.tx(s.eve, tx.BurnedRegister{Netuid: 1, Hotkey: s.eveHot.Public()}))
	s.ok("eve stakes", s.tx(s.eve, tx.AddStake{Hotkey: s.eveHot.Public(), Amount: 100 * tao}))
	s.ok("eve root", s.tx(s.eve, tx.RootRegister{Hotkey: s.eveHot.Public()}))
	var bobSeat, eveSeat bool
	s.c.Read(func(r store.Reader) {
		bobSeat, eveSeat = governance.IsSenator(r, s.hot[0].Public()), governance.IsSenator(r, s.eveHot.Public())
	})
	if bobSeat || !eveSeat {
		t.Fatalf("after //Bob's hotkey left root: bob seat %v (want false), eve seat %v (want true)", bobSeat, eveSeat)
	}
	if m2 := s.motions()[0]; len(m2.Ayes) != 0 {
		t.Fatalf("the replaced member's vote stayed: %d ayes", len(m2.Ayes))
	}
	s.refused("replaced member votes", governance.ErrNotSenateMember, s.vote(0, m, true))
}

func TestGenesisRoundTrip(t *testing.T) {
	s := newGov(t)
	s.ok("propose", s.tx(s.alice, tx.Propose{Proposal: tempoSetter(1, 20), Duration: 3600}))
	s.ok("aye", s.vote(0, s.motions()[0], true))
	var g governance.Genesis
	s.c.Read(func(r store.Reader) { g = governance.ExportGenesis(r) })
	if err := g.Validate(); err != nil {
		t.Fatal(err)
	}
	kv := store.NewCache(storetest.NewModelKV())
	if err := governance.InitGenesis(kv, &g); err != nil {
		t.Fatal(err)
	}
	if again := governance.ExportGenesis(kv); len(again.Records) != len(g.Records) || len(again.Triumvirate) != 1 {
		t.Fatalf("round trip lost state: %+v vs %+v", again, g)
	}
	if ms := governance.Motions(kv); len(ms) != 1 || len(ms[0].Ayes) != 1 {
		t.Fatalf("motion not restored: %+v", ms)
	}
}
