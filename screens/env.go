package screens

import (
	"context"
	"errors"
	"fyne.io/fyne/v2/lang"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/sirupsen/logrus"

	"serialdesk/core"
)

// Env is what every screen works with: the register, the window that shows
// it (for dialogs) and the app's preferences.
type Env struct {
	Reg    *core.Register
	Window fyne.Window
	Prefs  fyne.Preferences
	Log    logrus.FieldLogger
	Sheets Spreadsheets
	// Papers writes the papers to print, as PDFs into PrintDir, and
	// OpenFile opens one in the system's viewer (nil: openInSystem).
	Papers   Papers
	PrintDir string
	OpenFile func(path string) error
	// BackupTo writes a backup of the whole register to a file; the app
	// gives it (data.Store.BackupTo).
	BackupTo func(path string) error
	// Version and DataDir are what About shows.
	Version, DataDir string
	// Registers chooses where the register is kept (Register… in the menu);
	// nil for no choice.
	Registers Registers

	// Beep sounds when a scan is refused (the app gives the system's
	// bell); nil for none.
	Beep func()

	// Deliver hands a result of background work to the UI goroutine: nil
	// means fyne.Do, as in the app; tests queue results and run them on
	// their own goroutine, as the app's loop would.
	Deliver func(func())

	busy  sync.WaitGroup // background work in flight
	money currency       // the shop's, shown beside amounts

	workbooks     map[Workbook]bool // open in a dialog, to close should the app stop first
	workbooksMu   sync.Mutex
	closeWhenDone sync.Once
}

// Wait waits until the background work started so far has handed over its
// results, for tests that drive the screens.
func (env *Env) Wait() { env.busy.Wait() }

// background runs work off the UI goroutine, so the window never freezes
// on the database, and hands its result to done on the UI goroutine.
func background[T any](env *Env, work func() (T, error), done func(T, error)) {
	env.busy.Add(1)
	go func() {
		defer env.busy.Done()
		v, err := work()
		if err != nil && core.ErrorCode(err) == core.Internal && !errors.Is(err, context.Canceled) { // the user stopped it
			env.Log.WithError(err).Error("register call failed")
		}
		env.OnUI(func() { done(v, err) })
	}()
}

// holdWorkbook notes a workbook a dialog shows, whose temporary files can
// take gigabytes, and returns what closes it (in the background) when the
// dialog does. Should the app stop first, with the dialog still open, it
// is closed then: the app sets no other stop hook.
func (env *Env) holdWorkbook(wb Workbook) (release func()) {
	env.closeWhenDone.Do(func() { fyne.CurrentApp().Lifecycle().SetOnStopped(env.closeWorkbooks) })
	env.workbooksMu.Lock()
	defer env.workbooksMu.Unlock()
	if env.workbooks == nil {
		env.workbooks = map[Workbook]bool{}
	}
	env.workbooks[wb] = true
	return func() {
		env.workbooksMu.Lock()
		delete(env.workbooks, wb)
		env.workbooksMu.Unlock()
		background(env, func() (struct{}, error) { closeWorkbook(env, wb); return struct{}{}, nil }, func(struct{}, error) {})
	}
}

// closeWorkbooks closes the workbooks still open, as the app stops.
func (env *Env) closeWorkbooks() {
	env.workbooksMu.Lock()
	defer env.workbooksMu.Unlock()
	for wb := range env.workbooks {
		closeWorkbook(env, wb)
		delete(env.workbooks, wb)
	}
}

func closeWorkbook(env *Env, wb Workbook) {
	if err := wb.Close(); err != nil {
		env.Log.WithError(err).Warn("the workbook's temporary files were not all removed")
	}
}

// OnUI shows something from background work, on the UI goroutine.
func (env *Env) OnUI(show func()) {
	if env.Deliver != nil {
		env.Deliver(show)
		return
	}
	fyne.Do(show)
}

// newest tells the answer to the latest request from answers to earlier
// ones still on their way, as when results follow typing.
type newest struct{ gen int }

// next starts a request; the function it returns reports whether that
// request is still the latest.
func (n *newest) next() func() bool {
	n.gen++
	gen := n.gen
	return func() bool { return gen == n.gen }
}

