package wallet

import (
	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/tx"
)

// newCmdSetIdentity returns "taonet wallet set-identity".
func newCmdSetIdentity(io *cmdutil.IOStreams) *cobra.Command {
	opts := &struct {
		txcmd.Common
		Call tx.SetIdentity
	}{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "set-identity --name NAME [--url … --github … --image … --discord … --description … --additional …] (--uri <uri> | --wallet.name W)",
		Short: "Publish the coldkey's identity (set_identity), shown beside its delegates and subnets",
		Long: "Publish a name, URL, GitHub repository, image, Discord, description and more for the\n" +
			"signing coldkey, as btcli's wallet set-identity. The coldkey must own a hotkey registered\n" +
			"on a subnet. Limits (bytes, UTF-8): name, url, github and discord 256; image, description\n" +
			"and additional 1024. Shown by taonet delegate list and GET /v1/identities/{ss58}.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return subnet.SubmitIdentity(cmd.Context(), &opts.Common, opts.Call, "identity set")
		},
	}
	c := &opts.Call
	subnet.IdentityFlags(cmd, []subnet.IdentityField{
		{Flag: "name", Help: "display name", Dst: &c.IdentityName},
		{Flag: "url", Help: "website", Dst: &c.URL},
		{Flag: "github", Help: "GitHub repository", Dst: &c.GithubRepo},
		{Flag: "image", Help: "image URL", Dst: &c.Image},
		{Flag: "discord", Help: "Discord handle", Dst: &c.Discord},
		{Flag: "description", Help: "description", Dst: &c.Description},
		{Flag: "additional", Help: "anything else", Dst: &c.Additional},
	})
	txcmd.Register(cmd, &opts.Common, false)
	return cmd
}
