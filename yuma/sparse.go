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

// reset empties m for rows rows and about capacity entries, reusing its
// backing arrays when they are large enough.
func (m *sparse) reset(rows, capacity int) *sparse {
	if cap(m.ptr) < rows+1 {
		m.ptr = make([]int, 1, rows+1)
	} else {
		m.ptr = m.ptr[:1]
		m.ptr[0] = 0
	}
	if cap(m.col) < capacity {
		m.col = make([]uint16, 0, capacity)
		m.val = make([]fx, 0, capacity)
	} else {
		m.col, m.val = m.col[:0], m.val[:0]
	}
	return m
}

// view makes dst a view of m's structure with other values (vals must have
// len(m.val) entries); the view shares ptr and col and must not be reset.
func (m *sparse) view(vals []fx, dst *sparse) *sparse {
	*dst = sparse{ptr: m.ptr, col: m.col, val: vals}
	return dst
}

// grow returns s resized to n zeroed entries, reusing its array if possible.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
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

// sortedRow reports whether the columns are strictly ascending.
func sortedRow(cols []uint16) bool {
	for k := 1; k < len(cols); k++ {
		if cols[k] <= cols[k-1] {
			return false
		}
	}
	return true
}
