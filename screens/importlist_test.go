package screens

import (
	"bytes"
	"io"
	"strings"
	"testing"

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
	var column *widget.Select
	for _, o := range test.LaidOutObjects(overlay) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "serials:") {
			preview = l.Text
		}
		if sel, ok := o.(*widget.Select); ok && strings.HasPrefix(sel.Selected, "C:") {
			column = sel
		}
	}
	require.NotNil(t, column, "the serial column is guessed from its header")
	assert.Equal(t, "C: Serial number", column.Selected)
	assert.Equal(t, "3 serials: 996C00001, 996C00002, 99612345. Each row is checked like a typed one.", preview)

	test.Tap(findButton(overlay, "Fill rows"))
	assert.Equal(t, []string{"996C00001", "996C00002", "99612345"}, e.lines[0].serials)
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
