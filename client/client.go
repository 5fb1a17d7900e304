// Package client is the typed Go client of taonet's HTTP API (package api),
// with helpers to build, sign and submit transactions. The CLI and SDK talk
// to nodes only through it.
package client

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/coder/websocket"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// DefaultURL is the API address of a default localnet.
const DefaultURL = "http://127.0.0.1:8090"

// Client calls one node's API. It is safe for concurrent use.
type Client struct {
	base string
	http *http.Client
}

// New returns a client for the API at base (e.g. "http://127.0.0.1:8090").
func New(base string) *Client {
	return &Client{base: strings.TrimRight(base, "/"), http: &http.Client{Timeout: 90 * time.Second}}
}

// URL returns the node's base URL.
func (c *Client) URL() string { return c.base }

// APIError is an error response of the API.
type APIError struct {
	// Status is the HTTP status.
	Status int
	// Code is the error name, e.g. "InsufficientBalance" or "NotFound".
	Code string
	// Message is the detail.
	Message string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s: %s (HTTP %d)", e.Code, e.Message, e.Status)
}

// ErrNotFound is matched (errors.Is) by a 404 APIError.
var ErrNotFound = errors.New("client: not found")

// Is lets errors.Is(err, ErrNotFound) match a 404.
func (e *APIError) Is(target error) bool {
	return target == ErrNotFound && e.Status == http.StatusNotFound
}

// Get fetches path (e.g. "/v1/status") into out.
func (c *Client) Get(ctx context.Context, path string, out any) error {
	return c.do(ctx, http.MethodGet, path, nil, out)
}

func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return fmt.Errorf("client: %w", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("client: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("client: read %s: %w", path, err)
	}
	if resp.StatusCode >= 300 {
		var eb apitypes.ErrorBody
		if json.Unmarshal(data, &eb) == nil && eb.Error.Code != "" {
			return &APIError{Status: resp.StatusCode, Code: eb.Error.Code, Message: eb.Error.Message}
		}
		return &APIError{Status: resp.StatusCode, Code: http.StatusText(resp.StatusCode), Message: strings.TrimSpace(string(data))}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("client: decode %s: %w", path, err)
	}
	return nil
}

// Status returns GET /v1/status.
func (c *Client) Status(ctx context.Context) (*apitypes.Status, error) {
	var s apitypes.Status
	return &s, c.Get(ctx, "/v1/status", &s)
}

// NodeInfo returns GET /v1/node: what a joining node needs to peer with this one.
func (c *Client) NodeInfo(ctx context.Context) (*apitypes.NodeInfo, error) {
	var n apitypes.NodeInfo
	return &n, c.Get(ctx, "/v1/node", &n)
}

// Validators returns GET /v1/validators: the consensus validator set in force.
func (c *Client) Validators(ctx context.Context) (*apitypes.Validators, error) {
	var v apitypes.Validators
	return &v, c.Get(ctx, "/v1/validators", &v)
}

// Genesis returns GET /v1/genesis: the genesis document as CometBFT JSON.
func (c *Client) Genesis(ctx context.Context) (json.RawMessage, error) {
	var g json.RawMessage
	return g, c.Get(ctx, "/v1/genesis", &g)
}

// Account returns GET /v1/accounts/{address}.
func (c *Client) Account(ctx context.Context, address string) (*apitypes.Account, error) {
	var a apitypes.Account
	return &a, c.Get(ctx, "/v1/accounts/"+url.PathEscape(address), &a)
}

// Balance returns an account's free balance in rao.
func (c *Client) Balance(ctx context.Context, address string) (uint64, error) {
	a, err := c.Account(ctx, address)
	if err != nil {
		return 0, err
	}
	return a.Free, nil
}

// Tx returns GET /v1/tx/{hash}.
func (c *Client) Tx(ctx context.Context, hash string) (*apitypes.TxInfo, error) {
	var t apitypes.TxInfo
	return &t, c.Get(ctx, "/v1/tx/"+url.PathEscape(hash), &t)
}

// Block returns GET /v1/blocks/{height}; height 0 means latest.
func (c *Client) Block(ctx context.Context, height int64) (*apitypes.BlockInfo, error) {
	p := "latest"
	if height > 0 {
		p = fmt.Sprint(height)
	}
	var b apitypes.BlockInfo
	return &b, c.Get(ctx, "/v1/blocks/"+p, &b)
}

