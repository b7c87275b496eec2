package sheets

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/xuri/excelize/v2"

	"serialdesk/core"
)

// MaxFileSize is the largest workbook read. Its parts are stored packed
// or, at worst, as they are, so no workbook within the limits (scan.go)
// is larger than they unpack to.
const MaxFileSize = maxUnpacked

// Workbook is a spreadsheet opened to read serials from, e.g. the serial
// list a supplier sends with a delivery. One goroutine may read it while
// another closes it.
type Workbook struct {
	mu     sync.Mutex  // one read at a time; Close waits for it
	closed atomic.Bool // a read under way stops at its next row
	f      *excelize.File
	// tmp holds a copy of the file and the large sheets excelize reads
	// from files; it goes with the workbook, also when opening fails
	// halfway.
	tmp    string
	file   *os.File // the copy of the file, rescanned for the formulas of the columns read
	book   *book
	sheets []string
}

// tempPrefix names the temporary folders of workbooks being read.
const tempPrefix = "serialdesk-workbook-"

// staleAfter is when a temporary folder is left over from a Serialdesk
// that was stopped while reading a workbook, not one reading now.
const staleAfter = 24 * time.Hour

// OpenWorkbook reads a workbook (.xlsx). A file that is not one, is
// damaged or is beyond the limits (scan.go) gives a message saying so.
// Close the workbook when done.
func OpenWorkbook(r io.Reader) (*Workbook, error) {
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if info, err := st.Stat(); err == nil && info.Size() > MaxFileSize {
			return nil, tooLarge()
		}
	}
	removeStale(os.TempDir(), time.Now())
	tmp, err := os.MkdirTemp("", tempPrefix)
	if err != nil {
		return nil, tempFailure(err)
	}
	w := &Workbook{tmp: tmp}
	if err := safely(func() error { return w.open(r) }); err != nil {
		w.release()
		return nil, err
	}
	return w, nil
}

// openFile opens the copy for excelize; a test makes it fail halfway.
var openFile = excelize.OpenFile

// open copies the file into the temporary folder, so that neither it nor
// excelize holds it in memory, checks it against the limits and opens it.
func (w *Workbook) open(r io.Reader) error {
	name := filepath.Join(w.tmp, "workbook.xlsx")
	file, err := os.Create(name)
	if err != nil {
		return tempFailure(err)
	}
	w.file = file
	n, err := io.Copy(file, io.LimitReader(source{r}, MaxFileSize+1))
	var readErr *readError
	switch {
	case errors.As(err, &readErr):
		return unreadable(err)
	case err != nil:
		return tempFailure(err)
	case n > MaxFileSize:
		return tooLarge()
	}
	dir := &directoryReader{f: file, left: maxDirectory}
	zr, err := zip.NewReader(dir, n)
	dir.left = -1 // the parts themselves are read as inspect allows
	switch {
	case errors.Is(err, errLongDirectory):
		return notASerialList("the workbook's list of parts is longer than {{.Limit}}; the file is damaged or not a list of serials", core.Values{"Limit": limit(maxDirectory)})
	case err != nil:
		return unreadable(err)
	}
	if w.book, err = inspect(zr); err != nil {
		return err
	}
	if w.f, err = openFile(name, excelize.Options{UnzipSizeLimit: maxUnpacked, UnzipXMLSizeLimit: maxPart, TmpDir: w.tmp}); err != nil {
		return unreadable(err)
	}
	w.sheets = w.f.GetSheetList()
	return nil
}

// source is the file chosen, whose failures are told from the copy's.
type source struct{ r io.Reader }

func (s source) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		err = &readError{err}
	}
	return n, err
}

type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// maxDirectory bounds the zip's list of its parts, which archive/zip
// reads whole, keeping a few hundred bytes for each: a file of a few
// megabytes may list millions of empty parts. A workbook of a thousand
// sheets lists some 600 kB.
const maxDirectory = 4_000_000

