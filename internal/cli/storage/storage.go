// Package storage holds "taonet storage": put, get and ls files on the
// storage subnet (subnets/storage). A put goes through a gateway, which
// charges TAO per byte and epoch from the account's credit (or, for a
// hotkey with a validator permit, straight to the miners); a get needs only
// the CID: the subnet's DHT names the holders.
package storage

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/dendrite"
	gw "github.com/taonet/taonet/gateway"
	"github.com/taonet/taonet/internal/atomicfile"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
	st "github.com/taonet/taonet/storage"
	sub "github.com/taonet/taonet/subnets/storage"
	"github.com/taonet/taonet/subnets/storage/routing"
	"github.com/taonet/taonet/tx"
	"github.com/taonet/taonet/wallet"
)

// Errors of the commands.
var (
	// ErrNotInIndex is returned by get when the DHT names no holder and the
	// local index has no entry for the CID.
	ErrNotInIndex = errors.New("storage: no holder found through the DHT, and no such file in the local index")
	// ErrGateway is returned for a gateway's refusal (its code and message follow).
	ErrGateway = errors.New("storage: gateway refused")
)

// Entry is one put file in the local index: the manifest and which
// miners (by hotkey) hold each chunk (direct puts), or the gateway and the
// lease (puts through a gateway).
type Entry struct {
	CID          string       `json:"cid"`
	Name         string       `json:"name"`
	Size         int64        `json:"size"`
	Redundancy   string       `json:"redundancy"`
	Netuid       uint16       `json:"netuid"`
	Manifest     *st.Manifest `json:"manifest,omitempty"`
	Holders      [][]string   `json:"holders,omitempty"`
	Gateway      string       `json:"gateway,omitempty"`
	PriceRao     uint64       `json:"price_rao,omitempty"`
	ExpiresBlock int64        `json:"expires_block,omitempty"`
	Put          time.Time    `json:"put"`
}

// Options are the common inputs.
type Options struct {
	IO      *cmdutil.IOStreams
	Wallet  *walletflags.Flags
	Node    string
	Output  string
	Netuid  uint16
	Data    string
	Timeout time.Duration
	Gateway string
	APIKey  string
}

func (o *Options) register(cmd *cobra.Command) {
	home, _ := os.UserHomeDir()
	f := cmd.Flags()
	f.Uint16Var(&o.Netuid, "netuid", 2, "the storage subnet")
	f.StringVar(&o.Data, "data", filepath.Join(home, ".taonet", "storage"), "folder of the local index of put files")
	f.DurationVar(&o.Timeout, "timeout", 10*time.Second, "per-miner timeout")
	o.Wallet = walletflags.Register(cmd, walletflags.WithURI)
	cmdutil.NodeFlag(cmd, &o.Node)
	cmdutil.OutputFlag(cmd, &o.Output)
}

func (o *Options) gatewayFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.Gateway, "gateway", os.Getenv("TAONET_GATEWAY"), "gateway URL (e.g. http://127.0.0.1:8095) that sells the subnet's storage (env TAONET_GATEWAY)")
	f.StringVar(&o.APIKey, "api-key", os.Getenv("TAONET_API_KEY"), "the gateway account's API key (env TAONET_API_KEY)")
}

// NewCmd returns "taonet storage".
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{Use: "storage", Short: "Store files on the storage subnet and get them back"}
	cmd.AddCommand(newPut(io), newGet(io), newLs(io))
	return cmd
}

// miners returns the subnet's serving axons.
func (o *Options) miners(ctx context.Context) ([]axon.Info, error) {
	mg := metagraph.New(client.New(o.Node), o.Netuid)
	if err := mg.Sync(ctx, true); err != nil {
		return nil, cmdutil.ExplainNodeError(err)
	}
	return sub.ServingMiners(mg.Snapshot(), keys.PublicKey{}), nil
}

// signer is the wallet's hotkey, or a fresh throwaway key when no wallet
// or URI is named (a get needs only some key to sign its requests).
func (o *Options) signer(throwaway bool) (*keys.Keypair, error) {
	if throwaway && o.Wallet.URI == "" && o.Wallet.Name == "" {
		seed := make([]byte, 32)
		if _, err := rand.Read(seed); err != nil {
			return nil, err
		}
		return keys.FromSeed(seed)
	}
	return o.Wallet.Signer(o.IO, wallet.RoleHotkey)
}

