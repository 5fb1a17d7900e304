// Package sudo holds "taonet sudo": set and get hyperparameters through the
// AdminUtils setters (btcli's sudo group). Per-subnet setters accept the
// subnet owner (rate limited) or the sudo key; global ones only sudo.
package sudo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/tx"
)

// NewCmd returns "taonet sudo" with its verbs.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "sudo <command>",
		Aliases: []string{"su"},
		Short:   "Set hyperparameters (subnet owner or sudo) and show them",
	}
	get := subnet.NewCmdHyperparameters(io, nil)
	get.Use, get.Aliases = "get --netuid N", nil
	cmd.AddCommand(NewCmdSet(io, nil), get, NewCmdTriumvirate(io, nil), NewCmdRetire(io, nil))
	return cmd
}

// SetOptions are the inputs of "taonet sudo set".
type SetOptions struct {
	txcmd.Common
	Netuid uint16
	Param  string
	Value  string
	// ListParams prints the known parameters instead.
	ListParams bool
	// NetuidGiven records whether --netuid was set.
	NetuidGiven bool
}

// NewCmdSet returns "taonet sudo set".
func NewCmdSet(io *cmdutil.IOStreams, runF func(*SetOptions) error) *cobra.Command {
	opts := &SetOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "set --param NAME --value V [--netuid N] (--uri <uri> | --wallet.name W)",
		Short: "Set a hyperparameter through its AdminUtils setter",
		Long: "Call the AdminUtils setter --param (e.g. tempo or sudo_set_tempo) with --value, signed by\n" +
			"the coldkey. Per-subnet setters need --netuid and accept the subnet owner (within the\n" +
			"owner rate limit) or sudo; global setters and the root-only subnet setters need sudo.\n" +
			"Values: integers, true/false, or low,high for alpha_values. --list shows the setters.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.NetuidGiven = cmd.Flags().Changed("netuid")
			if runF != nil {
				return runF(opts)
			}
			return SetRun(cmd.Context(), opts)
		},
	}
	subnet.NetuidFlag(cmd, &opts.Netuid)
	f := cmd.Flags()
	f.StringVar(&opts.Param, "param", "", "setter name, with or without the sudo_set_ prefix (required)")
	f.StringVar(&opts.Value, "value", "", "new value (required)")
	f.BoolVar(&opts.ListParams, "list", false, "list the setters and their value kinds")
	txcmd.Register(cmd, &opts.Common, false)
	return cmd
}

// LookupParam finds a setter by name, with or without "sudo_set_".
func LookupParam(name string) (tx.AdminParam, bool) {
	name = strings.TrimSpace(strings.ReplaceAll(name, "-", "_"))
	if p, ok := tx.AdminParamByName(name); ok {
		return p, true
	}
	return tx.AdminParamByName("sudo_set_" + name)
}

func kindName(k tx.AdminKind) string {
	switch k {
	case tx.AdminU16:
		return "u16"
	case tx.AdminU64:
		return "u64"
	case tx.AdminBool:
		return "bool"
	case tx.AdminI16:
		return "i16"
	case tx.AdminU16Pair:
		return "low,high (u16,u16)"
	}
	return "?"
}

// ParseValue reads s as a value of the setter's kind, in AdminSet's encoding.
func ParseValue(p tx.AdminParam, s string) (uint64, error) {
	s = strings.TrimSpace(s)
	bad := func() (uint64, error) {
		return 0, cmdutil.FlagErrorf("--value %q: want %s for %s", s, kindName(p.Kind), p.Name)
	}
	switch p.Kind {
	case tx.AdminBool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return bad()
		}
		if b {
			return 1, nil
		}
		return 0, nil
	case tx.AdminU16:
		v, err := strconv.ParseUint(s, 10, 16)
		if err != nil {
			return bad()
		}
		return v, nil
	case tx.AdminU64:
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return bad()
		}
		return v, nil
	case tx.AdminI16:
		v, err := strconv.ParseInt(s, 10, 16)
		if err != nil {
			return bad()
		}
		return uint64(uint16(int16(v))), nil
	case tx.AdminU16Pair:
		lo, hi, ok := strings.Cut(s, ",")
		l, err1 := strconv.ParseUint(strings.TrimSpace(lo), 10, 16)
		h, err2 := strconv.ParseUint(strings.TrimSpace(hi), 10, 16)
		if !ok || err1 != nil || err2 != nil {
			return bad()
		}
		return l | h<<16, nil
	}
	return bad()
}

