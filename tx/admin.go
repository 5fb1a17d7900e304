package tx

import "fmt"

// AdminKind is the wire type of an AdminUtils setter's value.
type AdminKind uint8

// Value kinds of AdminUtils setters.
const (
	AdminU16 AdminKind = iota
	AdminU64
	AdminBool
	// AdminI16 is an i16 carried in the low 16 bits of Value.
	AdminI16
	// AdminU16Pair is two u16 (low, high) carried as low | high<<16.
	AdminU16Pair
)

// AdminParam describes one AdminUtils setter: its call index (the
// reference's AdminUtils call_index), name, whether it takes a netuid, and
// its value kind.
type AdminParam struct {
	Index  uint8
	Name   string
	Subnet bool
	Kind   AdminKind
}

// AdminParams lists the AdminUtils setters taonet implements, by index.
var AdminParams = []AdminParam{
	{1, "sudo_set_default_take", false, AdminU16},
	{2, "sudo_set_tx_rate_limit", false, AdminU64},
	{3, "sudo_set_serving_rate_limit", true, AdminU64},
	{4, "sudo_set_min_difficulty", true, AdminU64},
	{5, "sudo_set_max_difficulty", true, AdminU64},
	{6, "sudo_set_weights_version_key", true, AdminU64},
	{7, "sudo_set_weights_set_rate_limit", true, AdminU64},
	{8, "sudo_set_adjustment_interval", true, AdminU16},
	{9, "sudo_set_adjustment_alpha", true, AdminU64},
	{13, "sudo_set_immunity_period", true, AdminU16},
	{14, "sudo_set_min_allowed_weights", true, AdminU16},
	{15, "sudo_set_max_allowed_uids", true, AdminU16},
	{16, "sudo_set_kappa", true, AdminU16},
	{17, "sudo_set_rho", true, AdminU16},
	{18, "sudo_set_activity_cutoff", true, AdminU16},
	{19, "sudo_set_network_registration_allowed", true, AdminBool},
	{20, "sudo_set_network_pow_registration_allowed", true, AdminBool},
	{21, "sudo_set_target_registrations_per_interval", true, AdminU16},
	{22, "sudo_set_min_burn", true, AdminU64},
	{23, "sudo_set_max_burn", true, AdminU64},
	{24, "sudo_set_difficulty", true, AdminU64},
	{25, "sudo_set_max_allowed_validators", true, AdminU16},
	{26, "sudo_set_bonds_moving_average", true, AdminU64},
	{27, "sudo_set_max_registrations_per_block", true, AdminU16},
	{28, "sudo_set_subnet_owner_cut", false, AdminU16},
	{29, "sudo_set_network_rate_limit", false, AdminU64},
	{30, "sudo_set_tempo", true, AdminU16},
	{35, "sudo_set_network_immunity_period", false, AdminU64},
	{36, "sudo_set_network_min_lock_cost", false, AdminU64},
	{37, "sudo_set_subnet_limit", false, AdminU16},
	{38, "sudo_set_lock_reduction_interval", false, AdminU64},
	{42, "sudo_set_stake_threshold", false, AdminU64},
	{45, "sudo_set_tx_delegate_take_rate_limit", false, AdminU64},
	{46, "sudo_set_min_delegate_take", false, AdminU16},
	{49, "sudo_set_commit_reveal_weights_enabled", true, AdminBool},
	{50, "sudo_set_liquid_alpha_enabled", true, AdminBool},
	{51, "sudo_set_alpha_values", true, AdminU16Pair},
	{54, "sudo_set_coldkey_swap_schedule_duration", false, AdminU64},
	{55, "sudo_set_dissolve_network_schedule_duration", false, AdminU64},
	{57, "sudo_set_commit_reveal_weights_interval", true, AdminU64},
	{60, "sudo_set_bonds_penalty", true, AdminU16},
	{68, "sudo_set_alpha_sigmoid_steepness", true, AdminI16},
	{69, "sudo_set_yuma3_enabled", true, AdminBool},
	{75, "sudo_set_owner_hparam_rate_limit", false, AdminU64},
}

// AdminParamByIndex returns the setter with call index i.
func AdminParamByIndex(i uint8) (AdminParam, bool) {
	for _, p := range AdminParams {
		if p.Index == i {
			return p, true
		}
	}
	return AdminParam{}, false
}

// AdminParamByName returns the setter named name (e.g. "sudo_set_tempo").
func AdminParamByName(name string) (AdminParam, bool) {
	for _, p := range AdminParams {
		if p.Name == name {
			return p, true
		}
	}
	return AdminParam{}, false
}

// AdminSet is an AdminUtils hyperparameter setter: Call is the setter's
// index in AdminParams, Netuid the subnet (ignored by global setters) and
// Value the new value in the setter's kind (bool: 0/1; i16: the low 16
// bits; u16 pair: low | high<<16). Its fields are encoded as netuid (u16,
// per-subnet setters only) then the value at its kind's width.
type AdminSet struct {
	Call   uint8
	Netuid uint16
	Value  uint64
}

// Module implements Call.
func (AdminSet) Module() uint8 { return ModuleAdmin }

// Index implements Call.
func (c AdminSet) Index() uint8 { return c.Call }

// Name implements Call.
func (c AdminSet) Name() string {
	if p, ok := AdminParamByIndex(c.Call); ok {
		return "AdminUtils." + p.Name
	}
	return fmt.Sprintf("AdminUtils.call_%d", c.Call)
}

// EncodeFields implements Call.
func (c AdminSet) EncodeFields(e *Encoder) {
	p, _ := AdminParamByIndex(c.Call)
	if p.Subnet {
		e.U16(c.Netuid)
	}
	switch p.Kind {
	case AdminU16, AdminI16:
		e.U16(uint16(c.Value))
	case AdminU64:
		e.U64(c.Value)
	case AdminBool:
		e.Bool(c.Value != 0)
	case AdminU16Pair:
		e.U16(uint16(c.Value))
		e.U16(uint16(c.Value >> 16))
	}
}

func init() {
	for _, p := range AdminParams {
		Register(ModuleAdmin, p.Index, "AdminUtils."+p.Name, func(d *Decoder) Call {
			c := AdminSet{Call: p.Index}
			if p.Subnet {
				c.Netuid = d.U16("netuid")
			}
			switch p.Kind {
			case AdminU16, AdminI16:
				c.Value = uint64(d.U16("value"))
			case AdminU64:
				c.Value = d.U64("value")
			case AdminBool:
				if d.Bool("value") {
					c.Value = 1
				}
			case AdminU16Pair:
				lo := d.U16("low")
				c.Value = uint64(lo) | uint64(d.U16("high"))<<16
			}
			return c
		})
	}
}
