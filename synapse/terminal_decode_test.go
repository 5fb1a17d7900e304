package synapse

import (
	"encoding/json"
	"errors"
	"testing"
)

// slowTerminal is the straightforward decoder the scanner replaces, kept as
// a test oracle.
func slowTerminal(data []byte) (TerminalInfo, error) {
	var t TerminalInfo
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return t, err
	}
	if raw == nil {
		return t, nil
	}
	for name, isStr := range terminalFieldKinds {
		r, ok := raw[name]
		if !ok || string(r) == "null" {
			continue
		}
		var v string
		if r[0] == '"' {
			if err := json.Unmarshal(r, &v); err != nil {
				return t, err
			}
		} else if isStr {
			return t, errors.New("want a string")
		} else {
			v = string(r)
		}
		if err := t.set(name, v); err != nil {
			return t, err
		}
	}
	return t, nil
}

func FuzzTerminalUnmarshal(f *testing.F) {
	for _, s := range []string{
		`{"status_code":200,"status_message":"Success","process_time":0.25,"ip":"1.2.3.4","port":"8091","version":10002000,"nonce":1700000000000000000,"uuid":"u","hotkey":"h","signature":"0xab"}`,
		`null`, `{}`, `{"ip": "\u00e9\ud83d\ude00\n", "extra": {"a": [1, "}"]}, "port": 80.0}`,
		`{"status_message": 5}`, `{"nonce": "12x"}`, `{ "uuid" : "a\"b" , "hotkey":null }`, `{"ip":"\xff"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return // encoding/json never hands invalid JSON to UnmarshalJSON
		}
		var fast TerminalInfo
		errFast := fast.UnmarshalJSON(data)
		slow, errSlow := slowTerminal(data)
		if (errFast == nil) != (errSlow == nil) {
			t.Fatalf("%s: scanner err %v, oracle err %v", data, errFast, errSlow)
		}
		if errFast == nil && fast != slow {
			if fast.ProcessTime != fast.ProcessTime && slow.ProcessTime != slow.ProcessTime {
				return // NaN
			}
			t.Fatalf("%s: scanner %+v, oracle %+v", data, fast, slow)
		}
	})
}
