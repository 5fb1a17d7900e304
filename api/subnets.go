package api

// The subnet endpoints (registered by New through registerSubnetRoutes):
//
//	GET /v1/network                            lock cost now, subnet limit and count, network parameters
//	GET /v1/subnets                            every subnet (root included) with its hyperparameters
//	GET /v1/subnets/{netuid}                   one subnet: owner, emission, burn, difficulty, tempo, counts
//	GET /v1/subnets/{netuid}/metagraph         every UID in column form (?lite=true leaves out weights and bonds)
//	GET /v1/subnets/{netuid}/neurons/{uid}     one UID with its weights, bonds, axon and prometheus
//	GET /v1/subnets/{netuid}/pow               block, block hash and difficulty a PoW registration must solve
//	GET /v1/delegates                          every delegate with take, stake and nominators
//	GET /v1/stake/{coldkey}                    a coldkey's stakes per hotkey
//
// Each response is read from one pinned committed view. Bad input is 400
// (InvalidNetuid, InvalidUid, InvalidAddress, InvalidQuery), an unknown
// subnet 404 SubnetNotExists, an unknown UID 404 NotFound.

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/taonet/taonet/apitypes"
	"net/http"
	"strconv"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
)

// Error codes of the subnet endpoints.
const (
	// CodeInvalidNetuid is the error code of a netuid that is not a u16.
	CodeInvalidNetuid = "InvalidNetuid"
	// CodeInvalidUID is the error code of a uid that is not a u16.
	CodeInvalidUID = "InvalidUid"
	// CodeInvalidAddress is the error code of an address that is not SS58 or 0x-hex.
	CodeInvalidAddress = "InvalidAddress"
	// CodeInvalidQuery is the error code of a bad query parameter.
	CodeInvalidQuery = "InvalidQuery"
	// CodeSubnetNotExists is the error code of an unknown subnet (the chain's error name).
	CodeSubnetNotExists = "SubnetNotExists"
	// CodeNotFound is the error code of an unknown UID.
	CodeNotFound = "NotFound"
)

func (s *Server) registerSubnetRoutes() {
	s.mux.HandleFunc("GET /v1/network", s.withView(s.network))
	s.mux.HandleFunc("GET /v1/subnets", s.withView(s.subnets))
	s.mux.HandleFunc("GET /v1/subnets/{netuid}", s.withView(s.subnet))
	s.mux.HandleFunc("GET /v1/subnets/{netuid}/metagraph", s.withView(s.metagraph))
	s.mux.HandleFunc("GET /v1/subnets/{netuid}/neurons/{uid}", s.withView(s.neuron))
	s.mux.HandleFunc("GET /v1/subnets/{netuid}/pow", s.withView(s.powTarget))
	s.mux.HandleFunc("GET /v1/delegates", s.withView(s.delegates))
	s.mux.HandleFunc("GET /v1/stake/{coldkey}", s.withView(s.stake))
	s.mux.HandleFunc("GET /v1/identities/{ss58}", s.withView(s.identity))
	s.mux.HandleFunc("GET /v1/subnets/{netuid}/children/{hotkey}", s.withView(s.childkeys))
	s.mux.HandleFunc("GET /v1/coldkey-swaps", s.withView(s.coldkeySwaps))
	s.mux.HandleFunc("GET /v1/coldkey-swaps/{ss58}", s.withView(s.coldkeySwap))
}

// parseU16 reads a decimal u16 path value.
func parseU16(s string) (uint16, bool) {
	v, err := strconv.ParseUint(s, 10, 16)
	return uint16(v), err == nil
}

// netuidParam parses {netuid} and checks that the subnet exists, writing the
// error response otherwise.
func netuidParam(w http.ResponseWriter, r *http.Request, v store.Reader) (uint16, subtensor.SubnetParams, bool) {
	raw := r.PathValue("netuid")
	id, ok := parseU16(raw)
	if !ok {
		WriteError(w, http.StatusBadRequest, CodeInvalidNetuid, fmt.Sprintf("netuid must be an integer in [0, 65535], got %q", raw))
		return 0, subtensor.SubnetParams{}, false
	}
	p, ok := subtensor.Params(v, id)
	if !ok {
		WriteError(w, http.StatusNotFound, CodeSubnetNotExists, fmt.Sprintf("subnet %d does not exist", id))
		return 0, p, false
	}
	return id, p, true
}

