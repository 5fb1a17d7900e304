package storage

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestCIDRoundTrip(t *testing.T) {
	// The CIDv1 of the raw block "hello" as IPFS writes it.
	const hello = "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq"
	c := Sum([]byte("hello"))
	if c.String() != hello {
		t.Fatalf("CID %s, want %s", c, hello)
	}
	p, err := ParseCID(hello)
	if err != nil || p != c {
		t.Fatalf("ParseCID: %v %v", p, err)
	}
	for _, bad := range []string{"", "b", "zabc", "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4ye", "bafybeibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq"} {
		if _, err := ParseCID(bad); !errors.Is(err, ErrBadCID) {
			t.Fatalf("ParseCID(%q) = %v", bad, err)
		}
	}
}

func TestMerkleProofs(t *testing.T) {
	for _, size := range []int{0, 1, LeafSize, LeafSize + 1, 5*LeafSize + 17, 64 * LeafSize} {
		chunk := randomBytes(uint64(size), size)
		root := Root(chunk)
		for i := 0; i < Leaves(size); i++ {
			path, err := Prove(chunk, i)
			if err != nil {
				t.Fatal(err)
			}
			if err := VerifyLeaf(root, size, i, Leaf(chunk, i), path); err != nil {
				t.Fatalf("size %d leaf %d: %v", size, i, err)
			}
			if size == 0 {
				continue
			}
			wrong := append([]byte(nil), Leaf(chunk, i)...)
			wrong[0] ^= 1
			if err := VerifyLeaf(root, size, i, wrong, path); !errors.Is(err, ErrWrongProof) {
				t.Fatalf("size %d leaf %d: a changed leaf verified (%v)", size, i, err)
			}
			if len(path) > 0 {
				bad := append([]Hash(nil), path...)
				bad[0][0] ^= 1
				if err := VerifyLeaf(root, size, i, Leaf(chunk, i), bad); !errors.Is(err, ErrWrongProof) {
					t.Fatalf("size %d leaf %d: a wrong path verified", size, i)
				}
			}
		}
		if err := VerifyLeaf(root, size, Leaves(size), nil, nil); !errors.Is(err, ErrBadLeaf) {
			t.Fatalf("leaf past the end: %v", err)
		}
	}
}

func TestSplitJoin(t *testing.T) {
	data := randomBytes(1, 3*ChunkSize+12345)
	for _, r := range []Redundancy{{Kind: Replication, Copies: 3}, {Kind: Erasure, Data: 4, Parity: 2}} {
		m, blocks, err := Split("f.bin", data, r)
		if err != nil {
			t.Fatal(err)
		}
		raw, cid, err := m.Encode()
		if err != nil {
			t.Fatal(err)
		}
		m2, err := DecodeManifest(raw, cid)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Join(m2, blocks)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%s: join: %v", r.Kind, err)
		}
		if r.Kind == Erasure {
			// Any Parity shards of each stripe may be lost.
			lost := append([][]byte(nil), blocks...)
			for s := 0; s < len(lost); s += 6 {
				lost[s], lost[s+3] = nil, nil
			}
			if got, err := Join(m2, lost); err != nil || !bytes.Equal(got, data) {
				t.Fatalf("erasure with 2 of 6 shards lost per stripe: %v", err)
			}
			lost[1] = nil
			if _, err := Join(m2, lost); !errors.Is(err, ErrUnrecoverable) {
				t.Fatalf("3 of 6 lost: %v", err)
			}
		}
		// A chunk that does not hash to its CID is refused, never returned.
		bad := append([][]byte(nil), blocks...)
		bad[0] = append([]byte(nil), bad[0]...)
		bad[0][0] ^= 1
		if _, err := Join(m2, bad); !errors.Is(err, ErrChunkMismatch) {
			t.Fatalf("%s: a forged chunk: %v", r.Kind, err)
		}
	}
	// Empty and tiny files.
	for _, d := range [][]byte{{}, {1, 2, 3}} {
		for _, r := range []Redundancy{{Kind: Replication, Copies: 1}, {Kind: Erasure, Data: 2, Parity: 1}} {
			m, blocks, err := Split("e", d, r)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := Join(m, blocks); err != nil || !bytes.Equal(got, d) {
				t.Fatalf("%d bytes, %s: %v %v", len(d), r.Kind, got, err)
			}
		}
	}
}

