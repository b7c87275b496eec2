package sheets_test

import (
	"encoding/json"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
	"serialdesk/data/sheets"
)

// found is what testdata/check_workbook.py finds in a workbook.
type found struct {
	Properties struct {
		Creator, LastModifiedBy, Created, Modified, Title string
	}
	Sheets map[string]struct {
		Orientation                        string
		PaperSize, FitToWidth, FitToHeight int
		FitToPage                          bool
		PrintTitleRows, Footer             string
		FreezePanes, Title                 string
		Headings                           []struct {
			Text, Font, Align string
			Bold              bool
			Width             float64
		}
		Rows                              [][]any
		Fonts, DateFormats, AmountFormats []string
	}
}

// readWithOpenpyxl reads a workbook with Python's openpyxl, a reader other
// than the excelize that wrote it: what a spreadsheet program finds.
func readWithOpenpyxl(t *testing.T, file []byte) found {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.xlsx")
	require.NoError(t, os.WriteFile(path, file, 0o644))
	out, err := exec.Command(python(t), filepath.Join("testdata", "check_workbook.py"), path).Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		t.Fatalf("check_workbook.py: %v\n%s", err, exit.Stderr)
	}
	require.NoError(t, err)
	var f found
	require.NoError(t, json.Unmarshal(out, &f), "%s", out)
	return f
}

// python is a Python that has openpyxl: the one on the PATH, or the
// system's, where Debian's python3-openpyxl goes, when another Python
// (pyenv, a virtualenv) comes first on the PATH.
func python(t *testing.T) string {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	t.Fatal("the tests read workbooks with Python 3 and openpyxl, and found none that has it: run make test-deps")
	return ""
}

// An export prints well in a spreadsheet program: every sheet on A4
// across, one page wide, its header row on every page, numbered pages and
// a title that says what was exported and when; the headings in the
// body's font, not cut, over numbers on their right; blank cells blank;
// and the file says who made it and when.
func TestExportReadsWellInAnotherReader(t *testing.T) {
	reg := datatest.NewRegister(t)
	require.NoError(t, reg.LoadExamples())
	chip, err := reg.SaveItem(core.Item{No: "007", Name: "Chip", UseSerial: true})
	require.NoError(t, err)
	_, err = reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: chip.ID, Quantity: 1, Serials: []string{"0012"}}}})
	require.NoError(t, err)

	before := time.Now().UTC().Truncate(time.Second)
	file, _ := exportFile(t, reg, core.SerialQuery{State: core.InStock}, true)
	after := time.Now().UTC()
	book := readWithOpenpyxl(t, file)

	props := book.Properties
	assert.Equal(t, "Serialdesk", props.Creator)
	assert.Equal(t, "Serialdesk", props.LastModifiedBy)
	assert.Equal(t, "Serials — state in stock", props.Title)
	for _, at := range []string{props.Created, props.Modified} {
		when, err := time.Parse("2006-01-02T15:04:05", at)
		require.NoError(t, err)
		assert.WithinRange(t, when, before, after, "the time of the export")
	}

	headers := map[string][]string{sheets.SerialsSheet: sayAll(core.English, sheets.SerialHeaders), sheets.SummarySheet: sayAll(core.English, sheets.SummaryHeaders),
		sheets.NotesSheet: sayAll(core.English, sheets.NoteHeaders), sheets.ItemsSheet: sayAll(core.English, sheets.ItemHeaders), sheets.CustomersSheet: sayAll(core.English, sheets.PartyHeaders),
		sheets.SuppliersSheet: sayAll(core.English, sheets.PartyHeaders)}
	titles := map[string]string{sheets.SerialsSheet: "Serials — state in stock", sheets.SummarySheet: "Summary: Serials — state in stock",
		sheets.NotesSheet: "Service notes: Serials — state in stock", sheets.ItemsSheet: "All item cards", sheets.CustomersSheet: "All customers", sheets.SuppliersSheet: "All suppliers"}
	numbers := []string{"Received", "Unit cost", "Sold", "Unit price", "Warranty until", "Purchased", "Returned", "To supplier", "In stock",
		"Default price", "Warranty months", "Date"}
	exported := " — exported " + before.Local().Format("2006-01-02 15:04")
	require.ElementsMatch(t, slices.Collect(maps.Keys(headers)), slices.Collect(maps.Keys(book.Sheets)), "a returned unit has a note")
	for name, s := range book.Sheets {
		assert.Equal(t, "landscape", s.Orientation, name)
		assert.Equal(t, 9, s.PaperSize, "%s on A4", name)
		assert.True(t, s.FitToPage, name)
		assert.Equal(t, 1, s.FitToWidth, "%s one page wide", name)
		assert.Equal(t, 0, s.FitToHeight, "%s as many pages long as it takes", name)
		assert.Equal(t, "$2:$2", s.PrintTitleRows, "%s: the header row on every page", name)
		assert.Equal(t, "Page &P of &N", s.Footer, name)
		assert.Equal(t, "A3", s.FreezePanes, "%s: title and header stay in view", name)
		if s.Title != titles[name]+exported { // the minute may turn during the export
			assert.Regexp(t, "^"+titles[name]+` — exported \d{4}-\d\d-\d\d \d\d:\d\d$`, s.Title, name)
		}
		assert.Equal(t, []string{"Calibri"}, s.Fonts, "%s: title, headings and body in the same font", name)
		var texts []string
		for _, h := range s.Headings {
			texts = append(texts, h.Text)
			assert.True(t, h.Bold, "%s %s", name, h.Text)
			if slices.Contains(numbers, h.Text) {
				assert.Equal(t, "right", h.Align, "%s: %s stands over its numbers", name, h.Text)
			} else {
				assert.Empty(t, h.Align, "%s %s", name, h.Text)
			}
			assert.GreaterOrEqual(t, h.Width, float64(utf8.RuneCountInString(h.Text)+2), "%s: %s is not cut by its filter button", name, h.Text)
		}
		assert.Equal(t, headers[name], texts, name)
	}

	serials := book.Sheets[sheets.SerialsSheet].Rows
	i := slices.IndexFunc(serials, func(row []any) bool { return row[0] == "0012" })
	require.GreaterOrEqual(t, i, 0, "the serial keeps its zeros as text")
	row := serials[i]
	assert.Equal(t, "007", row[1], "so does the item number")
	assert.Nil(t, row[4], "no project number is a blank cell")
	assert.Nil(t, row[7], "nor is no supplier")
	for _, row := range serials {
		for _, v := range row {
			assert.NotEqual(t, "", v, "no cell holds an empty text")
		}
	}

	// Built-in formats, which Excel and LibreOffice show in the reader's
	// own way (31.12.2026 and 64 990,00 in Norway, 12/31/2026 and
	// 64,990.00 in the United States): openpyxl names them by their
	// American pattern.
	assert.Equal(t, []string{"mm-dd-yy"}, book.Sheets[sheets.SerialsSheet].DateFormats, "the short date")
	assert.Equal(t, []string{"#,##0.00"}, book.Sheets[sheets.SerialsSheet].AmountFormats)

	summary := book.Sheets[sheets.SummarySheet].Rows
	total := []any{"Total", nil, 0.0, 0.0, 0.0, 0.0, 0.0}
	for _, row := range summary[:len(summary)-1] {
		for col := 2; col < len(row); col++ {
			total[col] = total[col].(float64) + row[col].(float64)
		}
	}
	assert.Equal(t, total, summary[len(summary)-1], "the totals are there as numbers for a reader that does not work out formulas")
}