// boolQuery reads an optional boolean query parameter.
func boolQuery(w http.ResponseWriter, r *http.Request, name string) (bool, bool) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return false, true
	}
	b, err := strconv.ParseBool(raw)
	if err != nil {
		WriteError(w, http.StatusBadRequest, CodeInvalidQuery, fmt.Sprintf("%s must be true or false, got %q", name, raw))
		return false, false
	}
	return b, true
}

func ss58(k keys.PublicKey) string { return k.SS58() }

// subnetRecord builds a Subnet from one view.
func subnetRecord(v store.Reader, height int64, netuid uint16, p *subtensor.SubnetParams, lockCost, blockEmission uint64) Subnet {
	st := subtensor.State(v, netuid)
	now := uint64(max(height, 0))
	var owner, ownerHotkey string
	if st.HasOwner() {
		owner, ownerHotkey = ss58(st.Owner), ss58(st.OwnerHotkey)
	}
	return Subnet{
		Netuid: netuid, Height: height,
		OwnerColdkey: owner, OwnerHotkey: ownerHotkey,
		NetworkRegisteredAt: st.RegisteredAt, Locked: st.Locked,
		EmissionValue: st.EmissionValue, BlockEmission: blockEmission, PendingEmission: st.PendingEmission,
		Tempo: p.Tempo, LastStep: st.LastStepBlock, BlocksSinceLastStep: st.BlocksSinceLastStep,
		BlocksUntilNextEpoch: subtensor.BlocksUntilNextEpoch(netuid, p.Tempo, now),
		N:                    st.N, MaxN: p.MaxAllowedUIDs, Burn: p.Burn, Difficulty: p.Difficulty, LockCost: lockCost,
		RegistrationsThisInterval:     st.RegistrationsThisInterval,
		POWRegistrationsThisInterval:  st.POWRegistrationsThisInterval,
		BurnRegistrationsThisInterval: st.BurnRegistrationsThisInterval,
		Hyperparameters:               apitypes.Hyperparameters(*p),
		Identity:                      subnetIdentity(v, netuid),
	}
}

// subnetIdentity is netuid's published identity, or nil.
func subnetIdentity(v store.Reader, netuid uint16) *apitypes.SubnetIdentity {
	id, ok := subtensor.GetSubnetIdentity(v, netuid)
	if !ok {
		return nil
	}
	return &id
}

// coldkeyIdentity is coldkey's published identity, or nil.
func coldkeyIdentity(v store.Reader, coldkey keys.PublicKey) *apitypes.Identity {
	id, ok := subtensor.GetIdentity(v, coldkey)
	if !ok {
		return nil
	}
	return &id
}

func (s *Server) identity(w http.ResponseWriter, r *http.Request, v *store.View) {
	ck, err := keys.ParsePublicKey(r.PathValue("ss58"))
	if err != nil {
		WriteError(w, http.StatusBadRequest, CodeInvalidAddress, err.Error())
		return
	}
	id := coldkeyIdentity(v, ck)
	if id == nil {
		WriteError(w, http.StatusNotFound, CodeNotFound, ck.SS58()+" has published no identity")
		return
	}
	WriteJSON(w, http.StatusOK, apitypes.IdentityInfo{Height: v.Version(), Coldkey: ck.SS58(), Identity: *id})
}

// nextBlock is the block a transaction submitted now would run in.
func nextBlock(v *store.View) uint64 { return uint64(max(v.Version(), 0)) + 1 }

func (s *Server) network(w http.ResponseWriter, _ *http.Request, v *store.View) {
	lastCost, lastBlock := subtensor.LastLock(v)
	np := subtensor.Network(v)
	out := Network{
		Height: v.Version(), LockCost: subtensor.LockCost(v, nextBlock(v)),
		LastLockCost: lastCost, LastLockBlock: lastBlock,
		SubnetCount: subtensor.SubnetCount(v), SubnetLimit: np.SubnetLimit,
		TotalStake: subtensor.TotalStake(v), BlockEmission: coinbase.BlockEmission(v),
		DelegateCount: len(subtensor.Delegates(v)), Params: apitypes.NetworkParams(np),
	}
	if k, ok := subtensor.Sudo(v); ok {
		out.Sudo = k.SS58()
	}
	WriteJSON(w, http.StatusOK, out)
}

