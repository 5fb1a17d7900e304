package storage

import (
	"crypto/sha256"
	"errors"
	"fmt"
)

// LeafSize is the size of a Merkle leaf (the last leaf of a chunk may be shorter).
const LeafSize = 1024

// Errors of Merkle proofs.
var (
	// ErrWrongProof is returned for a path that does not lead to the root.
	ErrWrongProof = errors.New("storage: Merkle path does not lead to the chunk's root")
	// ErrBadLeaf is returned for a leaf index or length outside the chunk.
	ErrBadLeaf = errors.New("storage: leaf outside the chunk")
)

// Hash is a Merkle node.
type Hash [32]byte

func leafHash(leaf []byte) Hash {
	h := sha256.New()
	h.Write([]byte{0})
	h.Write(leaf)
	var out Hash
	h.Sum(out[:0])
	return out
}

func nodeHash(l, r Hash) Hash {
	h := sha256.New()
	h.Write([]byte{1})
	h.Write(l[:])
	h.Write(r[:])
	var out Hash
	h.Sum(out[:0])
	return out
}

// Leaves returns the number of leaves of a chunk of n bytes (at least 1).
func Leaves(n int) int { return max(1, (n+LeafSize-1)/LeafSize) }

// Leaf returns leaf i of chunk.
func Leaf(chunk []byte, i int) []byte {
	return chunk[i*LeafSize : min((i+1)*LeafSize, len(chunk))]
}

// levels builds the tree bottom-up: levels[0] are the leaf hashes. A node
// without a sibling is promoted unchanged (no duplicated leaves, so no two
// chunks share a root by padding).
func levels(chunk []byte) [][]Hash {
	n := Leaves(len(chunk))
	lv := make([]Hash, n)
	for i := range lv {
		if len(chunk) == 0 {
			lv[i] = leafHash(nil)
			continue
		}
		lv[i] = leafHash(Leaf(chunk, i))
	}
	out := [][]Hash{lv}
	for len(lv) > 1 {
		next := make([]Hash, (len(lv)+1)/2)
		for i := range next {
			if 2*i+1 < len(lv) {
				next[i] = nodeHash(lv[2*i], lv[2*i+1])
			} else {
				next[i] = lv[2*i]
			}
		}
		out = append(out, next)
		lv = next
	}
	return out
}

// Root returns the Merkle root of chunk.
func Root(chunk []byte) Hash {
	lv := levels(chunk)
	return lv[len(lv)-1][0]
}

// Prove returns the path of leaf i: the siblings from the leaf up (levels
// where the node has no sibling contribute nothing).
func Prove(chunk []byte, i int) ([]Hash, error) {
	if i < 0 || i >= Leaves(len(chunk)) {
		return nil, fmt.Errorf("%w: leaf %d of %d", ErrBadLeaf, i, Leaves(len(chunk)))
	}
	var path []Hash
	lv := levels(chunk)
	for _, level := range lv[:len(lv)-1] {
		sib := i ^ 1
		if sib < len(level) {
			path = append(path, level[sib])
		}
		i /= 2
	}
	return path, nil
}

// VerifyLeaf checks that leaf is leaf i of a chunk of size bytes whose
// Merkle root is root, by its path.
func VerifyLeaf(root Hash, size, i int, leaf []byte, path []Hash) error {
	n := Leaves(size)
	if i < 0 || i >= n {
		return fmt.Errorf("%w: leaf %d of %d", ErrBadLeaf, i, n)
	}
	want := LeafSize
	if i == n-1 {
		want = size - i*LeafSize
	}
	if len(leaf) != want {
		return fmt.Errorf("%w: leaf %d has %d bytes, want %d", ErrBadLeaf, i, len(leaf), want)
	}
	h := leafHash(leaf)
	width := n
	for width > 1 {
		sib := i ^ 1
		if sib < width {
			if len(path) == 0 {
				return ErrWrongProof
			}
			if i%2 == 0 {
				h = nodeHash(h, path[0])
			} else {
				h = nodeHash(path[0], h)
			}
			path = path[1:]
		}
		i /= 2
		width = (width + 1) / 2
	}
	if len(path) != 0 || h != root {
		return ErrWrongProof
	}
	return nil
}
