package subtensor

import (
	"strings"
	"testing"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/tx"
)

func TestIdentities(t *testing.T) {
	e := newEnv(t)
	id := e.subnet("owner")
	e.neuron(id, "val")
	set := func(who string, c tx.SetIdentity) error {
		return e.do(acct(who), func(ctx *module.Context) error { return SetIdentity(ctx, acct(who), c) })
	}
	setSubnet := func(who string, c tx.SetSubnetIdentity) error {
		return e.do(acct(who), func(ctx *module.Context) error { return SetSubnetIdentity(ctx, acct(who), c) })
	}
	long := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		name string
		run  func() error
		want *module.Error
	}{
		{"coldkey without a registered hotkey", func() error { return set("stranger", tx.SetIdentity{IdentityName: "s"}) }, ErrHotKeyNotRegisteredInNetwork},
		{"name at its limit", func() error { return set("val", tx.SetIdentity{IdentityName: long(256)}) }, nil},
		{"name over its limit", func() error { return set("val", tx.SetIdentity{IdentityName: long(257)}) }, ErrInvalidIdentity},
		{"description at 1024", func() error { return set("val", tx.SetIdentity{Description: long(1024)}) }, nil},
		{"image over 1024", func() error { return set("val", tx.SetIdentity{Image: long(1025)}) }, ErrInvalidIdentity},
		{"not UTF-8", func() error { return set("val", tx.SetIdentity{IdentityName: "\xff\xfe"}) }, ErrInvalidIdentity},
		{"valid", func() error {
			return set("val", tx.SetIdentity{IdentityName: "Val τ", URL: "https://val.example", Description: "<script>x</script>"})
		}, nil},
		{"subnet by a stranger", func() error { return setSubnet("val", tx.SetSubnetIdentity{Netuid: id, SubnetName: "x"}) }, ErrNotSubnetOwner},
		{"unknown subnet", func() error { return setSubnet("owner", tx.SetSubnetIdentity{Netuid: 9, SubnetName: "x"}) }, ErrSubnetNotExists},
		{"subnet name over 256", func() error { return setSubnet("owner", tx.SetSubnetIdentity{Netuid: id, SubnetName: long(257)}) }, ErrInvalidIdentity},
		{"subnet url at 1024", func() error { return setSubnet("owner", tx.SetSubnetIdentity{Netuid: id, SubnetURL: long(1024)}) }, nil},
		{"subnet", func() error { return setSubnet("owner", tx.SetSubnetIdentity{Netuid: id, SubnetName: "Forecasts"}) }, nil},
	}
	for _, tt := range tests {
		if err := tt.run(); tt.want == nil && err != nil || tt.want != nil && !errorIs(err, tt.want) {
			t.Fatalf("%s: error %v, want %v", tt.name, err, tt.want)
		}
	}
	got, ok := GetIdentity(e.kv, acct("val"))
	if !ok || got.Name != "Val τ" || got.URL != "https://val.example" || got.Description != "<script>x</script>" || got.Image != "" {
		t.Fatalf("identity %+v, %v", got, ok)
	}
	sid, ok := GetSubnetIdentity(e.kv, id)
	if !ok || sid.SubnetName != "Forecasts" || sid.SubnetURL != "" {
		t.Fatalf("subnet identity %+v, %v", sid, ok)
	}
	if _, ok := GetIdentity(e.kv, acct("stranger")); ok {
		t.Fatal("a refused identity was stored")
	}
	// Dissolving the subnet drops its identity.
	e.ok(e.sudo, func(ctx *module.Context) error { return DissolveNetwork(ctx, e.sudo, acct("owner"), id) })
	if _, ok := GetSubnetIdentity(e.kv, id); ok {
		t.Fatal("the dissolved subnet kept its identity")
	}
}