func (s *Server) subnets(w http.ResponseWriter, _ *http.Request, v *store.View) {
	lock, em := subtensor.LockCost(v, nextBlock(v)), coinbase.BlockEmission(v)
	out := Subnets{Height: v.Version(), Subnets: []Subnet{}}
	for _, id := range subtensor.Netuids(v) {
		if p, ok := subtensor.Params(v, id); ok {
			out.Subnets = append(out.Subnets, subnetRecord(v, v.Version(), id, &p, lock, em))
		}
	}
	WriteJSON(w, http.StatusOK, out)
}

func (s *Server) subnet(w http.ResponseWriter, r *http.Request, v *store.View) {
	id, p, ok := netuidParam(w, r, v)
	if !ok {
		return
	}
	WriteJSON(w, http.StatusOK, subnetRecord(v, v.Version(), id, &p, subtensor.LockCost(v, nextBlock(v)), coinbase.BlockEmission(v)))
}

// axonInfo converts a stored axon.
func axonInfo(a subtensor.AxonInfo, hot, cold string) AxonInfo {
	ipType := a.IPType
	if ipType == 0 {
		ipType = 4
	}
	return AxonInfo{Block: a.Block, Version: a.Version, IP: apitypes.IPString(a.IPHigh, a.IPLow, ipType), Port: a.Port,
		IPType: ipType, Protocol: a.Protocol, Placeholder1: a.Placeholder1, Placeholder2: a.Placeholder2,
		Hotkey: hot, Coldkey: cold}
}

func toRow(es []subtensor.Entry) Row {
	r := make(Row, len(es))
	for i, e := range es {
		r[i] = [2]uint16{e.UID, e.Value}
	}
	return r
}

// BuildMetagraph reads netuid's metagraph from one view at height (the
// handler of GET /v1/subnets/{netuid}/metagraph; exported for tools that
// hold a view). It reports false if the subnet does not exist.
func BuildMetagraph(v store.Reader, height int64, netuid uint16, lite bool) (*Metagraph, bool) {
	p, ok := subtensor.Params(v, netuid)
	if !ok {
		return nil, false
	}
	now := uint64(max(height, 0))
	ns := subtensor.Neurons(v, netuid)
	n := len(ns)
	m := &Metagraph{
		Netuid: netuid, Block: height, N: uint16(n), Lite: lite,
		Subnet:  subnetRecord(v, height, netuid, &p, subtensor.LockCost(v, now+1), coinbase.BlockEmission(v)),
		UIDs:    make([]uint16, n),
		Hotkeys: make([]string, n), Coldkeys: make([]string, n), Stake: make([]uint64, n),
		Rank: make([]uint16, n), Trust: make([]uint16, n), Consensus: make([]uint16, n),
		Incentive: make([]uint16, n), Dividends: make([]uint16, n), ValidatorTrust: make([]uint16, n),
		PruningScore: make([]uint16, n), Emission: make([]uint64, n),
		Active: make([]bool, n), ValidatorPermit: make([]bool, n), Immune: make([]bool, n),
		ImmunityLeft: make([]uint64, n), LastUpdate: make([]uint64, n), BlockAtRegistration: make([]uint64, n), Axons: make([]AxonInfo, n),
	}
	if !lite {
		m.Weights, m.Bonds = make(Rows, n), make(Rows, n)
	}
	// A coldkey often owns many hotkeys: format each SS58 once.
	coldSS58 := map[keys.PublicKey]string{}
	for i, nr := range ns {
		hot := nr.Hotkey.SS58()
		ck, _ := subtensor.Owner(v, nr.Hotkey)
		cold, seen := coldSS58[ck]
		if !seen {
			cold = ck.SS58()
			coldSS58[ck] = cold
		}
		m.UIDs[i], m.Hotkeys[i], m.Coldkeys[i] = nr.UID, hot, cold
		m.Stake[i] = subtensor.TotalHotkeyStake(v, nr.Hotkey)
		m.Rank[i], m.Trust[i], m.Consensus[i] = nr.Rank, nr.Trust, nr.Consensus
		m.Incentive[i], m.Dividends[i], m.ValidatorTrust[i] = nr.Incentive, nr.Dividends, nr.ValidatorTrust
		m.PruningScore[i], m.Emission[i] = nr.PruningScore, nr.Emission
		m.Active[i], m.ValidatorPermit[i] = nr.Active, nr.ValidatorPermit
		m.ImmunityLeft[i] = subtensor.ImmunityLeft(&p, nr.BlockAtRegistration, now)
		m.Immune[i] = m.ImmunityLeft[i] > 0
		m.LastUpdate[i], m.BlockAtRegistration[i] = nr.LastUpdate, nr.BlockAtRegistration
		m.Axons[i] = axonInfo(subtensor.Axon(v, netuid, nr.Hotkey), hot, cold)
		if !lite {
			m.Weights[i] = toRow(subtensor.Weights(v, netuid, nr.UID))
			m.Bonds[i] = toRow(subtensor.Bonds(v, netuid, nr.UID))
		}
	}
	return m, true
}

