package screens

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"serialdesk/core"
)

// overlongSerials are a thousand serials of 10,000 characters each.
func overlongSerials() []string {
	serials := make([]string, 1000)
	for i := range serials {
		serials[i] = fmt.Sprintf("996%04d", i) + strings.Repeat("X", 9_993)
	}
	return serials
}

// workbookOf writes sheets of rows as a workbook.
func workbookOf(t *testing.T, sheets map[string][][]any) io.ReadCloser {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for name, rows := range sheets {
		_, err := f.NewSheet(name)
		require.NoError(t, err)
		for i, row := range rows {
			require.NoError(t, f.SetSheetRow(name, fmt.Sprintf("A%d", i+1), &row))
		}
	}
	require.NoError(t, f.DeleteSheet("Sheet1"))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return io.NopCloser(&buf)
}

// quoted finds the values a message repeats in quotes.
var quoted = regexp.MustCompile(`"([^"]*)"`)

// requireShortValues checks that every value the labels below o repeat is
// at most 40 characters and an ellipsis.
func requireShortValues(t *testing.T, o fyne.CanvasObject) {
	t.Helper()
	for _, text := range labelTexts(o) {
		for _, m := range quoted.FindAllStringSubmatch(text, -1) {
			require.LessOrEqual(t, len([]rune(m[1])), 41, "in %.100q", text)
		}
		require.Less(t, len(text), 400, "a label of a few lines")
	}
}

// requireProblemList checks the problem dialog on top: its message, a
// scrolling list of every problem, and the OK button below the list,
// outside it.
func requireProblemList(t *testing.T, env *Env, message string, problems int) {
	t.Helper()
	overlay := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay, "a dialog")
	var list *rowList
	for _, o := range test.LaidOutObjects(overlay) {
		if l, ok := o.(*rowList); ok {
			list = l
		}
	}
	require.NotNil(t, list, "the problems scroll in a list")
	assert.Equal(t, problems, list.Length())
	assert.Contains(t, labelTexts(overlay), message)
	ok := findEnterButton(overlay, "OK")
	require.NotNil(t, ok)
	assert.Nil(t, findEnterButton(list, "OK"), "the button is not in the list")
	driver := fyne.CurrentApp().Driver()
	listBottom := driver.AbsolutePositionForObject(list).Y + list.Size().Height
	assert.LessOrEqual(t, listBottom, driver.AbsolutePositionForObject(ok).Y, "the button is below the list, not over it")
	window := env.Window.Canvas().Size()
	assert.LessOrEqual(t, driver.AbsolutePositionForObject(ok).Y+ok.Size().Height, window.Height, "the button is in the window")
	requireShortValues(t, overlay)
	list.ScrollToBottom()
	requireShortValues(t, overlay)
}

func TestAThousandBadRowsOfOpeningStock(t *testing.T) {
	env := newTestEnv(t)
	s := NewItems(env)
	env.show(s.Content())
	rows := [][]any{{"Serial", "Item number", "Supplier"}}
	for _, serial := range overlongSerials() {
		rows = append(rows, []any{serial, "CS-500", serial})
	}
	s.importOpeningStock(workbookOf(t, map[string][][]any{
		"Items":   {{"Item number", "Item name", "Use serial number"}, {"CS-500", "Chainsaw 500", "yes"}},
		"Serials": rows,
	}))
	env.settle()
	requireProblemList(t, env, "The opening stock has 1,000 problems; nothing was imported.", 1000)
	assert.Contains(t, labelTexts(env.Window.Canvas().Overlays().Top()),
		`Serials sheet, row 2: serial "9960000XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…" (10,000 characters)`)
}

