package app

import (
	"errors"
	"io"
	"runtime/debug"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/sirupsen/logrus"

	"serialdesk/assets"
	"serialdesk/core"
	"serialdesk/data/sheets"
	"serialdesk/screens"
)

const appID = "com.serialdesk.app"

// newApp is the Fyne app with Serialdesk's ID and icon.
func newApp() fyne.App {
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(screens.Theme())
	return a
}

// runDesktop shows the main window until the user closes it, first
// saying so if the last automatic backup failed. Meanwhile every table of
// the register is checked against its checksums: Badger passes over a
// damaged block without an error, so a register on a failing disk would
// otherwise look whole while it is not.
func runDesktop(e *env) {
	w := mainWindow(newApp(), &screens.Env{Reg: e.reg, Log: e.log, BackupTo: e.store.BackupTo, Version: version, DataDir: e.dir})
	if msg := backupWarning(e.dir); msg != "" {
		dialog.ShowError(errors.New(msg), w)
	}
	go func() {
		err := e.store.VerifyFiles()
		// The check decompresses every block: give that memory back.
		debug.FreeOSMemory()
		if err != nil {
			e.log.WithError(err).Error("the register's files are damaged")
			fyne.Do(func() { dialog.ShowError(errors.New(core.UserMessage(err)), w) })
		}
	}()
	w.ShowAndRun()
}

// Preferences that remember the window's size between runs.
const (
	widthKey  = "windowWidth"
	heightKey = "windowHeight"
)

// NewMainWindow builds the main window on the register, at the size it had
// when it was last closed.
func NewMainWindow(a fyne.App, reg *core.Register, log logrus.FieldLogger) fyne.Window {
	return mainWindow(a, &screens.Env{Reg: reg, Log: log})
}

// mainWindow builds the main window on a screen environment, giving it its
// window, preferences and spreadsheets.
func mainWindow(a fyne.App, env *screens.Env) fyne.Window {
	w := a.NewWindow("Serialdesk")
	prefs := a.Preferences()
	env.Window, env.Prefs, env.Sheets = w, prefs, spreadsheets{sheets.Exporter{Reg: env.Reg}}
	main := screens.Main(env)
	menu := main.MenuItems()
	if env.BackupTo != nil {
		menu = append(menu, fyne.NewMenuItemSeparator(), screens.BackupItem(env))
	}
	menu = append(menu, fyne.NewMenuItemSeparator(), screens.AboutItem(env))
	w.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("Serialdesk", menu...)))
	w.SetContent(main.Tabs)
	main.OfferExamples(env)
	w.Resize(fyne.NewSize(float32(prefs.FloatWithFallback(widthKey, 1200)), float32(prefs.FloatWithFallback(heightKey, 760))))
	w.SetOnClosed(func() {
		size := w.Canvas().Size()
		prefs.SetFloat(widthKey, float64(size.Width))
		prefs.SetFloat(heightKey, float64(size.Height))
	})
	w.SetMaster()
	return w
}

// showStartupError tells the user in a window why Serialdesk cannot start.
// The message may hold a command to type, so it can be selected and copied.
func showStartupError(msg string) {
	a := newApp()
	w := a.NewWindow("Serialdesk cannot start")
	w.SetContent(startupError(a, msg))
	w.Resize(fyne.NewSize(760, 420))
	w.ShowAndRun()
}

func startupError(a fyne.App, msg string) fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Serialdesk cannot start", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	text.Selectable = true
	copyMessage := widget.NewButtonWithIcon("Copy the message", theme.ContentCopyIcon(), func() { a.Clipboard().SetContent(msg) })
	closeButton := widget.NewButton("Close", a.Quit)
	closeButton.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), copyMessage, closeButton)
	return container.NewPadded(container.NewBorder(title, buttons, nil, nil, container.NewVScroll(text)))
}

// spreadsheets gives the screens package data/sheets.
type spreadsheets struct{ sheets.Exporter }

func (spreadsheets) OpenWorkbook(r io.Reader) (screens.Workbook, error) {
	wb, err := sheets.OpenWorkbook(r)
	if err != nil {
		return nil, err // not a nil *Workbook inside the interface
	}
	return wb, nil
}

func (spreadsheets) ReadOpeningStock(r io.Reader) (core.OpeningStock, error) {
	return sheets.ReadOpeningStock(r)
}

func (spreadsheets) WriteTemplate(w io.Writer) error { return sheets.WriteTemplate(w) }
