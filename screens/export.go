package screens

import (
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// Exporter writes serial lists as spreadsheets; the app gives the screens
// one (package data/sheets), so that they never touch a file format.
type Exporter interface {
	Export(w io.Writer, q core.SerialQuery, cards bool, progress func(done, total int)) (int, error)
}

// exportName proposes a file name like serials-2026-11-27.xlsx.
func exportName(now time.Time) string { return "serials-" + now.Format(dateLayout) + ".xlsx" }

// askExport lets the user choose where to save the serials a query selects
// (with the item cards when it selects everything) and writes them there.
func (env *Env) askExport(q core.SerialQuery) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			env.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		env.export(w, q)
	}, env.Window)
	d.SetFileName(exportName(time.Now()))
	d.Show()
}

// export writes the workbook in the background with a progress bar, and
// says how many serials went into it.
func (env *Env) export(w io.WriteCloser, q core.SerialQuery) {
	bar := widget.NewProgressBar()
	progress := dialog.NewCustomWithoutButtons("Exporting serials…", bar, env.Window)
	progress.Show()
	all := q == (core.SerialQuery{})
	background(env, func() (int, error) {
		n, err := env.Sheets.Export(w, q, all, func(done, total int) {
			if total > 0 {
				env.onUI(func() { bar.SetValue(float64(done) / float64(total)) })
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
		dialog.ShowInformation("Export done", fmt.Sprintf("%s written to the workbook.", countText(n, "serial", "serials")), env.Window)
	})
}