var errLongDirectory = errors.New("the zip's directory is too long")

// directoryReader reads the file for archive/zip, at most left bytes
// while left is not negative.
type directoryReader struct {
	f    *os.File
	left int64
}

func (d *directoryReader) ReadAt(p []byte, off int64) (int, error) {
	if d.left >= 0 {
		if d.left -= int64(len(p)); d.left < 0 {
			return 0, errLongDirectory
		}
	}
	return d.f.ReadAt(p, off)
}

func tooLarge() error {
	return &core.Error{Code: core.Invalid, Message: core.Say("the file is larger than {{.Limit}}; a serial list is much smaller, so this is probably not the right file", core.Values{"Limit": limit(MaxFileSize)})}
}

func tempFailure(err error) error {
	return &core.Error{Code: core.Internal, Err: err, Message: core.Say("Serialdesk cannot put the workbook in a temporary folder to read it: {{.Cause}}", core.Values{"Cause": err.Error()})}
}

func unreadable(err error) error {
	return &core.Error{Code: core.Invalid, Err: err,
		Message: core.Say("the file cannot be read as an Excel workbook (.xlsx): it is another kind of file, or damaged. Save it from the spreadsheet program as .xlsx and try again")}
}

// safely runs a call that reaches into excelize: a panic on a damaged
// file is that file being unreadable, not a crash.
func safely(call func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = unreadable(fmt.Errorf("panic: %v", p))
		}
	}()
	return call()
}

