package explorer

import (
	"cmp"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/history"
	"github.com/taonet/taonet/keys"
)

// BlocksPerDay is the reference's day in blocks (12 s blocks), used for
// per-day figures.
const BlocksPerDay = 7200

type homeData struct {
	Status        apitypes.Status
	HalvingBlocks uint64
	HalvingAt     uint64
	Blocks        []apitypes.BlockInfo
}

func (e *Explorer) home(w http.ResponseWriter, _ *http.Request) {
	var d homeData
	if err := e.get("/v1/status", &d.Status); err != nil {
		e.fail(w, "status", err)
		return
	}
	d.HalvingAt, d.HalvingBlocks = nextHalving(d.Status.TotalIssuance, d.Status.BlockEmission)
	for h := d.Status.Height; h > 0 && h > d.Status.Height-10; h-- {
		var b apitypes.BlockInfo
		if err := e.get(fmt.Sprintf("/v1/blocks/%d", h), &b); err == nil {
			d.Blocks = append(d.Blocks, b)
		}
	}
	e.render(w, http.StatusOK, "home", "taonet explorer", "block", d)
}

// nextHalving returns the issuance of the next halving threshold
// S·(1−2^−(k+1)) and the blocks until it at the current emission.
func nextHalving(issuance, emission uint64) (at, blocks uint64) {
	const s = bank.TotalSupply
	if emission == 0 {
		return s, 0
	}
	k := 0
	for e := uint64(1_000_000_000); e > emission && k < 63; e >>= 1 {
		k++
	}
	at = s - s>>(k+1)
	if at <= issuance {
		return at, 0
	}
	return at, (at - issuance + emission - 1) / emission
}

type subnetsData struct {
	Height  int64
	Network apitypes.Network
	Subnets []apitypes.Subnet
}

func (e *Explorer) subnets(w http.ResponseWriter, _ *http.Request) {
	var s apitypes.Subnets
	var d subnetsData
	if err := e.get("/v1/subnets", &s); err != nil {
		e.fail(w, "subnets", err)
		return
	}
	if err := e.get("/v1/network", &d.Network); err != nil {
		e.fail(w, "network", err)
		return
	}
	d.Height, d.Subnets = s.Height, s.Subnets
	e.render(w, http.StatusOK, "subnets", "Subnets", "epoch", d)
}

// column is one metagraph table column.
type column struct {
	Key, Title, Unit string
}

var mgColumns = []column{
	{"uid", "UID", ""}, {"hotkey", "Hotkey", ""}, {"coldkey", "Coldkey", ""}, {"stake", "Stake", "τ"},
	{"rank", "Rank", "0–1"}, {"trust", "Trust", "0–1"}, {"consensus", "Consensus", "0–1"},
	{"incentive", "Incentive", "0–1"}, {"dividends", "Dividends", "0–1"}, {"vtrust", "V-trust", "0–1"},
	{"emission", "Emission", "τ/epoch"}, {"active", "Active", ""}, {"vpermit", "V-permit", ""},
	{"updated", "Last update", "block"}, {"registered", "Registered", "block"},
}

// mgRow is one rendered UID: Cells are the shown text, Keys the sort keys.
type mgRow struct {
	UID    uint16
	Hotkey string
	Cold   string
	Cells  []string
	Keys   []string
}

type subnetData struct {
	M         apitypes.Metagraph
	Columns   []column
	Rows      []mgRow
	Sort, Dir string
	Charts    []template.HTML
	NextDir   map[string]string
	ShareRaw  string
}

func (e *Explorer) subnetParam(w http.ResponseWriter, r *http.Request) (string, bool) {
	s := r.PathValue("netuid")
	if _, err := strconv.ParseUint(s, 10, 16); err != nil {
		e.notFound(w, "subnet "+s)
		return "", false
	}
	return s, true
}

func (e *Explorer) metagraph(w http.ResponseWriter, r *http.Request) (*apitypes.Metagraph, bool) {
	id, ok := e.subnetParam(w, r)
	if !ok {
		return nil, false
	}
	var m apitypes.Metagraph
	if err := e.get("/v1/subnets/"+id+"/metagraph?lite=true", &m); err != nil {
		e.fail(w, "subnet "+id, err)
		return nil, false
	}
	return &m, true
}

