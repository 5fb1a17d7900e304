// Package axon serves Bittensor synapses over HTTP, wire-compatible with the
// bittensor Python SDK's Axon (bittensor/core/axon.py): bittensor dendrites
// can query a taonet axon and taonet dendrites can query Python axons.
//
// # Usage
//
//	a, err := axon.New(hotkey, cfg) // cfg from axon.DefaultConfig()
//	err = axon.Attach(a, axon.Handler[*Dummy]{
//		Forward: func(ctx context.Context, s *Dummy) error {
//			out := s.DummyInput * 2
//			s.DummyOutput = &out
//			return nil
//		},
//	})
//	err = a.Start()
//	defer a.Shutdown(ctx)
//	info := a.Info() // for serve_axon: ip, port, version, protocol, keys
//
// # Request pipeline
//
// Each POST (or GET) /<SynapseName> goes through the reference's middleware
// order, with the reference's status codes and messages (body
// {"message": ...}, headers = the synapse's headers):
//
//  1. concurrency: beyond Config.MaxInFlight requests, 503;
//  2. route: unknown name, 404 "Synapse name 'X' not found. Available synapses [...]";
//     a Content-Length above Config.MaxBodyBytes, 413;
//  3. headers parsed into the synapse type: failure, 500 "Internal Server Error #<id>";
//  4. blacklist: 403 "Forbidden. Key is blacklisted: <reason>.";
//  5. verify: 401 "Not Verified with error: <reason>";
//  6. body read (over the limit, 413), parsed and its hash compared with the
//     computed_body_hash header: failure, 500;
//  7. priority: wait for one of Config.MaxWorkers workers, higher priority
//     first; queue full, 503; timeout, 408 "Response timeout after: <t>s";
//  8. forward, bounded by the synapse timeout (capped at Config.MaxTimeout):
//     too slow, 408; an *Error, its code; another error or a panic, 500;
//  9. response: 200 "Success" (or the status Forward set), the synapse as
//     JSON and its headers.
//
// Every response to a request whose headers parsed carries the axon terminal
// (version, uuid, nonce, hotkey, status, process time) and the axon signature
// "0x"+sr25519 over "{axon_nonce}.{dendrite_hotkey}.{axon_hotkey}.{axon_uuid}"
// (the reference's message, which it does not put on successful responses).
//
// # Verification (stricter than the reference)
//
// DefaultVerify checks the dendrite's sr25519 signature over
// "{nonce}.{dendrite_hotkey}.{axon_hotkey}.{uuid}.{body_hash}" and the
// reference's nonce rules (a sender's first nonce within AllowedDelta plus
// the timeout of now, later ones strictly increasing). Unlike the reference
// it refuses unsigned requests ("Missing Signature"), applies the time window
// whatever version the dendrite claims (the version header is not signed),
// caps the timeout used in the window at Config.MaxTimeout (the timeout
// header is not signed either), and forgets senders whose last nonce is
// older than any window, which keeps memory bounded without reopening
// replays.
//
// # Defaults for blacklist and priority
//
// With Config.Registry set (the metagraph implements Registry), the default
// blacklist refuses hotkeys that are not registered on the subnet ("Unrecognized
// hotkey") and the default priority is the sender's stake. Without a Registry
// every signed sender is served, in arrival order.
//
// # Other differences
//
// The body is read and checked against its hash before the request waits
// for a worker (the reference reads it after), so slow or forged bodies do
// not hold worker slots; the status codes are the same. The reference runs
// forward functions on a thread pool; here each runs in
// its own goroutine holding a worker slot until it returns, even after its
// request timed out. Request bodies are limited (413), which the reference
// does not do. Streaming synapses are not supported.
//
// # Streaming
//
// AttachStream serves a streaming synapse: after the same blacklist,
// verification and priority, the signed synapse headers go out with status
// 200 and then the chunks the handler sends, flushed one by one. A chunk
// over Config.MaxChunkBytes, a client that is gone or reads slower than
// Config.ChunkWriteTimeout per chunk, or the synapse's timeout end the
// stream (send returns ErrChunkTooLarge or ErrStreamClosed); before the
// first chunk the reference's status codes answer (413, 408, the handler's
// *Error), after it the stream is cut without its terminating chunk.
package axon
