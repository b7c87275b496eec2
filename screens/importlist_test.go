package screens

import (
	"bytes"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// supplierWorkbook is the serial list a supplier sends: a title row, the
// serials in the third column.
func supplierWorkbook(t *testing.T) io.ReadCloser {
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range [][]any{{"Pos", "Article", "Serial number"}, {1, "CS-500", "996C00001"}, {2, "CS-500", "996C00002"}, {3, "CS-500", "99612345"}} {
		require.NoError(t, f.SetSheetRow("Sheet1", "A"+string(rune('1'+i)), &row))
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return io.NopCloser(&buf)
}

func TestImportSerialsForAReceiptLine(t *testing.T) {
	env, s := receiptScreen(t)
	e := s.editor
	test.Type(e.lines[0].itemText, "CS-500")
	e.lines[0].qty.SetText("3")
	assert.True(t, e.serials.load.Visible())

	e.serials.importFrom(supplierWorkbook(t))
	env.settle()
	overlay := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay, "the sheet and column are asked, with a preview")
	var preview string
	var column *choice
	for _, o := range test.LaidOutObjects(overlay) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "serials:") {
			preview = l.Text
		}
		if sel, ok := o.(*choice); ok && strings.HasPrefix(sel.Selected, "C:") {
			column = sel
		}
	}
	require.NotNil(t, column, "the serial column is guessed from its header")
	assert.Equal(t, "C: Serial number", column.Selected)
	assert.Equal(t, "3 serials: 996C00001, 996C00002, 99612345. Each row is checked like a typed one.", preview)

	test.Tap(findButton(overlay, "Fill rows"))
	assert.Equal(t, []string{"996C00001", "996C00002", "99612345"}, e.lines[0].serials)
	env.settle()
	assert.Equal(t, "8 characters, the pattern 996****** needs 9", e.serials.rows[2].mark.Text, "imported rows are checked like typed ones")
}

func TestImportOfAFileThatIsNotAWorkbook(t *testing.T) {
	env, s := receiptScreen(t)
	test.Type(s.editor.lines[0].itemText, "CS-500")
	s.editor.serials.importFrom(io.NopCloser(strings.NewReader("just text")))
	env.settle()
	overlay := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay)
	found := false
	for _, o := range test.LaidOutObjects(overlay) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "cannot be read as an Excel workbook") {
			found = true
		}
	}
	assert.True(t, found, "a clear message")
	assert.Empty(t, dropBlank(s.editor.lines[0].serials), "nothing changed")
}

// importDialog opens the supplier's workbook for a receipt line and
// returns the dialog and how many workbooks are open.
func importDialog(t *testing.T) (*Env, fyne.CanvasObject, *atomic.Int32) {
	env, s := receiptScreen(t)
	open := &atomic.Int32{}
	env.Sheets = countedSheets{env.Sheets, open}
	test.Type(s.editor.lines[0].itemText, "CS-500")
	s.editor.lines[0].qty.SetText("3")
	s.editor.serials.importFrom(supplierWorkbook(t))
	env.settle()
	overlay := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay)
	require.Equal(t, int32(1), open.Load())
	return env, overlay, open
}

// countedSheets counts the workbooks open through it.
type countedSheets struct {
	Spreadsheets
	open *atomic.Int32
}

func (s countedSheets) OpenWorkbook(r io.Reader) (Workbook, error) {
	wb, err := s.Spreadsheets.OpenWorkbook(r)
	if err != nil {
		return nil, err
	}
	s.open.Add(1)
	return countedWorkbook{wb, s.open}, nil
}

type countedWorkbook struct {
	Workbook
	open *atomic.Int32
}

func (w countedWorkbook) Close() error {
	w.open.Add(-1)
	return w.Workbook.Close()
}

// A column is read in the background: until its answer comes, the dialog
// says so and Fill waits, while the window goes on.
func TestAColumnIsReadInTheBackground(t *testing.T) {
	env, overlay, _ := importDialog(t)
	var column *choice
	for _, o := range test.LaidOutObjects(overlay) {
		if sel, ok := o.(*choice); ok && strings.HasPrefix(sel.Selected, "C:") {
			column = sel
		}
	}
	require.NotNil(t, column)
	fill := findButton(overlay, "Fill rows")
	column.SetSelectedIndex(1)
	assert.Contains(t, labelTexts(overlay), "Reading the workbook…")
	assert.True(t, fill.Disabled(), "Fill waits for the column")
	env.settle()
	assert.Contains(t, labelTexts(overlay), "4 serials: Article, CS-500, CS-500, CS-500. Each row is checked like a typed one.")
	assert.False(t, fill.Disabled())
}

// The workbook, whose temporary files can take gigabytes, is closed with
// its dialog however that is closed, and when the app stops first.
func TestTheWorkbookIsClosedWithItsDialog(t *testing.T) {
	for _, button := range []string{"Cancel", "Fill rows"} {
		env, overlay, open := importDialog(t)
		test.Tap(findButton(overlay, button))
		env.settle()
		assert.Zero(t, open.Load(), "closed after %s", button)
	}
	_, _, open := importDialog(t)
	stopped := fyne.CurrentApp().Lifecycle().(interface{ OnStopped() func() }).OnStopped()
	require.NotNil(t, stopped)
	stopped()
	assert.Zero(t, open.Load(), "closed as the app stopped")
}