// Call builds the AdminUtils setter call from --param, --value and --netuid.
func (opts *SetOptions) Call() (tx.AdminSet, error) {
	if opts.Param == "" || opts.Value == "" {
		return tx.AdminSet{}, cmdutil.FlagErrorf("--param and --value are required (--list shows the parameters)")
	}
	p, ok := LookupParam(opts.Param)
	if !ok {
		return tx.AdminSet{}, cmdutil.FlagErrorf("unknown --param %q (--list shows the parameters)", opts.Param)
	}
	if p.Subnet && !opts.NetuidGiven {
		return tx.AdminSet{}, cmdutil.FlagErrorf("%s is a per-subnet setter: --netuid is required", p.Name)
	}
	v, err := ParseValue(p, opts.Value)
	if err != nil {
		return tx.AdminSet{}, err
	}
	return tx.AdminSet{Call: p.Index, Netuid: opts.Netuid, Value: v}, nil
}

// SetRun executes "sudo set".
func SetRun(ctx context.Context, opts *SetOptions) error {
	if err := opts.Prepare(); err != nil {
		return err
	}
	if opts.ListParams {
		return listParams(ctx, opts)
	}
	call, err := opts.Call()
	if err != nil {
		return err
	}
	p, _ := tx.AdminParamByIndex(call.Call)
	r, err := opts.SubmitColdkey(ctx, call)
	if err != nil {
		return err
	}
	where := "the network"
	if p.Subnet {
		where = fmt.Sprintf("subnet %d", opts.Netuid)
	}
	return opts.Report(r, fmt.Sprintf("%s(%s) on %s", p.Name, opts.Value, where))
}

// ParamRow is one line of "sudo set --list".
type ParamRow struct {
	Param string `json:"param"`
	// Value is the current value as the API reports it (rao for amounts);
	// null when unknown (a subnet setter without --netuid, or not exposed).
	Value any    `json:"value"`
	Kind  string `json:"kind"`
	Scope string `json:"scope"`
	Call  uint8  `json:"call"`
}

// listParams prints every setter with its current value: the network's
// parameters, and the subnet's hyperparameters when --netuid is given.
func listParams(ctx context.Context, opts *SetOptions) error {
	netuidGiven := opts.NetuidGiven
	if ctx == nil {
		ctx = context.Background()
	}
	values := map[string]any{}
	c := opts.Client()
	if nw, err := c.Network(ctx); err == nil {
		mergeJSON(values, nw)
		mergeJSON(values, nw.Params)
	} else {
		fmt.Fprintf(opts.IO.ErrOut, "values unknown: %v\n", cmdutil.ExplainNodeError(err))
	}
	if netuidGiven {
		sn, err := c.Subnet(ctx, opts.Netuid)
		if err != nil {
			return err
		}
		mergeJSON(values, sn.Hyperparameters)
		values["alpha_values"] = fmt.Sprintf("%d,%d", sn.Hyperparameters.AlphaLow, sn.Hyperparameters.AlphaHigh)
	}
	rows := make([]ParamRow, 0, len(tx.AdminParams))
	for _, p := range tx.AdminParams {
		name := strings.TrimPrefix(p.Name, "sudo_set_")
		r := ParamRow{Param: name, Kind: kindName(p.Kind), Scope: "global", Call: p.Index}
		if p.Subnet {
			r.Scope = "subnet"
		}
		key := name
		if a, ok := apiNames[name]; ok {
			key = a
		}
		if v, ok := values[key]; ok && (!p.Subnet || netuidGiven) {
			r.Value = v
		}
		rows = append(rows, r)
	}
	if opts.JSON() {
		return cmdutil.WriteJSON(opts.IO.Out, rows)
	}
	if !netuidGiven {
		fmt.Fprintln(opts.IO.ErrOut, "subnet values: pass --netuid N")
	}
	table := make([][]string, len(rows))
	for i, r := range rows {
		v := "-"
		if r.Value != nil {
			v = fmt.Sprint(r.Value)
		}
		table[i] = []string{r.Param, v, r.Kind, r.Scope, fmt.Sprint(r.Call)}
	}
	return subnet.Table(opts.IO.Out, []string{"PARAM", "VALUE", "KIND", "SCOPE", "CALL"}, table)
}

// apiNames maps a setter to its field in the API's network parameters or
// subnet hyperparameters where the names differ.
var apiNames = map[string]string{
	"default_take":                      "max_delegate_take",
	"weights_version_key":               "weights_version",
	"weights_set_rate_limit":            "weights_rate_limit",
	"network_registration_allowed":      "registration_allowed",
	"network_pow_registration_allowed":  "pow_registration_allowed",
	"target_registrations_per_interval": "target_regs_per_interval",
	"max_allowed_validators":            "max_validators",
	"bonds_moving_average":              "bonds_moving_avg",
	"max_registrations_per_block":       "max_regs_per_block",
	"owner_hparam_rate_limit":           "owner_hyperparam_rate_limit",
	"commit_reveal_weights_interval":    "commit_reveal_period",
}

// mergeJSON adds v's JSON fields to m (numbers kept exact).
func mergeJSON(m map[string]any, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var fields map[string]any
	if dec.Decode(&fields) == nil {
		for k, x := range fields {
			m[k] = x
		}
	}
}