// client returns a storage client over miners with a DHT node joined to
// theirs; close releases both.
func (o *Options) client(ctx context.Context, miners []axon.Info, throwaway bool) (c *sub.Client, close func(), err error) {
	hot, err := o.signer(throwaway)
	if err != nil {
		return nil, nil, err
	}
	d, err := dendrite.New(hot, dendrite.DefaultConfig())
	if err != nil {
		return nil, nil, err
	}
	node, err := routing.New(routing.Config{})
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	c = &sub.Client{Dendrite: d, Miners: miners, Timeout: o.Timeout, Parallel: 8, Routing: node}
	if _, err := c.Bootstrap(ctx); err != nil {
		fmt.Fprintf(o.IO.ErrOut, "warning: joining the subnet's DHT: %v\n", err)
	}
	return c, func() { node.Close(); d.Close() }, nil
}

// parseRedundancy reads the --redundancy flag.
func parseRedundancy(s string) (st.Redundancy, error) {
	r, err := st.ParseRedundancy(s)
	if err != nil {
		return r, &cmdutil.FlagError{Err: fmt.Errorf("--redundancy: %w", err)}
	}
	return r, nil
}

func (o *Options) indexPath(cid string) string { return filepath.Join(o.Data, "index", cid+".json") }

func (o *Options) saveEntry(e Entry) error {
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(o.indexPath(e.CID), b, 0o600)
}

