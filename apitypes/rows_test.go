package apitypes_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/taonet/taonet/apitypes"
)

func TestRowsJSON(t *testing.T) {
	for _, c := range []struct {
		in   string
		want apitypes.Rows
		err  bool
	}{
		{`null`, nil, false},
		{`[]`, apitypes.Rows{}, false},
		{`[null,[]]`, apitypes.Rows{nil, {}}, false},
		{` [ [ [0 , 65535] ,[2,1]] ] `, apitypes.Rows{{{0, 65535}, {2, 1}}}, false},
		{`[[[0,65536]]]`, nil, true},
		{`[[[01,1]]]`, nil, true},
		{`[[[-1,1]]]`, nil, true},
		{`[[[1.0,1]]]`, nil, true},
		{`[[[1,1,1]]]`, nil, true},
		{`[[[1]]]`, nil, true},
		{`[[[1,1]]`, nil, true},
		{`[[[1,1]]]x`, nil, true},
		{`[[[1,1],]]`, nil, true},
		{`{}`, nil, true},
	} {
		var got apitypes.Rows
		err := json.Unmarshal([]byte(c.in), &got)
		if (err != nil) != c.err {
			t.Errorf("%s: err %v", c.in, err)
			continue
		}
		if !c.err && !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.in, got, c.want)
		}
	}
	var r apitypes.Row
	if err := r.UnmarshalJSON([]byte(`[[1,2]`)); !errors.Is(err, apitypes.ErrRowSyntax) {
		t.Errorf("Row: %v, want ErrRowSyntax", err)
	}
}

// FuzzRowsJSON checks the hand-written codec against encoding/json's
// reading of the same text as [][][2]uint16: both accept the same inputs
// (for the value shapes rows use) and agree on the result, and encoding
// round-trips.
func FuzzRowsJSON(f *testing.F) {
	for _, s := range []string{`null`, `[]`, `[null]`, `[[[1,2],[3,65535]],[]]`, `[[[1,2]]`, `[[[1e2,2]]]`, ` [ [ [ 0 , 0 ] ] ] `, `[[[00,1]]]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got apitypes.Rows
		errGot := got.UnmarshalJSON(data)
		var ref [][][2]uint16
		errRef := json.Unmarshal(data, &ref)
		if errGot == nil {
			if errRef != nil {
				t.Fatalf("codec accepted %q, encoding/json: %v", data, errRef)
			}
			if len(got) != len(ref) || (got == nil) != (ref == nil) {
				t.Fatalf("%q: %v vs %v", data, got, ref)
			}
			for i := range got {
				if len(got[i]) != len(ref[i]) || (got[i] == nil) != (ref[i] == nil) {
					t.Fatalf("%q row %d: %v vs %v", data, i, got[i], ref[i])
				}
				for j := range got[i] {
					if got[i][j] != ref[i][j] {
						t.Fatalf("%q: %v vs %v", data, got, ref)
					}
				}
			}
			enc, err := got.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			var back apitypes.Rows
			if err := back.UnmarshalJSON(enc); err != nil || !reflect.DeepEqual(back, got) {
				t.Fatalf("round trip %q → %s: %v", data, enc, err)
			}
		}
	})
}