func TestManifestLies(t *testing.T) {
	m, _, err := Split("f", randomBytes(2, 2*ChunkSize), Redundancy{Kind: Replication, Copies: 2})
	if err != nil {
		t.Fatal(err)
	}
	for name, lie := range map[string]func(m *Manifest){
		"size":        func(m *Manifest) { m.Size += 10 },
		"chunk size":  func(m *Manifest) { m.Chunks[0].Size-- },
		"chunk order": func(m *Manifest) { m.Chunks[0], m.Chunks[1] = m.Chunks[1], m.Chunks[0] },
		"redundancy":  func(m *Manifest) { m.Redundancy = Redundancy{Kind: "mirror"} },
		"too large":   func(m *Manifest) { m.Size = MaxFileSize + 1 },
	} {
		c := *m
		c.Chunks = append([]Chunk(nil), m.Chunks...)
		lie(&c)
		if err := c.Validate(); !errors.Is(err, ErrBadManifest) {
			t.Fatalf("%s: %v", name, err)
		}
	}
	raw, cid, _ := m.Encode()
	raw[len(raw)-2] ^= 1
	if _, err := DecodeManifest(raw, cid); !errors.Is(err, ErrChunkMismatch) {
		t.Fatalf("tampered manifest: %v", err)
	}
	if _, _, err := Split("big", make([]byte, 0), Redundancy{Kind: Erasure, Data: 40, Parity: 40}); !errors.Is(err, ErrBadManifest) {
		t.Fatalf("80 shards: %v", err)
	}
}

func TestAudits(t *testing.T) {
	m, blocks, _ := Split("f", randomBytes(3, ChunkSize+5000), Redundancy{Kind: Replication, Copies: 1})
	ch, chunk := m.Chunks[0], blocks[0]
	c := Challenge{CID: ch.CID, Seed: [32]byte{9}, Deadline: 100}
	p, err := Answer(c, chunk)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Check(ch, p, 99); err != nil {
		t.Fatal(err)
	}
	if err := c.Check(ch, p, 101); !errors.Is(err, ErrLate) {
		t.Fatalf("late: %v", err)
	}
	// Another miner's data (another chunk) does not answer this challenge.
	other, _ := Answer(Challenge{CID: m.Chunks[1].CID, Seed: c.Seed}, blocks[1])
	if err := c.Check(ch, other, 99); !errors.Is(err, ErrWrongChunk) {
		t.Fatalf("another chunk: %v", err)
	}
	forged := p
	forged.Leaf = append([]byte(nil), p.Leaf...)
	forged.Leaf[3] ^= 0xff
	if err := c.Check(ch, forged, 99); !errors.Is(err, ErrWrongProof) {
		t.Fatalf("forged leaf: %v", err)
	}
	if AuditScore(10, 10) >= AuditScore(100, 100) || AuditScore(0, 0) != 0 || AuditScore(50, 100) > 0.5 {
		t.Fatal("the audit bound does not grow with evidence")
	}
}

// TestFalseAcceptRate: lazy miners that keep a fraction f of each chunk's
// leaves pass c challenges as often as f^c says (simulated with fresh
// seeds), and ChallengesFor meets its bound.
func TestFalseAcceptRate(t *testing.T) {
	chunk := randomBytes(4, 64*LeafSize)
	cid, n := Sum(chunk), Leaves(len(chunk))
	r := rand.New(rand.NewPCG(11, 12))
	for _, tc := range []struct {
		f float64
		c int
	}{{0.5, 1}, {0.5, 3}, {0.75, 4}, {0.9, 10}} {
		kept := make([]bool, n)
		for _, i := range r.Perm(n)[:int(tc.f*float64(n))] {
			kept[i] = true
		}
		const trials = 20000
		passed := 0
		for range trials {
			ok := true
			for range tc.c {
				var seed [32]byte
				for i := range seed {
					seed[i] = byte(r.Uint32())
				}
				ok = ok && kept[Challenge{CID: cid, Seed: seed}.LeafIndex(len(chunk))]
			}
			if ok {
				passed++
			}
		}
		f := float64(int(tc.f*float64(n))) / float64(n) // the fraction actually kept
		got, want := float64(passed)/trials, FalseAcceptRate(f, tc.c)
		if sd := math.Sqrt(want * (1 - want) / trials); math.Abs(got-want) > 5*sd+1e-9 {
			t.Fatalf("f=%.2f c=%d: simulated %.4f, formula %.4f", tc.f, tc.c, got, want)
		}
	}
	if c := ChallengesFor(0.5, 1e-6); c != 20 || FalseAcceptRate(0.5, c) > 1e-6 || FalseAcceptRate(0.5, c-1) <= 1e-6 {
		t.Fatalf("ChallengesFor(0.5, 1e-6) = %d", c)
	}
}

