package screens

import (
	"fyne.io/fyne/v2/lang"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// Spreadsheets reads and writes workbooks for the screens; the app gives
// them one (package data/sheets), so that they never touch a file format.
type Spreadsheets interface {
	// Export writes the serials fetch brings, a page at a time, under a
	// title saying what they are; cards adds every item card.
	Export(w io.Writer, title string, fetch func(offset, limit int) (core.SerialPage, error), cards bool, progress func(done, total int)) (int, error)
	// QueryTitle says which serials a query selects, for an export's title.
	QueryTitle(q core.SerialQuery) (string, error)
	// OpenWorkbook opens a supplier's serial list.
	OpenWorkbook(r io.Reader) (Workbook, error)
	// ReadOpeningStock reads item cards and serials in stock.
	ReadOpeningStock(r io.Reader) (core.OpeningStock, error)
	// WriteTemplate writes an opening-stock workbook to fill in.
	WriteTemplate(w io.Writer) error
}

// exportName proposes a file name like serials-2026-11-27.xlsx.
func exportName(now time.Time) string { return "serials-" + now.Format(fileDateLayout) + ".xlsx" }

// exportQuery saves the serials a query selects, with the item cards when
// it selects everything. Its title names the item, which is read first.
func (env *Env) exportQuery(q core.SerialQuery) {
	background(env, func() (string, error) { return env.Sheets.QueryTitle(q) }, func(title string, err error) {
		if err != nil {
			env.showError(err)
			return
		}
		env.askExport(title, func(offset, limit int) (core.SerialPage, error) {
			q.Offset, q.Limit = offset, limit
			return env.Reg.SearchSerials(q)
		}, q == (core.SerialQuery{}))
	})
}

// exportDocument saves the serials of a receipt or an order.
func (env *Env) exportDocument(doc core.DocRef) {
	env.askExport(Tr("Serials of {{.Doc}}", core.Values{"Doc": doc}), env.documentSerials(doc), false)
}

func (env *Env) documentSerials(doc core.DocRef) fetchFunc {
	return func(offset, limit int) (core.SerialPage, error) { return env.Reg.DocumentSerials(doc, offset, limit) }
}

// askExport lets the user choose where to save the serials fetch brings,
// and writes them there under a title saying what they are.
func (env *Env) askExport(title string, fetch fetchFunc, cards bool) {
	env.askSave(exportName(time.Now()), func(w fyne.URIWriteCloser) { env.export(w, title, fetch, cards) })
}

// export writes the workbook in the background with a progress bar, and
// says how many serials went into it.
func (env *Env) export(w fyne.URIWriteCloser, title string, fetch fetchFunc, cards bool) {
	bar := widget.NewProgressBar()
	progress := dialog.NewCustomWithoutButtons(lang.L("Exporting serials…"), bar, env.Window)
	progress.Show()
	background(env, func() (int, error) {
		n, err := env.Sheets.Export(w, title, fetch, cards, func(done, total int) {
			if total > 0 {
				env.OnUI(func() { bar.SetValue(float64(done) / float64(total)) })
			}
		})
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return n, err
	}, func(n int, err error) {
		progress.Hide()
		if err != nil {
			env.showError(err)
			return
		}
		env.showSaved(lang.L("Export done"), Say(core.Count(n, "1 serial written to\n{{.File}}", "{{.Count}} serials written to\n{{.File}}").With(core.Values{"File": filePath(w.URI())})), w.URI())
	})
}
