// Package storage holds "taonet storage": put, get and ls files on the
// storage subnet (subnets/storage).
package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/taonet/taonet/internal/atomicfile"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/metagraph"
	st "github.com/taonet/taonet/storage"
	sub "github.com/taonet/taonet/subnets/storage"
	"github.com/taonet/taonet/wallet"
)

// ErrNotInIndex is returned by get for a CID this machine did not put.
var ErrNotInIndex = errors.New("storage: no such file in the local index (put it from this machine, or copy its index entry)")

// Entry is one put file in the local index: the manifest and which
// miners (by hotkey) hold each chunk.
type Entry struct {
	CID      string      `json:"cid"`
	Netuid   uint16      `json:"netuid"`
	Manifest st.Manifest `json:"manifest"`
	Holders  [][]string  `json:"holders"`
	Put      time.Time   `json:"put"`
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
}

func (o *Options) register(cmd *cobra.Command, withWallet bool) {
	home, _ := os.UserHomeDir()
	f := cmd.Flags()
	f.Uint16Var(&o.Netuid, "netuid", 2, "the storage subnet")
	f.StringVar(&o.Data, "data", filepath.Join(home, ".taonet", "storage"), "folder of the local index of put files")
	f.DurationVar(&o.Timeout, "timeout", 10*time.Second, "per-miner timeout")
	if withWallet {
		o.Wallet = walletflags.Register(cmd, walletflags.WithURI)
	}
	cmdutil.NodeFlag(cmd, &o.Node)
	cmdutil.OutputFlag(cmd, &o.Output)
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
	s := mg.Snapshot()
	var out []axon.Info
	for _, uid := range s.UIDs {
		if info := s.AxonInfo(uid); info.IsServing() && info.Port != 0 {
			out = append(out, info)
		}
	}
	return out, nil
}

func (o *Options) client(miners []axon.Info) (*sub.Client, func(), error) {
	hot, err := o.Wallet.Signer(o.IO, wallet.RoleHotkey)
	if err != nil {
		return nil, nil, err
	}
	d, err := dendrite.New(hot, dendrite.DefaultConfig())
	if err != nil {
		return nil, nil, err
	}
	return &sub.Client{Dendrite: d, Miners: miners, Timeout: o.Timeout, Parallel: 8}, d.Close, nil
}

// parseRedundancy reads "erasure:8+4" or "replication:3".
func parseRedundancy(s string) (st.Redundancy, error) {
	kind, rest, _ := strings.Cut(s, ":")
	var r st.Redundancy
	switch kind {
	case st.Erasure:
		d, p, ok := strings.Cut(rest, "+")
		a, err1 := strconv.Atoi(d)
		b, err2 := strconv.Atoi(p)
		if !ok || err1 != nil || err2 != nil {
			return r, cmdutil.FlagErrorf("--redundancy %q: want erasure:DATA+PARITY, e.g. erasure:8+4", s)
		}
		r = st.Redundancy{Kind: st.Erasure, Data: a, Parity: b}
	case st.Replication:
		n, err := strconv.Atoi(rest)
		if err != nil {
			return r, cmdutil.FlagErrorf("--redundancy %q: want replication:COPIES, e.g. replication:3", s)
		}
		r = st.Redundancy{Kind: st.Replication, Copies: n}
	default:
		return r, cmdutil.FlagErrorf("--redundancy %q: want erasure:D+P or replication:N", s)
	}
	if err := r.Validate(); err != nil {
		return r, &cmdutil.FlagError{Err: err}
	}
	return r, nil
}

func (o *Options) indexPath(cid string) string { return filepath.Join(o.Data, "index", cid+".json") }

func newPut(io *cmdutil.IOStreams) *cobra.Command {
	o := &Options{IO: io}
	var red string
	cmd := &cobra.Command{
		Use:   "put FILE --netuid N [--redundancy erasure:8+4|replication:3] (--uri URI | --wallet.*)",
		Short: "Store a file on the subnet's miners and print its CID",
		Long: "Cut FILE into content-addressed chunks, add redundancy (Reed–Solomon erasure coding or\n" +
			"replication), store each stripe's chunks on miners of distinct coldkeys and print the CID of the\n" +
			"file's manifest. The manifest and the chunks' holders are kept in --data for get.",
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
			data, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			m, blocks, err := st.Split(filepath.Base(args[0]), data, r)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			miners, err := o.miners(ctx)
			if err != nil {
				return err
			}
			c, done, err := o.client(miners)
			if err != nil {
				return err
			}
			defer done()
			p, err := sub.Place(m, miners, uint64(time.Now().UnixNano()))
			if err != nil {
				return err
			}
			if err := c.Put(ctx, m, blocks, p); err != nil {
				return err
			}
			_, cid, err := m.Encode()
			if err != nil {
				return err
			}
			e := Entry{CID: cid.String(), Netuid: o.Netuid, Manifest: *m, Put: time.Now().UTC(), Holders: make([][]string, len(p))}
			for i, hs := range p {
				for _, h := range hs {
					e.Holders[i] = append(e.Holders[i], miners[h].Hotkey.SS58())
				}
			}
			b, _ := json.MarshalIndent(e, "", "  ")
			if err := atomicfile.Write(o.indexPath(e.CID), b, 0o600); err != nil {
				return err
			}
			if out == cmdutil.OutputJSON {
				return cmdutil.WriteJSON(io.Out, map[string]any{"cid": e.CID, "size": m.Size, "chunks": len(m.Chunks), "redundancy": r})
			}
			fmt.Fprintln(io.Out, e.CID)
			return nil
		},
	}
	cmd.Flags().StringVar(&red, "redundancy", "erasure:8+4", "erasure:DATA+PARITY or replication:COPIES")
	o.register(cmd, true)
	return cmd
}

