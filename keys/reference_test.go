package keys_test

import (
	"testing"

	"github.com/taonet/taonet/keys"
)

// Known values from the reference's own tests (bittensor / substrate-interface
// test_keypair.py, sdk.md §6).
const (
	oldLeopard        = "old leopard transfer rib spatial phone calm indicate online fire caution review"
	oldLeopardSeed    = "0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143"
	oldLeopardPub     = "0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446"
	oldLeopardSS58    = "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX"
	oldLeopardSS58P0  = "16ADqpMa4yzfmWs3nuTSMhfZ2ckeGtvqhPWCNqECEGDcGgU2"
	oldLeopardPrivate = "0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e"
)

func TestReferenceMnemonic(t *testing.T) {
	kp, err := keys.FromMnemonic(oldLeopard)
	if err != nil {
		t.Fatal(err)
	}
	if got := "0x" + hexs(kp.Seed()); got != oldLeopardSeed {
		t.Errorf("seed %s", got)
	}
	if got := kp.Public().Hex(); got != oldLeopardPub {
		t.Errorf("public %s", got)
	}
	if got := kp.SS58(); got != oldLeopardSS58 {
		t.Errorf("ss58 %s", got)
	}
	if got := "0x" + hexs(kp.PrivateKey()); got != oldLeopardPrivate {
		t.Errorf("private %s", got)
	}
	p0, err := keys.EncodeSS58(kp.Public(), 0)
	if err != nil || p0 != oldLeopardSS58P0 {
		t.Errorf("prefix 0: %s %v", p0, err)
	}
	pub, err := keys.ParseSS58(oldLeopardSS58P0)
	if err != nil || pub != kp.Public() {
		t.Errorf("ParseSS58(prefix 0) = %s %v", pub.Hex(), err)
	}
	fromPriv, err := keys.FromSeed(mustHex(t, oldLeopardPrivate))
	if err != nil || fromPriv.Public() != kp.Public() {
		t.Errorf("FromSeed(private) = %v %v", fromPriv, err)
	}
}

func TestReferenceURIs(t *testing.T) {
	tests := []struct{ uri, ss58 string }{
		{"//Alice", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"},
		{oldLeopard + "//Alice", "5FEiH8iuDUw271xbqWTWuB6WrDjv5dnCeDX1CyHubAniXDNN"},
		{oldLeopard + "/Alice", "5GNXbA46ma5dg19GXdiKi5JH3mnkZ8Yea3bBtZAvj7t99P9i"},
		{"//Bob/test", "5CJGwWiKXSE16WJaxBdPZhWqUYkotgenLUALv7ZvqQ4TXeqf"},
		{"/Bob//test", "5Cwc8tShrshDJUp1P1M21dKUTcYQpV9GcfSa4hUBNmMdV3Cx"},
		{"//polkadot//0", "5Fc3qszVcAXHAmjjm61KcxqvV1kh91jpydE476NjjnJneNdP"},
		{"//1//5000", "5Dr9GrefZzxfeHovyiKUXKYGKRRiTbPhfLo14iYcHKNccN9q"},
		{"//PathNameLongerThan32BytesWhichShouldBeHashed", "5GR5pfZeNs1uQiSWVxZaQiZou3wdZiX894eqgvfNfHbEh7W2"},
		{keys.DevPhrase + "//Alice", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"},
		{"//+1//5000", "5Dr9GrefZzxfeHovyiKUXKYGKRRiTbPhfLo14iYcHKNccN9q"}, // Rust's u64 parse takes '+'
		{"//01//5000", "5Dr9GrefZzxfeHovyiKUXKYGKRRiTbPhfLo14iYcHKNccN9q"},
	}
	for _, tt := range tests {
		kp, err := keys.FromURI(tt.uri)
		if err != nil {
			t.Errorf("FromURI(%q): %v", tt.uri, err)
			continue
		}
		if kp.SS58() != tt.ss58 {
			t.Errorf("FromURI(%q) = %s, want %s", tt.uri, kp.SS58(), tt.ss58)
		}
		if kp.Mnemonic() != "" {
			t.Errorf("FromURI(%q) kept mnemonic", tt.uri)
		}
	}
	// Prefix 2 (Kusama) rendering of //Alice.
	alice, _ := keys.FromURI("//Alice")
	if s, _ := keys.EncodeSS58(alice.Public(), 2); s != "HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F" {
		t.Errorf("prefix 2: %s", s)
	}
}

// btwallet test_common_calls.py: the mnemonic and the seed make one key,
// and the seed is the substrate-bip39 mini secret of the mnemonic.
func TestReferenceStoolMnemonic(t *testing.T) {
	const (
		phrase = "stool feel open east woman high can denial forget screen trust salt"
		seed   = "0x023d5fbd7981676587a9f7232aeae1087ac7c265f9658fb643b6f5e61961dfbf"
	)
	a, err := keys.FromMnemonic(phrase)
	if err != nil {
		t.Fatal(err)
	}
	b, err := keys.FromSeed(mustHex(t, seed))
	if err != nil {
		t.Fatal(err)
	}
	if "0x"+hexs(a.Seed()) != seed || a.Public() != b.Public() {
		t.Errorf("mnemonic seed %x, keys %s %s", a.Seed(), a.SS58(), b.SS58())
	}
}
