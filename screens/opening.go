package screens

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// askOpeningStock lets the user pick a workbook with the shop's existing
// stock (the template's layout, or a full export) and imports it.
func (s *Items) askOpeningStock() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		if r != nil {
			s.importOpeningStock(r)
		}
	}, s.env.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.Show()
}

// importOpeningStock reads and imports in the background; every bad row is
// listed, and then nothing is stored.
func (s *Items) importOpeningStock(r io.ReadCloser) {
	busy := dialog.NewCustomWithoutButtons("Importing opening stock…", widget.NewProgressBarInfinite(), s.env.Window)
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
		dialog.ShowInformation("Opening stock imported", res.String(), s.env.Window)
		s.reload()
	})
}

// askTemplate saves an opening-stock workbook to fill in.
func (s *Items) askTemplate() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		if w != nil {
			s.saveTemplate(w)
		}
	}, s.env.Window)
	d.SetFileName("opening-stock-template.xlsx")
	d.Show()
}

func (s *Items) saveTemplate(w io.WriteCloser) {
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
		dialog.ShowInformation("Template saved", "Fill in the Items sheet with your item cards and the Serials sheet with the serials in stock (one example row each), then use Opening stock… to import it.", s.env.Window)
	})
}
