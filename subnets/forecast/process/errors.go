package process

import "errors"

// ErrInvalidConfig is returned by Config.Validate for out-of-range settings.
var ErrInvalidConfig = errors.New("process: invalid config")