func mgRows(m *apitypes.Metagraph) []mgRow {
	rows := make([]mgRow, len(m.UIDs))
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	num := func(v uint64) string { return strconv.FormatUint(v, 10) }
	for i, uid := range m.UIDs {
		rows[i] = mgRow{UID: uid, Hotkey: m.Hotkeys[i], Cold: m.Coldkeys[i],
			Cells: []string{strconv.Itoa(int(uid)), m.Hotkeys[i], m.Coldkeys[i], tao(m.Stake[i]),
				prop(m.Rank[i]), prop(m.Trust[i]), prop(m.Consensus[i]), prop(m.Incentive[i]), prop(m.Dividends[i]),
				prop(m.ValidatorTrust[i]), tao(m.Emission[i]), yes(m.Active[i]), yes(m.ValidatorPermit[i]),
				strconv.FormatUint(m.LastUpdate[i], 10), strconv.FormatUint(m.BlockAtRegistration[i], 10)},
			Keys: []string{num(uint64(uid)), m.Hotkeys[i], m.Coldkeys[i], num(m.Stake[i]),
				num(uint64(m.Rank[i])), num(uint64(m.Trust[i])), num(uint64(m.Consensus[i])), num(uint64(m.Incentive[i])),
				num(uint64(m.Dividends[i])), num(uint64(m.ValidatorTrust[i])), num(m.Emission[i]), yes(m.Active[i]),
				yes(m.ValidatorPermit[i]), num(m.LastUpdate[i]), num(m.BlockAtRegistration[i])}}
	}
	return rows
}

func (e *Explorer) subnet(w http.ResponseWriter, r *http.Request) {
	m, ok := e.metagraph(w, r)
	if !ok {
		return
	}
	d := subnetData{M: *m, Columns: mgColumns, Rows: mgRows(m), Sort: "uid", Dir: "asc", NextDir: map[string]string{}}
	if q := r.URL.Query().Get("sort"); q != "" {
		d.Sort = q
	}
	if r.URL.Query().Get("dir") == "desc" {
		d.Dir = "desc"
	}
	col := slices.IndexFunc(mgColumns, func(c column) bool { return c.Key == d.Sort })
	if col < 0 {
		col, d.Sort = 0, "uid"
	}
	slices.SortStableFunc(d.Rows, func(a, b mgRow) int {
		c := compareKeys(a.Keys[col], b.Keys[col])
		if d.Dir == "desc" {
			return -c
		}
		return c
	})
	for _, c := range mgColumns {
		d.NextDir[c.Key] = "asc"
		if c.Key == d.Sort && d.Dir == "asc" {
			d.NextDir[c.Key] = "desc"
		}
	}
	inc := slices.Clone(m.Incentive)
	slices.SortFunc(inc, func(a, b uint16) int { return cmp.Compare(b, a) })
	incS := Series{Title: "Incentive distribution, UIDs by rank", Unit: "incentive 0–1 per UID, last epoch"}
	for i, v := range inc {
		incS.X, incS.Y = append(incS.X, float64(i)), append(incS.Y, float64(v)/65535)
	}
	emS := Series{Title: "Subnet emission over time", Unit: "τ per epoch, x = epoch block"}
	if eps, err := e.ix.Epochs(m.Netuid, history.MaxLimit); err == nil {
		for _, s := range eps {
			emS.X, emS.Y = append(emS.X, float64(s.Epoch)), append(emS.Y, float64(s.TotalEmission)/raoPerTAO)
		}
	}
	d.Charts = []template.HTML{barSVG(incS), lineSVG(emS)}
	e.render(w, http.StatusOK, "subnet", fmt.Sprintf("Subnet %d", m.Netuid), "epoch", d)
}

func (e *Explorer) metagraphCSV(w http.ResponseWriter, r *http.Request) {
	m, ok := e.metagraph(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=metagraph-%d-%d.csv", m.Netuid, m.Block))
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"uid", "hotkey", "coldkey", "stake_rao", "rank_u16", "trust_u16", "consensus_u16", "incentive_u16",
		"dividends_u16", "validator_trust_u16", "emission_rao", "active", "validator_permit", "last_update", "block_at_registration"})
	for i, uid := range m.UIDs {
		u := func(v uint16) string { return strconv.Itoa(int(v)) }
		_ = cw.Write([]string{u(uid), m.Hotkeys[i], m.Coldkeys[i], strconv.FormatUint(m.Stake[i], 10), u(m.Rank[i]), u(m.Trust[i]),
			u(m.Consensus[i]), u(m.Incentive[i]), u(m.Dividends[i]), u(m.ValidatorTrust[i]), strconv.FormatUint(m.Emission[i], 10),
			strconv.FormatBool(m.Active[i]), strconv.FormatBool(m.ValidatorPermit[i]),
			strconv.FormatUint(m.LastUpdate[i], 10), strconv.FormatUint(m.BlockAtRegistration[i], 10)})
	}
	cw.Flush()
}

