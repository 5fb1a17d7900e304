// Package yuma holds the "taonet yuma" commands.
package yuma

import (
	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
)

// NewCmd returns the "yuma" command group.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{Use: "yuma", Short: "yuma commands"}
	_ = io
	return cmd
}
