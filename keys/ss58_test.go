package keys

import "testing"

// TestSS58CacheAgrees: cached addresses equal fresh encodings, through
// more keys than a cache generation holds, and again on a second pass.
func TestSS58CacheAgrees(t *testing.T) {
	for pass := range 2 {
		for i := range 2*ss58CacheEntries + 10 {
			var p PublicKey
			p[0], p[1], p[2] = byte(i), byte(i>>8), byte(pass)
			want, err := EncodeSS58(p, SS58Prefix)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.SS58(); got != want {
				t.Fatalf("key %d: cached %s, encoded %s", i, got, want)
			}
			if got := p.SS58(); got != want {
				t.Fatalf("key %d second read: %s, want %s", i, got, want)
			}
		}
	}
}
