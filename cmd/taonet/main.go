// Command taonet is the taonet node, wallet and command-line client in one binary.
package main

import (
	"os"

	"github.com/taonet/taonet/internal/cli/root"
)

func main() { os.Exit(root.Main()) }