func FuzzDecodeManifest(f *testing.F) {
	m, _, _ := Split("f", randomBytes(5, 1000), Redundancy{Kind: Erasure, Data: 2, Parity: 1})
	raw, _, _ := m.Encode()
	f.Add(raw)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeManifest(data, Sum(data))
		if err != nil {
			return
		}
		// A manifest that decodes is consistent: joining what it names is safe.
		blocks := make([][]byte, len(m.Chunks))
		if _, err := Join(m, blocks); err == nil && m.Size > 0 {
			t.Fatal("joined a file from no chunks")
		}
	})
}

// TestLossWhenAThirdLeaves: with 24 miners and 8 leaving at once, the
// simulated loss of a stripe matches the hypergeometric probability that
// too few of its distinct holders remain; the figures are logged.
func TestLossWhenAThirdLeaves(t *testing.T) {
	const miners, leaving = 24, 8
	choose := func(n, k int) float64 {
		if k < 0 || k > n {
			return 0
		}
		r := 1.0
		for i := 1; i <= k; i++ {
			r = r * float64(n-k+i) / float64(i)
		}
		return r
	}
	// P(more than width-need of the width holders left).
	lossProb := func(width, need int) float64 {
		p := 0.0
		for gone := width - need + 1; gone <= width; gone++ {
			p += choose(leaving, gone) * choose(miners-leaving, width-gone) / choose(miners, width)
		}
		return p
	}
	for _, tc := range []struct {
		r           Redundancy
		width, need int
	}{
		{Redundancy{Kind: Replication, Copies: 2}, 2, 1},
		{Redundancy{Kind: Replication, Copies: 3}, 3, 1},
		{Redundancy{Kind: Erasure, Data: 4, Parity: 2}, 6, 4},
		{Redundancy{Kind: Erasure, Data: 8, Parity: 4}, 12, 8},
		{Redundancy{Kind: Erasure, Data: 10, Parity: 10}, 20, 10},
	} {
		rep := SimulateLoss(tc.r, miners, leaving, 50, 4, 400, 1)
		want := lossProb(tc.width, tc.need)
		sd := math.Sqrt(want*(1-want)/(400*50*4)) * 3 // stripes within a trial are correlated
		if math.Abs(rep.StripesLost-want) > 5*sd+1e-4 {
			t.Fatalf("%+v: simulated %.5f, hypergeometric %.5f", tc.r, rep.StripesLost, want)
		}
		t.Logf("%-12s %d+%d: %.2f× stored, stripes lost %.5f (exact %.5f), files of 4 stripes lost %.4f", tc.r.Kind, tc.r.Data+tc.r.Copies, tc.r.Parity, rep.StoredPerByte, rep.StripesLost, want, rep.FilesLost)
	}
}

func FuzzParseCID(f *testing.F) {
	f.Add(Sum([]byte("x")).String())
	f.Add("bafkrei")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCID(s)
		if err != nil {
			return
		}
		if back, err := ParseCID(c.String()); err != nil || back != c {
			t.Fatalf("%q parsed to %s, which reads back as %s, %v", s, c, back, err)
		}
	})
}

func FuzzParseRedundancy(f *testing.F) {
	for _, s := range []string{"erasure:4+2", "replication:3", "erasure:0+0", "replication:", "erasure:99999999999999999999+1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRedundancy(s)
		if err != nil {
			return
		}
		if r.Validate() != nil {
			t.Fatalf("%q parsed to an invalid %+v", s, r)
		}
		if back, err := ParseRedundancy(r.String()); err != nil || back != r {
			t.Fatalf("%q → %+v → %q → %+v, %v", s, r, r.String(), back, err)
		}
	})
}
