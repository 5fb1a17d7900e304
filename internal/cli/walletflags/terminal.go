package walletflags

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/wallet"
)

// IsTerminal reports whether r is an interactive terminal.
func IsTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// PromptPassword prints prompt on ErrOut and reads a line from the terminal
// on In without echo. The password is never printed or logged.
func PromptPassword(streams *cmdutil.IOStreams, prompt string) (string, error) {
	f, ok := streams.In.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", fmt.Errorf("%w: standard input is not a terminal", wallet.ErrPasswordRequired)
	}
	fmt.Fprint(streams.ErrOut, prompt)
	b, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(streams.ErrOut)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	return string(b), nil
}
