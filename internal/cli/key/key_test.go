package key_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/key"
	"github.com/taonet/taonet/keys"
)

type result struct {
	code           int
	stdout, stderr string
	err            error
}

func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	io := &cmdutil.IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut}
	cmd := key.NewCmd(io)
	cmd.SetArgs(args)
	cmd.SetOut(&errOut)
	cmd.SetErr(&errOut)
	cmd.SilenceUsage = true
	cmd.SilenceErrors = true
	err := cmd.Execute()
	return result{code: cmdutil.ExitCode(err), stdout: out.String(), stderr: errOut.String(), err: err}
}

const (
	alicePub  = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
	aliceSS58 = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
)

func TestInspect(t *testing.T) {
	r := run(t, "", "inspect", "//Alice", "--output", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %v", r.code, r.err)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["public_key"] != alicePub || got["ss58"] != aliceSS58 {
		t.Errorf("json = %v", got)
	}
	r = run(t, "", "inspect", keys.DevPhrase+"//Alice")
	if r.code != 0 || !strings.Contains(r.stdout, alicePub) || !strings.Contains(r.stdout, aliceSS58) {
		t.Errorf("text: %d %q", r.code, r.stdout)
	}
	r = run(t, "", append([]string{"inspect", "-o", "json"}, strings.Fields(keys.DevPhrase+"//Alice")...)...)
	if r.code != 0 || !strings.Contains(r.stdout, aliceSS58) {
		t.Errorf("unquoted mnemonic: %d %q %v", r.code, r.stdout, r.err)
	}
	r = run(t, "//Alice\n", "inspect", "-", "-o", "json")
	if r.code != 0 || !strings.Contains(r.stdout, aliceSS58) {
		t.Errorf("stdin: %d %q %v", r.code, r.stdout, r.err)
	}
	r = run(t, "", "inspect", "--public", aliceSS58, "-o", "json")
	if r.code != 0 || !strings.Contains(r.stdout, alicePub) {
		t.Errorf("public: %d %q %v", r.code, r.stdout, r.err)
	}
}

