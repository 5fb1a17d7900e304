package dendrite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/synapse"
)

// ErrStreamCut is a Response.Err when a streaming response ended before
// its end (the axon cut it, or the connection broke) or grew past
// Config.MaxResponseBytes.
var ErrStreamCut = errors.New("dendrite: stream cut")

// streamBufBytes is the read size of a streaming response.
const streamBufBytes = 32 << 10

// Stream queries one axon serving a streaming synapse (the reference's
// call_stream with a StreamingSynapse): the request is signed and sent as
// Call sends it; on a 200 answer onChunk receives the body as it arrives,
// in the pieces the network delivers (the synapse's framing, e.g. one value
// per line, is the caller's to parse; a chunk is valid only during the
// call). The Response carries the axon's signed headers, the time to the
// first chunk in FirstChunk and the whole stream's Latency. A refusal is a
// Response like Call's; a stream that ends early is ErrStreamCut; an
// onChunk error stops reading and is returned wrapped in Err.
func (d *Dendrite) Stream(ctx context.Context, target axon.Info, s synapse.Synapse, timeout time.Duration, onChunk func(chunk []byte) error) Response {
	hash, err := synapse.BodyHash(s)
	if err == nil {
		err = synapse.Check(s)
	}
	if err != nil {
		return Response{Axon: target, Synapse: s, StatusCode: 500, Message: err.Error(), Err: fmt.Errorf("%w: %w", ErrInvalidSynapse, err)}
	}
	req, hreq, fail := d.prepare(target, s, hash, timeout)
	if fail != nil {
		return *fail
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	name := synapse.Name(req)
	start := time.Now()
	resp, err := d.client.Do(hreq.WithContext(cctx))
	if err != nil {
		return d.transportError(ctx, cctx, target, req, name, err, time.Since(start))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		data, _ := io.ReadAll(io.LimitReader(resp.Body, d.cfg.MaxResponseBytes))
		return d.process(target, req, resp, data, time.Since(start))
	}
	result := synapse.Clone(req)
	r := d.finish(target, req, result, resp, time.Since(start))
	if r.Err != nil {
		return r
	}
	buf := make([]byte, streamBufBytes)
	var total int64
	for {
		n, rerr := resp.Body.Read(buf)
		if n > 0 {
			if r.FirstChunk == 0 {
				r.FirstChunk = time.Since(start)
			}
			total += int64(n)
			if total > d.cfg.MaxResponseBytes {
				r.Err = fmt.Errorf("%w: over %d bytes", ErrStreamCut, d.cfg.MaxResponseBytes)
				break
			}
			if err := onChunk(buf[:n]); err != nil {
				r.Err = fmt.Errorf("dendrite: stream consumer: %w", err)
				break
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			switch {
			case ctx.Err() != nil:
				r.Err = fmt.Errorf("%w: %w", ErrCanceled, ctx.Err())
			case cctx.Err() != nil:
				r.Err = fmt.Errorf("%w: %w after %s", ErrTimeout, ErrStreamCut, timeout)
			default:
				r.Err = fmt.Errorf("%w: %w", ErrStreamCut, rerr)
			}
			break
		}
	}
	r.Latency = time.Since(start)
	if r.Err != nil {
		r.Message = r.Err.Error()
	}
	return r
}
