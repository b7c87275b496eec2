package screens

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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

// showAtLastFolder shows a file dialog in the folder of the last file
// chosen, or in the user's Documents the first time, as a list, which shows
// whole file names (the grid cuts them).
func (env *Env) showAtLastFolder(d *dialog.FileDialog) {
	for _, dir := range []string{env.Prefs.String(lastFolderKey), documentsFolder()} {
		if dir == "" {
			continue
		}
		// A folder that is gone (a USB stick pulled out) is skipped.
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
			break
		}
	}
	d.SetView(dialog.ListView)
	d.Show()
}

// documentsFolder is the user's Documents folder, "" when there is none.
func documentsFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, "Documents")
}

// showSaved says that a file was saved and where, with a button that opens
// its folder; Enter or Esc closes it.
func (env *Env) showSaved(title, text string, where fyne.URI) {
	msg := widget.NewLabel(text)
	msg.Wrapping, msg.Selectable = fyne.TextWrapWord, true
	d := dialog.NewCustomWithoutButtons(title, container.NewVScroll(msg), env.Window)
	window := env.Window.Canvas().Size()
	d.Resize(fyne.NewSize(min(640, window.Width*0.9), min(320, window.Height*0.9)))
	var others []fyne.CanvasObject
	if where != nil && where.Scheme() == "file" {
		dir := filepath.Dir(where.Path())
		others = append(others, newButton(lang.L("Open its folder"), theme.FolderOpenIcon(), func() {
			if err := openInSystem(dir); err != nil {
				env.Log.WithError(err).Warn("could not open a folder")
			}
		}))
	}
	env.showWithKeys(d, newEnterButton(lang.L("OK"), nil, d.Hide), others...)
}

// filePath is where a chosen file is, as the user knows it.
func filePath(u fyne.URI) string {
	if u.Scheme() == "file" {
		return u.Path()
	}
	return u.String()
}

func (env *Env) rememberFolder(u fyne.URI) {
	if u.Scheme() == "file" {
		env.Prefs.SetString(lastFolderKey, filepath.Dir(u.Path()))
	}
}
