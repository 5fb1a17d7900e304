package synapse

import (
	"bytes"
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
// Numbers stored in interface (any) fields decode as json.Number, not
// float64, so that 2 and 2.0 keep Python's int/float distinction in the body
// hash. Errors wrap ErrMalformedBody.
func Unmarshal(data []byte, s Synapse) error {
	if err := Check(s); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(s); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformedBody, err)
	}
	if rest := bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		return fmt.Errorf("%w: data after the JSON object", ErrMalformedBody)
	}
	s.SynapseBase().Name = Name(s)
	return nil
}

func finite(f float64) bool { return !math.IsInf(f, 0) && !math.IsNaN(f) }