type neuronData struct {
	N            apitypes.Neuron
	Subnet       apitypes.Subnet
	SinceWeights uint64
	ImmunityLeft uint64
	Charts       []template.HTML
}

func (e *Explorer) neuron(w http.ResponseWriter, r *http.Request) {
	id, ok := e.subnetParam(w, r)
	if !ok {
		return
	}
	uidS := r.PathValue("uid")
	uid, err := strconv.ParseUint(uidS, 10, 16)
	if err != nil {
		e.notFound(w, "neuron "+uidS+"@"+id)
		return
	}
	var d neuronData
	if err := e.get(fmt.Sprintf("/v1/subnets/%s/neurons/%d", id, uid), &d.N); err != nil {
		e.fail(w, fmt.Sprintf("neuron %d@%s", uid, id), err)
		return
	}
	if err := e.get("/v1/subnets/"+id, &d.Subnet); err != nil {
		e.fail(w, "subnet "+id, err)
		return
	}
	now := uint64(max(d.N.Height, 0))
	d.SinceWeights = left(now, d.N.LastUpdate)
	d.ImmunityLeft = left(d.N.BlockAtRegistration+uint64(d.Subnet.Hyperparameters.ImmunityPeriod), now)
	eps, _ := e.ix.Neuron(d.N.Netuid, d.N.UID, history.MaxLimit)
	mk := func(title, unit string, f func(history.NeuronEpoch) float64) template.HTML {
		s := Series{Title: title, Unit: unit}
		for _, ep := range eps {
			if ep.Hotkey == d.N.Hotkey { // a replaced UID's earlier owner is not this neuron
				s.X, s.Y = append(s.X, float64(ep.Epoch)), append(s.Y, f(ep))
			}
		}
		return lineSVG(s)
	}
	d.Charts = []template.HTML{
		mk("Incentive", "0–1 per epoch", func(p history.NeuronEpoch) float64 { return float64(p.Incentive) / 65535 }),
		mk("Dividends", "0–1 per epoch", func(p history.NeuronEpoch) float64 { return float64(p.Dividends) / 65535 }),
		mk("Emission", "τ per epoch", func(p history.NeuronEpoch) float64 { return float64(p.Emission) / raoPerTAO }),
		mk("Trust", "0–1 per epoch", func(p history.NeuronEpoch) float64 { return float64(p.Trust) / 65535 }),
		mk("Stake", "τ at each epoch", func(p history.NeuronEpoch) float64 { return float64(p.Stake) / raoPerTAO }),
	}
	e.render(w, http.StatusOK, "neuron", fmt.Sprintf("UID %d on subnet %d", d.N.UID, d.N.Netuid), "epoch", d)
}

type accountData struct {
	Account apitypes.Account
	Stakes  apitypes.Stakes
	Txs     []history.TxRef
}

func (e *Explorer) account(w http.ResponseWriter, r *http.Request) {
	addr := r.PathValue("ss58")
	pk, err := keys.ParsePublicKey(addr)
	if err != nil {
		e.notFound(w, "account "+addr)
		return
	}
	var d accountData
	if err := e.get("/v1/accounts/"+pk.SS58(), &d.Account); err != nil {
		e.fail(w, "account "+addr, err)
		return
	}
	if err := e.get("/v1/stake/"+pk.SS58(), &d.Stakes); err != nil {
		e.fail(w, "account "+addr, err)
		return
	}
	d.Txs, _ = e.ix.Txs(pk, history.DefaultLimit)
	e.render(w, http.StatusOK, "account", "Account "+short(pk.SS58()), "block", d)
}

// validatorRow is one delegate with derived returns.
type validatorRow struct {
	D apitypes.Delegate
	// EmissionDay is the hotkey's emission per day over its subnets, rao.
	EmissionDay uint64
	// Per1000 is what 1,000 τ delegated earns per day after take, in τ.
	Per1000 string
	// Dividends is the largest dividends value over its subnets (u16).
	Dividends uint16
}

