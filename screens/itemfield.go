package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// maxSuggestions is how many items the item field lists as you type.
const maxSuggestions = 8

// itemField is the item of a document line. As you type it lists, under
// itself, the items whose number or name holds the text: Down and Up
// choose one, Enter takes it (or, with none chosen, what is typed), Esc
// drops the list. Tab goes on to the quantity: the field has no drop-down
// button of its own for the cursor to land on.
type itemField struct {
	entry
	options []core.Item
	chosen  int // the option Enter takes; -1 for none
	rows    []*suggestion
	list    *fyne.Container // under the field, in the line
	take    func(typed string)
}

func newItemField(take func(typed string)) *itemField {
	f := &itemField{chosen: -1, take: take, list: container.NewVBox()}
	f.ExtendBaseWidget(f)
	f.SetPlaceHolder("item number or name")
	f.OnSubmitted = take
	f.list.Hide()
	return f
}

// suggest lists these items under the field, none chosen.
func (f *itemField) suggest(items []core.Item) {
	f.options, f.chosen = items, -1
	f.list.RemoveAll()
	f.rows = f.rows[:0]
	for _, it := range items {
		s := newSuggestion(itemLabel(it), func() { f.takeItem(it) })
		f.rows = append(f.rows, s)
		f.list.Add(s)
	}
	f.list.Hidden = len(items) == 0
	f.list.Refresh()
}

// dropList hides the suggestions.
func (f *itemField) dropList() { f.suggest(nil) }

func (f *itemField) choose(i int) {
	f.chosen = i
	for k, s := range f.rows {
		s.setChosen(k == i)
	}
}

func (f *itemField) takeItem(it core.Item) {
	label := itemLabel(it)
	f.dropList()
	f.SetText(label)
	f.take(label)
}

func (f *itemField) TypedKey(ev *fyne.KeyEvent) {
	listed := !f.list.Hidden && len(f.options) > 0
	switch {
	case isHelp(ev):
	case listed && ev.Name == fyne.KeyDown:
		f.choose((f.chosen + 1) % len(f.options))
	case listed && ev.Name == fyne.KeyUp:
		f.choose((f.chosen - 1 + len(f.options)) % len(f.options))
	case listed && f.chosen >= 0 && (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter):
		f.takeItem(f.options[f.chosen])
	case listed && ev.Name == fyne.KeyEscape:
		f.dropList()
	default:
		f.entry.TypedKey(ev)
	}
}

// FocusLost drops the list: it belongs to the field being typed in.
func (f *itemField) FocusLost() {
	f.dropList()
	f.entry.FocusLost()
}

// suggestion is one item in the list under the item field. It counts as
// focusable, so that a click on it leaves the cursor in the field (Fyne
// takes the focus away on a click elsewhere, which would drop the list
// before the click is heard), and as disabled, so that Tab passes it by.
type suggestion struct {
	widget.BaseWidget
	label *widget.Label
	back  *canvas.Rectangle
	tap   func()
}

func newSuggestion(text string, tap func()) *suggestion {
	s := &suggestion{label: widget.NewLabel(text), back: canvas.NewRectangle(theme.Color(theme.ColorNameSelection)), tap: tap}
	s.label.Truncation = fyne.TextTruncateEllipsis
	s.back.Hide()
	s.ExtendBaseWidget(s)
	return s
}

func (s *suggestion) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(s.back, s.label))
}

func (s *suggestion) setChosen(on bool) {
	s.back.Hidden = !on
	s.label.TextStyle.Bold = on
	s.Refresh()
}

func (s *suggestion) Tapped(*fyne.PointEvent) { s.tap() }
func (s *suggestion) Disabled() bool          { return true }
func (s *suggestion) Enable()                 {}
func (s *suggestion) Disable()                {}
func (s *suggestion) FocusGained()            {}
func (s *suggestion) FocusLost()              {}
func (s *suggestion) TypedRune(rune)          {}
func (s *suggestion) TypedKey(*fyne.KeyEvent) {}
