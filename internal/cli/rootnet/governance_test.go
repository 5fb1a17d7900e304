package rootnet

import (
	"reflect"
	"strings"
	"testing"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

func TestParseCall(t *testing.T) {
	alice, err := keys.FromURI("//Alice")
	if err != nil {
		t.Fatal(err)
	}
	var abKey [32]byte
	for i := range abKey {
		abKey[i] = 0xab
	}
	tempo, _ := tx.AdminParamByName("sudo_set_tempo")
	limit, _ := tx.AdminParamByName("sudo_set_network_rate_limit")
	ok := []struct {
		line string
		want tx.Call
	}{
		{"sudo set --netuid 1 --param tempo --value 20", tx.AdminSet{Call: tempo.Index, Netuid: 1, Value: 20}},
		{"taonet sudo set --param network_rate_limit --value 7", tx.AdminSet{Call: limit.Index, Value: 7}},
		{`sudo triumvirate add --ss58 "` + alice.SS58() + `"`, tx.AddTriumvirateMember{Who: alice.Public()}},
		{"sudo triumvirate remove --ss58 " + alice.SS58(), tx.RemoveTriumvirateMember{Who: alice.Public()}},
		{"subnet dissolve --netuid 3", tx.DissolveNetwork{Netuid: 3}},
		{"authority add --consensus-key " + strings.Repeat("ab", 32) + " --power 10", tx.AddAuthority{Key: abKey, Power: 10}},
		{"authority remove --consensus-key " + strings.Repeat("ab", 32), tx.RemoveAuthority{Key: abKey}},
	}
	for _, c := range ok {
		got, err := ParseCall(c.line)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseCall(%q) = %#v, %v; want %#v", c.line, got, err, c.want)
		}
	}
	for _, bad := range []string{
		"", "sudo", "sudo set --param tempo --value 20", "sudo set --netuid 1 --param nope --value 1",
		"transfer --to x --amount 1", "subnet dissolve", "authority add --consensus-key abc --power 1", "authority add --consensus-key " + strings.Repeat("ab", 32), "sudo triumvirate add --ss58 notanaddress", `sudo set "unterminated`,
	} {
		if _, err := ParseCall(bad); err == nil {
			t.Errorf("ParseCall(%q) accepted", bad)
		}
	}
}

func TestSplitArgs(t *testing.T) {
	got, err := splitArgs(` a  'b c' "d 'e'" f`)
	if err != nil || !reflect.DeepEqual(got, []string{"a", "b c", "d 'e'", "f"}) {
		t.Fatalf("splitArgs = %q, %v", got, err)
	}
}
