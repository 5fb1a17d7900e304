package miner_test

import (
	"context"
	"errors"
	"testing"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/subnets/forecast/miner"
	"github.com/taonet/taonet/subnets/forecast/models"
	"github.com/taonet/taonet/subnets/forecast/round"
)

func TestModelByName(t *testing.T) {
	tests := []struct {
		name, want string
		err        error
	}{
		{"last", "last", nil},
		{"AR", "ar(8)", nil},
		{"rls", "rls(8,0.97)", nil},
		{"ensemble", models.DefaultEnsemble().Name(), nil},
		{"oracle", "", miner.ErrUnknownModel},
		{"", "", miner.ErrUnknownModel},
	}
	for _, tt := range tests {
		m, err := miner.ModelByName(tt.name)
		if !errors.Is(err, tt.err) {
			t.Errorf("%q: error %v, want %v", tt.name, err, tt.err)
			continue
		}
		if err == nil && m.Name() != tt.want {
			t.Errorf("%q: model %s, want %s", tt.name, m.Name(), tt.want)
		}
	}
}

func TestHandler(t *testing.T) {
	h := miner.Handler(models.LastValue{}, forecast.DefaultLimits())
	req := round.NewRound(7, 42).Challenges[0].Request()
	if err := h.Forward(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if len(req.Prediction) != req.Horizon || req.Prediction[0] != req.Series[len(req.Series)-1] {
		t.Fatalf("prediction %v for the last value %v", req.Prediction, req.Series[len(req.Series)-1])
	}
	bad := round.NewRound(7, 42).Challenges[0].Request()
	bad.Horizon = 0
	var ae *axon.Error
	if err := h.Forward(context.Background(), bad); !errors.As(err, &ae) || ae.Code != 400 {
		t.Fatalf("invalid request: %v, want an axon 400", err)
	}
}
