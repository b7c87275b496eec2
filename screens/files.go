package screens

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// lastFolderKey is the preference that remembers the folder of the last
// file chosen, so that the next file dialog opens there (the USB stick,
// the supplier lists) rather than in the home folder.
const lastFolderKey = "lastFolder"

// askSave lets the user choose where to save a file, proposing name, and
// hands the chosen file to save; cancelling does nothing.
func (env *Env) askSave(name string, save func(fyne.URIWriteCloser)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			env.showError(err)
			return
		}
		if w != nil {
			env.rememberFolder(w.URI())
			save(w)
		}
	}, env.Window)
	d.SetFileName(name)
	env.showAtLastFolder(d)
}

// askOpen lets the user choose a workbook (.xlsx) and hands it to open.
func (env *Env) askOpen(open func(fyne.URIReadCloser)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			env.showError(err)
			return
		}
		if r != nil {
			env.rememberFolder(r.URI())
			open(r)
		}
	}, env.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	env.showAtLastFolder(d)
}

func (env *Env) showAtLastFolder(d *dialog.FileDialog) {
	if dir := env.Prefs.String(lastFolderKey); dir != "" {
		// A folder that is gone (a USB stick pulled out) is skipped.
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
}

func (env *Env) rememberFolder(u fyne.URI) {
	if u.Scheme() == "file" {
		env.Prefs.SetString(lastFolderKey, filepath.Dir(u.Path()))
	}
}
