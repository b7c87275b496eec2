package screens

import (
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// Workbook is a spreadsheet opened to read serials from; the app opens
// them (package data/sheets), so that the screens never touch a file
// format.
type Workbook interface {
	Sheets() []string
	Columns(sheet string) (headers []string, guess int, err error)
	Values(sheet string, col int) ([]string, error)
	Close() error
}

// askImport lets the user pick a supplier's workbook and fills the empty
// rows from one of its columns.
func (t *serialEntry) askImport() {
	t.env.askOpen(func(r fyne.URIReadCloser) { t.importFrom(r) })
}

// importFrom reads the workbook in the background, then asks for the sheet
// and column, with a preview, before filling the rows.
func (t *serialEntry) importFrom(r io.ReadCloser) {
	background(t.env, func() (Workbook, error) {
		defer r.Close()
		return t.env.Sheets.OpenWorkbook(r)
	}, func(wb Workbook, err error) {
		if err != nil {
			t.env.showError(err)
			return
		}
		t.chooseColumn(wb)
	})
}

// chooseColumn shows the sheet and the column (the serial column guessed)
// with a preview; Fill puts the values into the rows. A sheet or column is
// read in the background, the window free meanwhile, and Fill waits for
// it. The workbook is closed with the dialog, or when the app stops first.
func (t *serialEntry) chooseColumn(wb Workbook) {
	var values []string
	var reading newest
	preview := widget.NewLabel("")
	preview.Wrapping = fyne.TextWrapWord
	progress := widget.NewProgressBarInfinite()
	column := newChoice(nil, nil)
	sheet := newChoice(wb.Sheets(), nil)
	form := widget.NewForm(widget.NewFormItem(lang.L("Sheet"), sheet), widget.NewFormItem(lang.L("Column"), column))
	// The preview scrolls between the form and the buttons: a long one
	// (overlong serials, many problems) had run under the buttons.
	d := dialog.NewCustomWithoutButtons(lang.L("Serials from a workbook"),
		container.NewBorder(container.NewVBox(form, progress), nil, nil, nil, container.NewVScroll(preview)), t.env.Window)
	fill := newEnterButton(lang.L("Fill rows"), nil, func() {
		d.Hide()
		if len(values) > 0 {
			t.fillFrom(t.firstEmpty(), values)
		}
	})
	// read reads in the background and shows the latest answer only.
	read := func(work func() error, show func(error)) {
		current := reading.next()
		values = nil
		fill.Disable()
		progress.Show()
		preview.SetText(lang.L("Reading the workbook…"))
		background(t.env, func() (struct{}, error) { return struct{}{}, work() }, func(_ struct{}, err error) {
			if !current() {
				return
			}
			progress.Hide()
			fill.Enable()
			show(err)
		})
	}
	column.OnChanged = func(string) {
		name, col := sheet.Selected, column.SelectedIndex()
		var got []string
		read(func() (err error) { got, err = wb.Values(name, col); return err }, func(err error) {
			values = got
			preview.SetText(previewText(got, err))
		})
	}
	sheet.OnChanged = func(name string) {
		var headers []string
		var guess int
		read(func() (err error) { headers, guess, err = wb.Columns(name); return err }, func(err error) {
			column.SetOptions(headers)
			if err != nil {
				preview.SetText(previewText(nil, err))
				return
			}
			column.SetSelectedIndex(max(guess, 0))
		})
	}
	d.SetOnClosed(t.env.holdWorkbook(wb))
	d.Resize(fyne.NewSize(560, 360))
	t.env.showWithKeys(d, fill, newButton(lang.L("Cancel"), nil, d.Hide)) // Enter fills, Esc closes
	sheet.SetSelectedIndex(0)
}

// maxPreviewProblems is how many of a column's problems its preview names.
const maxPreviewProblems = 5

func previewText(values []string, err error) string {
	if err != nil {
		return problemsText(err, maxPreviewProblems)
	}
	shown := make([]string, 0, 5)
	for _, v := range values[:min(len(values), 5)] {
		shown = append(shown, core.Echo(v).String())
	}
	more := ""
	if len(values) > len(shown) {
		more = ", …"
	}
	return Say(core.Count(len(values), "1 serial: {{.Serials}}. Each row is checked like a typed one.", "{{.Count}} serials: {{.Serials}}. Each row is checked like a typed one.").
		With(core.Values{"Serials": strings.Join(shown, ", ") + more}))
}
