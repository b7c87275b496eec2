package app

import (
	"errors"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"

	"serialdesk/assets"
	"serialdesk/core"
	"serialdesk/screens"
)

const appID = "com.serialdesk.app"

// newApp is the Fyne app with Serialdesk's ID and icon.
func newApp() fyne.App {
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	return a
}

// runDesktop shows the main window until the user closes it.
func runDesktop(e *env) {
	NewMainWindow(newApp(), e.reg).ShowAndRun()
}

// NewMainWindow builds the main window on the register.
func NewMainWindow(a fyne.App, reg *core.Register) fyne.Window {
	w := a.NewWindow("Serialdesk")
	w.SetContent(screens.Main(reg))
	w.Resize(fyne.NewSize(1100, 720))
	w.SetMaster()
	return w
}

// showStartupError tells the user in a window why Serialdesk cannot start.
func showStartupError(msg string) {
	a := newApp()
	w := a.NewWindow("Serialdesk")
	w.Resize(fyne.NewSize(520, 240))
	d := dialog.NewError(errors.New(msg), w)
	d.SetOnClosed(a.Quit)
	w.Show()
	d.Show()
	a.Run()
}