func TestAThousandOverlongSerialsImportedIntoAReceipt(t *testing.T) {
	env, s := receiptScreen(t)
	e := s.editor
	test.Type(e.lines[0].itemText, "CS-500")
	e.lines[0].qty.SetText("1000")
	rows := [][]any{{"Serial"}}
	for _, serial := range overlongSerials() {
		rows = append(rows, []any{serial})
	}
	e.serials.importFrom(workbookOf(t, map[string][][]any{"List": rows}))
	env.settle()
	overlay := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay, "the sheet and column are asked, with a preview")
	requireShortValues(t, overlay)
	assert.Contains(t, labelTexts(overlay), `1,000 serials: "9960000XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…" (10,000 characters), `+
		`"9960001XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…" (10,000 characters), "9960002XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…" (10,000 characters), `+
		`"9960003XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…" (10,000 characters), "9960004XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…" (10,000 characters), …. Each row is checked like a typed one.`)
	// The preview scrolls above the buttons, never under them.
	var preview *container.Scroll
	for _, o := range test.LaidOutObjects(overlay) {
		if sc, ok := o.(*container.Scroll); ok {
			preview = sc
		}
	}
	require.NotNil(t, preview, "the preview scrolls")
	fill := findButton(overlay, "Fill rows")
	driver := fyne.CurrentApp().Driver()
	assert.LessOrEqual(t, driver.AbsolutePositionForObject(preview).Y+preview.Size().Height, driver.AbsolutePositionForObject(buttonObject(overlay, "Fill rows")).Y,
		"the buttons are below the preview, not over it")
	test.Tap(fill)
	require.Len(t, e.lines[0].serials, 1000, "nothing typed or imported is lost")
	env.settle()
	assert.Equal(t, "longer than the 64 characters a serial may have", e.serials.rows[0].mark.Text)

	test.Tap(s.confirm)
	env.settle()
	lines := strings.Split(e.problems.Text, "\n")
	assert.Equal(t, "The receipt has 1,000 problems; nothing was saved.", lines[0])
	assert.Equal(t, `  line 1: serial "9960000XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…" (10,000 characters): longer than the 64 characters a serial may have`, lines[1])
	assert.Equal(t, "  … and 990 more", lines[len(lines)-1])
	assert.Len(t, lines, maxProblemsListed+2)
	require.True(t, e.allProblems.Visible())
	test.Tap(e.allProblems)
	requireProblemList(t, env, "The receipt has 1,000 problems; nothing was saved.", 1000)
}

// A column of formulas is refused in its preview, each cell named.
func TestImportedFormulasAreNamedInThePreview(t *testing.T) {
	env, s := receiptScreen(t)
	test.Type(s.editor.lines[0].itemText, "CS-500")
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"Serial"}))
	for i := 2; i <= 9; i++ {
		require.NoError(t, f.SetCellFormula("Sheet1", fmt.Sprintf("A%d", i), fmt.Sprintf(`"996A0000%d"`, i)))
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	s.editor.serials.importFrom(io.NopCloser(&buf))
	env.settle()
	overlay := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay)
	assert.Contains(t, labelTexts(overlay), "Column A of sheet Sheet1 holds formulas (8); serials must be typed. In the spreadsheet program, copy the column and paste it as values\n"+
		"  Sheet1 sheet, row 2: cell A2 holds a formula; serials must be typed\n"+
		"  Sheet1 sheet, row 3: cell A3 holds a formula; serials must be typed\n"+
		"  Sheet1 sheet, row 4: cell A4 holds a formula; serials must be typed\n"+
		"  Sheet1 sheet, row 5: cell A5 holds a formula; serials must be typed\n"+
		"  Sheet1 sheet, row 6: cell A6 holds a formula; serials must be typed\n"+
		"  … and 3 more")
	test.Tap(findButton(overlay, "Fill rows"))
	assert.Empty(t, dropBlank(s.editor.lines[0].serials), "nothing is filled in")
}

