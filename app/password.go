package app

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
	"serialdesk/data/postgres"
	"serialdesk/screens"
)

// askPasswordAndRun asks for the shop server's password in a small window
// (the keychain held none, or the server refused the one it held), then
// opens the register and the main window on it. It returns the exit status.
func askPasswordAndRun(a fyne.App, at place, chosen registers) int {
	var opened *env
	w := passwordWindow(a, at, chosen, func(e *env) {
		opened = e
		showDesktop(a, e, chosen)
	})
	w.Show()
	a.Run()
	if opened == nil {
		return 1
	}
	opened.close()
	return 0
}

// passwordWindow asks for the password of the shop server's register at;
// opened gets the register once the server takes the password. A password
// for the register Register… chose can be kept in the keychain.
func passwordWindow(a fyne.App, at place, chosen registers, opened func(*env)) fyne.Window {
	w := a.NewWindow(lang.L("Serialdesk: password for the shop server"))
	what := widget.NewLabel(screens.Tr("The register is on {{.Server}}. Type the password to open it.", core.Values{"Server": postgres.Describe(at.db)}))
	what.Wrapping = fyne.TextWrapWord
	password := widget.NewPasswordEntry()
	keep := widget.NewCheck(lang.L("Keep it in this computer's keychain"), nil)
	url, fromSettings := chosen.serverChosen()
	fromSettings = fromSettings && url == at.db
	keep.SetChecked(fromSettings)
	if !fromSettings {
		keep.Hide()
	}
	problem := widget.NewLabel("")
	problem.Wrapping = fyne.TextWrapWord
	problem.Importance = widget.DangerImportance
	var openButton *widget.Button
	connecting := false // Enter pressed again while connecting does nothing
	try := func() {
		if connecting {
			return
		}
		connecting = true
		typed, remember := password.Text, keep.Checked
		openButton.Disable()
		problem.SetText(lang.L("Connecting…"))
		go func() {
			e, err := open(place{dir: at.dir, db: postgres.WithPassword(at.db, typed)}, io.Discard)
			if err == nil && remember {
				if err := chosen.rememberPassword(typed); err != nil {
					e.log.WithError(err).Warn("the keychain did not take the password; it is asked for at the next start")
				}
			}
			fyne.Do(func() {
				connecting = false
				openButton.Enable()
				if err != nil {
					problem.SetText(screens.ErrorText(err))
					w.Canvas().Focus(password)
					return
				}
				opened(e)
				w.Close()
			})
		}()
	}
	password.OnSubmitted = func(string) { try() }
	openButton = widget.NewButton(lang.L("Open"), try)
	openButton.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), widget.NewButton(lang.L("Quit"), a.Quit), openButton)
	w.SetContent(container.NewPadded(container.NewVBox(what, widget.NewForm(widget.NewFormItem(lang.L("Password"), password)), keep, problem, buttons)))
	w.Resize(fyne.NewSize(560, 0))
	w.CenterOnScreen()
	w.Canvas().Focus(password)
	return w
}