func newPut(io *cmdutil.IOStreams) *cobra.Command {
	o := &Options{IO: io}
	var red string
	var epochs uint64
	cmd := &cobra.Command{
		Use:   "put FILE --netuid N (--gateway URL --api-key KEY [--epochs E] | --uri URI | --wallet.*) [--redundancy erasure:4+2|replication:3]",
		Short: "Store a file on the subnet's miners and print its CID",
		Long: "Cut FILE into content-addressed chunks, add redundancy (Reed–Solomon erasure coding or\n" +
			"replication), store each stripe's chunks on miners of distinct coldkeys, store the file's\n" +
			"manifest under its CID, and print the CID. Anyone with the CID can get the file: the\n" +
			"subnet's DHT names the holders.\n\n" +
			"Storage is paid: with --gateway the gateway debits its account (--api-key) for every stored\n" +
			"byte (redundancy included) for --epochs epochs, and repairs the file's redundancy until the\n" +
			"lease ends. Without --api-key, put opens an account at the gateway (kept in --data), works out\n" +
			"the price, pays what the account lacks by a transfer from --uri or the wallet's coldkey, and\n" +
			"then puts. Miners take stores only from hotkeys with a validator permit, so without --gateway\n" +
			"the wallet's hotkey must hold one.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out, err := cmdutil.ParseOutput(o.Output)
			if err != nil {
				return err
			}
			r, err := parseRedundancy(red)
			if err != nil {
				return err
			}
			if epochs < 1 {
				return cmdutil.FlagErrorf("--epochs must be at least 1")
			}
			data, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			name := filepath.Base(args[0])
			var e Entry
			if o.Gateway != "" {
				named := ""
				if cmd.Flags().Changed("redundancy") {
					named = r.String()
				}
				if o.APIKey == "" { // pay from the wallet's coldkey
					if err := o.autopay(cmd.Context(), name, data, named, epochs); err != nil {
						return err
					}
				}
				e, err = o.putThroughGateway(cmd.Context(), name, data, named, epochs)
			} else {
				e, err = o.putDirect(cmd.Context(), name, data, r)
			}
			if err != nil {
				return err
			}
			if err := o.saveEntry(e); err != nil {
				return err
			}
			if out == cmdutil.OutputJSON {
				return cmdutil.WriteJSON(io.Out, map[string]any{"cid": e.CID, "name": e.Name, "size": e.Size, "redundancy": e.Redundancy,
					"price_rao": e.PriceRao, "expires_block": e.ExpiresBlock})
			}
			fmt.Fprintln(io.Out, e.CID)
			if e.Gateway != "" {
				fmt.Fprintf(io.ErrOut, "paid %s TAO for %d epochs; kept until block %d\n", cmdutil.FormatTAO(e.PriceRao), epochs, e.ExpiresBlock)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&red, "redundancy", "erasure:4+2", "erasure:DATA+PARITY or replication:COPIES (with --gateway: the gateway's choice unless given)")
	cmd.Flags().Uint64Var(&epochs, "epochs", 1, "with --gateway: epochs to pay for")
	o.register(cmd)
	o.gatewayFlags(cmd)
	return cmd
}

// putDirect stores the file from this machine's hotkey.
func (o *Options) putDirect(ctx context.Context, name string, data []byte, r st.Redundancy) (Entry, error) {
	m, blocks, err := st.Split(name, data, r)
	if err != nil {
		return Entry{}, err
	}
	miners, err := o.miners(ctx)
	if err != nil {
		return Entry{}, err
	}
	c, done, err := o.client(ctx, miners, false)
	if err != nil {
		return Entry{}, err
	}
	defer done()
	cid, holders, err := c.Store(ctx, m, blocks, uint64(time.Now().UnixNano()))
	if err != nil {
		return Entry{}, err
	}
	return Entry{CID: cid.String(), Name: name, Size: m.Size, Redundancy: r.String(), Netuid: o.Netuid, Manifest: m,
		Put: time.Now().UTC(), Holders: holders}, nil
}

// putThroughGateway posts the file to the gateway, which charges for it.
// An empty redundancy leaves the choice to the gateway.
func (o *Options) putThroughGateway(ctx context.Context, name string, data []byte, redundancy string, epochs uint64) (Entry, error) {
	q := url.Values{"name": {name}, "epochs": {strconv.FormatUint(epochs, 10)}}
	if redundancy != "" {
		q.Set("redundancy", redundancy)
	}
	var resp gw.PutResponse
	if err := o.gatewayCall(ctx, http.MethodPost, "/v1/storage/files?"+q.Encode(), data, &resp); err != nil {
		return Entry{}, err
	}
	return Entry{CID: resp.CID, Name: resp.Name, Size: resp.Size, Redundancy: resp.Redundancy, Netuid: o.Netuid, Gateway: o.Gateway,
		PriceRao: resp.PriceRao, ExpiresBlock: resp.ExpiresBlock, Put: time.Now().UTC()}, nil
}

// gatewayCall sends a request with the API key and decodes the JSON answer
// into out, or returns the gateway's error by name.
func (o *Options) gatewayCall(ctx context.Context, method, path string, body []byte, out any) error {
	if o.APIKey == "" {
		return cmdutil.FlagErrorf("--api-key (or TAONET_API_KEY) is required with --gateway")
	}
	return o.gatewayRequest(ctx, method, path, body, out)
}

// gatewayRequest is gatewayCall, with the API key only if there is one.
func (o *Options) gatewayRequest(ctx context.Context, method, path string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(o.Gateway, "/")+path, bytes.NewReader(body))
	if err != nil {
		return cmdutil.FlagErrorf("--gateway %q: %v", o.Gateway, err)
	}
	if o.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+o.APIKey)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("storage: gateway %s: %w", o.Gateway, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("storage: gateway %s: %w", o.Gateway, err)
	}
	if res.StatusCode/100 != 2 {
		var eb apitypes.ErrorBody
		if json.Unmarshal(b, &eb) == nil && eb.Error.Code != "" {
			return fmt.Errorf("%w: %s: %s (HTTP %d)", ErrGateway, eb.Error.Code, eb.Error.Message, res.StatusCode)
		}
		return fmt.Errorf("%w: HTTP %d: %s", ErrGateway, res.StatusCode, strings.TrimSpace(string(b)))
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("storage: gateway %s answered %w", o.Gateway, err)
	}
	return nil
}

func newGet(io *cmdutil.IOStreams) *cobra.Command {
	o := &Options{IO: io}
	var outFile string
	cmd := &cobra.Command{
		Use:   "get CID --netuid N --out FILE",
		Short: "Get a file back by its CID: holders found through the DHT, every chunk checked against its CID",
		Long: "Find the file's manifest and chunks through the subnet's DHT (bootstrapped from the axons on\n" +
			"chain), fetch each chunk from its holders until one answers with bytes that match its CID,\n" +
			"rebuild what is missing from parity, and write the file. Bytes that do not match the CID are\n" +
			"never written. The requests are signed by --uri or the wallet's hotkey, or by a throwaway key.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if outFile == "" {
				return cmdutil.FlagErrorf("--out is required")
			}
			cid, err := st.ParseCID(args[0])
			if err != nil {
				return &cmdutil.FlagError{Err: err}
			}
			ctx := cmd.Context()
			miners, err := o.miners(ctx)
			if err != nil {
				return err
			}
			c, done, err := o.client(ctx, miners, true)
			if err != nil {
				return err
			}
			defer done()
			data, m, err := c.Fetch(ctx, cid)
			if errors.Is(err, sub.ErrNoHolder) {
				data, m, err = o.getFromIndex(ctx, c, args[0])
			}
			if err != nil {
				return err
			}
			if err := atomicfile.Write(outFile, data, 0o600); err != nil {
				return err
			}
			if out, _ := cmdutil.ParseOutput(o.Output); out == cmdutil.OutputJSON {
				return cmdutil.WriteJSON(io.Out, map[string]any{"cid": args[0], "name": m.Name, "out": outFile, "size": len(data)})
			}
			fmt.Fprintf(io.Out, "wrote %d bytes of %s to %s\n", len(data), m.Name, outFile)
			return nil
		},
	}
	cmd.Flags().StringVar(&outFile, "out", "", "file to write (required)")
	o.register(cmd)
	return cmd
}

