package sheets

import (
	"bytes"

	"github.com/xuri/excelize/v2"

	"serialdesk/core"
)

// formulaCells are the cells holding formulas in the columns a reader
// reads: one bit a row for each, whatever the rest of the sheet holds, so
// that a list with a column of worked-out prices reads as well as one
// without.
type formulaCells struct {
	sheet string
	cols  map[int]*formulaRows // by 1-based column
}

type formulaRows struct {
	bits []uint64 // made at the first formula
	// spanned counts the rows that array formulas cover: in a sound
	// sheet they never overlap, so no more than a sheet's rows.
	spanned int
}

func newFormulaCells(sheet string, cols []int) *formulaCells {
	f := &formulaCells{sheet: sheet, cols: map[int]*formulaRows{}}
	for _, c := range cols {
		f.cols[c] = &formulaRows{}
	}
	return f
}

func (f *formulaCells) has(at cell) bool {
	r := f.cols[at.col]
	return r != nil && at.row >= 1 && at.row <= maxRows && r.bits != nil && r.bits[at.row/64]&(1<<(at.row%64)) != 0
}

// add notes the formula of a cell, whose start tag is f. An array formula
// (t="array") or a data table (t="dataTable") holds the values of its
// whole range (ref="A2:A101") while only its first cell has the formula.
func (f *formulaCells) add(at cell, tag []byte) error {
	t := attribute(tag, "t")
	if !bytes.Equal(t, []byte("array")) && !bytes.Equal(t, []byte("dataTable")) {
		f.mark(at.col, at.row, at.row)
		return nil
	}
	first, last, ok := rangeOf(attribute(tag, "ref"))
	if !ok {
		f.mark(at.col, at.row, at.row)
		return nil
	}
	for col, r := range f.cols {
		if col < first.col || col > last.col {
			continue
		}
		if r.spanned += last.row - first.row + 1; r.spanned > maxRows {
			return notASerialList("the array formulas of sheet {{.Sheet}} overlap in column {{.Column}}; the file is damaged or not a list of serials", core.Values{"Sheet": core.Echo(f.sheet), "Column": columnName(col - 1)})
		}
		f.mark(col, first.row, last.row)
	}
	return nil
}

// mark sets the bits of rows from to to in a column read, a word at a time.
func (f *formulaCells) mark(col, from, to int) {
	r := f.cols[col]
	from, to = max(from, 1), min(to, maxRows)
	if r == nil || from > to {
		return
	}
	if r.bits == nil {
		r.bits = make([]uint64, maxRows/64+1)
	}
	for from <= to {
		word, bit := from/64, from%64
		n := min(64-bit, to-from+1)
		r.bits[word] |= (^uint64(0) >> (64 - n)) << bit
		from += n
	}
}

// rangeOf reads a range such as A2:A101 (or a single cell), top left
// first; false when it is none.
func rangeOf(ref []byte) (first, last cell, ok bool) {
	a, b, _ := bytes.Cut(ref, []byte(":"))
	if len(b) == 0 {
		b = a
	}
	var err error
	if first.col, first.row, err = excelize.CellNameToCoordinates(string(a)); err != nil {
		return first, last, false
	}
	if last.col, last.row, err = excelize.CellNameToCoordinates(string(b)); err != nil {
		return first, last, false
	}
	if first.col > last.col {
		first.col, last.col = last.col, first.col
	}
	if first.row > last.row {
		first.row, last.row = last.row, first.row
	}
	return first, last, true
}
