package api

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/coder/websocket"

	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// Server is the HTTP handler of the API.
type Server struct {
	b   Backend
	log *slog.Logger
	mux *http.ServeMux
}

// New returns the API handler over b.
func New(b Backend, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{b: b, log: log, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /v1/status", s.withView(s.status))
	s.mux.HandleFunc("GET /v1/accounts/{address}", s.withView(s.account))
	s.mux.HandleFunc("POST /v1/tx", s.submitTx)
	s.mux.HandleFunc("GET /v1/tx/{hash}", s.getTx)
	s.mux.HandleFunc("GET /v1/blocks/{height}", s.getBlock)
	s.mux.HandleFunc("GET /v1/ws", s.ws)
	s.registerSubnetRoutes()
	s.mux.HandleFunc("GET /v1/governance", s.withView(s.governance))
	s.mux.HandleFunc("GET /v1/node", s.nodeInfo)
	s.mux.HandleFunc("GET /v1/genesis", s.genesis)
	s.mux.HandleFunc("GET /v1/validators", s.validators)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		WriteError(w, http.StatusNotFound, "NotFound", "no such endpoint: "+r.Method+" "+r.URL.Path)
	})
	return s
}

// Handle registers an extra endpoint (other modules' queries).
func (s *Server) Handle(pattern string, h http.HandlerFunc) { s.mux.HandleFunc(pattern, h) }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// ViewHandler is a handler that reads one pinned committed state.
type ViewHandler func(w http.ResponseWriter, r *http.Request, v *store.View)

// WithView pins the committed state for the duration of h (exported for module endpoints).
func (s *Server) WithView(h ViewHandler) http.HandlerFunc { return s.withView(h) }

func (s *Server) withView(h ViewHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := s.b.View()
		if err != nil {
			WriteError(w, http.StatusServiceUnavailable, "NotReady", err.Error())
			return
		}
		defer v.Close()
		h(w, r, v)
	}
}

// WriteJSON writes v with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// WriteError writes {"error":{"code","message"}} with status.
func WriteError(w http.ResponseWriter, status int, code, msg string) {
	WriteJSON(w, status, ErrorBody{Error: ErrorDetail{Code: code, Message: msg}})
}

func (s *Server) status(w http.ResponseWriter, _ *http.Request, v *store.View) {
	mode, ssh := SyncCaughtUp, int64(0)
	if sy, ok := s.b.(Syncer); ok {
		mode, ssh = sy.SyncStatus()
	}
	WriteJSON(w, http.StatusOK, Status{
		ChainID:            s.b.ChainID(),
		Height:             v.Version(),
		AppHash:            hex.EncodeToString(v.AppHash()),
		TotalIssuance:      bank.TotalIssuance(v),
		BlockEmission:      coinbase.BlockEmission(v),
		PendingEmission:    coinbase.PendingEmission(v),
		ExistentialDeposit: bank.ExistentialDeposit(v),
		BaseFee:            auth.BaseFee(v),
		Sync:               mode,
		StateSyncHeight:    ssh,
	})
}

func (s *Server) nodeInfo(w http.ResponseWriter, r *http.Request) {
	p, ok := s.b.(Peering)
	if !ok {
		WriteError(w, http.StatusNotFound, "NotFound", "this node does not serve peering information")
		return
	}
	info, err := p.NodeInfo(r.Context())
	if err != nil {
		WriteError(w, http.StatusServiceUnavailable, "NotReady", err.Error())
		return
	}
	WriteJSON(w, http.StatusOK, info)
}

func (s *Server) validators(w http.ResponseWriter, r *http.Request) {
	p, ok := s.b.(Peering)
	if !ok {
		WriteError(w, http.StatusNotFound, "NotFound", "this node does not serve its validator set")
		return
	}
	vs, err := p.Validators(r.Context())
	if err != nil {
		WriteError(w, http.StatusServiceUnavailable, "NotReady", err.Error())
		return
	}
	WriteJSON(w, http.StatusOK, vs)
}

