package storage

import "math/rand/v2"

// LossReport is what SimulateLoss measured.
type LossReport struct {
	// StripesLost is the mean fraction of stripes (files' parts) that
	// could no longer be rebuilt after the departure.
	StripesLost float64
	// FilesLost is the fraction of files (of Stripes stripes each) with a
	// stripe lost.
	FilesLost float64
	// StoredPerByte is the bytes stored per byte of file (the cost).
	StoredPerByte float64
}

// SimulateLoss places the shards of stripes files of Stripes stripes each
// on distinct miners (distinct coldkeys) out of miners, removes leaving
// miners at once, and counts what cannot be rebuilt, over trials runs
// (deterministic per seed). Replication keeps a stripe while one copy
// remains; erasure coding while Data of its shards remain.
func SimulateLoss(r Redundancy, miners, leaving, files, stripesPerFile, trials int, seed uint64) LossReport {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	width, need := r.Copies, 1
	stored := float64(r.Copies)
	if r.Kind == Erasure {
		width, need = r.Data+r.Parity, r.Data
		stored = float64(r.Data+r.Parity) / float64(r.Data)
	}
	var lostStripes, lostFiles float64
	gone := make([]bool, miners)
	for range trials {
		for i := range gone {
			gone[i] = false
		}
		for _, i := range rng.Perm(miners)[:leaving] {
			gone[i] = true
		}
		for range files {
			fileLost := false
			for range stripesPerFile {
				alive := 0
				for _, m := range rng.Perm(miners)[:width] {
					if !gone[m] {
						alive++
					}
				}
				if alive < need {
					lostStripes++
					fileLost = true
				}
			}
			if fileLost {
				lostFiles++
			}
		}
	}
	return LossReport{
		StripesLost:   lostStripes / float64(trials*files*stripesPerFile),
		FilesLost:     lostFiles / float64(trials*files),
		StoredPerByte: stored,
	}
}
