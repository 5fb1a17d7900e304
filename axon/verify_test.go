package axon_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/synapse"
)

// TestDefaultVerifyErrors checks DefaultVerify's typed errors directly.
func TestDefaultVerifyErrors(t *testing.T) {
	a, err := axon.New(mustKey(t, "//Alice"), testConfig())
	if err != nil {
		t.Fatal(err)
	}
	bob := mustKey(t, "//Bob")
	signed := func(signer string, nonce int64, uuid string) *Dummy {
		k := mustKey(t, signer)
		s := &Dummy{DummyInput: 1}
		s.Timeout = 12
		s.Dendrite = synapse.TerminalInfo{Nonce: nonce, UUID: uuid, Hotkey: bob.SS58(), Version: synapse.ProtocolVersion}
		hash, _ := synapse.BodyHash(s)
		s.ComputedBodyHash = hash
		sig, _ := k.Sign([]byte(synapse.RequestMessage(&s.Dendrite, a.Info().Hotkey.SS58(), hash)))
		s.Dendrite.Signature = synapse.FormatSignature(sig)
		return s
	}
	now := time.Now().UnixNano()
	tests := []struct {
		name string
		syn  func() *Dummy
		want error
	}{
		{"ok", func() *Dummy { return signed("//Bob", now, "a") }, nil},
		{"replay", func() *Dummy { return signed("//Bob", now, "a") }, axon.ErrReplayedNonce},
		{"older", func() *Dummy { return signed("//Bob", now-1, "a") }, axon.ErrReplayedNonce},
		{"newer", func() *Dummy { return signed("//Bob", now+1, "a") }, nil},
		{"stale first nonce", func() *Dummy { return signed("//Bob", now-int64(time.Minute), "b") }, axon.ErrStaleNonce},
		{"forged", func() *Dummy { return signed("//Eve", now+2, "c") }, axon.ErrSignatureMismatch},
		{"bad signature text", func() *Dummy {
			s := signed("//Bob", now+3, "d")
			s.Dendrite.Signature = "0x1234"
			return s
		}, axon.ErrSignatureMismatch},
		{"no hotkey", func() *Dummy { s := signed("//Bob", now+4, "e"); s.Dendrite.Hotkey = ""; return s }, axon.ErrNoHotkey},
		{"invalid hotkey", func() *Dummy { s := signed("//Bob", now+5, "e"); s.Dendrite.Hotkey = "x"; return s }, axon.ErrInvalidHotkey},
		{"no nonce", func() *Dummy { s := signed("//Bob", now+6, "e"); s.Dendrite.Nonce = 0; return s }, axon.ErrMissingNonce},
		{"unsigned", func() *Dummy { s := signed("//Bob", now+7, "e"); s.Dendrite.Signature = ""; return s }, axon.ErrMissingSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := a.DefaultVerify(context.Background(), tt.syn())
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("DefaultVerify = %v, want %v", err, tt.want)
			}
			var ve *axon.VerifyError
			if err != nil && !errors.As(err, &ve) {
				t.Fatalf("error %T is not a *VerifyError", err)
			}
		})
	}
	if got := (&axon.Error{Code: 409, Message: "x"}).Error(); got != "axon: 409 x" {
		t.Fatalf("Error() = %q", got)
	}
}
