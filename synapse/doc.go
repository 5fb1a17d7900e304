// Package synapse defines the messages that Bittensor neurons exchange over
// HTTP, wire-compatible with the bittensor Python SDK (bittensor/core/synapse.py).
//
// A synapse is a Go struct that embeds [Base] and adds its own JSON-tagged
// fields, exactly as a Python synapse subclasses bittensor.Synapse:
//
//	type Dummy struct {
//		synapse.Base
//		DummyInput  int  `json:"dummy_input" bt:"required"`
//		DummyOutput *int `json:"dummy_output"`
//	}
//
//	func (*Dummy) RequiredHashFields() []string { return []string{"dummy_input"} }
//
// The route name is the Go type name ("Dummy"), like the Python class name;
// a type may override it with a SynapseName method.
//
// # Wire format
//
//   - The JSON body is the struct encoded by [Marshal]: Base's fields first
//     (name, timeout, total_size, header_size, dendrite, axon,
//     computed_body_hash), then the type's own fields in declaration order, as
//     pydantic's model_dump does. [TerminalInfo] writes an unset field as null.
//   - The headers are produced by [ToHeaders] and read by [FromHeaders] with the
//     reference's lowercase names (name, timeout, bt_header_axon_*,
//     bt_header_dendrite_*, bt_header_input_obj_*, header_size, total_size,
//     computed_body_hash).
//   - The body hash ([BodyHash]) is sha3-256 over the concatenated sha3-256 hex
//     digests of Python's str() of each field named by RequiredHashFields, in
//     that order. Python's str() is reproduced for booleans, integers, floats
//     (repr rules, e.g. 1e-05), strings (quoting and escapes of repr inside
//     containers), slices, arrays, nested structs (as dicts in field order),
//     maps with string keys (sorted by key, see below), pointers and nil (None).
//
// # Field tags
//
// The json tag gives the wire name. Do not use omitempty: pydantic always
// sends every field, and the body hash reads the Go value whether or not it
// was sent. Match Python's types: int for int, float64 for float, string,
// slices for lists, nested structs (or pointers to them, nil for None) for
// nested models. The tag bt:"required" marks a field that
// has no default in the Python model; [ToHeaders] then sends the
// bt_header_input_obj_<name> header a Python axon needs to build the synapse
// from headers (base64 of the JSON of an empty value of the field's type, e.g.
// "MA==" for an int). A Go axon requires these headers for such fields too.
//
// # Reproduced from the reference (checked against CPython and pydantic)
//
// testdata/gen_vectors.py computes, with CPython, hashlib and pydantic, the
// values the Go tests compare against:
//   - Python's str() of every JSON kind (integers, floats including integral
//     ones such as 11.0 and repr's exponent rules, strings with repr's quoting
//     and escapes, lists, dicts, nested models, None) and its sha3-256;
//   - body hashes of synapses with integral floats, nested lists of lists,
//     dicts of lists and lists of dicts, and the reference's published
//     hashes (reference_abd, the empty hash);
//   - the bt_header_input_obj_* headers to_headers sends for a model with
//     required fields of every kind and optional ones (None and defaulted
//     fields send none);
//   - the message a dendrite signs:
//     "{nonce}.{dendrite_hotkey}.{axon_hotkey}.{uuid}.{body_hash}".
//
// interop.py (opt-in, needs the bittensor package) replays requests against
// the reference's own synapse.py.
//
// # Differences from the reference
//
//   - In [TerminalInfo] the zero value of a field stands for Python's None, so
//     a terminal cannot carry a literal 0 or "" (no Bittensor peer sends one).
//   - A map in a hash field is hashed with its keys sorted. encoding/json
//     writes map keys sorted too, so Go-to-Python traffic hashes alike; a
//     Python peer that sends a dict in another key order will not match. Use a
//     nested struct, whose order is fixed, when that matters.
//   - An untyped (any) field decoded by Unmarshal holds json.Number for
//     numbers, which hashes as Python's json would parse it (int without
//     fraction or exponent, float otherwise); its objects are maps, hashed
//     with sorted keys as above.
//   - header_size and total_size are not CPython's sys.getsizeof figures (no
//     receiver reads them): header_size is the byte length of the headers and
//     total_size is [Base.TotalSize].
//   - Python's json accepts NaN and Infinity, encoding/json does not: a float
//     field holding them fails to marshal.
package synapse
