package faultsuite

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/taonet/taonet/client"
)

// Build compiles the taonet binary into dir and returns its path.
func Build(ctx context.Context, moduleRoot, dir string) (string, error) {
	bin := filepath.Join(dir, "taonet")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/taonet")
	cmd.Dir = moduleRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("faultsuite: build taonet: %w\n%s", err, out)
	}
	return bin, nil
}

// Node is one node of the cluster: a taonet process and its home.
type Node struct {
	Name, Role, Home, API, P2P string
	bin, logPath               string
	cmd                        *exec.Cmd
	done                       chan struct{}
	restarts                   int
}

// Cluster is a network of taonet processes on loopback.
type Cluster struct {
	Bin, Dir string
	Nodes    []*Node
}

// initResult is "taonet testnet init --output json".
type initResult struct {
	ChainID string `json:"chain_id"`
	Nodes   []struct {
		Name, Role, Home, API, P2P string
	} `json:"nodes"`
}

// Init writes a network of validators and full nodes under dir with
// testnet init; ports are taken from a base outside the kernel's ephemeral
// range (so no listener of another test, which gets an ephemeral port, can
// take them) and probed first.
func Init(ctx context.Context, bin, dir string, validators, full int, blockTime time.Duration, snapshotInterval int) (*Cluster, error) {
	n := validators + full + 1 // one spare pair for a replaced node
	apiBase, p2pBase, err := freeBases(n)
	if err != nil {
		return nil, err
	}
	out, err := run(ctx, bin, "testnet", "init", "--dir", dir, "--validators", fmt.Sprint(validators),
		"--full-nodes", fmt.Sprint(full), "--block-time", blockTime.String(),
		"--snapshot-interval", fmt.Sprint(snapshotInterval), "--api-base-port", fmt.Sprint(apiBase),
		"--p2p-base-port", fmt.Sprint(p2pBase), "--chain-id", "faults", "--output", "json")
	if err != nil {
		return nil, err
	}
	var res initResult
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, fmt.Errorf("faultsuite: testnet init output: %w: %s", err, out)
	}
	c := &Cluster{Bin: bin, Dir: dir}
	for _, r := range res.Nodes {
		c.Nodes = append(c.Nodes, &Node{Name: r.Name, Role: r.Role, Home: r.Home, API: r.API, P2P: r.P2P, bin: bin,
			logPath: filepath.Join(dir, r.Name+".log")})
	}
	return c, nil
}

// freeBases picks API and p2p base ports for n consecutive nodes in
// 20000–29999, below Linux's ephemeral range (32768–60999), and checks
// that each is free.
func freeBases(n int) (api, p2p int, err error) {
	start := 20000 + (os.Getpid()*7919)%4000
	for try := 0; try < 50; try++ {
		api = start + try*2*n%4000
		p2p = api + 5000
		if portsFree(api, n) && portsFree(p2p, n) {
			return api, p2p, nil
		}
	}
	return 0, 0, fmt.Errorf("faultsuite: no free port range found")
}

func portsFree(base, n int) bool {
	for i := range n {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", base+i))
		if err != nil {
			return false
		}
		ln.Close()
	}
	return true
}

func run(ctx context.Context, bin string, args ...string) ([]byte, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("faultsuite: taonet %s: %w: %s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes(), nil
}

// Client returns an API client of n.
func (n *Node) Client() *client.Client { return client.New("http://" + n.API) }

// Start runs "taonet node --home" for n, appending to its log.
func (n *Node) Start() error {
	if n.cmd != nil {
		return fmt.Errorf("faultsuite: %s already running", n.Name)
	}
	log, err := os.OpenFile(n.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "\n=== start %d at %s\n", n.restarts, time.Now().Format(time.RFC3339Nano))
	cmd := exec.Command(n.bin, "node", "--home", n.Home, "--log-level", "info")
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		log.Close()
		return fmt.Errorf("faultsuite: start %s: %w", n.Name, err)
	}
	n.cmd, n.done = cmd, make(chan struct{})
	n.restarts++
	go func() {
		_ = cmd.Wait()
		log.Close()
		close(n.done)
	}()
	return nil
}

// Kill sends SIGKILL (kill -9) to n and waits for it to die.
func (n *Node) Kill() {
	if n.cmd == nil {
		return
	}
	_ = syscall.Kill(-n.cmd.Process.Pid, syscall.SIGKILL)
	<-n.done
	n.cmd = nil
}

// Running reports whether n's process is alive.
func (n *Node) Running() bool {
	if n.cmd == nil {
		return false
	}
	select {
	case <-n.done:
		return false
	default:
		return true
	}
}

// Log returns the tail of n's log (for failure messages).
func (n *Node) Log(lines int) string {
	b, _ := os.ReadFile(n.logPath)
	all := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}

// KillAll kills every node.
func (c *Cluster) KillAll() {
	for _, n := range c.Nodes {
		n.Kill()
	}
}

// Rejoin replaces n by a node that joins the network from src's API by
// state sync on n's addresses (a fresh home), without starting it.
func (c *Cluster) Rejoin(ctx context.Context, n *Node, src *Node) error {
	n.Kill()
	if err := os.RemoveAll(n.Home); err != nil {
		return err
	}
	_, err := run(ctx, c.Bin, "join", "--home", n.Home, "--from", "http://"+src.API, "--state-sync",
		"--api", n.API, "--p2p", n.P2P, "--no-start", "--output", "json")
	return err
}
