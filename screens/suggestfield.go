package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// maxSuggestions is how many a field lists as you type.
const maxSuggestions = 8

// suggestField is a field that, as you type, lists under itself what it
// could be (a document line's items, a document's customers): Down and
// Up choose one, Enter takes it (or, with none chosen, what is typed), Esc
// drops the list. Tab goes on to the next field: it has no drop-down
// button of its own for the cursor to land on.
type suggestField struct {
	entry
	options []string
	chosen  int // the option Enter takes; -1 for none
	rows    []*suggestion
	list    *fyne.Container // under the field
	take    func(typed string)
}

func newSuggestField(hint string, take func(typed string)) *suggestField {
	f := &suggestField{chosen: -1, take: take, list: container.NewVBox()}
	f.ExtendBaseWidget(f)
	f.SetPlaceHolder(hint)
	f.OnSubmitted = take
	f.list.Hide()
	return f
}

// suggest lists these under the field, none chosen.
func (f *suggestField) suggest(options []string) {
	f.options, f.chosen = options, -1
	f.list.RemoveAll()
	f.rows = f.rows[:0]
	for _, o := range options {
		s := newSuggestion(o, func() { f.takeOption(o) })
		f.rows = append(f.rows, s)
		f.list.Add(s)
	}
	f.list.Hidden = len(options) == 0
	f.list.Refresh()
}

// dropList hides the suggestions.
func (f *suggestField) dropList() { f.suggest(nil) }

func (f *suggestField) choose(i int) {
	f.chosen = i
	for k, s := range f.rows {
		s.setChosen(k == i)
	}
}

func (f *suggestField) takeOption(label string) {
	f.dropList()
	f.SetText(label)
	f.take(label)
}

func (f *suggestField) TypedKey(ev *fyne.KeyEvent) {
	listed := !f.list.Hidden && len(f.options) > 0
	switch {
	case isHelp(ev):
	case listed && ev.Name == fyne.KeyDown:
		f.choose((f.chosen + 1) % len(f.options))
	case listed && ev.Name == fyne.KeyUp:
		f.choose((f.chosen - 1 + len(f.options)) % len(f.options))
	case listed && f.chosen >= 0 && (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter):
		f.takeOption(f.options[f.chosen])
	case listed && ev.Name == fyne.KeyEscape:
		f.dropList()
	default:
		f.entry.TypedKey(ev)
	}
}

// FocusLost drops the list: it belongs to the field being typed in.
func (f *suggestField) FocusLost() {
	f.dropList()
	f.entry.FocusLost()
}

// suggestion is one in the list under a suggestField. It counts as
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
