package app

import (
	"errors"
	"image/color"
	"io"
	"runtime/debug"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/sirupsen/logrus"

	"serialdesk/assets"
	"serialdesk/core"
	"serialdesk/data"
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

// showDesktop shows the main window; the app runs until the user closes
// it. Meanwhile every table of a folder's register is checked against its
// checksums (Badger passes over a damaged block without an error, so a
// register on a failing disk would otherwise look whole while it is not),
// and then a whole automatic backup is made if one is due.
func showDesktop(a fyne.App, e *env, chosen registers) {
	screen := e.screenEnv()
	screen.Registers = chosen
	w := desktopWindow(a, e, screen)
	go func() {
		err := e.checkOrBackUpWhole()
		// The check decompresses every block: give that memory back.
		debug.FreeOSMemory()
		switch {
		case errors.Is(err, data.ErrClosed): // stopped by closing
		case errors.Is(err, data.ErrDamaged):
			e.log.WithError(err).Error("the register's files are damaged")
			fyne.Do(func() { screen.ShowMessage(lang.L("The register's files are damaged"), screens.ErrorText(err)) })
		case err != nil:
			fyne.Do(func() { screen.ShowMessage(lang.L("The automatic backup failed"), screens.ErrorText(err)) })
		}
	}()
	w.Show()
}

// screenEnv is what the screens work with on the register e has open.
func (e *env) screenEnv() *screens.Env {
	return &screens.Env{Reg: e.reg, Log: e.log, BackupTo: e.store.BackupTo, Version: version, DataDir: e.dir, Beep: beep}
}

// desktopWindow is the main window on the register e has open, with what
// opening found said and closing going through the automatic backup.
func desktopWindow(a fyne.App, e *env, screen *screens.Env) fyne.Window {
	w, main := mainWindow(a, screen)
	if f, ok := e.folder(); ok && f.ReadOnly() != nil {
		w.SetContent(container.NewBorder(banner(screens.ErrorText(f.ReadOnly())), nil, nil, nil, w.Content()))
	}
	if srv, ok := e.store.(server); ok {
		offline := banner(lang.L("The shop server cannot be reached. What is on screen stays, and nothing typed is lost; " +
			"saving waits until the server answers. Serialdesk connects again by itself."))
		offline.Hide()
		w.SetContent(container.NewBorder(offline, nil, nil, nil, w.Content()))
		e.watch(srv, screen, main, offline)
	}
	var said []string
	for _, n := range e.store.Notices() {
		said = append(said, screens.Say(n))
	}
	// The names on an older register's documents become its customers and
	// suppliers; should that fail now, the next start tries again.
	if added, err := e.reg.AdoptParties(); err != nil {
		e.log.WithError(err).Warn("the names on the documents could not be made customers and suppliers")
	} else if added > 0 {
		said = append(said, screens.Tr("The customers and suppliers named on your documents ({{.Count}}) are now in Customers & suppliers, "+
			"where their phone, e-mail and address can be added. The documents are as they were.", core.Values{"Count": added}))
	}
	if msg := backupWarning(e.dir); msg != "" {
		said = append(said, msg)
	}
	if len(said) > 0 {
		screen.ShowMessage(lang.L("What Serialdesk found"), strings.Join(said, "\n\n"))
	}
	// Quitting with typing not saved asks first, as opening another
	// document does.
	quit := func() { main.Leave(func() { closeWithBackup(a, w, e) }) }
	w.SetCloseIntercept(quit)
	menu := w.MainMenu()
	menu.Items[0].Items = append(menu.Items[0].Items, quitItem(quit))
	w.SetMainMenu(menu)
	return w
}

// quitItem is Quit in the menu (Ctrl+Q), closing the way the window's
// close button does; Fyne's own would quit without the backup showing.
func quitItem(quit func()) *fyne.MenuItem {
	item := fyne.NewMenuItem(lang.L("Quit"), quit)
	item.IsQuit = true
	item.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	return item
}

// closeWithBackup closes the main window and, while the automatic backup
// is written, shows a small window saying so; Serialdesk quits once it is
// written. One started meanwhile is told that this one is still closing.
func closeWithBackup(a fyne.App, w fyne.Window, e *env) {
	keepSize(a.Preferences(), w)
	f, ok := e.folder()
	if !ok {
		a.Quit() // a shop server's register needs nothing more
		return
	}
	backup := f.BackupDue(e.dir)
	if !backup && !f.Busy() {
		a.Quit()
		return
	}
	doing := lang.L("Saving a backup of the register before Serialdesk closes…")
	if !backup {
		doing = lang.L("Finishing the work on the register before Serialdesk closes…")
	}
	f.MarkClosing()
	saving := a.NewWindow(lang.L("Serialdesk is closing"))
	saving.SetContent(container.NewPadded(container.NewVBox(widget.NewLabel(doing), widget.NewProgressBarInfinite())))
	saving.CenterOnScreen()
	saving.Show()
	w.Hide()
	go func() {
		e.autoBackup() // after a whole one being written, if any
		e.close()      // and a check of the files stopped
		fyne.Do(a.Quit)
	}()
}

// banner is a strip above the sections saying why nothing can be saved.
func banner(why string) fyne.CanvasObject {
	text := widget.NewLabelWithStyle(why, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text.Wrapping = fyne.TextWrapWord
	text.Selectable = true
	// The warning colour, faint, so that the theme's text stays readable.
	r, g, b, _ := theme.Color(theme.ColorNameWarning).RGBA()
	bg := canvas.NewRectangle(color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x50})
	return container.NewStack(bg, container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, text))
}