func (e *Explorer) validators(w http.ResponseWriter, _ *http.Request) {
	var ds apitypes.Delegates
	if err := e.get("/v1/delegates", &ds); err != nil {
		e.fail(w, "delegates", err)
		return
	}
	mgs := map[uint16]*apitypes.Metagraph{}
	rows := make([]validatorRow, 0, len(ds.Delegates))
	for _, d := range ds.Delegates {
		row := validatorRow{D: d}
		for _, id := range d.Registrations {
			m, ok := mgs[id]
			if !ok {
				m = new(apitypes.Metagraph)
				if e.get(fmt.Sprintf("/v1/subnets/%d/metagraph?lite=true", id), m) != nil {
					m = nil
				}
				mgs[id] = m
			}
			if m == nil {
				continue
			}
			if i := slices.Index(m.Hotkeys, d.Hotkey); i >= 0 {
				row.EmissionDay += m.Emission[i] * BlocksPerDay / (uint64(m.Subnet.Tempo) + 1)
				row.Dividends = max(row.Dividends, m.Dividends[i])
			}
		}
		if d.TotalStake > 0 {
			per := float64(row.EmissionDay) * (1 - float64(d.Take)/65535) / float64(d.TotalStake) * 1000
			row.Per1000 = strconv.FormatFloat(per, 'f', 4, 64)
		} else {
			row.Per1000 = "—"
		}
		rows = append(rows, row)
	}
	slices.SortStableFunc(rows, func(a, b validatorRow) int { return cmp.Compare(b.D.TotalStake, a.D.TotalStake) })
	e.render(w, http.StatusOK, "validators", "Validators", "epoch", struct {
		Height int64
		Rows   []validatorRow
	}{ds.Height, rows})
}

func (e *Explorer) block(w http.ResponseWriter, r *http.Request) {
	h := r.PathValue("h")
	n, err := strconv.ParseInt(h, 10, 64)
	if err != nil || n <= 0 {
		e.notFound(w, "block "+h)
		return
	}
	var b apitypes.BlockInfo
	if err := e.get(fmt.Sprintf("/v1/blocks/%d", n), &b); err != nil {
		e.fail(w, "block "+h, err)
		return
	}
	e.render(w, http.StatusOK, "block", fmt.Sprintf("Block %d", b.Height), "", b)
}

func (e *Explorer) tx(w http.ResponseWriter, r *http.Request) {
	h := r.PathValue("hash")
	if raw, err := hex.DecodeString(strings.TrimPrefix(h, "0x")); err != nil || len(raw) != 32 {
		e.notFound(w, "transaction "+h)
		return
	}
	var t apitypes.TxInfo
	if err := e.get("/v1/tx/"+strings.TrimPrefix(h, "0x"), &t); err != nil {
		e.fail(w, "transaction "+h, err)
		return
	}
	e.render(w, http.StatusOK, "tx", "Transaction "+short(t.Hash), "", t)
}

var uidAt = regexp.MustCompile(`^(\d{1,5})@(\d{1,5})$`)

// Resolve tells what a search query names and returns the page path for it
// ("" when it names nothing known).
func (e *Explorer) Resolve(q string) string {
	q = strings.TrimSpace(q)
	if q == "" {
		return ""
	}
	if m := uidAt.FindStringSubmatch(q); m != nil {
		return "/subnets/" + m[2] + "/neurons/" + m[1]
	}
	if n, err := strconv.ParseInt(q, 10, 64); err == nil && n > 0 {
		var b apitypes.BlockInfo
		if e.get(fmt.Sprintf("/v1/blocks/%d", n), &b) == nil {
			return fmt.Sprintf("/blocks/%d", n)
		}
		return ""
	}
	hx := strings.TrimPrefix(strings.ToLower(q), "0x")
	if raw, err := hex.DecodeString(hx); err == nil && len(raw) == 32 {
		var t apitypes.TxInfo
		if e.get("/v1/tx/"+hx, &t) == nil {
			return "/tx/" + hx
		}
		if h, ok, _ := e.ix.BlockHeight(raw); ok {
			return fmt.Sprintf("/blocks/%d", h)
		}
		return ""
	}
	if pk, err := keys.ParsePublicKey(q); err == nil && !strings.HasPrefix(q, "0x") {
		return "/accounts/" + pk.SS58()
	}
	return ""
}

func (e *Explorer) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if p := e.Resolve(q); p != "" {
		http.Redirect(w, r, p, http.StatusSeeOther)
		return
	}
	e.notFound(w, fmt.Sprintf("anything matching %q (try a height, a block or tx hash, an SS58 address or uid@netuid)", q))
}

// compareKeys orders two sort keys numerically when both are integers, else as text.
func compareKeys(a, b string) int {
	x, errA := strconv.ParseUint(a, 10, 64)
	y, errB := strconv.ParseUint(b, 10, 64)
	if errA == nil && errB == nil {
		return cmp.Compare(x, y)
	}
	return cmp.Compare(a, b)
}
