package subtensor

import (
	"testing"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

func TestAdminOriginsAndBounds(t *testing.T) {
	e := newEnv(t)
	id := e.subnet("owner")
	owner := acct("owner")
	set := func(signer keys.PublicKey, name string, netuid uint16, v uint64) error {
		p, ok := tx.AdminParamByName(name)
		if !ok {
			t.Fatalf("no setter %s", name)
		}
		return e.do(signer, func(ctx *module.Context) error {
			return AdminSet(ctx, signer, tx.AdminSet{Call: p.Index, Netuid: netuid, Value: v})
		})
	}
	tests := []struct {
		name   string
		signer keys.PublicKey
		call   string
		netuid uint16
		value  uint64
		want   *module.Error
	}{
		{"stranger", acct("x"), "sudo_set_rho", id, 5, ErrBadOrigin},
		{"owner sets rho", owner, "sudo_set_rho", id, 5, nil},
		{"owner again too soon", owner, "sudo_set_rho", id, 6, ErrTxRateLimitExceeded},
		{"owner sets another param", owner, "sudo_set_immunity_period", id, 100, nil},
		{"owner cannot set a root-only param", owner, "sudo_set_tempo", id, 100, ErrBadOrigin},
		{"owner cannot set globals", owner, "sudo_set_subnet_limit", 0, 3, ErrBadOrigin},
		{"owner cannot touch root", owner, "sudo_set_rho", 0, 3, ErrBadOrigin},
		{"sudo is not rate-limited", e.sudo, "sudo_set_rho", id, 7, nil},
		{"sudo sets tempo", e.sudo, "sudo_set_tempo", id, 99, nil},
		{"unknown subnet", e.sudo, "sudo_set_rho", 42, 7, ErrAdminSubnetDoesNotExist},
		{"owner uid cap", owner, "sudo_set_max_allowed_uids", id, 257, ErrMaxAllowedUidsGreaterThanDefaultMaxAllowedUids},
		{"sudo uid cap", e.sudo, "sudo_set_max_allowed_uids", id, uint64(MaxUIDs) + 1, ErrMaxAllowedUidsGreaterThanDefaultMaxAllowedUids},
		{"below validators", e.sudo, "sudo_set_max_allowed_uids", id, 10, ErrMaxValidatorsLargerThanMaxUIds},
		{"validators above uids", e.sudo, "sudo_set_max_allowed_validators", id, 300, ErrMaxValidatorsLargerThanMaxUIds},
		{"sudo 4096 uids", e.sudo, "sudo_set_max_allowed_uids", id, 4096, nil},
		{"owner bonds ma cap", owner, "sudo_set_bonds_moving_average", id, 975_001, ErrBondsMovingAverageMaxReached},
		{"activity cutoff too low", owner, "sudo_set_activity_cutoff", id, 359, ErrActivityCutoffTooLow},
		{"reveal period too large", owner, "sudo_set_commit_reveal_weights_interval", id, 101, ErrRevealPeriodTooLarge},
		{"reveal period too small", owner, "sudo_set_commit_reveal_weights_interval", id, 0, ErrRevealPeriodTooSmall},
		{"alpha values need liquid alpha", owner, "sudo_set_alpha_values", id, 40000 | 50000<<16, ErrLiquidAlphaDisabled},
		{"liquid alpha on", owner, "sudo_set_liquid_alpha_enabled", id, 1, nil},
		{"alpha low above high", owner, "sudo_set_alpha_values", id, 50000 | 40000<<16, ErrAlphaLowOutOfRange},
		{"alpha high too low", owner, "sudo_set_alpha_values", id, 1000 | 1000<<16, ErrAlphaHighTooLow},
		{"alpha values", owner, "sudo_set_alpha_values", id, 40000 | 50000<<16, nil},
		{"min burn above max", owner, "sudo_set_min_burn", id, 1000 * TAO, ErrValueNotInBounds},
		{"negative steepness", owner, "sudo_set_alpha_sigmoid_steepness", id, uint64(uint16(0xffff)), ErrNegativeSigmoidSteepness},
		{"sudo global", e.sudo, "sudo_set_subnet_limit", 0, 3, nil},
		{"sudo min take above max", e.sudo, "sudo_set_min_delegate_take", 0, 20_000, ErrValueNotInBounds},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantErr(t, set(tt.signer, tt.call, tt.netuid, tt.value), tt.want) })
	}
	p := e.params(id)
	if p.Rho != 7 || p.Tempo != 99 || p.ImmunityPeriod != 100 || p.MaxAllowedUIDs != 4096 || p.AlphaLow != 40000 || p.AlphaHigh != 50000 {
		t.Fatalf("params %+v", p)
	}
	if Network(e.kv).SubnetLimit != 3 {
		t.Fatal("subnet limit not set")
	}
	// The owner's rate limit is OwnerHyperparamRateLimit tempos.
	e.height += 2 * 99
	wantErr(t, set(owner, "sudo_set_rho", id, 8), nil)
}
