package yuma

import "github.com/taonet/taonet/fixed"

type fx = fixed.I32F32

// sparse is a compressed-sparse-row matrix of I32F32: row i holds the entries
// col[ptr[i]:ptr[i+1]] / val[ptr[i]:ptr[i+1]] in the order the reference
// keeps them (storage order for weights, ascending column for results of
// densified operations).
type sparse struct {
	ptr []int
	col []uint16
	val []fx
}

func newSparse(rows, capacity int) *sparse {
	return &sparse{ptr: make([]int, 1, rows+1), col: make([]uint16, 0, capacity), val: make([]fx, 0, capacity)}
}

func (m *sparse) rows() int { return len(m.ptr) - 1 }

func (m *sparse) row(i int) ([]uint16, []fx) {
	a, b := m.ptr[i], m.ptr[i+1]
	return m.col[a:b:b], m.val[a:b:b]
}

func (m *sparse) push(j uint16, v fx) {
	m.col = append(m.col, j)
	m.val = append(m.val, v)
}

func (m *sparse) endRow() { m.ptr = append(m.ptr, len(m.col)) }

func (m *sparse) clone() *sparse {
	return &sparse{ptr: m.ptr, col: m.col, val: append([]fx(nil), m.val...)}
}

// sortedRow reports whether the columns are strictly ascending.
func sortedRow(cols []uint16) bool {
	for k := 1; k < len(cols); k++ {
		if cols[k] <= cols[k-1] {
			return false
		}
	}
	return true
}