// getFromIndex reads a directly put file through the holders recorded in
// the local index (when the DHT names none).
func (o *Options) getFromIndex(ctx context.Context, c *sub.Client, cid string) ([]byte, *st.Manifest, error) {
	b, err := os.ReadFile(o.indexPath(cid))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, fmt.Errorf("%w: %s", ErrNotInIndex, cid)
	}
	if err != nil {
		return nil, nil, err
	}
	var e Entry
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, nil, fmt.Errorf("storage: index entry %s: %w", cid, err)
	}
	if e.Manifest == nil {
		return nil, nil, fmt.Errorf("%w: %s (put through %s: ask the gateway)", ErrNotInIndex, cid, e.Gateway)
	}
	p := make(sub.Placement, len(e.Holders))
	for i, hs := range e.Holders {
		for _, h := range hs {
			if j := slices.IndexFunc(c.Miners, func(m axon.Info) bool { return m.Hotkey.SS58() == h }); j >= 0 {
				p[i] = append(p[i], j)
			}
		}
	}
	data, err := c.Get(ctx, e.Manifest, p)
	return data, e.Manifest, err
}

func newLs(io *cmdutil.IOStreams) *cobra.Command {
	o := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "ls [--gateway URL [--api-key KEY]]",
		Short: "List the gateway account's files (the key given, or the account put opened), or else the files put from this machine",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out, err := cmdutil.ParseOutput(o.Output)
			if err != nil {
				return err
			}
			entries, err := o.list(cmd.Context())
			if err != nil {
				return err
			}
			if out == cmdutil.OutputJSON {
				return cmdutil.WriteJSON(io.Out, map[string]any{"files": entries})
			}
			for _, e := range entries {
				where := "direct"
				if e.Gateway != "" {
					where = fmt.Sprintf("until block %d", e.ExpiresBlock)
				}
				fmt.Fprintf(io.Out, "%s  %-20s %10d bytes  %s  %s\n", e.CID, e.Name, e.Size, e.Redundancy, where)
			}
			return nil
		},
	}
	o.register(cmd)
	o.gatewayFlags(cmd)
	return cmd
}

