// Package cmdutil holds what every taonet command shares: the I/O streams,
// output formats and the typed errors that map to exit codes.
package cmdutil

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"

	"github.com/spf13/cobra"
)

// IOStreams carries a command's standard streams: data goes to Out, status
// and progress to ErrOut (gh's iostreams).
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

// System returns the process's own streams.
func System() *IOStreams { return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr} }

// ExitError asks the root command to exit with Code after printing Err (if non-nil).
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// FlagError is a usage mistake: the root prints it with the command's usage and exits 2.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// FlagErrorf builds a FlagError.
func FlagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// ExitCode maps an error returned by a command to the process exit code:
// nil → 0, *ExitError → its code, *FlagError → 2, anything else → 1.
func ExitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	var fe *FlagError
	if errors.As(err, &fe) {
		return 2
	}
	return 1
}

// WriteJSON writes v as indented JSON followed by a newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Output is the value of the --output flag.
type Output string

// Output formats.
const (
	OutputText Output = "text"
	OutputJSON Output = "json"
)

// ParseOutput validates an --output value.
func ParseOutput(s string) (Output, error) {
	switch Output(s) {
	case "", OutputText:
		return OutputText, nil
	case OutputJSON:
		return OutputJSON, nil
	}
	return "", FlagErrorf("invalid --output %q: want text or json", s)
}

// NodeFlag registers --node (the API URL; default $TAONET_NODE or the
// localnet address) on cmd.
func NodeFlag(cmd *cobra.Command, dst *string) {
	def := os.Getenv("TAONET_NODE")
	if def == "" {
		def = "http://127.0.0.1:8090"
	}
	cmd.Flags().StringVar(dst, "node", def, "node API URL (env TAONET_NODE)")
}

// OutputFlag registers --output/-o (text or json) on cmd.
func OutputFlag(cmd *cobra.Command, dst *string) {
	cmd.Flags().StringVarP(dst, "output", "o", "text", "output format: text or json")
}

// ErrNodeUnreachable is returned when a client command cannot connect to
// the node API it was pointed at.
var ErrNodeUnreachable = errors.New("cannot reach the node")

// ExplainNodeError turns a failed connection to a node API (a *url.Error
// around a dial error) into ErrNodeUnreachable naming the address tried and
// how to point elsewhere; any other error is returned unchanged.
func ExplainNodeError(err error) error {
	var ue *url.Error
	if err == nil || !errors.As(err, &ue) {
		return err
	}
	var op *net.OpError
	if !errors.As(ue.Err, &op) || op.Op != "dial" {
		return err
	}
	addr := ue.URL
	if u, perr := url.Parse(ue.URL); perr == nil && u.Host != "" {
		addr = u.Scheme + "://" + u.Host
	}
	return fmt.Errorf("%w at %s (%v): start one with `taonet localnet`, or point elsewhere with --node URL or TAONET_NODE=URL",
		ErrNodeUnreachable, addr, op.Err)
}