func (s *Server) metagraph(w http.ResponseWriter, r *http.Request, v *store.View) {
	lite, ok := boolQuery(w, r, "lite")
	if !ok {
		return
	}
	id, _, ok := netuidParam(w, r, v)
	if !ok {
		return
	}
	m, _ := BuildMetagraph(v, v.Version(), id, lite)
	writeMetagraph(w, m)
}

// writeMetagraph writes m as WriteJSON would, but appends the weight and
// bond rows itself: encoding/json re-scans a Marshaler's output, which for a
// dense 256-UID matrix costs more than encoding it.
func writeMetagraph(w http.ResponseWriter, m *Metagraph) {
	weights, bonds := m.Weights, m.Bonds
	m.Weights, m.Bonds = nil, nil
	head, err := json.Marshal(m)
	if err != nil {
		WriteError(w, http.StatusInternalServerError, "Internal", err.Error())
		return
	}
	buf := make([]byte, 0, len(head)+weights.SizeHint()+bonds.SizeHint()+32)
	buf = append(buf, head[:len(head)-1]...) // without the closing brace
	if weights != nil {
		buf = weights.AppendJSON(append(buf, `,"weights":`...))
	}
	if bonds != nil {
		buf = bonds.AppendJSON(append(buf, `,"bonds":`...))
	}
	buf = append(buf, "}\n"...)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf)
}

func (s *Server) neuron(w http.ResponseWriter, r *http.Request, v *store.View) {
	id, p, ok := netuidParam(w, r, v)
	if !ok {
		return
	}
	raw := r.PathValue("uid")
	uid, ok := parseU16(raw)
	if !ok {
		WriteError(w, http.StatusBadRequest, CodeInvalidUID, fmt.Sprintf("uid must be an integer in [0, 65535], got %q", raw))
		return
	}
	nr, ok := subtensor.GetNeuron(v, id, uid)
	if !ok {
		WriteError(w, http.StatusNotFound, CodeNotFound, fmt.Sprintf("uid %d is not registered on subnet %d", uid, id))
		return
	}
	now := uint64(max(v.Version(), 0))
	ck, _ := subtensor.Owner(v, nr.Hotkey)
	hot, cold := nr.Hotkey.SS58(), ck.SS58()
	pr := subtensor.Prometheus(v, id, nr.Hotkey)
	prType := pr.IPType
	if prType == 0 {
		prType = 4
	}
	WriteJSON(w, http.StatusOK, Neuron{
		Netuid: id, UID: uid, Height: v.Version(), Hotkey: hot, Coldkey: cold,
		Stake: subtensor.TotalHotkeyStake(v, nr.Hotkey),
		Rank:  nr.Rank, Trust: nr.Trust, Consensus: nr.Consensus, Incentive: nr.Incentive, Dividends: nr.Dividends,
		ValidatorTrust: nr.ValidatorTrust, PruningScore: nr.PruningScore, Emission: nr.Emission,
		Active: nr.Active, ValidatorPermit: nr.ValidatorPermit, Immune: subtensor.IsImmune(&p, nr.BlockAtRegistration, now),
		ImmunityLeft: subtensor.ImmunityLeft(&p, nr.BlockAtRegistration, now),
		LastUpdate:   nr.LastUpdate, BlockAtRegistration: nr.BlockAtRegistration,
		Axon:       axonInfo(subtensor.Axon(v, id, nr.Hotkey), hot, cold),
		Prometheus: PrometheusInfo{Block: pr.Block, Version: pr.Version, IP: apitypes.IPString(pr.IPHigh, pr.IPLow, prType), Port: pr.Port, IPType: prType},
		Weights:    toRow(subtensor.Weights(v, id, uid)), Bonds: toRow(subtensor.Bonds(v, id, uid)),
	})
}

