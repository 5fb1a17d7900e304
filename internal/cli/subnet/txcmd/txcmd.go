// Package txcmd is the plumbing the subnet, stake, delegate, weights, root
// and sudo commands share: their common flags (--node, --output, --no-wait,
// --tip, the wallet flags), hotkey selection, submitting a SubtensorModule
// or AdminUtils call, reporting the result and parsing list flags.
package txcmd

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
	"github.com/taonet/taonet/wallet"
)

// Common are the flags every subtensor transaction command has.
type Common struct {
	IO     *cmdutil.IOStreams
	Node   string
	Output string
	NoWait bool
	Tip    string
	Wallet *walletflags.Flags

	// HotkeySS58 and HotkeyURI name the hotkey a coldkey-signed call is
	// about (registered, staked on, …), when not the wallet's hotkey.
	HotkeySS58, HotkeyURI string

	out cmdutil.Output
	tip uint64
}

// Register adds the common flags to cmd; withHotkey also adds
// --hotkey-ss58 (btcli's --hotkey-ss58-address) and --hotkey-uri. Call it
// after the command's own flags.
func Register(cmd *cobra.Command, c *Common, withHotkey bool) {
	f := cmd.Flags()
	f.BoolVar(&c.NoWait, "no-wait", false, "return once the mempool accepts the tx instead of waiting for its block")
	f.StringVar(&c.Tip, "tip", "0", "tip in TAO on top of the base fee")
	if withHotkey {
		f.StringVar(&c.HotkeySS58, "hotkey-ss58", "", "the hotkey's SS58 address (default: the wallet's hotkey)")
		f.StringVar(&c.HotkeySS58, "hotkey-ss58-address", "", "alias of --hotkey-ss58")
		_ = f.MarkHidden("hotkey-ss58-address")
		f.StringVar(&c.HotkeyURI, "hotkey-uri", "", "the hotkey as a secret URI, e.g. //Alice//hot (only its address is used)")
	}
	c.Wallet = walletflags.Register(cmd, walletflags.WithURI)
	cmdutil.NodeFlag(cmd, &c.Node)
	cmdutil.OutputFlag(cmd, &c.Output)
}

// Prepare validates the common flags; call it first in a command's run.
func (c *Common) Prepare() error {
	out, err := cmdutil.ParseOutput(c.Output)
	if err != nil {
		return err
	}
	tip, err := cmdutil.ParseTAO(c.Tip)
	if err != nil {
		return cmdutil.FlagErrorf("--tip: %v", err)
	}
	c.out, c.tip = out, tip
	return nil
}

// JSON reports whether --output json was asked for (after Prepare).
func (c *Common) JSON() bool { return c.out == cmdutil.OutputJSON }

// Client returns the API client of --node.
func (c *Common) Client() *client.Client { return client.New(c.Node) }

// Signer resolves the signing key of role (--uri or the wallet).
func (c *Common) Signer(role wallet.Role) (*keys.Keypair, error) { return c.Wallet.Signer(c.IO, role) }

// Hotkey resolves the hotkey a call is about: --hotkey-ss58, --hotkey-uri,
// else the public key of the wallet's hotkey (no password needed).
func (c *Common) Hotkey() (keys.PublicKey, error) {
	switch {
	case c.HotkeySS58 != "":
		pk, err := keys.ParsePublicKey(c.HotkeySS58)
		if err != nil {
			return pk, cmdutil.FlagErrorf("invalid --hotkey-ss58 %q: %v", c.HotkeySS58, err)
		}
		return pk, nil
	case c.HotkeyURI != "":
		kp, err := keys.FromURI(c.HotkeyURI)
		if err != nil {
			return keys.PublicKey{}, cmdutil.FlagErrorf("--hotkey-uri: %v", err)
		}
		return kp.Public(), nil
	case c.Wallet.URI != "":
		return keys.PublicKey{}, cmdutil.FlagErrorf("with --uri, name the hotkey with --hotkey-ss58 or --hotkey-uri")
	}
	w, err := c.Wallet.Wallet()
	if err != nil {
		return keys.PublicKey{}, err
	}
	pk, err := w.HotkeyPub()
	if err != nil {
		return pk, fmt.Errorf("wallet %q hotkey %q: %w", w.Name, w.Hotkey, err)
	}
	return pk, nil
}

// SubmitForHotkey runs the common shape of a coldkey-signed call about a
// hotkey: it checks the flags, resolves the hotkey and the coldkey signer,
// and submits build(hotkey).
func (c *Common) SubmitForHotkey(ctx context.Context, build func(hotkey keys.PublicKey) tx.Call) (*Result, keys.PublicKey, error) {
	if err := c.Prepare(); err != nil {
		return nil, keys.PublicKey{}, err
	}
	hk, err := c.Hotkey()
	if err != nil {
		return nil, hk, err
	}
	kp, err := c.Signer(wallet.RoleColdkey)
	if err != nil {
		return nil, hk, err
	}
	r, err := c.Submit(ctx, kp, build(hk))
	return r, hk, err
}

