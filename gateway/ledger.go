package gateway

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/taonet/taonet/internal/atomicfile"

	"github.com/taonet/taonet/keys"
	st "github.com/taonet/taonet/storage"
)

// Errors of the ledger, named in the HTTP answers.
var (
	// ErrUnknownKey is returned for an API key no account has.
	ErrUnknownKey = errors.New("gateway: unknown API key")
	// ErrMalformedKey is returned for a string that is not an API key.
	ErrMalformedKey = errors.New("gateway: malformed API key")
	// ErrInsufficientCredit is returned when an account cannot pay a query.
	ErrInsufficientCredit = errors.New("gateway: insufficient credit")
)

// keyPrefix starts every API key; 64 hex digits follow.
const keyPrefix = "tao_"

// Deposit is one credited transfer.
type Deposit struct {
	TxHash string `json:"tx_hash"`
	From   string `json:"from"`
	Amount uint64 `json:"amount_rao"`
	Height int64  `json:"height"`
}

// Account is one user's account. The API key itself is never stored.
type Account struct {
	ID             int       `json:"id"`
	KeyHash        string    `json:"key_hash"`
	DepositAddress string    `json:"deposit_address"`
	CreditRao      uint64    `json:"credit_rao"`
	Deposits       []Deposit `json:"deposits"`
	Queries        uint64    `json:"queries"`
	// Files are the account's paid storage leases.
	Files []FileLease `json:"files,omitempty"`
}

// ledgerFile is the persisted ledger.
type ledgerFile struct {
	// Secret derives the deposit addresses' keys (hex).
	Secret   string     `json:"secret"`
	Accounts []*Account `json:"accounts"`
	// Credited are the credited tx hashes (idempotence across restarts).
	Credited []string `json:"credited"`
	// Height is the last block the watcher processed.
	Height int64 `json:"height"`
}

// Ledger holds the accounts. Safe for concurrent use.
type Ledger struct {
	mu        sync.Mutex
	path      string
	f         ledgerFile
	secret    []byte
	byKey     map[string]*Account
	byDeposit map[string]*Account
	credited  map[string]bool
}

// OpenLedger loads the ledger from dir/ledger.json, creating it (with a
// fresh deposit secret) if absent.
func OpenLedger(dir string) (*Ledger, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("gateway: %w", err)
	}
	l := &Ledger{path: filepath.Join(dir, "ledger.json")}
	b, err := os.ReadFile(l.path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		s := make([]byte, 32)
		if _, err := rand.Read(s); err != nil {
			return nil, fmt.Errorf("gateway: deposit secret: %w", err)
		}
		l.f.Secret = hex.EncodeToString(s)
	case err != nil:
		return nil, fmt.Errorf("gateway: read ledger: %w", err)
	default:
		if err := json.Unmarshal(b, &l.f); err != nil {
			return nil, fmt.Errorf("gateway: corrupt ledger %s: %w", l.path, err)
		}
	}
	if l.secret, err = hex.DecodeString(l.f.Secret); err != nil || len(l.secret) != 32 {
		return nil, fmt.Errorf("gateway: corrupt ledger %s: bad deposit secret", l.path)
	}
	l.byKey, l.byDeposit, l.credited = map[string]*Account{}, map[string]*Account{}, map[string]bool{}
	for _, a := range l.f.Accounts {
		l.byKey[a.KeyHash], l.byDeposit[a.DepositAddress] = a, a
	}
	for _, h := range l.f.Credited {
		l.credited[h] = true
	}
	return l, l.saveLocked()
}

// saveLocked writes the ledger atomically (temp file, fsync, rename).
func (l *Ledger) saveLocked() error {
	b, err := json.MarshalIndent(&l.f, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.Write(l.path, b, 0o600); err != nil {
		return fmt.Errorf("gateway: save ledger: %w", err)
	}
	return nil
}

// DepositKey returns the keypair of account id's deposit address (the
// gateway can move what users paid).
func (l *Ledger) DepositKey(id int) (*keys.Keypair, error) {
	seed := sha256.Sum256(fmt.Appendf(append([]byte("taonet/gateway/deposit/"), l.secret...), "/%d", id))
	return keys.FromSeed(seed[:])
}

func hashKey(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:])
}

// validKey reports whether key has the API key's shape.
func validKey(key string) bool {
	rest, ok := strings.CutPrefix(key, keyPrefix)
	if !ok || len(rest) != 64 {
		return false
	}
	_, err := hex.DecodeString(rest)
	return err == nil
}

// NewAccount opens an account and returns its API key (shown once) and
// the account.
func (l *Ledger) NewAccount() (string, Account, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", Account{}, fmt.Errorf("gateway: API key: %w", err)
	}
	key := keyPrefix + hex.EncodeToString(raw)
	l.mu.Lock()
	defer l.mu.Unlock()
	id := len(l.f.Accounts) + 1
	kp, err := l.DepositKey(id)
	if err != nil {
		return "", Account{}, err
	}
	a := &Account{ID: id, KeyHash: hashKey(key), DepositAddress: kp.SS58(), Deposits: []Deposit{}}
	l.f.Accounts = append(l.f.Accounts, a)
	l.byKey[a.KeyHash], l.byDeposit[a.DepositAddress] = a, a
	if err := l.saveLocked(); err != nil {
		return "", Account{}, err
	}
	return key, *a, nil
}

