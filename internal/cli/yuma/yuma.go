// Package yuma holds the "taonet yuma" commands.
package yuma

import (
	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/yuma/run"
)

// NewCmd returns the "yuma" command group.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "yuma",
		Short: "Run the Yuma consensus epoch outside the chain",
	}
	cmd.AddCommand(run.NewCmdRun(io, nil))
	return cmd
}
