package client_test

import (
	"context"
	"errors"
	"github.com/taonet/taonet/api"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taonet/taonet/client"
)

// TestSubnetMethods checks each method's path and decoding against a stub
// server, and that API errors surface as *APIError.
func TestSubnetMethods(t *testing.T) {
	routes := map[string]string{
		"/v1/network":                       `{"height":5,"lock_cost":100,"subnet_limit":64,"subnet_count":1,"params":{"subnet_limit":64}}`,
		"/v1/subnets":                       `{"height":5,"subnets":[{"netuid":0},{"netuid":3,"tempo":99}]}`,
		"/v1/subnets/3":                     `{"netuid":3,"tempo":99,"hyperparameters":{"kappa":32767}}`,
		"/v1/subnets/3/metagraph":           `{"netuid":3,"n":2,"uids":[0,1],"weights":[[[1,65535]],[]],"bonds":[null,[[0,7]]]}`,
		"/v1/subnets/3/metagraph?lite=true": `{"netuid":3,"n":2,"lite":true,"uids":[0,1]}`,
		"/v1/subnets/3/neurons/1":           `{"netuid":3,"uid":1,"weights":[[0,1]]}`,
		"/v1/subnets/3/pow":                 `{"netuid":3,"block_number":4,"block_hash":"0x00","difficulty":9}`,
		"/v1/delegates":                     `{"height":5,"delegates":[{"hotkey":"h","take":11796}]}`,
		"/v1/stake/5Abc":                    `{"height":5,"coldkey":"5Abc","stakes":[{"hotkey":"h","stake":12}]}`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.Path
		if r.URL.RawQuery != "" {
			key += "?" + r.URL.RawQuery
		}
		body, ok := routes[key]
		if !ok {
			api.WriteError(w, http.StatusNotFound, "SubnetNotExists", "no "+key)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	defer srv.Close()
	c := client.New(srv.URL)
	ctx := context.Background()

	check := func(name string, ok bool, err error) {
		t.Helper()
		if err != nil || !ok {
			t.Errorf("%s: ok %v err %v", name, ok, err)
		}
	}
	n, err := c.Network(ctx)
	check("Network", n.LockCost == 100 && n.Params.SubnetLimit == 64, err)
	ss, err := c.Subnets(ctx)
	check("Subnets", len(ss.Subnets) == 2 && ss.Subnets[1].Tempo == 99, err)
	s, err := c.Subnet(ctx, 3)
	check("Subnet", s.Hyperparameters.Kappa == 32767, err)
	m, err := c.Metagraph(ctx, 3, false)
	check("Metagraph", m.N == 2 && m.Weights[0][0] == [2]uint16{1, 65535} && m.Bonds[0] == nil && m.Bonds[1][0][1] == 7, err)
	m, err = c.Metagraph(ctx, 3, true)
	check("Metagraph lite", m.Lite && m.Weights == nil, err)
	nr, err := c.Neuron(ctx, 3, 1)
	check("Neuron", nr.UID == 1 && nr.Weights[0] == [2]uint16{0, 1}, err)
	p, err := c.PowTarget(ctx, 3)
	check("PowTarget", p.Difficulty == 9 && p.BlockNumber == 4, err)
	d, err := c.Delegates(ctx)
	check("Delegates", len(d.Delegates) == 1 && d.Delegates[0].Take == 11796, err)
	st, err := c.Stakes(ctx, "5Abc")
	check("Stakes", len(st.Stakes) == 1 && st.Stakes[0].Stake == 12, err)

	_, err = c.Subnet(ctx, 9)
	var ae *client.APIError
	if !errors.As(err, &ae) || ae.Code != "SubnetNotExists" || !errors.Is(err, client.ErrNotFound) {
		t.Errorf("unknown subnet: %v", err)
	}
}
