package screens

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// keys are the keys the counter works with, as Help lists them; Ctrl is
// Cmd on macOS.
var keys = [][2]string{
	{"Ctrl+R", words("New goods receipt")},
	{"Ctrl+O", words("New order")},
	{"Ctrl+F", words("Serial search")},
	{"Ctrl+N", words("New receipt, order, item or entity, in the section shown")},
	{"Ctrl+S", words("Save: the order, the item card, the entity, a receipt as a draft")},
	{"Ctrl+Enter", words("Confirm the receipt, or save the order")},
	{"Tab, Shift+Tab", words("Next and previous field: the header, each line's item, quantity, price and serials, then the buttons")},
	{"Enter", words("In the item: take it and go on to its serials (or quantity). In a serial: the next row, as a scanner's Enter does. On a button: press it")},
	{"Down, Up", words("Choose among the items suggested under the item field")},
	{"Esc", words("Drop the suggestions; close a dialog (its safe choice)")},
	{"Ctrl+Q", words("Quit (asks first when something typed is not saved)")},
	{"F1", words("These keys")},
}

// keysText is the list of keys in words, Ctrl named as on this computer.
func keysText() string {
	var b strings.Builder
	for _, k := range keys {
		key := k[0]
		if runtime.GOOS == "darwin" {
			key = strings.ReplaceAll(key, "Ctrl+", "Cmd+")
		}
		b.WriteString(key + "\t" + lang.L(k[1]) + "\n")
	}
	b.WriteString("\n" + lang.L("A barcode scanner types the serial and presses Enter: scan into a serial row, or into an order's item field to start a sale with that unit."))
	return b.String()
}

// HelpItems are the Help menu: the keys (F1) and About.
func HelpItems(env *Env) []*fyne.MenuItem {
	keysItem := fyne.NewMenuItem(lang.L("Keys and scanner"), env.showKeys)
	// Shown beside the item; F1 itself is heard by the fields (helpKey).
	keysItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF1}
	return []*fyne.MenuItem{keysItem, AboutItem(env)}
}

func (env *Env) showKeys() { env.ShowMessage(lang.L("Keys and scanner"), keysText()) }

// helpKey opens the keys on F1 wherever the cursor is. Fyne hears a key
// without Ctrl only in the widget that has the cursor, so each kind of
// field and button passes it here; the canvas hears it when none has.
var helpKey func()

// isHelp reports whether ev is F1, and opens the keys if so.
func isHelp(ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyF1 || helpKey == nil {
		return false
	}
	helpKey()
	return true
}

// entry is an entry that hears F1, and Esc when escape is set (in a
// dialog's form: it closes the dialog).
type entry struct {
	widget.Entry
	escape func()
	shown  *widget.Label // its text, in place of it while locked (lockable)
}

func newEntry() *entry {
	e := &entry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *entry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case isHelp(ev):
	case ev.Name == fyne.KeyEscape && e.escape != nil:
		e.escape()
	default:
		e.Entry.TypedKey(ev)
	}
}

// rowList, choice and check are Fyne's list, drop-down and check box, hearing
// F1 as the fields and buttons do.
type rowList struct{ widget.List }

func newList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *rowList {
	l := &rowList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *rowList) TypedKey(ev *fyne.KeyEvent) {
	if !isHelp(ev) {
		l.List.TypedKey(ev)
	}
}

type choice struct{ widget.Select }

func newChoice(options []string, changed func(string)) *choice {
	c := &choice{}
	c.Options, c.OnChanged, c.PlaceHolder = options, changed, lang.L("(Select one)")
	c.ExtendBaseWidget(c)
	return c
}

func (c *choice) TypedKey(ev *fyne.KeyEvent) {
	if !isHelp(ev) {
		c.Select.TypedKey(ev)
	}
}

type check struct{ widget.Check }

func newCheck(label string, changed func(bool)) *check {
	c := &check{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *check) TypedKey(ev *fyne.KeyEvent) {
	if !isHelp(ev) {
		c.Check.TypedKey(ev)
	}
}

// translated are fixed choices (kept with words) in the program's
// language, for a choice read by its index.
func translated(options []string) []string {
	out := make([]string, len(options))
	for i, o := range options {
		out[i] = lang.L(o)
	}
	return out
}