// Preferences that remember the window's size between runs.
const (
	widthKey  = "windowWidth"
	heightKey = "windowHeight"
)

// NewMainWindow builds the main window on the register, at the size it had
// when it was last closed.
func NewMainWindow(a fyne.App, reg *core.Register, log logrus.FieldLogger) fyne.Window {
	w, _ := mainWindow(a, &screens.Env{Reg: reg, Log: log})
	return w
}

// mainWindow builds the main window on a screen environment, giving it its
// window, preferences and spreadsheets.
func mainWindow(a fyne.App, env *screens.Env) (fyne.Window, *screens.Screens) {
	w := a.NewWindow("Serialdesk")
	prefs := a.Preferences()
	env.Window, env.Prefs, env.Sheets = w, prefs, spreadsheets{sheets.Exporter{Reg: env.Reg, In: screens.Speaker()}}
	env.Papers = papers{env.Reg}
	if env.PrintDir == "" {
		env.PrintDir = printDir()
	}
	main := screens.Main(env)
	menu := main.MenuItems()
	menu = append(menu, fyne.NewMenuItemSeparator(), screens.StockListItem(env), screens.SettingsItem(env),
		fyne.NewMenuItemSeparator(), main.RemoveExamplesItem())
	if env.BackupTo != nil {
		menu = append(menu, screens.BackupItem(env))
	}
	if env.Registers != nil {
		menu = append(menu, screens.RegisterItem(env))
	}
	w.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("Serialdesk", menu...), fyne.NewMenu(lang.L("Help"), screens.HelpItems(env)...)))
	w.SetContent(main.Tabs)
	main.OfferExamples(env)
	// The first time, a size that fits a 1280×720 laptop with its taskbar.
	w.Resize(fyne.NewSize(float32(prefs.FloatWithFallback(widthKey, 1200)), float32(prefs.FloatWithFallback(heightKey, 620))))
	w.SetOnClosed(func() { keepSize(prefs, w) })
	w.SetMaster()
	return w, main
}

// keepSize remembers the window's size for the next start.
func keepSize(prefs fyne.Preferences, w fyne.Window) {
	size := w.Canvas().Size()
	prefs.SetFloat(widthKey, float64(size.Width))
	prefs.SetFloat(heightKey, float64(size.Height))
}

// showStartupError tells the user in a window why Serialdesk cannot start.
// The message may hold a command to type, so it can be selected and copied.
func showStartupError(a fyne.App, msg string) {
	w := a.NewWindow(lang.L("Serialdesk cannot start"))
	w.SetContent(startupError(a, msg))
	w.Resize(fyne.NewSize(760, 420))
	w.ShowAndRun()
}

func startupError(a fyne.App, msg string) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("Serialdesk cannot start"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	text.Selectable = true
	copyMessage := widget.NewButtonWithIcon(lang.L("Copy the message"), theme.ContentCopyIcon(), func() { a.Clipboard().SetContent(msg) })
	closeButton := widget.NewButton(lang.L("Close"), a.Quit)
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

func (s spreadsheets) ReadOpeningStock(r io.Reader) (core.OpeningStock, error) {
	return sheets.ReadOpeningStock(r, s.In)
}

func (s spreadsheets) WriteTemplate(w io.Writer) error {
	return data.DiskFull(sheets.WriteTemplate(w, s.In), "")
}

// Export names a full disk in the user's words.
func (s spreadsheets) Export(w io.Writer, title string, fetch sheets.Fetch, cards bool, progress func(done, total int)) (int, error) {
	n, err := s.Exporter.Export(w, title, fetch, cards, progress)
	return n, data.DiskFull(err, "")
}