func (s *Server) powTarget(w http.ResponseWriter, r *http.Request, v *store.View) {
	id, p, ok := netuidParam(w, r, v)
	if !ok {
		return
	}
	out := PowTarget{Netuid: id, Height: v.Version(), Difficulty: p.Difficulty, PowRegistrationAllowed: p.PowRegistrationAllowed}
	// The newest recorded hash: normally the one of the committed height.
	for h := uint64(max(v.Version(), 0)); h > 0 && uint64(max(v.Version(), 0))-h < subtensor.PowBlockWindow; h-- {
		if hash, ok := subtensor.BlockHash(v, h); ok {
			out.BlockNumber, out.BlockHash = h, "0x"+hex.EncodeToString(hash)
			break
		}
	}
	WriteJSON(w, http.StatusOK, out)
}

func (s *Server) delegates(w http.ResponseWriter, _ *http.Request, v *store.View) {
	out := Delegates{Height: v.Version(), Delegates: []Delegate{}}
	for _, hk := range subtensor.Delegates(v) {
		owner, _ := subtensor.Owner(v, hk)
		d := Delegate{Hotkey: hk.SS58(), Owner: owner.SS58(), Identity: coldkeyIdentity(v, owner), Take: subtensor.Take(v, hk),
			TotalStake: subtensor.TotalHotkeyStake(v, hk), Nominators: []Nomination{},
			Registrations: subtensor.Registrations(v, hk), ValidatorPermits: []uint16{}}
		if d.Registrations == nil {
			d.Registrations = []uint16{}
		}
		for _, e := range subtensor.Nominators(v, hk) {
			d.Nominators = append(d.Nominators, Nomination{Coldkey: e.Account.SS58(), Stake: e.Stake})
		}
		for _, id := range d.Registrations {
			if uid, ok := subtensor.UID(v, id, hk); ok {
				if n, ok := subtensor.GetNeuron(v, id, uid); ok && n.ValidatorPermit {
					d.ValidatorPermits = append(d.ValidatorPermits, id)
				}
			}
		}
		out.Delegates = append(out.Delegates, d)
	}
	WriteJSON(w, http.StatusOK, out)
}

func (s *Server) stake(w http.ResponseWriter, r *http.Request, v *store.View) {
	ck, err := keys.ParsePublicKey(r.PathValue("coldkey"))
	if err != nil {
		WriteError(w, http.StatusBadRequest, CodeInvalidAddress, err.Error())
		return
	}
	out := Stakes{Height: v.Version(), Coldkey: ck.SS58(), Free: bank.Balance(v, ck),
		Total: subtensor.TotalColdkeyStake(v, ck), Stakes: []StakeInfo{}}
	for _, e := range subtensor.StakesOfColdkey(v, ck) {
		owner, _ := subtensor.Owner(v, e.Account)
		regs := subtensor.Registrations(v, e.Account)
		if regs == nil {
			regs = []uint16{}
		}
		out.Stakes = append(out.Stakes, StakeInfo{Hotkey: e.Account.SS58(), Owner: owner.SS58(), Stake: e.Stake,
			IsDelegate: subtensor.IsDelegate(v, e.Account), Take: subtensor.Take(v, e.Account), Registrations: regs})
	}
	WriteJSON(w, http.StatusOK, out)
}

func relationsOut(rs []subtensor.Child) []apitypes.ChildkeyRelation {
	out := make([]apitypes.ChildkeyRelation, len(rs))
	for i, r := range rs {
		out[i] = apitypes.ChildkeyRelation{Hotkey: r.Hotkey.SS58(), Proportion: r.Proportion}
	}
	return out
}

func (s *Server) childkeys(w http.ResponseWriter, r *http.Request, v *store.View) {
	id, _, ok := netuidParam(w, r, v)
	if !ok {
		return
	}
	hk, err := keys.ParsePublicKey(r.PathValue("hotkey"))
	if err != nil {
		WriteError(w, http.StatusBadRequest, CodeInvalidAddress, err.Error())
		return
	}
	out := apitypes.Childkeys{
		Height: v.Version(), Netuid: id, Hotkey: hk.SS58(), ChildkeyTake: subtensor.ChildkeyTake(v, hk, id),
		StakeWeight: subtensor.StakeWeight(v, hk, id),
		Children:    relationsOut(subtensor.Children(v, hk, id)), Parents: relationsOut(subtensor.Parents(v, hk, id)),
	}
	if cs, at, ok := subtensor.PendingChildren(v, hk, id); ok {
		out.Pending = &apitypes.PendingChildren{AppliesAt: at, Children: relationsOut(cs)}
	}
	WriteJSON(w, http.StatusOK, out)
}
