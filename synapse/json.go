package synapse

import (
	"encoding/json"
	"fmt"
	"math"
)

// Marshal returns the JSON body of s: the reference's json.dumps of
// model_dump(), with Base's fields first and the type's fields after, in
// declaration order. It sets s's Name from its type.
func Marshal(s Synapse) ([]byte, error) {
	if err := Check(s); err != nil {
		return nil, err
	}
	b := s.SynapseBase()
	b.Name = Name(s)
	out, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("synapse: marshal %s: %w", b.Name, err)
	}
	return out, nil
}

// Unmarshal decodes a JSON body into s, which should be a fresh synapse (see
// New): fields missing from data keep their values. Unknown fields are
// ignored, as pydantic ignores extra fields, and Name is reset from the type.
// Errors wrap ErrMalformedBody.
func Unmarshal(data []byte, s Synapse) error {
	if err := Check(s); err != nil {
		return err
	}
	if err := json.Unmarshal(data, s); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformedBody, err)
	}
	s.SynapseBase().Name = Name(s)
	return nil
}

func finite(f float64) bool { return !math.IsInf(f, 0) && !math.IsNaN(f) }
