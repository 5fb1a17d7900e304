package axon

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/taonet/taonet/synapse"
)

// StreamHandler serves a streaming synapse type S (the reference's
// StreamingSynapse): Forward writes the response as chunks with send, in
// the synapse's own framing (e.g. one value per line). Blacklist, Verify
// and Priority are as in Handler.
type StreamHandler[S synapse.Synapse] struct {
	// Forward sends the response chunks. send fails once the client has
	// gone, is too slow to read a chunk within Config.ChunkWriteTimeout,
	// or the chunk is over Config.MaxChunkBytes: Forward must then return.
	// A Forward error after the first chunk cuts the stream (the client
	// sees it end without its terminating chunk); before it, an *Error
	// answers with its code like Handler.Forward.
	Forward func(ctx context.Context, s S, send func(chunk []byte) error) error
	// Blacklist, Verify and Priority are as in Handler.
	Blacklist func(ctx context.Context, s S) (blacklisted bool, reason string)
	Verify    func(ctx context.Context, s S) error
	Priority  func(ctx context.Context, s S) float64
}

// streamResponse runs a streaming route's Forward: the signed headers of
// the request synapse with status 200 go first (as the reference's
// BTStreamingResponse sends them), then each chunk, flushed as it comes.
func (a *Axon) streamResponse(ctx context.Context, rq *request, rt *route, req synapse.Synapse, hb *synapse.Base) {
	rc := http.NewResponseController(rq.w)
	started := false
	start := func() error {
		rb := req.SynapseBase()
		rb.Axon.Version, rb.Axon.UUID, rb.Axon.Nonce, rb.Axon.Hotkey = hb.Axon.Version, hb.Axon.UUID, hb.Axon.Nonce, hb.Axon.Hotkey
		rb.Axon.StatusCode, rb.Axon.StatusMessage = http.StatusOK, "Success"
		rb.Axon.ProcessTime = a.now().Sub(rq.start).Seconds()
		a.sign(rb)
		if err := synapse.SetHeaders(rq.w.Header(), req); err != nil {
			return err
		}
		rq.w.Header()["Content-Type"] = []string{"application/octet-stream"}
		rq.written, started = true, true
		rq.w.WriteHeader(http.StatusOK)
		a.logRequest(rq, rb)
		return nil
	}
	send := func(chunk []byte) error {
		if len(chunk) > a.cfg.MaxChunkBytes {
			return fmt.Errorf("%w: %d bytes > %d", ErrChunkTooLarge, len(chunk), a.cfg.MaxChunkBytes)
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%w: %w", ErrStreamClosed, err)
		}
		if !started {
			if err := start(); err != nil {
				return err
			}
		}
		_ = rc.SetWriteDeadline(a.now().Add(a.cfg.ChunkWriteTimeout))
		if _, err := rq.w.Write(chunk); err != nil {
			return fmt.Errorf("%w: %w", ErrStreamClosed, err)
		}
		if err := rc.Flush(); err != nil {
			return fmt.Errorf("%w: %w", ErrStreamClosed, err)
		}
		return nil
	}
	err := func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("axon: forward panicked: %v", p)
			}
		}()
		return rt.stream(ctx, req, send)
	}()
	switch {
	case err == nil && !started:
		if serr := start(); serr != nil { // an empty stream
			a.internalError(rq, "response headers", serr)
		}
	case err == nil:
	case started:
		// The status is sent: end the stream without its terminating chunk,
		// so that the client knows it was cut.
		a.log.Warn("stream cut", "synapse", rt.name, "remote", rq.r.RemoteAddr, "err", err)
		panic(http.ErrAbortHandler)
	case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil:
		a.fail(rq, http.StatusRequestTimeout, a.timeoutMessage(hb.Timeout))
	default:
		var e *Error
		if errors.As(err, &e) {
			a.fail(rq, e.Code, e.Message)
			return
		}
		if errors.Is(err, ErrChunkTooLarge) {
			a.fail(rq, http.StatusRequestEntityTooLarge, "Payload too large: "+err.Error())
			return
		}
		a.internalError(rq, "forward", err)
	}
}
