package main_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/taonet/taonet/internal/cli/root"
)

// execEnv makes this test binary act as the taonet command: the README
// test runs every "./taonet …" line through it, so no separate build is
// needed and the test runs exactly the code it was compiled from.
const execEnv = "TAONET_README_EXEC"

func TestMain(m *testing.M) {
	if os.Getenv(execEnv) == "1" {
		os.Exit(root.Main())
	}
	os.Exit(m.Run())
}

// readmeMarker, on the line before a ```sh fence, marks a README block that
// TestReadme runs. Unmarked blocks are documentation only.
const readmeMarker = "<!-- readme-test -->"

// readmeBlocks returns the command lines of the marked ```sh blocks, in
// order: comments and blank lines dropped, trailing "# …" comments cut.
func readmeBlocks(readme string) ([]string, error) {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(readme))
	marked, in, blocks := false, false, 0
	for sc.Scan() {
		l := sc.Text()
		t := strings.TrimSpace(l)
		switch {
		case in && strings.HasPrefix(t, "```"):
			in = false
		case in:
			if i := strings.Index(t, " #"); i >= 0 {
				t = strings.TrimSpace(t[:i])
			}
			if t != "" && !strings.HasPrefix(t, "#") {
				lines = append(lines, t)
			}
		case t == readmeMarker:
			marked = true
		case marked && t == "```sh":
			in, marked = true, false
			blocks++
		case t != "":
			marked = false
		}
	}
	if blocks == 0 {
		return nil, errors.New("no block marked " + readmeMarker)
	}
	return lines, sc.Err()
}

// longRunning are the commands that run until Ctrl-C.
var longRunning = regexp.MustCompile(`^\./taonet (localnet|node|miner|validator)\b`)

var axonPort = regexp.MustCompile(`--axon\.port \d+`)

// tour runs README lines the way a reader does, in one shell each, with the
// README's fixed addresses and /tmp paths moved to free ones.
type tour struct {
	t       *testing.T
	repo    string // working directory: the repository root
	bin     string // this test binary, standing in for ./taonet
	tmp     string // stands in for /tmp
	home    string // $HOME: wallets land in $HOME/.bittensor
	apiAddr string // host:port of the newest localnet the tour started
	bg      []*proc
}

// proc is a background command and its combined output.
type proc struct {
	line string
	cmd  *exec.Cmd
	out  *syncBuf
	done chan struct{} // closed when the process has exited; err is then set
	err  error
}

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// rewrite maps a README line to the command the test runs.
func (tr *tour) rewrite(line string) string {
	line = strings.ReplaceAll(line, "/tmp/", tr.tmp+"/")
	line = strings.ReplaceAll(line, "./taonet", "'"+tr.bin+"'")
	if tr.apiAddr != "" {
		line = strings.ReplaceAll(line, "127.0.0.1:8090", tr.apiAddr)
	}
	line = axonPort.ReplaceAllString(line, "--axon.port 0")
	if strings.Contains(line, " localnet") {
		// Free ports picked by the kernel; fast blocks keep the test short.
		line += " --api 127.0.0.1:0 --p2p 127.0.0.1:0 --block-time 250ms"
	}
	return "exec " + line
}

