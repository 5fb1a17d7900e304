package api_test

import (
	"encoding/json"
	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/internal/testchain/subnetfix"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/tx"
)

func get(t testing.TB, srv *httptest.Server, path string, out any) int {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			t.Fatalf("%s: decode %q: %v", path, body, err)
		}
	}
	return resp.StatusCode
}

func TestSubnetEndpoints(t *testing.T) {
	const n, validators = 8, 3
	f := subnetfix.New(t, n, validators)
	// An axon on UID 1 and a delegate on UID 0.
	hi, lo, ipType, err := apitypes.ParseIP("10.1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	subnetfix.MustOK(t, "serve/delegate", f.C.Block(
		f.C.Tx(f.Hot[1], tx.ServeAxon{Netuid: 1, Version: 7, IPHigh: hi, IPLow: lo, Port: 8091, IPType: ipType, Protocol: 4}),
		f.C.Tx(f.Alice, tx.BecomeDelegate{Hotkey: f.Hot[0].Public()}),
	))
	srv := httptest.NewServer(api.New(subnetfix.Backend{C: f.C}, nil))
	defer srv.Close()
	height := f.C.Height()

	var m api.Metagraph
	if code := get(t, srv, "/v1/subnets/1/metagraph", &m); code != 200 {
		t.Fatalf("metagraph: %d", code)
	}
	if m.N != n || len(m.UIDs) != n || len(m.Hotkeys) != n || len(m.Weights) != n || len(m.Bonds) != n || m.Block != height || m.Lite {
		t.Fatalf("metagraph shape: n %d uids %d weights %d bonds %d block %d (want %d)", m.N, len(m.UIDs), len(m.Weights), len(m.Bonds), m.Block, height)
	}
	immunity := uint64(m.Subnet.Hyperparameters.ImmunityPeriod)
	for i := range n {
		// immunity_left counts down from the immunity period since registration.
		want := immunity - min(immunity, uint64(m.Block)-m.BlockAtRegistration[i])
		if len(m.ImmunityLeft) != n || m.ImmunityLeft[i] != want || m.Immune[i] != (want > 0) {
			t.Fatalf("uid %d: immunity_left %v, want %d (registered at %d, block %d)", i, m.ImmunityLeft, want, m.BlockAtRegistration[i], m.Block)
		}
		if m.UIDs[i] != uint16(i) || m.Hotkeys[i] != f.Hot[i].SS58() || m.Coldkeys[i] != f.Alice.SS58() {
			t.Fatalf("uid %d: %d %s %s", i, m.UIDs[i], m.Hotkeys[i], m.Coldkeys[i])
		}
		validator := i < validators
		if m.ValidatorPermit[i] != validator || (len(m.Weights[i]) == n) != validator || (len(m.Bonds[i]) > 0) != validator {
			t.Errorf("uid %d: permit %v, %d weights, %d bonds", i, m.ValidatorPermit[i], len(m.Weights[i]), len(m.Bonds[i]))
		}
		if validator && m.Stake[i] != uint64(1000+i)*subtensor.TAO {
			t.Errorf("uid %d stake %d", i, m.Stake[i])
		}
	}
	// Stored weights are max-upscaled: the largest value is 65535.
	if last := m.Weights[0][n-1]; last != [2]uint16{n - 1, 65535} {
		t.Errorf("weights row 0 ends with %v", last)
	}
	if a := m.Axons[1]; a.IP != "10.1.2.3" || a.Port != 8091 || a.IPType != 4 || a.Protocol != 4 || a.Version != 7 || a.Hotkey != f.Hot[1].SS58() {
		t.Errorf("axon 1: %+v", a)
	}
	if a := m.Axons[2]; a.IP != "0.0.0.0" || a.IPType != 4 {
		t.Errorf("unserved axon: %+v", a)
	}
	// No root weights: the subnet has no emission, but its epochs ran.
	if m.Subnet.LastStep == 0 || m.Subnet.OwnerHotkey != f.Hot[0].SS58() || m.Subnet.Tempo != 9 || m.Subnet.N != n {
		t.Errorf("subnet %+v", m.Subnet)
	}

	var lite api.Metagraph
	if get(t, srv, "/v1/subnets/1/metagraph?lite=true", &lite); !lite.Lite || lite.Weights != nil || lite.Bonds != nil || lite.N != n {
		t.Errorf("lite metagraph: lite %v weights %v", lite.Lite, lite.Weights != nil)
	}

	// The root network has no UIDs here: empty columns, not nulls.
	var root api.Metagraph
	if code := get(t, srv, "/v1/subnets/0/metagraph", &root); code != 200 || root.N != 0 || root.UIDs == nil || root.Weights == nil {
		t.Errorf("root metagraph: %d %+v", code, root)
	}

	var nr api.Neuron
	if code := get(t, srv, "/v1/subnets/1/neurons/0", &nr); code != 200 || nr.Hotkey != f.Hot[0].SS58() || len(nr.Weights) != n || !nr.ValidatorPermit {
		t.Errorf("neuron 0: %d %+v", code, nr)
	}

	var subs api.Subnets
	if get(t, srv, "/v1/subnets", &subs); len(subs.Subnets) != 2 || subs.Subnets[0].Netuid != 0 || subs.Subnets[1].Netuid != 1 {
		t.Errorf("subnets: %+v", subs)
	}
	var sub api.Subnet
	if get(t, srv, "/v1/subnets/1", &sub); sub.OwnerColdkey != f.Alice.SS58() || sub.Hyperparameters.MaxAllowedValidators != validators || sub.Burn == 0 || sub.LockCost == 0 {
		t.Errorf("subnet 1: %+v", sub)
	}
	var net api.Network
	if get(t, srv, "/v1/network", &net); net.SubnetCount != 1 || net.Sudo != f.Alice.SS58() || net.LockCost < net.Params.NetworkMinLockCost || net.DelegateCount != 1 {
		t.Errorf("network: %+v", net)
	}
	var ds api.Delegates
	if get(t, srv, "/v1/delegates", &ds); len(ds.Delegates) != 1 || ds.Delegates[0].Hotkey != f.Hot[0].SS58() ||
		len(ds.Delegates[0].Nominators) != 1 || ds.Delegates[0].ValidatorPermits[0] != 1 {
		t.Errorf("delegates: %+v", ds)
	}
	var st api.Stakes
	if get(t, srv, "/v1/stake/"+f.Alice.SS58(), &st); len(st.Stakes) < validators || st.Total < (1000+1001+1002)*subtensor.TAO || st.Free == 0 {
		t.Errorf("stake: %+v", st)
	}
	var pow api.PowTarget
	if get(t, srv, "/v1/subnets/1/pow", &pow); pow.BlockNumber != uint64(height) || !strings.HasPrefix(pow.BlockHash, "0x") || pow.Difficulty == 0 {
		t.Errorf("pow: %+v", pow)
	}

	bad := []struct {
		path string
		code int
		name string
	}{
		{"/v1/subnets/x", 400, api.CodeInvalidNetuid},
		{"/v1/subnets/65536", 400, api.CodeInvalidNetuid},
		{"/v1/subnets/-1/metagraph", 400, api.CodeInvalidNetuid},
		{"/v1/subnets/7", 404, api.CodeSubnetNotExists},
		{"/v1/subnets/7/metagraph", 404, api.CodeSubnetNotExists},
		{"/v1/subnets/1/metagraph?lite=maybe", 400, api.CodeInvalidQuery},
		{"/v1/subnets/1/neurons/abc", 400, api.CodeInvalidUID},
		{"/v1/subnets/1/neurons/99", 404, api.CodeNotFound},
		{"/v1/subnets/9/neurons/0", 404, api.CodeSubnetNotExists},
		{"/v1/stake/not-an-address", 400, api.CodeInvalidAddress},
	}
	for _, b := range bad {
		var eb api.ErrorBody
		if code := get(t, srv, b.path, &eb); code != b.code || eb.Error.Code != b.name {
			t.Errorf("%s: %d %q, want %d %q", b.path, code, eb.Error.Code, b.code, b.name)
		}
	}
}

func TestIPString(t *testing.T) {
	for _, c := range []struct {
		ip   string
		typ  uint8
		want string
	}{
		{"0.0.0.0", 4, "0.0.0.0"},
		{"192.168.1.20", 4, "192.168.1.20"},
		{"255.255.255.255", 4, "255.255.255.255"},
		{"2001:db8::1", 6, "2001:db8::1"},
		{"::", 6, "::"},
	} {
		hi, lo, typ, err := apitypes.ParseIP(c.ip)
		if err != nil || typ != c.typ {
			t.Fatalf("ParseIP(%s): %v %d", c.ip, err, typ)
		}
		if got := apitypes.IPString(hi, lo, typ); got != c.want {
			t.Errorf("IPString(%s) = %s", c.ip, got)
		}
	}
	// The reference's u128 for 1.2.3.4 is 16909060.
	if got := apitypes.IPString(0, 16909060, 4); got != "1.2.3.4" {
		t.Errorf("IPString(16909060) = %s", got)
	}
	if _, _, _, err := apitypes.ParseIP("1.2.3"); err == nil {
		t.Error("ParseIP accepted 1.2.3")
	}
}
