package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// field is an entry of a document, or a widget built on one (the item
// field, a serial row).
type field interface {
	fyne.CanvasObject
	base() *entry
}

func (e *entry) base() *entry { return e }

// lockable is f as it sits in a document: while the document is locked
// (confirmed, cancelled) its text shows in its place as text on the page,
// not as a greyed box, and can still be selected and copied.
func lockable(f field) fyne.CanvasObject {
	e := f.base()
	e.shown = widget.NewLabel("")
	e.shown.Selectable = true
	e.shown.Truncation = fyne.TextTruncateEllipsis
	e.shown.Hide()
	return container.NewStack(f, e.shown)
}

// lock locks or unlocks e: disabled, and shown as its text when lockable.
func (e *entry) lock(on bool) {
	setEnabled(!on, e)
	if e.shown == nil {
		return
	}
	if on { // a long text costs its measuring: only when it shows
		e.shown.SetText(e.Text)
	}
	setVisible(on, e.shown)
	setVisible(!on, e)
}