func (tr *tour) command(ctx context.Context, line string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "sh", "-c", tr.rewrite(line))
	cmd.Dir = tr.repo
	cmd.Env = append(os.Environ(), execEnv+"=1", "HOME="+tr.home, "TAONET_WALLET_PASSWORD=readme-test-password")
	if tr.apiAddr != "" {
		cmd.Env = append(cmd.Env, "TAONET_NODE=http://"+tr.apiAddr)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

func (tr *tour) start(line string) *proc {
	p := &proc{line: line, out: &syncBuf{}, done: make(chan struct{})}
	p.cmd = tr.command(context.Background(), line)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		tr.t.Fatalf("%s: %v", line, err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	return p
}

// stop interrupts p as Ctrl-C does and checks it exits cleanly, logging no
// ERROR line.
func (tr *tour) stop(p *proc) {
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGINT)
	select {
	case <-p.done:
		if p.err != nil {
			tr.t.Errorf("%s: after Ctrl-C: %v\n%s", p.line, p.err, p.out)
		}
	case <-time.After(15 * time.Second):
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-p.done
		tr.t.Errorf("%s: did not stop within 15s of Ctrl-C\n%s", p.line, p.out)
	}
	if strings.Contains(p.out.String(), "level=ERROR") {
		tr.t.Errorf("%s: logged errors:\n%s", p.line, p.out)
	}
}

var apiLine = regexp.MustCompile(`(?m)^API: http://(\S+)$`)

// run executes one README line.
func (tr *tour) run(line string) {
	t := tr.t
	switch {
	case strings.HasPrefix(line, "go "):
		t.Logf("skip %q: this test binary stands in for the built taonet", line)
	case strings.HasSuffix(line, "&"):
		p := tr.start(strings.TrimSpace(strings.TrimSuffix(line, "&")))
		tr.bg = append(tr.bg, p)
		if !strings.Contains(line, " localnet") {
			return
		}
		// Later lines talk to the newest localnet (the fair-launch section
		// starts a second one).
		tr.apiAddr = ""
		deadline := time.After(60 * time.Second)
		for tr.apiAddr == "" {
			if m := apiLine.FindStringSubmatch(p.out.String()); m != nil {
				tr.apiAddr = m[1]
				break
			}
			select {
			case <-p.done:
				t.Fatalf("%s: exited before serving: %v\n%s", line, p.err, p.out)
			case <-deadline:
				t.Fatalf("%s: no API line within 60s\n%s", line, p.out)
			case <-time.After(50 * time.Millisecond):
			}
		}
	case longRunning.MatchString(line):
		// A command that runs until Ctrl-C (in its own terminal): it must
		// still be running after a few seconds, then stop cleanly.
		p := tr.start(line)
		select {
		case <-p.done:
			t.Fatalf("%s: exited early: %v\n%s", line, p.err, p.out)
		case <-time.After(4 * time.Second):
		}
		tr.stop(p)
		t.Logf("$ %s (stopped after 4s)\n%s", line, p.out)
		// It explains itself: more than its banner (a validator with
		// nothing to do says why at info).
		if n := strings.Count(strings.TrimSpace(p.out.String()), "\n"); n < 1 {
			t.Errorf("%s: printed only its banner in 4s:\n%s", line, p.out)
		}
	default:
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := tr.command(ctx, line)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		cmd.Stdin = strings.NewReader("")
		if err := cmd.Run(); err != nil {
			t.Fatalf("$ %s\n%s\n%v", line, out.String(), err)
		}
		t.Logf("$ %s\n%s", line, out.String())
	}
}

// TestReadme runs the README's marked command blocks in order, as written
// (see "The README is a test" in README.md): every command must succeed,
// long-running ones must start and stop cleanly on Ctrl-C.
func TestReadme(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the README tour runs a localnet")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(repo, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	lines, err := readmeBlocks(string(readme))
	if err != nil {
		t.Fatal(err)
	}
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	tr := &tour{t: t, repo: repo, bin: bin, tmp: filepath.Join(tmp, "tmp"), home: filepath.Join(tmp, "home")}
	for _, d := range []string{tr.tmp, tr.home} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	defer func() {
		for i := len(tr.bg) - 1; i >= 0; i-- {
			tr.stop(tr.bg[i])
		}
	}()
	for _, l := range lines {
		tr.run(l)
	}
}

// TestReadmeBlocks checks the block extraction: only marked ```sh blocks,
// comments cut.
func TestReadmeBlocks(t *testing.T) {
	md := fmt.Sprintf("```sh\nunmarked\n```\n%s\n```sh\n# comment\n./taonet status   # trailing\n\n./taonet a &\n```\n%s\n\ntext\n```sh\nnot run\n```\n", readmeMarker, readmeMarker)
	got, err := readmeBlocks(md)
	if err != nil || strings.Join(got, "|") != "./taonet status|./taonet a &" {
		t.Fatalf("got %q, %v", got, err)
	}
	if _, err := readmeBlocks("```sh\nx\n```\n"); err == nil {
		t.Error("no marked block: want an error")
	}
}
