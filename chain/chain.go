package chain

import (
	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/chain/authority"
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/chain/governance"
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

// New returns a Chain with the core modules: the key swaps (whose guard
// sees every call first), the bank's calls, the
// SubtensorModule and AdminUtils calls, the committees' calls; at the
// start of each block the coinbase followed by the subtensor block step
// (registration adjustment, root epoch, emission split, subnet epochs), and
// at the end of each block the committees' upkeep (senate seats, expired
// motions) and the validator set's changes for CometBFT.
func New() *Chain {
	c := &Chain{}
	gov := governance.NewKeeper(c.dispatch)
	// First: the swap guard sees every call. HotkeyMovers lists the hotkey
	// records kept outside subtensor, which swap_hotkey moves.
	c.RegisterHandler(subtensor.Swaps{HotkeyMovers: []subtensor.HotkeyMover{governance.SwapSenator}}.Handle)
	c.RegisterHandler(bank.Handle)
	c.RegisterHandler(subtensor.Handle)
	c.RegisterHandler(gov.Handle)
	c.RegisterHandler(authority.Handle)
	c.RegisterEndBlock(gov.EndBlock)
	c.RegisterEndBlock(authority.EndBlock)
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

// Result is the outcome of one transaction: its wire form, shared with
// the API and its clients.
type Result = apitypes.TxResult

// ApplyTx decodes, checks and executes raw against kv in a block. A tx
// refused by the ante (decode, chain id, nonce, signature, fee) writes
// nothing. A tx whose call fails after the ante keeps the ante's writes,
// its fee and nonce, and emits ExtrinsicFailed; the call's writes are
// dropped.
func (c *Chain) ApplyTx(env module.Env, kv store.KV, raw []byte) Result {
	return c.ApplyTxVerified(env, kv, raw, false)
}

// ApplyTxVerified is ApplyTx for a caller that has already verified the
// signature of exactly these bytes (sigVerified true skips re-verifying).
// Signature validity is a pure function of the bytes, so the result is the
// same either way; only the cost differs.
func (c *Chain) ApplyTxVerified(env module.Env, kv store.KV, raw []byte, sigVerified bool) Result {
	return c.apply(env, kv, raw, sigVerified, true)
}

// CheckTxVerified is ApplyTxVerified for the mempool: a tx whose call
// would fail is refused whole, writing nothing, so that it never enters a
// block where it would cost its signer the fee.
func (c *Chain) CheckTxVerified(env module.Env, kv store.KV, raw []byte, sigVerified bool) Result {
	return c.apply(env, kv, raw, sigVerified, false)
}

func (c *Chain) apply(env module.Env, kv store.KV, raw []byte, sigVerified, keepFailedAnte bool) Result {
	t, err := auth.Decode(raw)
	if err != nil {
		return failure(err, "")
	}
	name := t.Call.Name()
	if err := auth.Check(kv, env.ChainID, t, sigVerified); err != nil {
		return failure(err, name)
	}
	ante := store.NewCache(kv)
	ctx := &module.Context{Env: env, KV: ante, Events: &module.EventLog{}, Signer: t.Signer}
	fee, err := auth.Charge(ctx, t)
	if err != nil {
		return failure(err, name)
	}
	call, commit := ctx.Branch()
	if err := c.dispatch(call, t.Call); err != nil {
		res := failure(err, name)
		if !keepFailedAnte {
			return res
		}
		ctx.Events.Emit("ExtrinsicFailed", "who", t.Signer.SS58(), "call", name, "error", res.Error)
		ante.Write()
		res.Fee, res.Events = fee, ctx.Events.Events()
		return res
	}
	commit()
	ante.Write()
	return Result{Fee: fee, Call: name, Events: ctx.Events.Events()}
}

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
