package subtensor

import (
	"fmt"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/store"
)

// The block step's scheduler (the reference's pallet_scheduler, reduced to
// what the SubtensorModule schedules): a call scheduled for block b is a
// record under a queue prefix ‖ b(8) ‖ id, so the records due at a block
// are one ordered prefix. A queue exists per kind of call
// (schedule_dissolve_network, schedule_swap_coldkey); runDue runs them.

// dueTask is one queued record due at the current block.
type dueTask struct {
	// key is the queue record's full key (deleted before the task runs).
	key []byte
	// id is the key's part after the block (a netuid, a coldkey).
	id []byte
	// value is the queue record's value.
	value []byte
}

// dueTasks returns the records queued under blockPrefix (a queue prefix ‖
// block), in key order. An id that is not idLen bytes or a value that is not
// valueLen bytes is corrupt state; what names the queue in the panic.
func dueTasks(kv store.Reader, blockPrefix []byte, idLen, valueLen int, what string) []dueTask {
	var out []dueTask
	it := kv.Iterator(blockPrefix, store.PrefixEnd(blockPrefix))
	for ; it.Valid(); it.Next() {
		if len(it.Key()) != len(blockPrefix)+idLen || len(it.Value()) != valueLen {
			k, n := append([]byte(nil), it.Key()...), len(it.Value())
			it.Close()
			module.Corrupt(k, fmt.Errorf("%s record of %d bytes", what, n))
		}
		k := append([]byte(nil), it.Key()...)
		out = append(out, dueTask{key: k, id: k[len(blockPrefix):], value: append([]byte(nil), it.Value()...)})
	}
	it.Close()
	return out
}

// runDue deletes each task's queue record and runs it on its own branch of
// ctx, as root runs a scheduled call: a task that fails changes nothing but
// its queue record, and failed reports the reference error's name.
func runDue(ctx *module.Context, tasks []dueTask, run func(branch *module.Context, t dueTask) error, failed func(t dueTask, name string)) {
	for _, t := range tasks {
		ctx.KV.Delete(t.key)
		branch, commit := ctx.Branch()
		if err := run(branch, t); err != nil {
			name := "error"
			if e, ok := module.AsError(err); ok {
				name = e.Name
			}
			failed(t, name)
			continue
		}
		commit()
	}
}