// leave runs then, which replaces what an editor shows, at once when
// nothing typed would be lost, else once the user agrees to drop it; stay
// runs when they do not. what names the thing: "The receipt".
func (env *Env) leave(what string, dirty bool, then, stay func()) {
	if !dirty {
		then()
		return
	}
	env.ask(lang.L("Discard changes?"), Tr("{{.What}} on the screen has changes that are not saved. Discard them?", core.Values{"What": what}),
		lang.L("Discard"), theme.DeleteIcon(), then, lang.L("Keep editing"), theme.DocumentCreateIcon(), stay)
}

// ask asks before something that throws work away or changes the register
// (do), with keeping things as they are (keep) as the default: Enter (a
// scanner's too) and Esc keep; doing it takes a click, or Tab and Space.
func (env *Env) ask(title, question, doLabel string, doIcon fyne.Resource, do func(), keepLabel string, keepIcon fyne.Resource, keep func()) {
	text := widget.NewLabel(question)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(title, text, env.Window)
	d.Resize(fyne.NewSize(480, 0))
	kept := func() {
		d.Hide()
		if keep != nil {
			keep()
		}
	}
	doIt := newButton(doLabel, doIcon, func() {
		d.Hide()
		do()
	})
	keepButton := newEnterButton(keepLabel, keepIcon, kept)
	env.showWithKeys(d, keepButton, doIt)
	keepButton.escape = kept
}

// askCancel asks before cancelling a document, saying what that undoes
// (question), with keeping it as the default.
func (env *Env) askCancel(doc core.DocRef, question core.Message, button string, cancel func()) {
	env.ask(Tr("Cancel {{.Doc}}?", core.Values{"Doc": doc}), Say(question), button, theme.CancelIcon(), cancel,
		lang.L("Keep it"), theme.ConfirmIcon(), nil)
}

// askDelete asks before deleting something (keeping it is the default),
// then deletes it in the background and runs done; a refusal says why.
func (env *Env) askDelete(what string, del func() error, done func()) {
	values := core.Values{"What": what}
	env.ask(Tr("Delete {{.What}}?", values), Tr("Delete {{.What}}? This cannot be undone.", values), lang.L("Delete"), theme.DeleteIcon(), func() {
		background(env, func() (struct{}, error) { return struct{}{}, del() }, func(_ struct{}, err error) {
			if err != nil {
				env.showError(err)
				return
			}
			done()
		})
	}, lang.L("Keep it"), theme.CancelIcon(), nil)
}

// askForm shows a form in a dialog that works from the keyboard: the
// cursor starts in the first field, Enter in a field does it (do), Esc or
// Cancel closes it. width fits the longest text expected in a field.
func (env *Env) askForm(title, doLabel string, width float32, items []*widget.FormItem, do func()) {
	form := widget.NewForm(items...)
	d := dialog.NewCustomWithoutButtons(title, form, env.Window)
	done := func() {
		d.Hide()
		do()
	}
	var first *entry
	for _, it := range items {
		if e, ok := it.Widget.(*entry); ok {
			e.OnSubmitted = func(string) { done() }
			e.escape = d.Hide
			if first == nil {
				first = e
			}
		}
	}
	ok := newEnterButton(doLabel, theme.ConfirmIcon(), done)
	env.showWithKeys(d, ok, newButton(lang.L("Cancel"), theme.CancelIcon(), d.Hide))
	d.Resize(fyne.NewSize(max(width, 420), d.MinSize().Height))
	if first != nil {
		env.Window.Canvas().Focus(first)
	}
}

// refill fetches a list in the background and shows it, dropping an
// answer that a newer request has overtaken.
func refill[T any](env *Env, q *newest, fetch func() ([]T, error), rows *[]T, list *rowList) {
	latest(env, q, fetch, func(got []T) {
		*rows = got
		list.UnselectAll() // the same index is another row now
		list.Refresh()
	})
}

// latest fetches in the background and shows the answer, unless q was
// asked again meanwhile; a failure is shown instead.
func latest[T any](env *Env, q *newest, fetch func() (T, error), show func(T)) {
	current := q.next()
	background(env, fetch, func(got T, err error) {
		if !current() {
			return
		}
		if err != nil {
			env.readFailed(err)
			return
		}
		show(got)
	})
}