// TxError is a transaction refused in CheckTx or failed in its block.
type TxError struct {
	// Hash is the tx hash.
	Hash string
	// Name is the chain error's name, e.g. "InsufficientBalance".
	Name string
	// Codespace and Code identify the error stably.
	Codespace string
	Code      uint32
	// Log is the detail.
	Log string
}

func (e *TxError) Error() string { return fmt.Sprintf("transaction refused: %s: %s", e.Name, e.Log) }

// Submit posts an encoded tx. With wait it returns once the tx is in a
// committed block. A refused or failed tx returns a *TxError.
func (c *Client) Submit(ctx context.Context, raw []byte, wait bool) (*apitypes.SubmitResponse, error) {
	path := "/v1/tx"
	if wait {
		path += "?wait=commit"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path,
		strings.NewReader(`{"tx":"0x`+hex.EncodeToString(raw)+`"}`))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("client: submit: %w", err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var sr apitypes.SubmitResponse
	if err := json.Unmarshal(data, &sr); err != nil || (sr.Hash == "" && resp.StatusCode != http.StatusOK) {
		var eb apitypes.ErrorBody
		if json.Unmarshal(data, &eb) == nil && eb.Error.Code != "" {
			return nil, &APIError{Status: resp.StatusCode, Code: eb.Error.Code, Message: eb.Error.Message}
		}
		return nil, &APIError{Status: resp.StatusCode, Code: http.StatusText(resp.StatusCode), Message: string(data)}
	}
	if sr.Code != 0 {
		name := ""
		if sr.Error != nil {
			name = sr.Error.Code
		}
		return &sr, &TxError{Hash: sr.Hash, Name: name, Codespace: sr.Codespace, Code: sr.Code, Log: sr.Log}
	}
	return &sr, nil
}

// MaxNonceRetries bounds how often SignAndSubmit re-signs after another
// submitter took the nonce it read.
const MaxNonceRetries = 64

// SignAndSubmit builds a tx for call signed by kp with the account's next
// nonce on the node (counting its transactions in the node's mempool) and
// the chain's id, submits it and (with wait) waits for its block. When
// another process from the same account took that nonce first (a Stale
// refusal), it reads the next nonce again and re-signs, up to
// MaxNonceRetries times.
func (c *Client) SignAndSubmit(ctx context.Context, kp *keys.Keypair, call tx.Call, tip uint64, wait bool) (*apitypes.SubmitResponse, error) {
	st, err := c.Status(ctx)
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		acct, err := c.Account(ctx, kp.SS58())
		if err != nil {
			return nil, err
		}
		t := &tx.Tx{ChainID: st.ChainID, Nonce: acct.NextNonce, Tip: tip, Call: call}
		if err := t.Sign(kp); err != nil {
			return nil, err
		}
		resp, err := c.Submit(ctx, t.Encode(), wait)
		var te *TxError
		if attempt >= MaxNonceRetries || !errors.As(err, &te) || te.Name != "Stale" {
			return resp, err
		}
		select { // a short pause, growing with the attempts, before re-reading the nonce
		case <-ctx.Done():
			return resp, err
		case <-time.After(time.Duration(attempt%8+1) * 5 * time.Millisecond):
		}
	}
}

// Subscribe streams committed blocks from /v1/ws until ctx ends. The
// channel closes when the stream ends.
func (c *Client) Subscribe(ctx context.Context) (<-chan apitypes.Block, error) {
	u := "ws" + strings.TrimPrefix(c.base, "http") + "/v1/ws"
	conn, _, err := websocket.Dial(ctx, u, nil)
	if err != nil {
		return nil, fmt.Errorf("client: subscribe: %w", err)
	}
	conn.SetReadLimit(64 << 20)
	out := make(chan apitypes.Block, 16)
	go func() {
		defer close(out)
		defer conn.CloseNow()
		for {
			_, data, err := conn.Read(ctx)
			if err != nil {
				return
			}
			var msg struct {
				Block apitypes.Block `json:"block"`
			}
			if json.Unmarshal(data, &msg) != nil {
				continue
			}
			select {
			case out <- msg.Block:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}
