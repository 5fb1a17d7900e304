// Package wallet holds the "taonet wallet" commands.
package wallet

import (
	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
)

// NewCmd returns the "wallet" command group.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{Use: "wallet", Short: "wallet commands"}
	_ = io
	return cmd
}