// SubmitColdkey signs call with the coldkey (the wallet's, or --uri) and
// submits it, as Submit does.
func (c *Common) SubmitColdkey(ctx context.Context, call tx.Call) (*Result, error) {
	kp, err := c.Signer(wallet.RoleColdkey)
	if err != nil {
		return nil, err
	}
	return c.Submit(ctx, kp, call)
}

// Result is the JSON output of a transaction command.
type Result struct {
	Call   string         `json:"call"`
	Hash   string         `json:"hash"`
	Signer string         `json:"signer"`
	Height int64          `json:"height,omitempty"`
	Fee    uint64         `json:"fee"`
	Events []EventOut     `json:"events,omitempty"`
	Extra  map[string]any `json:"details,omitempty"`
}

// EventOut is an emitted event with its attributes as a map.
type EventOut struct {
	Type  string            `json:"type"`
	Attrs map[string]string `json:"attributes"`
}

// Submit signs call with kp and submits it (waiting for the block unless
// --no-wait). A refused or failed call returns *client.TxError, whose
// message carries the chain's error name (exit status 1).
func (c *Common) Submit(ctx context.Context, kp *keys.Keypair, call tx.Call) (*Result, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	resp, err := c.Client().SignAndSubmit(ctx, kp, call, c.tip, !c.NoWait)
	if err != nil {
		return nil, c.explainRefusal(ctx, call, err)
	}
	return newResult(call, kp, resp), nil
}

func newResult(call tx.Call, kp *keys.Keypair, resp *api.SubmitResponse) *Result {
	r := &Result{Call: call.Name(), Hash: resp.Hash, Signer: kp.SS58(), Height: resp.Height}
	if resp.Result != nil {
		r.Fee = resp.Result.Result.Fee
		for _, e := range resp.Result.Result.Events {
			eo := EventOut{Type: e.Type, Attrs: map[string]string{}}
			for _, a := range e.Attrs {
				eo.Attrs[a.Key] = a.Value
			}
			r.Events = append(r.Events, eo)
		}
	}
	return r
}

// Event returns the attribute key of the first event of type typ.
func (r *Result) Event(typ, key string) (string, bool) {
	for _, e := range r.Events {
		if e.Type == typ {
			v, ok := e.Attrs[key]
			return v, ok
		}
	}
	return "", false
}

// Report prints r: JSON with --output json, else summary followed by the
// block, fee and hash.
func (c *Common) Report(r *Result, summary string) error {
	if c.JSON() {
		return cmdutil.WriteJSON(c.IO.Out, r)
	}
	if c.NoWait {
		fmt.Fprintf(c.IO.Out, "submitted: %s  tx %s\n", summary, r.Hash)
		return nil
	}
	fmt.Fprintf(c.IO.Out, "%s  (block %d, fee %s TAO, tx %s)\n", summary, r.Height, cmdutil.FormatTAO(r.Fee), r.Hash)
	return nil
}

// ParseU16List parses "1,2,3" (spaces allowed) into u16s.
func ParseU16List(flag, s string) ([]uint16, error) {
	if strings.TrimSpace(s) == "" {
		return nil, cmdutil.FlagErrorf("--%s is required", flag)
	}
	parts := strings.Split(s, ",")
	out := make([]uint16, len(parts))
	for i, p := range parts {
		v, err := strconv.ParseUint(strings.TrimSpace(p), 10, 16)
		if err != nil {
			return nil, cmdutil.FlagErrorf("--%s: %q is not an integer in [0, 65535]", flag, p)
		}
		out[i] = uint16(v)
	}
	return out, nil
}

// ParseFloatList parses "0.2,0.3" into non-negative finite floats.
func ParseFloatList(flag, s string) ([]float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, cmdutil.FlagErrorf("--%s is required", flag)
	}
	parts := strings.Split(s, ",")
	out := make([]float64, len(parts))
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, cmdutil.FlagErrorf("--%s: %q is not a non-negative number", flag, p)
		}
		out[i] = v
	}
	return out, nil
}

// EmitWeights is the reference's convert_weights_and_uids_for_emit: weights
// divided by their maximum, scaled to u16 with round-half-even (Python's
// round), zeros dropped. An all-zero vector gives empty lists.
func EmitWeights(uids []uint16, weights []float64) ([]uint16, []uint16, error) {
	if len(uids) != len(weights) {
		return nil, nil, cmdutil.FlagErrorf("%d uids but %d weights", len(uids), len(weights))
	}
	var mx float64
	for _, w := range weights {
		mx = max(mx, w)
	}
	if mx == 0 {
		return []uint16{}, []uint16{}, nil
	}
	var outU, outW []uint16
	for i, w := range weights {
		v := math.RoundToEven(w / mx * 65535)
		if v == 0 {
			continue
		}
		outU, outW = append(outU, uids[i]), append(outW, uint16(v))
	}
	return outU, outW, nil
}

// Proportion formats a u16 proportion as a decimal fraction (4 places).
func Proportion(v uint16) string { return strconv.FormatFloat(float64(v)/65535, 'f', 4, 64) }