func TestInspectErrors(t *testing.T) {
	tests := []struct {
		args []string
		want error
	}{
		{[]string{"inspect", "old leopard transfer rib spatial phone calm indicate online fire caution abandon"}, keys.ErrInvalidMnemonicChecksum},
		{[]string{"inspect", "old leopardx transfer rib spatial phone calm indicate online fire caution review"}, keys.ErrInvalidMnemonicWord},
		{[]string{"inspect", "old leopard"}, keys.ErrInvalidMnemonicLength},
		{[]string{"inspect", "0x1234"}, keys.ErrInvalidSeed},
		{[]string{"inspect", "bad!"}, keys.ErrInvalidURI},
		{[]string{"inspect", "--public", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"}, keys.ErrInvalidSS58Checksum},
		{[]string{"inspect", "--public", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQ"}, keys.ErrInvalidSS58Length},
	}
	for _, tt := range tests {
		r := run(t, "", tt.args...)
		if r.code != 2 || !errors.Is(r.err, tt.want) || r.stdout != "" {
			t.Errorf("%v: exit %d err %v stdout %q; want exit 2 and %v", tt.args, r.code, r.err, r.stdout, tt.want)
		}
	}
	if r := run(t, "", "inspect", "//Alice", "-o", "yaml"); r.code != 2 {
		t.Errorf("bad --output: exit %d", r.code)
	}
}

func TestSignVerify(t *testing.T) {
	msg := "0x68656c6c6f"
	r := run(t, "", "sign", "--uri", "//Alice", "--message-hex", msg)
	if r.code != 0 {
		t.Fatalf("sign: exit %d %v", r.code, r.err)
	}
	sig := strings.TrimSpace(r.stdout)
	if !strings.HasPrefix(sig, "0x") || len(sig) != 2+128 {
		t.Fatalf("signature %q", sig)
	}
	cases := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"hex key", []string{"--public-key", alicePub, "--message-hex", msg, "--signature", sig}, 0, "valid\n"},
		{"ss58", []string{"--ss58", aliceSS58, "--message-hex", msg, "--signature", sig}, 0, "valid\n"},
		{"text message", []string{"--ss58", aliceSS58, "--message", "hello", "--signature", sig}, 0, "valid\n"},
		{"other message", []string{"--ss58", aliceSS58, "--message-hex", "0x68656c6c6e", "--signature", sig}, 1, "invalid\n"},
		{"other key", []string{"--ss58", "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty", "--message-hex", msg, "--signature", sig}, 1, "invalid\n"},
		{"bad ss58", []string{"--ss58", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ", "--message-hex", msg, "--signature", sig}, 2, ""},
		{"short key", []string{"--public-key", "0x1234", "--message-hex", msg, "--signature", sig}, 2, ""},
		{"bad sig hex", []string{"--ss58", aliceSS58, "--message-hex", msg, "--signature", "0xzz"}, 2, ""},
		{"short sig", []string{"--ss58", aliceSS58, "--message-hex", msg, "--signature", sig[:100]}, 2, ""},
		{"bad message hex", []string{"--ss58", aliceSS58, "--message-hex", "0x6", "--signature", sig}, 2, ""},
		{"no signer", []string{"--message-hex", msg, "--signature", sig}, 2, ""},
	}
	for _, c := range cases {
		r := run(t, "", append([]string{"verify"}, c.args...)...)
		if r.code != c.code || r.stdout != c.out {
			t.Errorf("%s: exit %d stdout %q err %v; want %d %q", c.name, r.code, r.stdout, r.err, c.code, c.out)
		}
	}
}

func TestVerifyVectors(t *testing.T) {
	// From testdata/keys.json (polkadot.js).
	pub := "0x46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a"
	msg := "0x74616f6e6574207369676e617475726520766563746f72203544666847795164466f624b4d384e7357764565414b6b3545515167596539417964674a37724d423645314571527a56"
	good := "0x16b4094d0d1b9a2e5e79b0bbef5c6d356362c1cdf730915650a4508dff1e4d33bdb19a658c40195c8d2b259179a0b52dbcbe8f334440c4e7b553a032f52afb87"
	bad := "0x16b4094d0d1a9a2e5e79b0bbef5c6d356362c1cdf730915650a4508dff1e4d33bdb19a658c40195c8d2b259179a0b52dbcbe8f334440c4e7b553a032f52afb87"
	if r := run(t, "", "verify", "--public-key", pub, "--message-hex", msg, "--signature", good, "--strict"); r.code != 0 {
		t.Errorf("good: exit %d", r.code)
	}
	if r := run(t, "", "verify", "--public-key", pub, "--message-hex", msg, "--signature", bad); r.code != 1 {
		t.Errorf("bad: exit %d", r.code)
	}
}

func TestSignErrors(t *testing.T) {
	tests := [][]string{
		{"sign", "--message-hex", "0x00"},
		{"sign", "--uri", "//Alice"},
		{"sign", "--uri", "//Alice", "--message-hex", "00"},
		{"sign", "--uri", "//Alice", "--message-hex", "0x00", "--message", "x"},
		{"sign", "--uri", "not a phrase", "--message-hex", "0x00"},
	}
	for _, args := range tests {
		if r := run(t, "", args...); r.code != 2 || r.stdout != "" {
			t.Errorf("%v: exit %d stdout %q", args, r.code, r.stdout)
		}
	}
	r := run(t, "//Bob\n", "sign", "--uri", "-", "--message", "x")
	if r.code != 0 {
		t.Fatalf("stdin uri: exit %d %v", r.code, r.err)
	}
	sig := strings.TrimSpace(r.stdout)
	if v := run(t, "", "verify", "--ss58", "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty", "--message", "x", "--signature", sig); v.code != 0 {
		t.Errorf("verify stdin-signed: exit %d", v.code)
	}
}

func TestGenerate(t *testing.T) {
	r := run(t, "", "generate", "--words", "24", "-o", "json")
	if r.code != 0 {
		t.Fatalf("exit %d %v", r.code, r.err)
	}
	var got key.GenerateResult
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	kp, err := keys.FromMnemonic(got.Mnemonic)
	if err != nil || len(strings.Fields(got.Mnemonic)) != 24 || kp.SS58() != got.SS58 || kp.Public().Hex() != got.PublicKey {
		t.Errorf("generate: %+v %v", got, err)
	}
	if !strings.Contains(r.stderr, "WARNING") {
		t.Error("no warning on stderr")
	}
	if r := run(t, "", "generate", "--words", "13"); r.code != 2 {
		t.Errorf("--words 13: exit %d", r.code)
	}
}
