// Package key holds the "taonet key" commands.
package key

import (
	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
)

// NewCmd returns the "key" command group.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{Use: "key", Short: "key commands"}
	_ = io
	return cmd
}