// What is typed into a field comes back in a message in short, and a
// return of an unreadable quantity says so.
func TestTypedValuesComeBackInShort(t *testing.T) {
	env, s := receiptScreen(t)
	e := s.editor
	long := strings.Repeat("9", 10_000)
	test.Type(e.lines[0].itemText, "BOLT-8")
	e.lines[0].qty.SetText(long)
	e.date.SetText("x" + long)
	test.Tap(s.confirm)
	env.settle()
	assert.Equal(t, `The receipt cannot be read; nothing was saved.
  the date: "x999999999999999999999999999999999999999…" (10,001 characters) is not a date; write it like 2026-12-31
  line 1: the quantity "9999999999999999999999999999999999999999…" (10,000 characters) is not a whole number`, e.problems.Text)

	env, o := orderScreen(t)
	o.list.Select(2) // SO-000001
	env.settle()
	o.editor.selectLine(o.editor.lines[1]) // the oil, without serials
	test.Tap(o.retour)
	overlay := env.Window.Canvas().Overlays().Top()
	typed := false
	for _, obj := range test.LaidOutObjects(overlay) {
		if entry, ok := obj.(*entry); ok && entry.PlaceHolder == "up to 4" {
			entry.SetText("two")
			typed = true
		}
	}
	require.True(t, typed)
	test.Tap(findButton(overlay, "Return to stock"))
	env.settle()
	assert.True(t, dialogSays(env, `The quantity "two" is not a whole number`))
}

// manyProblems is a receipt's check with n problems.
func manyProblems(n int) error {
	problems := make([]core.Problem, n)
	for i := range problems {
		problems[i] = core.Problem{Line: i + 1, Serial: fmt.Sprintf("996A%05d", i), Reason: core.Say("the pattern 996****** needs 9 characters, and this serial was already received on GR-000001 from Husqvarna Nordic AB, whose lines name it twice")}
	}
	return &core.Error{Code: core.Invalid, Message: core.Say("The receipt has {{.Count}} problems; nothing was saved.", core.Values{"Count": n}), Problems: problems}
}

// The problem list closes from the keyboard: its OK has the focus, Enter
// presses it and Esc closes the list too.
func TestProblemListClosesFromTheKeyboard(t *testing.T) {
	for _, key := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape} {
		env := newTestEnv(t)
		env.showError(manyProblems(3))
		canvas := env.Window.Canvas()
		require.NotNil(t, canvas.Overlays().Top())
		require.Equal(t, findEnterButton(canvas.Overlays().Top(), "OK"), canvas.Focused(), "OK has the focus")
		canvas.Focused().TypedKey(&fyne.KeyEvent{Name: key})
		assert.Nil(t, canvas.Overlays().Top(), "%s closes the list", key)
	}
}

// A row shows what fits of its reason; the row chosen shows whole below
// the list, where it can be selected and copied.
func TestTheProblemChosenShowsWhole(t *testing.T) {
	env := newTestEnv(t)
	err := manyProblems(20)
	env.showError(err)
	overlay := env.Window.Canvas().Overlays().Top()
	var list *rowList
	for _, o := range test.LaidOutObjects(overlay) {
		if l, ok := o.(*rowList); ok {
			list = l
		}
	}
	require.NotNil(t, list)
	list.Select(7)
	whole := core.Problems(err)[7].String()
	assert.Contains(t, labelTexts(overlay), whole)
	for _, o := range test.LaidOutObjects(overlay) {
		if l, ok := o.(*widget.Label); ok && l.Text == whole {
			assert.Equal(t, fyne.TextWrapWord, l.Wrapping, "whole, over as many lines as it takes")
			assert.True(t, l.Selectable)
		}
	}
}

// BenchmarkProblemDialog shows a thousand problems and lays the dialog out
// once, as the window does before it draws.
func BenchmarkProblemDialog(b *testing.B) {
	w := test.NewTempApp(b).NewWindow("Serialdesk")
	w.Resize(fyne.NewSize(1200, 760))
	env := &Env{Window: w}
	err := manyProblems(1000)
	for b.Loop() {
		env.showProblems(err)
		overlay := w.Canvas().Overlays().Top()
		overlay.Resize(w.Canvas().Size())
		if len(test.LaidOutObjects(overlay)) > 1000 {
			b.Fatal("every row was made, not the ones in sight")
		}
		w.Canvas().Overlays().Remove(overlay)
	}
}
