package miner

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/subnets/forecast/models"
	"github.com/taonet/taonet/subnets/forecast/round"
	"github.com/taonet/taonet/subnets/template"
)

// ErrUnknownModel is returned by ModelByName for a name it does not know.
var ErrUnknownModel = errors.New("miner: unknown model")

// ModelNames lists the names ModelByName accepts (the --model values),
// from worst to best on the subnet's process.
var ModelNames = []string{"last", "ar", "rls", "ensemble"}

// ModelByName returns the model named name: "last" (LastValue), "ar"
// (AR(8)), "rls" (RLS(8, 0.97)) or "ensemble" (DefaultEnsemble): the
// rungs of models.Ladder. Errors wrap ErrUnknownModel.
func ModelByName(name string) (models.Model, error) {
	ladder := models.Ladder()
	for i, n := range ModelNames {
		if strings.EqualFold(name, n) {
			return ladder[i], nil
		}
	}
	return nil, fmt.Errorf("%w: %q (want one of %s)", ErrUnknownModel, name, strings.Join(ModelNames, ", "))
}

// Handler returns the axon handler answering Forecast requests with model,
// refusing requests outside limits (HTTP 400).
func Handler(model models.Model, limits forecast.Limits) axon.Handler[*forecast.Forecast] {
	return axon.Handler[*forecast.Forecast]{
		Forward: func(_ context.Context, s *forecast.Forecast) error {
			if err := round.Answer(model, s, limits); err != nil {
				return &axon.Error{Code: 400, Message: err.Error()}
			}
			return nil
		},
	}
}

// StreamHandler returns the axon handler answering ForecastStream requests
// with model: the horizon's values are sent one per line as the model's
// forecast is read out, refusing requests outside limits (HTTP 400).
func StreamHandler(model models.Model, limits forecast.Limits) axon.StreamHandler[*forecast.ForecastStream] {
	return axon.StreamHandler[*forecast.ForecastStream]{
		Forward: func(ctx context.Context, s *forecast.ForecastStream, send func([]byte) error) error {
			req := s.Request()
			if err := round.Answer(model, req, limits); err != nil {
				return &axon.Error{Code: 400, Message: err.Error()}
			}
			for _, v := range req.Prediction {
				if err := send(forecast.FormatValue(v)); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// Attach adds the Forecast and ForecastStream handlers of model to m.
func Attach(m *template.Miner, model models.Model, limits forecast.Limits) error {
	if err := template.Attach(m, Handler(model, limits)); err != nil {
		return err
	}
	return template.AttachStream(m, StreamHandler(model, limits))
}
