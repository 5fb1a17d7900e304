// Package dendrite queries axons, wire-compatible with the bittensor Python
// SDK's Dendrite (bittensor/core/dendrite.py): a taonet dendrite can query
// Python axons and taonet axons alike.
//
// # Usage
//
//	d, err := dendrite.New(hotkey, dendrite.DefaultConfig())
//	defer d.Close()
//	for _, r := range d.Query(ctx, axons, &Dummy{DummyInput: 21}, 12*time.Second) {
//		if r.Err != nil {
//			continue // r.StatusCode and r.Message say why
//		}
//		out := r.Synapse.(*Dummy)
//	}
//
// Each request carries the reference's headers and JSON body, and the
// dendrite terminal: its ip (Config.ExternalIP), version, uuid (one per
// Dendrite), hotkey, a nonce (wall-clock nanoseconds, strictly increasing
// per Dendrite) and the signature "0x"+sr25519 over
// "{nonce}.{dendrite_hotkey}.{axon_hotkey}.{uuid}.{body_hash}".
//
// # Responses
//
// On HTTP 200 the response synapse is decoded from the body; otherwise it is
// the request synapse with the axon's status and {"message"}. In both cases
// the bt_header_axon_* and bt_header_dendrite_* response headers are merged
// in and the dendrite terminal's status is copied from the axon's, as the
// reference does. Transport failures get the reference's synthetic codes:
// 408 timeout, 503 unreachable or disconnected, 400 payload, 500 other,
// 422 unparsable response.
//
// When the response carries an axon signature (taonet axons sign every
// response; Python axons sign only refusals), it must verify against the
// queried hotkey over "{axon_nonce}.{dendrite_hotkey}.{axon_hotkey}.{axon_uuid}",
// or the response is refused with 401 and ErrAxonSignature. That signature
// does not cover the body (the reference's design), so it authenticates the
// axon, not the answer. Config.RequireAxonSignature refuses unsigned
// responses too.
//
// Requests reuse HTTP/1.1 connections through one tuned http.Transport per
// Dendrite; Query bounds its concurrency by Config.MaxConcurrency.
// Streaming synapses are not supported.
package dendrite
