// Package root assembles taonet's command tree and runs it.
package root

import (
	"fmt"
	simcmd "github.com/taonet/taonet/internal/cli/sim"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/authority"
	"github.com/taonet/taonet/internal/cli/balance"
	"github.com/taonet/taonet/internal/cli/bench"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/delegate"
	gatewaycmd "github.com/taonet/taonet/internal/cli/gateway"
	"github.com/taonet/taonet/internal/cli/join"
	"github.com/taonet/taonet/internal/cli/key"
	"github.com/taonet/taonet/internal/cli/localnet"
	"github.com/taonet/taonet/internal/cli/miner"
	"github.com/taonet/taonet/internal/cli/nodecmd"
	"github.com/taonet/taonet/internal/cli/rootnet"
	"github.com/taonet/taonet/internal/cli/stake"
	"github.com/taonet/taonet/internal/cli/status"
	storagecmd "github.com/taonet/taonet/internal/cli/storage"
	"github.com/taonet/taonet/internal/cli/subnet"
	"github.com/taonet/taonet/internal/cli/sudo"
	"github.com/taonet/taonet/internal/cli/testnet"
	"github.com/taonet/taonet/internal/cli/transfer"
	"github.com/taonet/taonet/internal/cli/validator"
	"github.com/taonet/taonet/internal/cli/wallet"
	"github.com/taonet/taonet/internal/cli/weights"
	"github.com/taonet/taonet/internal/cli/yuma"
)

// NewCmd returns the root command with every noun attached.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:           "taonet",
		Short:         "taonet: node, wallet and client for a Bittensor-compatible network",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	cmd.SetIn(io.In)
	cmd.SetOut(io.Out)
	cmd.SetErr(io.ErrOut)
	cmd.AddCommand(
		localnet.NewCmd(io),
		nodecmd.NewCmd(io),
		join.NewCmd(io),
		authority.NewCmd(io),
		testnet.NewCmd(io),
		status.NewCmd(io, nil),
		balance.NewCmd(io, nil),
		transfer.NewCmd(io, nil),
		key.NewCmd(io),
		wallet.NewCmd(io),
		yuma.NewCmd(io),
		simcmd.NewCmd(io),
		miner.NewCmd(io, nil),
		validator.NewCmd(io, nil),
		subnet.NewCmd(io),
		stake.NewCmd(io),
		delegate.NewCmd(io),
		weights.NewCmd(io),
		rootnet.NewCmd(io),
		sudo.NewCmd(io),
		bench.NewCmd(io),
		gatewaycmd.NewCmd(io),
		storagecmd.NewCmd(io),
	)
	return cmd
}

// Main runs the command line and returns the process exit code.
func Main() int {
	io := cmdutil.System()
	return Run(io, nil)
}

// Run executes the tree with args (nil means os.Args[1:]) and returns the exit code.
func Run(io *cmdutil.IOStreams, args []string) int {
	cmd := NewCmd(io)
	if args != nil {
		cmd.SetArgs(args)
	}
	err := cmd.Execute()
	if err == nil {
		return 0
	}
	err = cmdutil.ExplainNodeError(err)
	code := cmdutil.ExitCode(err)
	var ee *cmdutil.ExitError
	if asExit(err, &ee) && ee.Err == nil {
		return code
	}
	fmt.Fprintln(io.ErrOut, "error:", err)
	return code
}
