package metagraph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
)

// fakeNode serves one fixed 3-UID metagraph of subnet 1, as a node would.
func fakeNode() (*httptest.Server, []*keys.Keypair) {
	var hot []*keys.Keypair
	for _, uri := range []string{"//Alice", "//Bob", "//Charlie"} {
		kp, _ := keys.FromURI(uri)
		hot = append(hot, kp)
	}
	owner, _ := keys.FromURI("//Dave")
	m := &apitypes.Metagraph{
		Netuid: 1, Block: 42, N: 3, UIDs: []uint16{0, 1, 2},
		Hotkeys:  []string{hot[0].SS58(), hot[1].SS58(), hot[2].SS58()},
		Coldkeys: []string{owner.SS58(), owner.SS58(), owner.SS58()},
		Stake:    []uint64{1_500_000_000_000, 250_000_000_000, 0},
		Rank:     make([]uint16, 3), Trust: make([]uint16, 3), Consensus: []uint16{0, 32768, 32767},
		Incentive: []uint16{0, 39321, 26214}, Dividends: []uint16{65535, 0, 0}, ValidatorTrust: []uint16{65535, 0, 0},
		PruningScore: make([]uint16, 3), Emission: []uint64{500_000_000, 300_000_000, 200_000_000},
		Active: []bool{true, true, false}, ValidatorPermit: []bool{true, false, false}, Immune: make([]bool, 3),
		LastUpdate: []uint64{40, 0, 0}, BlockAtRegistration: []uint64{1, 5, 9},
		Axons: []apitypes.AxonInfo{
			{IP: "10.0.0.1", Port: 8091, IPType: 4, Protocol: 4},
			{IP: "10.0.0.2", Port: 8091, IPType: 4, Protocol: 4},
			{IP: "0.0.0.0", IPType: 4},
		},
		Weights: apitypes.Rows{{{1, 65535}, {2, 43690}}, {}, {}},
		Bonds:   apitypes.Rows{{{1, 1000}, {2, 700}}, {}, {}},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/subnets/1/metagraph" {
			w.WriteHeader(http.StatusNotFound)
			_ = json.NewEncoder(w).Encode(apitypes.ErrorBody{Error: apitypes.ErrorDetail{Code: "SubnetNotExists", Message: "no such subnet"}})
			return
		}
		out := *m
		if r.URL.Query().Get("lite") == "true" {
			out.Weights, out.Bonds, out.Lite = nil, nil, true
		}
		_ = json.NewEncoder(w).Encode(&out)
	}))
	return srv, hot
}

// Sync a subnet's metagraph in one request and read it.
func Example() {
	srv, hot := fakeNode()
	defer srv.Close()

	mg := metagraph.New(client.New(srv.URL), 1)
	if err := mg.Sync(context.Background(), false); err != nil {
		fmt.Println(err)
		return
	}
	s := mg.Snapshot()
	fmt.Println("block", s.Block, "n", s.N)
	uid, _ := mg.UIDOf(hot[1].Public())
	fmt.Printf("bob: uid %d stake %.1f TAO incentive %.2f axon %s\n", uid, s.StakeTAO(uid), s.Incentive[uid], s.Addresses[uid])
	fmt.Printf("W[0] = %.2f\n", s.WeightMatrix()[0])
	fmt.Println("B[0] =", s.BondMatrix()[0])
	// Output:
	// block 42 n 3
	// bob: uid 1 stake 250.0 TAO incentive 0.60 axon /ipv4/10.0.0.2:8091
	// W[0] = [0.00 0.60 0.40]
	// B[0] = [0 1000 700]
}

// The metagraph is an axon.Registry: registered hotkeys pass the default
// blacklist and stake orders requests.
func ExampleMetagraph_IsRegistered() {
	srv, hot := fakeNode()
	defer srv.Close()
	mg := metagraph.New(client.New(srv.URL), 1)
	if err := mg.Sync(context.Background(), true); err != nil {
		fmt.Println(err)
		return
	}
	eve, _ := keys.FromURI("//Eve")
	fmt.Println(mg.IsRegistered(hot[0].Public()), mg.Stake(hot[0].Public()))
	fmt.Println(mg.IsRegistered(eve.Public()), mg.Stake(eve.Public()))
	fmt.Println("lite:", mg.Snapshot().Lite, mg.Snapshot().WeightMatrix() == nil)
	// Output:
	// true 1500000000000
	// false 0
	// lite: true true
}

// A subnet that does not exist is the node's SubnetNotExists error.
func ExampleMetagraph_Sync_unknownSubnet() {
	srv, _ := fakeNode()
	defer srv.Close()
	err := metagraph.New(client.New(srv.URL), 9).Sync(context.Background(), true)
	fmt.Println(err)
	// Output:
	// metagraph: sync subnet 9: SubnetNotExists: no such subnet (HTTP 404)
}