func (s *Server) genesis(w http.ResponseWriter, _ *http.Request) {
	p, ok := s.b.(Peering)
	if !ok {
		WriteError(w, http.StatusNotFound, "NotFound", "this node does not serve its genesis")
		return
	}
	b, err := p.Genesis()
	if err != nil {
		WriteError(w, http.StatusServiceUnavailable, "NotReady", err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}

func (s *Server) account(w http.ResponseWriter, r *http.Request, v *store.View) {
	pk, err := keys.ParsePublicKey(r.PathValue("address"))
	if err != nil {
		WriteError(w, http.StatusBadRequest, "InvalidAddress", err.Error())
		return
	}
	WriteJSON(w, http.StatusOK, Account{
		Address: pk.SS58(), PublicKey: pk.Hex(),
		Free: bank.Balance(v, pk), Nonce: auth.Nonce(v, pk), NextNonce: max(s.b.NextNonce(pk), auth.Nonce(v, pk)), Height: v.Version(),
	})
}

// MaxSubmitBodyBytes bounds a POST /v1/tx body: a hex-encoded transaction
// of tx.MaxTxBytes plus its JSON wrapping.
const MaxSubmitBodyBytes = 2*tx.MaxTxBytes + 1024

// CodeBodyTooLarge is the error code of a request body over its limit (413).
const CodeBodyTooLarge = "BodyTooLarge"

func (s *Server) submitTx(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxSubmitBodyBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		WriteError(w, http.StatusRequestEntityTooLarge, CodeBodyTooLarge,
			fmt.Sprintf("request body over %d bytes: a transaction is at most %d bytes (hex-encoded twice that)", MaxSubmitBodyBytes, tx.MaxTxBytes))
		return
	}
	if err != nil {
		WriteError(w, http.StatusBadRequest, "BadRequest", err.Error())
		return
	}
	var req SubmitRequest
	if err := json.Unmarshal(body, &req); err != nil {
		WriteError(w, http.StatusBadRequest, "BadRequest", "body must be {\"tx\":\"0x…\"}: "+err.Error())
		return
	}
	raw, err := hex.DecodeString(strings.TrimPrefix(req.Tx, "0x"))
	if err != nil || len(raw) == 0 {
		WriteError(w, http.StatusBadRequest, "BadRequest", "tx must be non-empty hex")
		return
	}
	h := tx.Hash(raw)
	resp := SubmitResponse{Hash: hex.EncodeToString(h[:])}
	ctx, cancel := context.WithTimeout(r.Context(), 60*time.Second)
	defer cancel()
	if r.URL.Query().Get("wait") == "commit" {
		info, check, err := s.b.CommitTx(ctx, raw)
		if err != nil {
			WriteError(w, http.StatusServiceUnavailable, "BroadcastFailed", err.Error())
			return
		}
		if check.Code != 0 {
			s.refused(w, resp, check.Code, check.Codespace, check.Error, check.Log)
			return
		}
		resp.Height, resp.Result = info.Height, info
		resp.Code, resp.Codespace, resp.Log = info.Result.Code, info.Result.Codespace, info.Result.Log
		if info.Result.Code != 0 {
			resp.Error = &ErrorDetail{Code: info.Result.Error, Message: info.Result.Log}
		}
		WriteJSON(w, http.StatusOK, resp)
		return
	}
	check, err := s.b.CheckTx(ctx, raw)
	if err != nil {
		WriteError(w, http.StatusServiceUnavailable, "BroadcastFailed", err.Error())
		return
	}
	if check.Code != 0 {
		s.refused(w, resp, check.Code, check.Codespace, check.Error, check.Log)
		return
	}
	WriteJSON(w, http.StatusOK, resp)
}

func (s *Server) refused(w http.ResponseWriter, resp SubmitResponse, code uint32, space, name, log string) {
	resp.Code, resp.Codespace, resp.Log = code, space, log
	resp.Error = &ErrorDetail{Code: name, Message: log}
	WriteJSON(w, http.StatusUnprocessableEntity, resp)
}

func (s *Server) getTx(w http.ResponseWriter, r *http.Request) {
	h, err := hex.DecodeString(strings.TrimPrefix(r.PathValue("hash"), "0x"))
	if err != nil || len(h) != 32 {
		WriteError(w, http.StatusBadRequest, "InvalidHash", "tx hash must be 32 bytes of hex")
		return
	}
	info, err := s.b.Tx(r.Context(), h)
	if err != nil {
		s.lookupError(w, "tx", err)
		return
	}
	WriteJSON(w, http.StatusOK, info)
}

func (s *Server) getBlock(w http.ResponseWriter, r *http.Request) {
	var height int64
	if p := r.PathValue("height"); p != "latest" {
		h, err := strconv.ParseInt(p, 10, 64)
		if err != nil || h <= 0 {
			WriteError(w, http.StatusBadRequest, "InvalidHeight", fmt.Sprintf("height must be a positive integer or \"latest\", got %q", p))
			return
		}
		height = h
	}
	b, err := s.b.Block(r.Context(), height)
	if err != nil {
		s.lookupError(w, "block", err)
		return
	}
	WriteJSON(w, http.StatusOK, b)
}

func (s *Server) lookupError(w http.ResponseWriter, what string, err error) {
	if errors.Is(err, ErrNotFound) {
		WriteError(w, http.StatusNotFound, "NotFound", what+" not found")
		return
	}
	WriteError(w, http.StatusInternalServerError, "Internal", err.Error())
}

func (s *Server) ws(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		return
	}
	defer c.CloseNow()
	blocks, cancel := s.b.Subscribe()
	defer cancel()
	ctx := c.CloseRead(r.Context())
	for {
		select {
		case <-ctx.Done():
			c.Close(websocket.StatusNormalClosure, "")
			return
		case b, ok := <-blocks:
			if !ok {
				c.Close(websocket.StatusGoingAway, "node stopping")
				return
			}
			msg, _ := json.Marshal(map[string]any{"type": "block", "block": b})
			wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
			err := c.Write(wctx, websocket.MessageText, msg)
			wcancel()
			if err != nil {
				return
			}
		}
	}
}