// list returns the local index, or the gateway account's files.
func (o *Options) list(ctx context.Context) ([]Entry, error) {
	entries := []Entry{}
	if o.Gateway != "" && o.APIKey == "" { // the account put opened, if any
		accounts, err := o.savedAccounts()
		if err != nil {
			return nil, err
		}
		o.APIKey = accounts[strings.TrimRight(o.Gateway, "/")].APIKey
	}
	if o.Gateway != "" && o.APIKey != "" {
		var files gw.FilesResponse
		if err := o.gatewayCall(ctx, http.MethodGet, "/v1/storage/files", nil, &files); err != nil {
			return nil, err
		}
		for _, f := range files.Files {
			entries = append(entries, Entry{CID: f.CID, Name: f.Name, Size: f.Size, Redundancy: f.Redundancy, Netuid: o.Netuid,
				Gateway: o.Gateway, PriceRao: f.PriceRao, ExpiresBlock: f.ExpiresBlock})
		}
		return entries, nil
	}
	files, _ := filepath.Glob(filepath.Join(o.Data, "index", "*.json"))
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var e Entry
		if err := json.Unmarshal(b, &e); err != nil {
			return nil, fmt.Errorf("storage: index entry %s: %w", f, err)
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// gatewayAccount is an account this machine opened at a gateway.
type gatewayAccount struct {
	APIKey         string `json:"api_key"`
	DepositAddress string `json:"deposit_address"`
}

// accountsPath is where put keeps the accounts it opened, by gateway URL.
func (o *Options) accountsPath() string { return filepath.Join(o.Data, "gateway-accounts.json") }

// savedAccounts reads the accounts put opened, by gateway URL.
func (o *Options) savedAccounts() (map[string]gatewayAccount, error) {
	accounts := map[string]gatewayAccount{}
	b, err := os.ReadFile(o.accountsPath())
	switch {
	case err == nil:
		if err := json.Unmarshal(b, &accounts); err != nil {
			return nil, fmt.Errorf("storage: %s: %w", o.accountsPath(), err)
		}
	case !errors.Is(err, os.ErrNotExist):
		return nil, err
	}
	return accounts, nil
}

// account returns this machine's account at the gateway, opening one if
// there is none.
func (o *Options) account(ctx context.Context) (gatewayAccount, error) {
	accounts, err := o.savedAccounts()
	if err != nil {
		return gatewayAccount{}, err
	}
	url := strings.TrimRight(o.Gateway, "/")
	if a, ok := accounts[url]; ok {
		return a, nil
	}
	var a gw.NewAccountResponse
	if err := o.gatewayRequest(ctx, http.MethodPost, "/v1/accounts", nil, &a); err != nil {
		return gatewayAccount{}, err
	}
	accounts[url] = gatewayAccount{APIKey: a.APIKey, DepositAddress: a.DepositAddress}
	b, err := json.MarshalIndent(accounts, "", "  ")
	if err != nil {
		return gatewayAccount{}, err
	}
	if err := atomicfile.Write(o.accountsPath(), b, 0o600); err != nil {
		return gatewayAccount{}, err
	}
	fmt.Fprintf(o.IO.ErrOut, "opened an account at %s (deposit address %s; key kept in %s)\n", url, a.DepositAddress, o.accountsPath())
	return accounts[url], nil
}

// autopay makes sure this machine's account at the gateway can pay for
// the put: it works out the price as the gateway will (same manifest, same
// Quote), transfers what the account lacks from the wallet's coldkey, and
// waits until the gateway has credited it. It sets o.APIKey.
func (o *Options) autopay(ctx context.Context, name string, data []byte, redundancy string, epochs uint64) error {
	a, err := o.account(ctx)
	if err != nil {
		return err
	}
	o.APIKey = a.APIKey
	var price gw.PriceResponse
	if err := o.gatewayRequest(ctx, http.MethodGet, "/v1/storage/price", nil, &price); err != nil {
		return err
	}
	if redundancy == "" {
		redundancy = price.Redundancy
	}
	r, err := st.ParseRedundancy(redundancy)
	if err != nil {
		return fmt.Errorf("storage: the gateway's redundancy: %w", err)
	}
	m, _, err := st.Split(name, data, r)
	if err != nil {
		return err
	}
	_, cost, err := (&gw.Storage{PriceRao: price.PriceRao}).Quote(m, epochs)
	if err != nil {
		return err
	}
	var me gw.AccountResponse
	if err := o.gatewayCall(ctx, http.MethodGet, "/v1/accounts/me", nil, &me); err != nil {
		return err
	}
	if me.CreditRao >= cost {
		return nil
	}
	cold, err := o.Wallet.Signer(o.IO, wallet.RoleColdkey)
	if err != nil {
		return err
	}
	dest, err := keys.ParseSS58(a.DepositAddress)
	if err != nil {
		return fmt.Errorf("storage: the gateway's deposit address %q: %w", a.DepositAddress, err)
	}
	owed := cost - me.CreditRao
	res, err := client.New(o.Node).SignAndSubmit(ctx, cold, tx.Transfer{Dest: dest, Value: owed}, 0, true)
	if err != nil {
		return cmdutil.ExplainNodeError(err)
	}
	fmt.Fprintf(o.IO.ErrOut, "paid %s TAO to the gateway's deposit address (tx %s)\n", cmdutil.FormatTAO(owed), res.Hash)
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	for me.CreditRao < cost {
		select {
		case <-wctx.Done():
			return fmt.Errorf("%w: InsufficientCredit: the gateway has not credited the transfer within a minute (%d of %d rao)", ErrGateway, me.CreditRao, cost)
		case <-time.After(200 * time.Millisecond):
		}
		if err := o.gatewayCall(ctx, http.MethodGet, "/v1/accounts/me", nil, &me); err != nil {
			return err
		}
	}
	return nil
}