func newGet(io *cmdutil.IOStreams) *cobra.Command {
	o := &Options{IO: io}
	var outFile string
	cmd := &cobra.Command{
		Use:   "get CID --netuid N --out FILE (--uri URI | --wallet.*)",
		Short: "Get a file back: each chunk from its holders, checked against its CID, rebuilt from parity if needed",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if outFile == "" {
				return cmdutil.FlagErrorf("--out is required")
			}
			if _, err := st.ParseCID(args[0]); err != nil {
				return &cmdutil.FlagError{Err: err}
			}
			b, err := os.ReadFile(o.indexPath(args[0]))
			if errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("%w: %s", ErrNotInIndex, args[0])
			}
			if err != nil {
				return err
			}
			var e Entry
			if err := json.Unmarshal(b, &e); err != nil {
				return fmt.Errorf("storage: index entry %s: %w", args[0], err)
			}
			ctx := cmd.Context()
			miners, err := o.miners(ctx)
			if err != nil {
				return err
			}
			byHotkey := map[string]int{}
			for i, m := range miners {
				byHotkey[m.Hotkey.SS58()] = i
			}
			p := make(sub.Placement, len(e.Holders))
			for i, hs := range e.Holders {
				for _, h := range hs {
					if j, ok := byHotkey[h]; ok {
						p[i] = append(p[i], j)
					}
				}
			}
			c, done, err := o.client(miners)
			if err != nil {
				return err
			}
			defer done()
			data, err := c.Get(ctx, &e.Manifest, p)
			if err != nil {
				return err
			}
			if err := atomicfile.Write(outFile, data, 0o600); err != nil {
				return err
			}
			if out, _ := cmdutil.ParseOutput(o.Output); out == cmdutil.OutputJSON {
				return cmdutil.WriteJSON(io.Out, map[string]any{"cid": e.CID, "out": outFile, "size": len(data)})
			}
			fmt.Fprintf(io.Out, "wrote %d bytes of %s to %s\n", len(data), e.Manifest.Name, outFile)
			return nil
		},
	}
	cmd.Flags().StringVar(&outFile, "out", "", "file to write (required)")
	o.register(cmd, true)
	return cmd
}

func newLs(io *cmdutil.IOStreams) *cobra.Command {
	o := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "ls",
		Short: "List the files put from this machine",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			out, err := cmdutil.ParseOutput(o.Output)
			if err != nil {
				return err
			}
			files, _ := filepath.Glob(filepath.Join(o.Data, "index", "*.json"))
			sort.Strings(files)
			entries := []map[string]any{}
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					return err
				}
				var e Entry
				if err := json.Unmarshal(b, &e); err != nil {
					return fmt.Errorf("storage: index entry %s: %w", f, err)
				}
				red := e.Manifest.Redundancy
				desc := fmt.Sprintf("replication:%d", red.Copies)
				if red.Kind == st.Erasure {
					desc = fmt.Sprintf("erasure:%d+%d", red.Data, red.Parity)
				}
				entries = append(entries, map[string]any{"cid": e.CID, "name": e.Manifest.Name, "size": e.Manifest.Size,
					"netuid": e.Netuid, "redundancy": desc, "chunks": len(e.Manifest.Chunks), "put": e.Put})
			}
			if out == cmdutil.OutputJSON {
				return cmdutil.WriteJSON(io.Out, map[string]any{"files": entries})
			}
			for _, e := range entries {
				fmt.Fprintf(io.Out, "%s  %-20s %10d bytes  %s  %d chunks\n", e["cid"], e["name"], e["size"], e["redundancy"], e["chunks"])
			}
			return nil
		},
	}
	o.register(cmd, false)
	return cmd
}
