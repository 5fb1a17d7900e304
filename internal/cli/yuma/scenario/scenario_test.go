package scenario

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

const small = `{"hyperparams": {"kappa": 32767, "tempo": 10, "yuma3": true, "liquid_alpha": true, "owner_uid": 1},
  "n": 3, "stake": [5, 3, 0], "rao_emission": 1000,
  "initial_state": {"validator_permit": [true, true, false], "bonds": [[0, 0, 100], [0, 0, 0], [0, 0, 0]]},
  "steps": [{"block": 50, "weights": [[[2, 65535]], [[1, 100], [2, 65535]], []], "last_update": [50, 50, 0], "registered_at": [0, 0, 0]},
            {"block": 60, "weights": [[[2, 65535]], [[2, 65535]], []], "last_update": [60, 60, 0], "registered_at": [0, 0, 0], "stake": [1, 1, 1]}]}`

func TestParseDefaults(t *testing.T) {
	sc, err := Parse(bytes.NewReader([]byte(`{"n": 2, "stake": [1, 1], "rao_emission": 0,
	  "hyperparams": {"tempo": 360, "activity_cutoff_factor_milli": 2000}, "steps": []}`)))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Params.ActivityCutoff != 720 || sc.Params.Kappa != 32767 || len(sc.InitialPermits) != 2 || sc.HasOwner {
		t.Fatalf("%+v", sc)
	}
	res, err := sc.Run()
	if err != nil || len(res.Steps) != 0 {
		t.Fatal(res, err)
	}
}

func TestRunCarriesState(t *testing.T) {
	sc, err := Parse(bytes.NewReader([]byte(small)))
	if err != nil {
		t.Fatal(err)
	}
	if !sc.HasOwner || sc.OwnerUID != 1 || sc.Steps[1].Stake == nil {
		t.Fatalf("%+v", sc)
	}
	res, err := sc.Run()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Steps) != 2 || res.Steps[1].Block != 60 || len(res.Steps[1].Bonds) != 3 {
		t.Fatalf("%+v", res)
	}
}

func TestParseErrorNamesField(t *testing.T) {
	_, err := Parse(bytes.NewReader([]byte(`{"n": 2, "stake": [1], "rao_emission": 0}`)))
	var e *Error
	if !errors.As(err, &e) || e.Field != "stake" {
		t.Fatalf("%v", err)
	}
}

// FuzzParse: no input makes the parser or a parsed scenario's run panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(small))
	if data, err := os.ReadFile("../../../../yuma/testdata/vectors/03_test_active_stake.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"n": 1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse(bytes.NewReader(data))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if len(sc.Steps) > 4 || int(sc.N) > 64 {
			return
		}
		if _, err := sc.Run(); err != nil {
			t.Fatal(err)
		}
	})
}
