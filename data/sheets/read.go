package sheets

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"serialdesk/core"
)

// MaxFileSize is the largest workbook read: a supplier's serial list is a
// few megabytes, a full export of a million serials 37 MB.
const MaxFileSize = 50 << 20

// Workbook is a spreadsheet opened to read serials from, e.g. the serial
// list a supplier sends with a delivery.
type Workbook struct {
	f *excelize.File
	// tmp holds the large sheets excelize reads from files; it goes with
	// the workbook, also when opening fails halfway.
	tmp      string
	formulas map[string]map[cell]bool // the cells holding formulas, by sheet name in lower case
}

// OpenWorkbook reads a workbook (.xlsx). A file that is not one, is
// damaged or is beyond the limits (scan.go) gives a message saying so.
// Close the workbook when done.
func OpenWorkbook(r io.Reader) (*Workbook, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, unreadable(err)
	}
	if len(data) > MaxFileSize {
		return nil, &core.Error{Code: core.Invalid, Message: fmt.Sprintf("the file is larger than %d MB; a serial list is much smaller, so this is probably not the right file", MaxFileSize>>20)}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, unreadable(err)
	}
	formulas, err := inspect(zr)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "serialdesk-workbook-")
	if err != nil {
		return nil, &core.Error{Code: core.Internal, Err: err, Message: "Serialdesk cannot make a temporary folder to read the workbook in"}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: maxUnpacked, UnzipXMLSizeLimit: maxInMemory, TmpDir: tmp})
	if err != nil {
		if f != nil {
			f.Close()
		}
		os.RemoveAll(tmp)
		return nil, unreadable(err)
	}
	return &Workbook{f: f, tmp: tmp, formulas: formulas}, nil
}

func unreadable(err error) error {
	return &core.Error{Code: core.Invalid, Err: err,
		Message: "the file cannot be read as an Excel workbook (.xlsx): it is another kind of file, or damaged. Save it from the spreadsheet program as .xlsx and try again"}
}

// Close releases the workbook and removes its temporary files.
func (w *Workbook) Close() error {
	err := w.f.Close()
	if rerr := os.RemoveAll(w.tmp); err == nil {
		err = rerr
	}
	return err
}

// Sheets are the names of the workbook's sheets.
func (w *Workbook) Sheets() []string { return w.f.GetSheetList() }

// Columns names a sheet's columns by its first row that holds anything,
// and says which one holds the serials: the one whose header says serial
// (or S/N), -1 when none does.
func (w *Workbook) Columns(sheet string) (headers []string, guess int, err error) {
	var first []string
	err = w.eachRow(sheet, false, func(_ int, cells []string) bool {
		first = cells
		return len(cells) == 0
	})
	if err != nil {
		return nil, -1, err
	}
	if len(first) == 0 {
		return nil, -1, &core.Error{Code: core.Invalid, Message: fmt.Sprintf("the sheet %s is empty", core.Echo(sheet))}
	}
	guess = -1
	for i, h := range first {
		h = strings.TrimSpace(h)
		if h == "" {
			h = "(no header)"
		}
		headers = append(headers, fmt.Sprintf("%s: %s", columnName(i), core.Echo(h)))
		if guess < 0 && looksLikeSerialHeader(first[i]) {
			guess = i
		}
	}
	if guess < 0 && len(headers) == 1 {
		guess = 0
	}
	return headers, guess, nil
}

// Values reads a column's cells below its header, skipping blank ones. A
// first row that is not a header (no letters other than a serial's) is
// kept. Cells holding formulas are refused, each named: their value was
// worked out, not typed.
func (w *Workbook) Values(sheet string, col int) ([]string, error) {
	var out []string
	var formulas []core.Problem
	first := true
	err := w.eachRow(sheet, false, func(n int, cells []string) bool {
		if len(cells) == 0 {
			return true
		}
		header := first
		first = false
		if col >= len(cells) {
			return true
		}
		v := strings.TrimSpace(cells[col])
		if at := (cell{n, col + 1}); w.holdsFormula(sheet, at) {
			formulas = append(formulas, core.Problem{Sheet: sheet, Line: n, Serial: v, Reason: formulaReason(at, "serials")})
			return true
		}
		if v != "" && !(header && isHeader(v)) {
			out = append(out, v)
		}
		return true
	})
	switch {
	case err != nil:
		return nil, err
	case len(formulas) > 0:
		return nil, &core.Error{Code: core.Invalid, Problems: formulas,
			Message: fmt.Sprintf("column %s of sheet %s holds formulas (%d); serials must be typed. In the spreadsheet program, copy the column and paste it as values", columnName(col), core.Echo(sheet), len(formulas))}
	case len(out) == 0:
		return nil, &core.Error{Code: core.Invalid, Message: fmt.Sprintf("column %s of sheet %s holds no serials", columnName(col), core.Echo(sheet))}
	}
	return out, nil
}

// eachRow reads a sheet row by row as excelize unpacks it, never the
// whole sheet at once: do hears each row's number and cells (raw: numbers
// and dates as stored, not as a locale shows them) and returns false to
// stop. The number of rows is bounded by inspect.
func (w *Workbook) eachRow(sheet string, raw bool, do func(n int, cells []string) bool) error {
	rows, err := w.f.Rows(sheet)
	if err != nil {
		return &core.Error{Code: core.Invalid, Err: err, Message: fmt.Sprintf("the workbook has no sheet %s", core.Echo(sheet))}
	}
	defer rows.Close()
	var opts []excelize.Options
	if raw {
		opts = append(opts, excelize.Options{RawCellValue: true})
	}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(opts...)
		if err != nil {
			return unreadable(err)
		}
		if !do(n, cells) {
			break
		}
	}
	if err := rows.Error(); err != nil {
		return unreadable(err)
	}
	return nil
}

func (w *Workbook) holdsFormula(sheet string, at cell) bool {
	return w.formulas[strings.ToLower(sheet)][at]
}

// formulaReason names a cell that holds a formula where what must be
// typed.
func formulaReason(at cell, what string) string {
	return fmt.Sprintf("cell %s holds a formula; %s must be typed", at.ref(), what)
}

func looksLikeSerialHeader(h string) bool {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.Contains(h, "serial") || h == "s/n" || h == "sn" || strings.Contains(h, "serie")
}

// isHeader tells a column title from a serial: a title is not a valid
// serial (it has spaces or other signs) or names serials.
func isHeader(v string) bool {
	_, err := core.NormalizeSerial(v)
	return err != nil || looksLikeSerialHeader(v)
}

func columnName(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return fmt.Sprint(i + 1)
	}
	return name
}
