package screens

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// backupName proposes a file name like serialdesk-2026-11-27.backup.
func backupName(now time.Time) string { return "serialdesk-" + now.Format(fileDateLayout) + ".backup" }

// BackupItem is the menu item that backs the register up to a file the
// user chooses: a USB stick, a network drive.
func BackupItem(env *Env) *fyne.MenuItem {
	return fyne.NewMenuItem(lang.L("Back up now…"), env.askBackup)
}

func (env *Env) askBackup() {
	env.askSave(backupName(time.Now()), func(w fyne.URIWriteCloser) {
		// The backup is written beside the chosen file and renamed over
		// it, so that the file is whole or not there at all.
		w.Close()
		if w.URI().Scheme() != "file" {
			env.showError(&core.Error{Code: core.Invalid, Message: core.Say("Choose a folder on this computer, a USB stick or a network drive for the backup.")})
			return
		}
		env.backUp(w.URI())
	})
}

// backUp writes the backup in the background and says where it is and
// how to restore it.
func (env *Env) backUp(where fyne.URI) {
	path := where.Path()
	bar := widget.NewProgressBarInfinite()
	progress := dialog.NewCustomWithoutButtons(lang.L("Backing up the register…"), bar, env.Window)
	progress.Show()
	background(env, func() (struct{}, error) { return struct{}{}, env.BackupTo(path) }, func(_ struct{}, err error) {
		progress.Hide()
		bar.Stop()
		if err != nil {
			env.showError(err)
			return
		}
		env.showSaved(lang.L("Backup done"), Tr("The whole register is backed up to\n{{.File}}\n\nKeep a copy away from this computer. To go on from it one day:\n{{.Command}} restore --in {{.Quoted}} --data NEWFOLDER",
			core.Values{"File": path, "Command": core.Command(), "Quoted": core.Quoted(path)}), where)
	})
}
