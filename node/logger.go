package node

import (
	"context"
	"log/slog"
	"sync/atomic"

	cmtlog "github.com/cometbft/cometbft/libs/log"
)

// cmtLogger adapts slog to CometBFT's logger. Once stopping is set (the
// node is shutting down), CometBFT's errors are logged at debug: a clean
// stop makes its reactors report closed transports and connections, which
// are not faults.
type cmtLogger struct {
	l        *slog.Logger
	stopping *atomic.Bool
}

var _ cmtlog.Logger = cmtLogger{}

func (c cmtLogger) Debug(msg string, kv ...any) { c.l.Debug(msg, kv...) }
func (c cmtLogger) Info(msg string, kv ...any)  { c.l.Info(msg, kv...) }
func (c cmtLogger) Error(msg string, kv ...any) {
	if c.stopping != nil && c.stopping.Load() {
		c.l.Debug(msg, kv...)
		return
	}
	c.l.Error(msg, kv...)
}
func (c cmtLogger) With(kv ...any) cmtlog.Logger {
	return cmtLogger{l: c.l.With(kv...), stopping: c.stopping}
}

// ParseLevel maps a level name to slog.
func ParseLevel(s string) slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return slog.LevelInfo
	}
	return l
}

// quietCometBFT raises CometBFT's own level by one step: its info logs are
// per-block chatter.
type levelShift struct {
	slog.Handler
	min slog.Level
}

func (h levelShift) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h levelShift) WithAttrs(as []slog.Attr) slog.Handler {
	return levelShift{h.Handler.WithAttrs(as), h.min}
}

func (h levelShift) WithGroup(g string) slog.Handler {
	return levelShift{h.Handler.WithGroup(g), h.min}
}
