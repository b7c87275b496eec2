package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// readFailed tells the user why something could not be read, unless the
// register is out of reach: the window's strip says that already, the
// screen keeps what it showed, and a dialog for every list that could not
// be read would take the keys from the clerk's typing.
func (env *Env) readFailed(err error) {
	if core.ErrorCode(err) == core.Unavailable {
		env.Log.WithError(err).Info("could not read the register")
		return
	}
	env.showError(err)
}

// showError tells the user what went wrong, in their words. An error that
// lists problems (an import's bad rows, a document's check) shows them in
// a scrolling list under its message.
func (env *Env) showError(err error) {
	if len(core.Problems(err)) > 0 {
		env.showProblems(err)
		return
	}
	env.ShowMessage(lang.L("Not done"), ErrorText(err))
}

// showProblems shows err's message and every one of its problems. The list
// makes only the rows in sight, so a thousand problems show at once, and
// it scrolls between the message and the OK button, never under them. A
// row shows what fits; the one chosen shows whole below the list. Enter
// or Esc closes it.
func (env *Env) showProblems(err error) {
	problems := core.Problems(err)
	message := widget.NewLabel(speaker.Summary(err))
	message.Wrapping = fyne.TextWrapWord
	whole := widget.NewLabel(lang.L("Choose a problem to read it whole."))
	whole.Wrapping, whole.Selectable = fyne.TextWrapWord, true
	list := newList(func() int { return len(problems) }, newTwoLineItem, func(i widget.ListItemID, o fyne.CanvasObject) {
		p := problems[i]
		if where := Say(p.Where()); where != "" {
			setTwoLineItem(o, where, Say(p.Reason))
		} else {
			setTwoLineItem(o, Say(p.Reason), "")
		}
	})
	list.OnSelected = func(i widget.ListItemID) { whole.SetText(speaker.Problem(problems[i])) }
	d := dialog.NewCustomWithoutButtons(Say(core.Count(len(problems), "1 problem", "{{.Count}} problems")), container.NewBorder(message, whole, nil, nil, list), env.Window)
	window := env.Window.Canvas().Size()
	d.Resize(fyne.NewSize(min(760, window.Width*0.9), min(560, window.Height*0.9)))
	env.showWithKeys(d, newEnterButton(lang.L("OK"), nil, d.Hide))
}

// ShowMessage tells the user something they should know, in a dialog that
// Enter or Esc closes: what opening the register found, a backup that
// failed. The text can be selected: it may hold a command to type.
func (env *Env) ShowMessage(title, text string) {
	msg := widget.NewLabel(text)
	msg.Wrapping, msg.Selectable = fyne.TextWrapWord, true
	d := dialog.NewCustomWithoutButtons(title, container.NewVScroll(msg), env.Window)
	window := env.Window.Canvas().Size()
	d.Resize(fyne.NewSize(min(700, window.Width*0.9), min(420, window.Height*0.9)))
	env.showWithKeys(d, newEnterButton(lang.L("OK"), nil, d.Hide))
}

// problemsText is err's message and its first max problems, one a line,
// saying how many more there are.
func problemsText(err error, max int) string {
	problems := core.Problems(err)
	lines := []string{speaker.Summary(err)}
	for _, p := range problems[:min(len(problems), max)] {
		lines = append(lines, "  "+speaker.Problem(p))
	}
	if len(problems) > max {
		lines = append(lines, "  "+Tr("… and {{.Count}} more", core.Values{"Count": len(problems) - max}))
	}
	return strings.Join(lines, "\n")
}

// offerRetry says that the register could not be reached and offers to
// try again, with Enter (Esc closes it); what was typed stays where it is
// meanwhile.
func (env *Env) offerRetry(err error, retry func()) {
	text := widget.NewLabel(ErrorText(err) + "\n\n" + lang.L("What you typed is kept. Serialdesk connects again by itself as soon as the server answers."))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(lang.L("Not saved"), text, env.Window)
	d.Resize(fyne.NewSize(520, 0))
	close := newButton(lang.L("Close"), theme.CancelIcon(), d.Hide)
	env.showWithKeys(d, newEnterButton(lang.L("Try again"), theme.ConfirmIcon(), func() {
		d.Hide()
		retry()
	}), close)
}
