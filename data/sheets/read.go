package sheets

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"serialdesk/core"
)

// MaxFileSize is the largest workbook read: a supplier's serial list is a
// few megabytes; anything far larger is not one.
const MaxFileSize = 50 << 20

// Workbook is a spreadsheet opened to read serials from, e.g. the serial
// list a supplier sends with a delivery.
type Workbook struct{ f *excelize.File }

// OpenWorkbook reads a workbook (.xlsx). A file that is not one, is
// damaged or is too large gives a message saying so.
func OpenWorkbook(r io.Reader) (*Workbook, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, unreadable(err)
	}
	if len(data) > MaxFileSize {
		return nil, &core.Error{Code: core.Invalid, Message: fmt.Sprintf("the file is larger than %d MB; a serial list is much smaller, so this is probably not the right file", MaxFileSize>>20)}
	}
	f, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		return nil, unreadable(err)
	}
	return &Workbook{f: f}, nil
}

func unreadable(err error) error {
	return &core.Error{Code: core.Invalid, Err: err,
		Message: "the file cannot be read as an Excel workbook (.xlsx): it is another kind of file, or damaged. Save it from the spreadsheet program as .xlsx and try again"}
}

// Close releases the workbook.
func (w *Workbook) Close() error { return w.f.Close() }

// Sheets are the names of the workbook's sheets.
func (w *Workbook) Sheets() []string { return w.f.GetSheetList() }

// Columns names a sheet's columns by their first row, and says which one
// holds the serials: the one whose header says serial (or S/N), -1 when none
// does.
func (w *Workbook) Columns(sheet string) (headers []string, guess int, err error) {
	rows, err := w.rows(sheet)
	if err != nil {
		return nil, -1, err
	}
	guess = -1
	for i, h := range rows[0] {
		h = strings.TrimSpace(h)
		if h == "" {
			h = "(no header)"
		}
		headers = append(headers, fmt.Sprintf("%s: %s", columnName(i), h))
		if guess < 0 && looksLikeSerialHeader(rows[0][i]) {
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
// kept.
func (w *Workbook) Values(sheet string, col int) ([]string, error) {
	rows, err := w.rows(sheet)
	if err != nil {
		return nil, err
	}
	var out []string
	for i, row := range rows {
		if col >= len(row) {
			continue
		}
		v := strings.TrimSpace(row[col])
		if v == "" || (i == 0 && isHeader(v)) {
			continue
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, &core.Error{Code: core.Invalid, Message: fmt.Sprintf("column %s of sheet %s holds no serials", columnName(col), sheet)}
	}
	return out, nil
}

func (w *Workbook) rows(sheet string) ([][]string, error) {
	rows, err := w.f.GetRows(sheet)
	if err != nil {
		return nil, unreadable(err)
	}
	for len(rows) > 0 && len(rows[0]) == 0 {
		rows = rows[1:]
	}
	if len(rows) == 0 {
		return nil, &core.Error{Code: core.Invalid, Message: fmt.Sprintf("the sheet %s is empty", sheet)}
	}
	return rows, nil
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
