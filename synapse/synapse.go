package synapse

import (
	"fmt"
	"reflect"
	"sync"
)

// DefaultTimeout is the reference's default query timeout in seconds.
const DefaultTimeout = 12.0

// Synapse is implemented by every synapse type: a pointer to a struct that
// embeds Base gets SynapseBase by promotion.
type Synapse interface {
	// SynapseBase returns the embedded protocol fields.
	SynapseBase() *Base
}

// Namer is implemented by a synapse type whose route name differs from its Go
// type name.
type Namer interface {
	// SynapseName returns the route and "name" field of the synapse.
	SynapseName() string
}

// HashFielder is implemented by a synapse type whose body hash covers some of
// its fields, like the reference's required_hash_fields class variable.
type HashFielder interface {
	// RequiredHashFields returns the JSON names of the hashed fields, in hash
	// order. It must return the same list on every call.
	RequiredHashFields() []string
}

// Base holds the fields every synapse carries (bittensor.Synapse). Embed it by
// value in a synapse struct. Base has no JSON methods of its own so that the
// embedding struct encodes as one flat object.
type Base struct {
	// Name is the route name; Marshal, ToHeaders and the axon set it from the
	// type, as the reference's before-validator does.
	Name string `json:"name"`
	// Timeout is the query timeout in seconds.
	Timeout float64 `json:"timeout"`
	// TotalSize is the request size in bytes as the sender reports it.
	TotalSize int64 `json:"total_size"`
	// HeaderSize is the header size in bytes as the sender reports it.
	HeaderSize int64 `json:"header_size"`
	// Dendrite describes the querying side.
	Dendrite TerminalInfo `json:"dendrite"`
	// Axon describes the serving side.
	Axon TerminalInfo `json:"axon"`
	// ComputedBodyHash is the body hash the sender computed (see BodyHash).
	ComputedBodyHash string `json:"computed_body_hash"`
}

// SynapseBase returns b; it makes every struct embedding Base a Synapse.
func (b *Base) SynapseBase() *Base { return b }

// IsSuccess reports whether the dendrite-side status code is 200.
func (b *Base) IsSuccess() bool { return b.Dendrite.StatusCode == 200 }

// IsFailure reports whether the dendrite-side status code is not 200.
func (b *Base) IsFailure() bool { return b.Dendrite.StatusCode != 200 }

// IsTimeout reports whether the dendrite-side status code is 408.
func (b *Base) IsTimeout() bool { return b.Dendrite.StatusCode == 408 }

// IsBlacklist reports whether the dendrite-side status code is 403.
func (b *Base) IsBlacklist() bool { return b.Dendrite.StatusCode == 403 }

// FailedVerification reports whether the dendrite-side status code is 401.
func (b *Base) FailedVerification() bool { return b.Dendrite.StatusCode == 401 }

// Ping is the reference's built-in synapse, routed as "/Synapse": it carries
// only the Base fields. Every axon answers it.
type Ping struct {
	Base
}

// SynapseName returns "Synapse", the Python class name of the ping.
func (*Ping) SynapseName() string { return "Synapse" }

var _ Synapse = (*Ping)(nil)

// Name returns the route name of s: its SynapseName if it implements Namer,
// otherwise the name of its Go type.
func Name(s Synapse) string {
	if n, ok := s.(Namer); ok {
		return n.SynapseName()
	}
	t := reflect.TypeOf(s)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}

// New returns a new zero synapse of the same type as proto, with Name and
// Timeout set to their defaults. proto must be a pointer to a struct.
func New(proto Synapse) Synapse {
	t := reflect.TypeOf(proto)
	s := reflect.New(t.Elem()).Interface().(Synapse)
	b := s.SynapseBase()
	b.Name = Name(s)
	b.Timeout = DefaultTimeout
	return s
}

// Clone returns a shallow copy of s: the Base (including both terminals) is
// copied, while slices, maps and pointers among the type's own fields are
// shared with s.
func Clone(s Synapse) Synapse {
	v := reflect.ValueOf(s)
	c := reflect.New(v.Type().Elem())
	c.Elem().Set(v.Elem())
	return c.Interface().(Synapse)
}

// Check reports whether s is a usable synapse: a non-nil pointer to a struct
// whose RequiredHashFields and bt:"required" fields exist and have supported
// types.
func Check(s Synapse) error {
	v := reflect.ValueOf(s)
	if s == nil || v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("%w: got %T", ErrNotStructPointer, s)
	}
	ti, err := typeInfoOf(v.Type().Elem())
	if err != nil {
		return err
	}
	if h, ok := s.(HashFielder); ok {
		for _, name := range h.RequiredHashFields() {
			if _, ok := ti.byName[name]; !ok {
				return fmt.Errorf("%w: %q in %s", ErrUnknownHashField, name, Name(s))
			}
		}
	}
	return nil
}

// field describes one JSON-visible field of a synapse struct.
type field struct {
	name     string // JSON name
	index    []int  // reflect index path, through embedded structs
	required bool   // bt:"required"
	typ      reflect.Type
}

// typeInfo is the cached field table of a struct type.
type typeInfo struct {
	fields []field // in encoding/json order
	byName map[string]int
}

var typeCache sync.Map // reflect.Type -> *typeInfo

// typeInfoOf returns the JSON field table of struct type t, as encoding/json
// sees it: exported fields, embedded structs flattened, json:"-" skipped.
func typeInfoOf(t reflect.Type) (*typeInfo, error) {
	if ti, ok := typeCache.Load(t); ok {
		return ti.(*typeInfo), nil
	}
	ti := &typeInfo{byName: map[string]int{}}
	if err := collectFields(t, nil, ti); err != nil {
		return nil, err
	}
	typeCache.Store(t, ti)
	return ti, nil
}

func collectFields(t reflect.Type, prefix []int, ti *typeInfo) error {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		idx := append(append([]int(nil), prefix...), i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := cutComma(tag)
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				return fmt.Errorf("%w: embedded pointer %s in %s", ErrUnsupportedType, f.Name, t)
			}
			if ft.Kind() == reflect.Struct {
				if err := collectFields(ft, idx, ti); err != nil {
					return err
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := ti.byName[name]; dup {
			continue // the shallower field wins, as in encoding/json
		}
		ti.byName[name] = len(ti.fields)
		ti.fields = append(ti.fields, field{
			name:     name,
			index:    idx,
			required: f.Tag.Get("bt") == "required",
			typ:      f.Type,
		})
	}
	return nil
}

func cutComma(s string) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == ',' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