// Lookup returns the account of an API key.
func (l *Ledger) Lookup(key string) (Account, error) {
	if !validKey(key) {
		return Account{}, ErrMalformedKey
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	a, ok := l.byKey[hashKey(key)]
	if !ok {
		return Account{}, ErrUnknownKey
	}
	out := *a
	out.Deposits = append([]Deposit(nil), a.Deposits...)
	return out, nil
}

// IsDeposit reports whether addr is an account's deposit address.
func (l *Ledger) IsDeposit(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.byDeposit[addr] != nil
}

// Credit credits a committed transfer to the account whose deposit
// address it paid; a tx hash is credited once, whatever the calls. It
// reports whether it credited.
func (l *Ledger) Credit(d Deposit, to string) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	a := l.byDeposit[to]
	if a == nil || l.credited[d.TxHash] || d.Amount == 0 {
		return false, nil
	}
	if a.CreditRao+d.Amount < a.CreditRao {
		return false, fmt.Errorf("gateway: credit of account %d overflows", a.ID)
	}
	a.CreditRao += d.Amount
	a.Deposits = append(a.Deposits, d)
	l.credited[d.TxHash] = true
	l.f.Credited = append(l.f.Credited, d.TxHash)
	return true, l.saveLocked()
}

// Charge debits price for one answered query of the API key's account.
func (l *Ledger) Charge(key string, price uint64) error { return l.debit(key, price, true) }

// debit takes amount from the key's account, counting a query if asked.
func (l *Ledger) debit(key string, amount uint64, query bool) error {
	if !validKey(key) {
		return ErrMalformedKey
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	a, ok := l.byKey[hashKey(key)]
	if !ok {
		return ErrUnknownKey
	}
	if a.CreditRao < amount {
		return fmt.Errorf("%w: %d rao left, this costs %d", ErrInsufficientCredit, a.CreditRao, amount)
	}
	a.CreditRao -= amount
	if query {
		a.Queries++
	}
	return l.saveLocked()
}

// CanPay reports whether the key's account holds at least price.
func (l *Ledger) CanPay(key string, price uint64) error {
	a, err := l.Lookup(key)
	if err != nil {
		return err
	}
	if a.CreditRao < price {
		return fmt.Errorf("%w: %d rao left, a query costs %d", ErrInsufficientCredit, a.CreditRao, price)
	}
	return nil
}

// Height returns the last block the watcher processed.
func (l *Ledger) Height() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.f.Height
}

// SetHeight records the last block the watcher processed.
func (l *Ledger) SetHeight(h int64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if h <= l.f.Height {
		return nil
	}
	l.f.Height = h
	return l.saveLocked()
}

// FileLease is a file stored through the gateway and paid for until
// ExpiresBlock: the gateway keeps its redundancy (repair) until then.
type FileLease struct {
	// PutResponse is what the put answered.
	PutResponse
	PutBlock int64       `json:"put_block"`
	Manifest st.Manifest `json:"manifest"`
	// Holders lists, per chunk, the hotkeys (SS58) of the miners holding it.
	Holders [][]string `json:"holders"`
}

// Debit takes amount from the key's account (a storage lease paid in
// advance); Refund gives it back if the put then fails.
func (l *Ledger) Debit(key string, amount uint64) error { return l.debit(key, amount, false) }

// Refund returns amount to the key's account.
func (l *Ledger) Refund(key string, amount uint64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	a, ok := l.byKey[hashKey(key)]
	if !ok {
		return ErrUnknownKey
	}
	a.CreditRao += amount
	return l.saveLocked()
}

// AddFile records a paid lease on the key's account (a lease of the same
// CID is replaced: a re-put extends it).
func (l *Ledger) AddFile(key string, f FileLease) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	a, ok := l.byKey[hashKey(key)]
	if !ok {
		return ErrUnknownKey
	}
	a.Files = slices.DeleteFunc(a.Files, func(g FileLease) bool { return g.CID == f.CID })
	a.Files = append(a.Files, f)
	return l.saveLocked()
}

// Leases returns every account's leases that have not expired at height,
// oldest first per account.
func (l *Ledger) Leases(height int64) []FileLease {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []FileLease
	for _, a := range l.f.Accounts {
		for _, f := range a.Files {
			if f.ExpiresBlock > height {
				out = append(out, f)
			}
		}
	}
	return out
}

// SetHolders records a lease's holders after a repair.
func (l *Ledger) SetHolders(cid string, holders [][]string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, a := range l.f.Accounts {
		for i := range a.Files {
			if a.Files[i].CID == cid {
				a.Files[i].Holders = holders
			}
		}
	}
	return l.saveLocked()
}
