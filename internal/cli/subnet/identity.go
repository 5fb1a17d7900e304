package subnet

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/tx"
)

// IdentityField is one flag of an identity command.
type IdentityField struct {
	Flag, Help string
	Dst        *string
}

// IdentityFlags registers the identity fields as string flags.
func IdentityFlags(cmd *cobra.Command, fields []IdentityField) {
	for _, f := range fields {
		cmd.Flags().StringVar(f.Dst, f.Flag, "", f.Help)
	}
}

// SubmitIdentity signs call with the coldkey and reports it (what names it).
func SubmitIdentity(ctx context.Context, c *txcmd.Common, call tx.Call, what string) error {
	if err := c.Prepare(); err != nil {
		return err
	}
	r, err := c.SubmitColdkey(ctx, call)
	if err != nil {
		return err
	}
	return c.Report(r, what)
}

// SetIdentityOptions are the inputs of "taonet subnet set-identity".
type SetIdentityOptions struct {
	txcmd.Common
	Netuid uint16
	Call   tx.SetSubnetIdentity
}

// NewCmdSetIdentity returns "taonet subnet set-identity".
func NewCmdSetIdentity(io *cmdutil.IOStreams, runF func(*SetIdentityOptions) error) *cobra.Command {
	opts := &SetIdentityOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "set-identity --netuid N --subnet-name NAME [--github-repo … --subnet-contact … --subnet-url … --discord … --description … --additional …] (--uri <owner uri> | --wallet.name W)",
		Short: "Publish a subnet's identity (set_subnet_identity; signed by the owner coldkey)",
		Long: "Publish the subnet's name, repository, contact, URL, Discord, description and more,\n" +
			"as btcli's subnet set-identity. Limits (bytes, UTF-8): subnet_name and discord 256, the\n" +
			"others 1024. Shown by taonet subnet list and GET /v1/subnets.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := RequireNetuid(cmd); err != nil {
				return err
			}
			opts.Call.Netuid = opts.Netuid
			if runF != nil {
				return runF(opts)
			}
			return SubmitIdentity(cmd.Context(), &opts.Common, opts.Call, fmt.Sprintf("identity of subnet %d set", opts.Netuid))
		},
	}
	NetuidFlag(cmd, &opts.Netuid)
	c := &opts.Call
	IdentityFlags(cmd, []IdentityField{
		{"subnet-name", "the subnet's name", &c.SubnetName},
		{"github-repo", "source repository URL", &c.GithubRepo},
		{"subnet-contact", "contact (e-mail, …)", &c.SubnetContact},
		{"subnet-url", "website", &c.SubnetURL},
		{"discord", "Discord handle or invite", &c.Discord},
		{"description", "what the subnet does", &c.Description},
		{"additional", "anything else", &c.Additional},
	})
	txcmd.Register(cmd, &opts.Common, false)
	return cmd
}
