package chain

import (
	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// Handler executes the calls of one module. It reports handled=false for a
// call that is not its own.
type Handler func(ctx *module.Context, call tx.Call) (handled bool, err error)

// BlockHook runs at the start or end of every block, in registration order.
type BlockHook func(ctx *module.Context) error

// Chain routes transactions to module handlers and runs block hooks. Build
// it once with New and the Register methods; it holds no state of its own.
type Chain struct {
	handlers []Handler
	begin    []BlockHook
	end      []BlockHook
}

// New returns a Chain with the core modules: the bank's calls, the
// SubtensorModule and AdminUtils calls, and at the start of each block the
// coinbase followed by the subtensor block step (registration adjustment,
// root epoch, emission split, subnet epochs).
func New() *Chain {
	c := &Chain{}
	c.RegisterHandler(bank.Handle)
	c.RegisterHandler(subtensor.Handle)
	c.RegisterBeginBlock(func(ctx *module.Context) error {
		_, err := coinbase.BeginBlock(ctx)
		return err
	})
	c.RegisterBeginBlock(subtensor.BeginBlock)
	return c
}

// RegisterHandler adds a module's call handler.
func (c *Chain) RegisterHandler(h Handler) { c.handlers = append(c.handlers, h) }

// RegisterBeginBlock adds a hook run at the start of each block, after those already registered.
func (c *Chain) RegisterBeginBlock(h BlockHook) { c.begin = append(c.begin, h) }

// RegisterEndBlock adds a hook run at the end of each block, after those already registered.
func (c *Chain) RegisterEndBlock(h BlockHook) { c.end = append(c.end, h) }

// Result is the outcome of one transaction.
type Result struct {
	// Code is 0 on success, else the chain error's code.
	Code uint32 `json:"code"`
	// Codespace is the chain error's codespace ("" on success).
	Codespace string `json:"codespace,omitempty"`
	// Error is the reference's error name, e.g. "InsufficientBalance".
	Error string `json:"error,omitempty"`
	// Log is a human-readable detail.
	Log string `json:"log,omitempty"`
	// Fee is the rao charged: 0 when the ante refused the tx, the full fee
	// when the tx applied or its call failed after the ante.
	Fee uint64 `json:"fee"`
	// Call is the call's name when the tx decoded.
	Call string `json:"call,omitempty"`
	// Events are the events the transaction emitted: none when the ante
	// refused it; the fee event and ExtrinsicFailed when its call failed.
	Events []module.Event `json:"events,omitempty"`
}

// OK reports whether the transaction applied.
func (r *Result) OK() bool { return r.Code == 0 }

// ApplyTx executes raw as a block does (FinalizeBlock): see ApplyTxVerified.
func (c *Chain) ApplyTx(env module.Env, kv store.KV, raw []byte) Result {
	return c.ApplyTxVerified(env, kv, raw, false)
}

// ApplyTxVerified executes raw as a block does, in two branches of kv. The
// ante branch checks the envelope (decoding, chain id, nonce, signature),
// charges the fee and bumps the nonce; the call branch dispatches the call.
// A tx refused by the ante changes nothing and pays nothing. A tx whose
// call fails keeps its ante branch, as on Substrate and the Cosmos SDK: its
// fee is paid and its nonce used (so its bytes can never be replayed), and
// its result carries the call's named error, the fee event and an
// ExtrinsicFailed event. sigVerified true means the caller has already
// verified the signature of exactly these bytes; signature validity is a
// pure function of the bytes, so the result is the same either way.
func (c *Chain) ApplyTxVerified(env module.Env, kv store.KV, raw []byte, sigVerified bool) Result {
	return c.apply(env, kv, raw, sigVerified, true)
}

// CheckTxVerified judges raw for the mempool: like ApplyTxVerified, except
// that a tx whose call fails changes nothing (the mempool refuses it, so
// it never reaches a block to pay for its failure).
func (c *Chain) CheckTxVerified(env module.Env, kv store.KV, raw []byte, sigVerified bool) Result {
	return c.apply(env, kv, raw, sigVerified, false)
}

func (c *Chain) apply(env module.Env, kv store.KV, raw []byte, sigVerified, keepAnte bool) Result {
	t, err := auth.Decode(raw)
	if err != nil {
		return failure(err, "")
	}
	name := t.Call.Name()
	if err := auth.Check(kv, env.ChainID, t, sigVerified); err != nil {
		return failure(err, name)
	}
	ante := store.NewCache(kv)
	events := &module.EventLog{}
	fee, err := auth.Charge(&module.Context{Env: env, KV: ante, Events: events, Signer: t.Signer}, t)
	if err != nil {
		return failure(err, name)
	}
	call := store.NewCache(ante)
	ctx := &module.Context{Env: env, KV: call, Events: &module.EventLog{}, Signer: t.Signer}
	if err := c.dispatch(ctx, t.Call); err != nil {
		res := failure(err, name)
		if keepAnte {
			ante.Write()
			events.Emit(EventExtrinsicFailed, "who", t.Signer.SS58(), "call", name, "error", res.Error)
			res.Fee, res.Events = fee, events.Events()
		}
		return res
	}
	call.Write()
	ante.Write()
	events.Append(ctx.Events.Events()...)
	return Result{Fee: fee, Call: name, Events: events.Events()}
}

// EventExtrinsicFailed is the event of a tx whose call failed after its
// fee was paid (Substrate's System.ExtrinsicFailed): attributes who, call
// and error (the call's error name).
const EventExtrinsicFailed = "ExtrinsicFailed"

func (c *Chain) dispatch(ctx *module.Context, call tx.Call) error {
	for _, h := range c.handlers {
		if handled, err := h(ctx, call); handled {
			return err
		}
	}
	return module.Wrapf(auth.ErrUnknownCall, "%s", call.Name())
}

// ErrInternal is returned for a failure that carries no chain error.
var ErrInternal = module.NewError(module.CodespaceTx, 99, "Internal", "internal error")

func failure(err error, call string) Result {
	e, ok := module.AsError(err)
	if !ok {
		e = ErrInternal
	}
	return Result{Code: e.Code, Codespace: e.Codespace, Error: e.Name, Log: err.Error(), Call: call}
}

// BeginBlock runs the begin-block hooks (the coinbase first) and returns their events.
// An error here is fatal: the block cannot be executed.
func (c *Chain) BeginBlock(env module.Env, kv store.KV) ([]module.Event, error) {
	return runHooks(c.begin, env, kv)
}

// EndBlock runs the end-block hooks and returns their events.
func (c *Chain) EndBlock(env module.Env, kv store.KV) ([]module.Event, error) {
	return runHooks(c.end, env, kv)
}

func runHooks(hooks []BlockHook, env module.Env, kv store.KV) ([]module.Event, error) {
	ctx := &module.Context{Env: env, KV: kv, Events: &module.EventLog{}}
	for _, h := range hooks {
		if err := h(ctx); err != nil {
			return nil, err
		}
	}
	return ctx.Events.Events(), nil
}
