package module

import "github.com/taonet/taonet/apitypes"

// Attr is one key/value attribute of an event (its wire form).
type Attr = apitypes.Attr

// Event is something a transition reports, named after subtensor's events
// (e.g. "Transfer", "StakeAdded"); its wire form.
type Event = apitypes.Event

// EventLog collects events in emission order.
type EventLog struct{ events []Event }

// Emit appends an event built from alternating key, value strings.
func (l *EventLog) Emit(typ string, kv ...string) {
	e := Event{Type: typ, Attrs: make([]Attr, 0, len(kv)/2)}
	for i := 0; i+1 < len(kv); i += 2 {
		e.Attrs = append(e.Attrs, Attr{Key: kv[i], Value: kv[i+1]})
	}
	l.events = append(l.events, e)
}

// Append adds already-built events.
func (l *EventLog) Append(es ...Event) { l.events = append(l.events, es...) }

// Events returns the collected events; the slice aliases the log.
func (l *EventLog) Events() []Event { return l.events }
