package gateway

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/taonet/taonet/apitypes"
)

// Server serves the gateway's HTTP JSON API. Routes: POST /v1/accounts
// and GET /v1/accounts/me.
type Server struct {
	Ledger *Ledger
	Log    *slog.Logger
	mux    *http.ServeMux

	sales    Sales
	caller   Caller
	synapses map[string]SynapseKind
	bmu      sync.Mutex
	buckets  map[string]*bucket
	metrics  *metrics
}

// NewAccountResponse is the body of POST /v1/accounts.
type NewAccountResponse struct {
	APIKey         string `json:"api_key"`
	DepositAddress string `json:"deposit_address"`
}

// AccountResponse is the body of GET /v1/accounts/me.
type AccountResponse struct {
	CreditRao      uint64    `json:"credit_rao"`
	Deposits       []Deposit `json:"deposits"`
	Queries        uint64    `json:"queries"`
	DepositAddress string    `json:"deposit_address"`
}

// Error codes of the API.
const (
	CodeUnauthorized       = "Unauthorized"
	CodeInsufficientCredit = "InsufficientCredit"
	CodeInternal           = "Internal"
)

// NewServer returns a server over l.
func NewServer(l *Ledger, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{Ledger: l, Log: log, mux: http.NewServeMux()}
	s.mux.HandleFunc("POST /v1/accounts", s.newAccount)
	s.mux.HandleFunc("GET /v1/accounts/me", s.me)
	return s
}

// Handle adds a route.
func (s *Server) Handle(pattern string, h http.HandlerFunc) { s.mux.HandleFunc(pattern, h) }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, apitypes.ErrorBody{Error: apitypes.ErrorDetail{Code: code, Message: msg}})
}

// bearer returns the request's API key (Authorization: Bearer KEY).
func bearer(r *http.Request) string {
	k, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return strings.TrimSpace(k)
}

// authError answers a key the ledger refused: 401 with the reason named
// (the key itself is never echoed or logged).
func authError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, ErrMalformedKey):
		writeError(w, http.StatusUnauthorized, CodeUnauthorized, "malformed API key: send Authorization: Bearer tao_<64 hex digits>")
	case errors.Is(err, ErrUnknownKey):
		writeError(w, http.StatusUnauthorized, CodeUnauthorized, "unknown API key")
	default:
		writeError(w, http.StatusInternalServerError, CodeInternal, err.Error())
	}
}

func (s *Server) newAccount(w http.ResponseWriter, _ *http.Request) {
	key, a, err := s.Ledger.NewAccount()
	if err != nil {
		s.Log.Error("new account", "err", err)
		writeError(w, http.StatusInternalServerError, CodeInternal, "could not open an account")
		return
	}
	s.Log.Info("account opened", "id", a.ID, "deposit_address", a.DepositAddress)
	writeJSON(w, http.StatusCreated, NewAccountResponse{APIKey: key, DepositAddress: a.DepositAddress})
}

func (s *Server) me(w http.ResponseWriter, r *http.Request) {
	a, err := s.Ledger.Lookup(bearer(r))
	if err != nil {
		authError(w, err)
		return
	}
	if a.Deposits == nil {
		a.Deposits = []Deposit{}
	}
	writeJSON(w, http.StatusOK, AccountResponse{CreditRao: a.CreditRao, Deposits: a.Deposits, Queries: a.Queries, DepositAddress: a.DepositAddress})
}
