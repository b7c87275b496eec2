package screens

import (
	"net/url"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// AboutItem is the menu item that says which Serialdesk this is and where
// it keeps the register, its log and its backups.
func AboutItem(env *Env) *fyne.MenuItem {
	return fyne.NewMenuItem(lang.L("About Serialdesk"), env.showAbout)
}

func (env *Env) showAbout() {
	title := widget.NewLabelWithStyle("Serialdesk "+env.Version, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	what := widget.NewLabel(lang.L("Keeps the serial numbers of the items the shop buys and sells."))
	where := widget.NewForm(
		widget.NewFormItem(lang.L("Data folder"), selectable(env.DataDir)),
		widget.NewFormItem(lang.L("Log"), selectable(filepath.Join(env.DataDir, "serialdesk.log"))),
		widget.NewFormItem(lang.L("Backups"), selectable(filepath.Join(env.DataDir, "backups"))),
	)
	open := newButton(lang.L("Open the data folder"), theme.FolderOpenIcon(), func() {
		if err := openInSystem(env.DataDir); err != nil {
			env.Log.WithError(err).Warn("could not open the data folder")
			env.showError(&core.Error{Code: core.Invalid, Err: err,
				Message: core.Say("The file manager could not be started ({{.Cause}}). The data folder is {{.Folder}}.", core.Values{"Cause": err.Error(), "Folder": env.DataDir})})
		}
	})
	content := container.NewVBox(title, what, where, container.NewHBox(open))
	d := dialog.NewCustomWithoutButtons(lang.L("About Serialdesk"), content, env.Window)
	env.showWithKeys(d, newEnterButton(lang.L("Close"), nil, d.Hide)) // Enter and Esc close it
}

// selectable is a label whose text can be selected and copied: a path to
// give to someone helping over the phone.
func selectable(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Selectable = true
	return l
}

// openInSystem opens a folder in the system's file manager, or a file in
// the program the system opens it with (a PDF in its viewer): the one place
// Serialdesk hands a file to the system. Windows gets Explorer with the
// path as it is, which every Windows program does, rather than a file URL
// with its spaces and accents encoded.
func openInSystem(path string) error {
	if runtime.GOOS != "windows" {
		return fyne.CurrentApp().OpenURL(fileURL(path))
	}
	explorer := exec.Command("explorer", path)
	if err := explorer.Start(); err != nil {
		return err
	}
	// Explorer exits with 1 even when it opened the folder.
	return explorer.Process.Release()
}

// fileURL is the file URL of a folder or file, for the system:
// file:///home/jorg/... or file:///C:/Users/....
func fileURL(path string) *url.URL {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}