// removeStale removes the temporary folders that Serialdesks stopped while
// reading a workbook left behind, a day after they were last used.
func removeStale(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > staleAfter {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// errClosed is a read cut short because the workbook was closed.
var errClosed = &core.Error{Code: core.Invalid, Message: core.Say("the workbook was closed")}

// Close releases the workbook and removes its temporary files; a read
// under way stops first. Closing again does nothing.
func (w *Workbook) Close() error {
	w.closed.Store(true)
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.release()
}

func (w *Workbook) release() error {
	var errs []error
	if w.f != nil {
		errs = append(errs, w.f.Close())
		w.f = nil
	}
	if w.file != nil {
		errs = append(errs, w.file.Close())
		w.file = nil
	}
	return errors.Join(append(errs, os.RemoveAll(w.tmp))...)
}

// reading runs a read of the workbook: one at a time, none once closed.
func (w *Workbook) reading(read func() error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed.Load() {
		return errClosed
	}
	return safely(read)
}

// Sheets are the names of the workbook's sheets.
func (w *Workbook) Sheets() []string { return w.sheets }

// Columns names a sheet's columns by its header row (head), and says
// which one holds the serials: the one whose header says serial (or S/N),
// -1 when none does.
func (w *Workbook) Columns(sheet string) (headers []string, guess int, err error) {
	var first []string
	err = w.reading(func() (err error) {
		_, first, err = w.head(sheet, false)
		return err
	})
	if err != nil {
		return nil, -1, err
	}
	if len(first) == 0 {
		return nil, -1, &core.Error{Code: core.Invalid, Message: core.Say("the sheet {{.Sheet}} is empty", core.Values{"Sheet": core.Echo(sheet)})}
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

// Values reads a column's cells from its header row (head) down, skipping
// blank ones and the header, unless it is no header but a serial (no
// letters other than a serial's). Cells holding formulas are refused, each
// named: their value was worked out, not typed.
func (w *Workbook) Values(sheet string, col int) ([]string, error) {
	var out []string
	var formulas []core.Problem
	err := w.reading(func() error {
		worked, err := w.formulaCells(sheet, col+1)
		if err != nil {
			return err
		}
		top, _, err := w.head(sheet, false)
		if err != nil {
			return err
		}
		return w.eachRow(sheet, false, func(n int, cells []string) bool {
			header := n == top
			if n < top || col >= len(cells) {
				return true
			}
			v := strings.TrimSpace(cells[col])
			if at := (cell{n, col + 1}); worked.has(at) {
				formulas = append(formulas, core.Problem{Sheet: sheet, Line: n, Serial: v, Reason: formulaReason(at, true)})
				return true
			}
			if v != "" && !(header && isHeader(v)) {
				out = append(out, v)
			}
			return true
		})
	})
	switch {
	case err != nil:
		return nil, err
	case len(formulas) > 0:
		return nil, &core.Error{Code: core.Invalid, Problems: formulas,
			Message: core.Say("column {{.Column}} of sheet {{.Sheet}} holds formulas ({{.Count}}); serials must be typed. In the spreadsheet program, copy the column and paste it as values", core.Values{"Column": columnName(col), "Sheet": core.Echo(sheet), "Count": len(formulas)})}
	case len(out) == 0:
		return nil, &core.Error{Code: core.Invalid, Message: core.Say("column {{.Column}} of sheet {{.Sheet}} holds no serials", core.Values{"Column": columnName(col), "Sheet": core.Echo(sheet)})}
	}
	return out, nil
}

// head finds the row that names a sheet's columns and its cells: its
// first row that holds anything, or the next one when that is a title
// over the table, as an export has (export.go): a row of one text in
// column A that is no serial, over a row of several cells. n is 0 for an
// empty sheet.
func (w *Workbook) head(sheet string, raw bool) (n int, cells []string, err error) {
	err = w.eachRow(sheet, raw, func(at int, row []string) bool {
		switch {
		case len(row) == 0:
			return true
		case n == 0:
			n, cells = at, row
			return mayBeTitle(row)
		case filled(row) > 1:
			n, cells = at, row
		}
		return false
	})
	return n, cells, err
}

func mayBeTitle(row []string) bool {
	return filled(row) == 1 && strings.TrimSpace(row[0]) != "" && isHeader(row[0])
}

// filled counts a row's cells that hold anything.
func filled(row []string) int {
	n := 0
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// errNoSheet is a sheet the workbook does not have.
var errNoSheet = errors.New("no such sheet")

// eachRow reads a sheet row by row as excelize unpacks it, never the
// whole sheet at once: do hears each row's number and cells (raw: numbers
// and dates as stored, not as a locale shows them) and returns false to
// stop. The number of rows is bounded by inspect.
func (w *Workbook) eachRow(sheet string, raw bool, do func(n int, cells []string) bool) error {
	if w.book.sheets[strings.ToLower(sheet)] == nil {
		return &core.Error{Code: core.Invalid, Err: errNoSheet, Message: core.Say("the workbook has no sheet {{.Sheet}}", core.Values{"Sheet": core.Echo(sheet)})}
	}
	rows, err := w.f.Rows(sheet)
	if err != nil {
		return unreadable(err)
	}
	defer rows.Close()
	var opts []excelize.Options
	if raw {
		opts = append(opts, excelize.Options{RawCellValue: true})
	}
	for n := 1; rows.Next(); n++ {
		if w.closed.Load() {
			return errClosed
		}
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

// formulaCells finds the cells of some columns of a sheet (1-based) that
// hold formulas, in every part that excelize may read the sheet from.
func (w *Workbook) formulaCells(sheet string, cols ...int) (*formulaCells, error) {
	f := newFormulaCells(sheet, cols)
	for _, part := range w.book.sheets[strings.ToLower(sheet)] {
		for _, zf := range w.book.parts[part] {
			if err := (&partScan{name: sheet, kind: sheetPart, formulas: f, stop: w.closed.Load}).read(zf); err != nil {
				return nil, err
			}
		}
	}
	return f, nil
}

// formulaReason names a cell that holds a formula where a serial, or
// another value, must be typed.
func formulaReason(at cell, serials bool) core.Message {
	if serials {
		return core.Say("cell {{.Cell}} holds a formula; serials must be typed", core.Values{"Cell": at.ref()})
	}
	return core.Say("cell {{.Cell}} holds a formula; values must be typed", core.Values{"Cell": at.ref()})
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
