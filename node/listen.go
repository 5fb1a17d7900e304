package node

import (
	"errors"
	"fmt"
	"net"

	"github.com/taonet/taonet/app"
)

// ErrListen is matched (errors.Is) by every *ListenError: a listener of the
// node could not bind its address, and the node did not start.
var ErrListen = errors.New("node: cannot listen")

// ListenError names the listener that failed to bind, its address and the
// flag that moves it.
type ListenError struct {
	// Name is the listener: "api" or "p2p".
	Name string
	// Addr is the host:port tried.
	Addr string
	// Flag is the command-line flag that sets Addr.
	Flag string
	// Err is the cause, e.g. "address already in use".
	Err error
}

func (e *ListenError) Error() string {
	return fmt.Sprintf("node: cannot listen: %s address %s: %v (another process holds it? choose another with %s, or stop the other node)",
		e.Name, e.Addr, e.Err, e.Flag)
}

// Unwrap returns the cause.
func (e *ListenError) Unwrap() error { return e.Err }

// Is matches ErrListen.
func (e *ListenError) Is(target error) bool { return target == ErrListen }

// checkFree binds addr and releases it at once: CometBFT binds its p2p
// listener itself, and a port held by another process must fail the start
// by name. Port 0 is always free.
func checkFree(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return ln.Close()
}

// DefaultLogEvery is the number of blocks between two "blocks" info lines.
const DefaultLogEvery = 10

// logBlock writes one info line every logEvery blocks: height, peers and
// the transactions committed since the previous line.
func (n *Node) logBlock(b app.Block) {
	n.logTxs += len(b.Txs)
	if n.logEvery <= 0 || b.Height%int64(n.logEvery) != 0 {
		return
	}
	peers := 0
	if n.cmt != nil && n.cmt.Switch() != nil {
		peers = n.cmt.Switch().Peers().Size()
	}
	n.log.Info("blocks", "height", b.Height, "peers", peers, "txs", n.logTxs, "app_hash", b.AppHash)
	n.logTxs = 0
}
