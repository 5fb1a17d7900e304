package round

import "errors"

var (
	// ErrInvalidConfig is returned by Config.Validate.
	ErrInvalidConfig = errors.New("round: invalid config")
	// ErrModelOutput is returned by Answer when the model's forecast has the
	// wrong length.
	ErrModelOutput = errors.New("round: model returned a forecast of the wrong length")
)
