package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// button is a button that hears F1 (isHelp).
type button struct{ widget.Button }

func newButton(label string, icon fyne.Resource, tapped func()) *button {
	b := &button{}
	b.init(b, label, icon, tapped)
	return b
}

// init sets the button up inside impl, the widget that extends it.
func (b *button) init(impl fyne.Widget, label string, icon fyne.Resource, tapped func()) {
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(impl)
}

func (b *button) TypedKey(ev *fyne.KeyEvent) {
	if !isHelp(ev) {
		b.Button.TypedKey(ev)
	}
}

// enterButton is a button that Enter presses too: the end of a
// keyboard-only sale, or a dialog's OK. escape, when set, is what Esc does
// while it has the focus.
type enterButton struct {
	button
	escape func()
}

func newEnterButton(label string, icon fyne.Resource, tapped func()) *enterButton {
	b := &enterButton{}
	b.init(b, label, icon, tapped)
	return b
}

func (b *enterButton) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter:
		b.Tapped(nil)
	case ev.Name == fyne.KeyEscape && b.escape != nil:
		b.escape()
	default:
		b.button.TypedKey(ev)
	}
}

// showWithKeys shows a dialog with its buttons, the focus on ok: Enter
// presses it and Esc closes the dialog, which Fyne's own dialogs leave to
// the mouse.
func (env *Env) showWithKeys(d *dialog.CustomDialog, ok *enterButton, others ...fyne.CanvasObject) {
	ok.escape = d.Hide
	ok.Importance = widget.HighImportance
	d.SetButtons(append(others, ok))
	d.Show()
	env.Window.Canvas().Focus(ok)
}

// readingOrder lays out top, center and bottom as a border layout does,
// but keeps them in that order for Tab: Fyne's own border container puts
// the center first, so Tab went from a header straight to the buttons
// under the lines.
func readingOrder(top, bottom, center fyne.CanvasObject) *fyne.Container {
	var objects []fyne.CanvasObject
	for _, o := range []fyne.CanvasObject{top, center, bottom} {
		if o != nil {
			objects = append(objects, o)
		}
	}
	return container.New(layout.NewBorderLayout(top, bottom, nil, nil), objects...)
}
