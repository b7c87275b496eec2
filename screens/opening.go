package screens

import (
	"fyne.io/fyne/v2/lang"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// askOpeningStock lets the user pick a workbook with the shop's existing
// stock (the template's layout, or a full export) and imports it.
func (s *Items) askOpeningStock() {
	s.env.askOpen(func(r fyne.URIReadCloser) { s.importOpeningStock(r) })
}

// importOpeningStock reads and imports in the background; every bad row is
// listed, and then nothing is stored.
func (s *Items) importOpeningStock(r io.ReadCloser) {
	busy := dialog.NewCustomWithoutButtons(lang.L("Importing opening stock…"), widget.NewProgressBarInfinite(), s.env.Window)
	busy.Show()
	background(s.env, func() (core.OpeningResult, error) {
		defer r.Close()
		stock, err := s.env.Sheets.ReadOpeningStock(r)
		if err != nil {
			return core.OpeningResult{}, err
		}
		return s.env.Reg.ImportOpeningStock(stock)
	}, func(res core.OpeningResult, err error) {
		busy.Hide()
		if err != nil {
			s.env.showError(err)
			return
		}
		s.env.ShowMessage(lang.L("Opening stock imported"), Say(res.Message()))
		s.reload()
	})
}

// askTemplate saves an opening-stock workbook to fill in.
func (s *Items) askTemplate() {
	s.env.askSave("opening-stock-template.xlsx", func(w fyne.URIWriteCloser) { s.saveTemplate(w) })
}

func (s *Items) saveTemplate(w fyne.URIWriteCloser) {
	background(s.env, func() (bool, error) {
		err := s.env.Sheets.WriteTemplate(w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return err == nil, err
	}, func(_ bool, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		s.env.showSaved(lang.L("Template saved"), Tr("Saved as\n{{.File}}\n\nFill in the Items sheet with your item cards and the Serials sheet with the serials in stock (one example row each), then use Opening stock… to import it.", core.Values{"File": filePath(w.URI())}), w.URI())
	})
}
