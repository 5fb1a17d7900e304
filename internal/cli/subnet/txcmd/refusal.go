package txcmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/tx"
)

// RefusalError is a refused transaction with what to do about it: why the
// chain refused and when a retry can succeed.
type RefusalError struct {
	// Err is the chain's refusal.
	Err *client.TxError
	// Hint says why and when to retry.
	Hint string
}

func (e *RefusalError) Error() string { return e.Err.Error() + "; " + e.Hint }

// Unwrap returns the chain's refusal.
func (e *RefusalError) Unwrap() error { return e.Err }

// netuidOf returns the subnet a call is about, for the calls whose
// refusals depend on the subnet's epoch or limits.
func netuidOf(call tx.Call) (uint16, bool) {
	switch c := call.(type) {
	case tx.SetWeights:
		return c.Netuid, true
	case *tx.SetWeights:
		return c.Netuid, true
	}
	return 0, false
}

// explainRefusal adds the wait to a refusal whose retry depends on time:
// validator permits (the subnet's next epoch) and rate limits. Other errors
// are returned unchanged.
func (c *Common) explainRefusal(ctx context.Context, call tx.Call, err error) error {
	var te *client.TxError
	if !errors.As(err, &te) {
		return err
	}
	netuid, hasNet := netuidOf(call)
	epoch := func() string {
		if !hasNet {
			return "the subnet's next epoch"
		}
		s, serr := c.Client().Subnet(ctx, netuid)
		if serr != nil {
			return fmt.Sprintf("subnet %d's next epoch", netuid)
		}
		wait := s.BlocksUntilNextEpoch
		if wait == 0 { // the epoch ran at Height: the next is a tempo away
			wait = uint64(s.Tempo) + 1
		}
		return fmt.Sprintf("subnet %d's next epoch, block %d (in %d blocks; tempo %d)", netuid, s.Height+int64(wait), wait, s.Tempo)
	}
	var hint string
	switch te.Name {
	case "NeuronNoValidatorPermit":
		hint = "validator permits are computed from stake at " + epoch() + "; retry after it"
	case "SettingWeightsTooFast":
		hint = "weights_set_rate_limit blocks must pass since this hotkey's last weights (taonet sudo set --list --netuid N shows it); retry later"
	case "TooManyRegistrationsThisBlock":
		hint = "retry in the next block"
	case "NotEnoughStakeToSetWeights":
		hint = "stake to the hotkey (taonet stake add) up to stake_threshold (taonet sudo set --list)"
	case "HotKeyNotRegisteredInSubNet":
		hint = "register the hotkey first (taonet subnet register)"
	default:
		return err
	}
	return &RefusalError{Err: te, Hint: hint}
}
