package screens

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// press presses a key where the cursor is.
func press(env *Env, key fyne.KeyName) {
	env.Window.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: key})
}

// tabOrder is what Tab visits from the focused object on, n steps.
func tabOrder(env *Env, n int) []fyne.Focusable {
	var got []fyne.Focusable
	for range n {
		env.Window.Canvas().FocusNext()
		got = append(got, env.Window.Canvas().Focused())
	}
	return got
}

// Tab follows the screen: the header, then the line's item, quantity,
// cost and serials, then its serial rows, and only then the actions.
// (Tab went from Date to Confirm receipt, and from the item to the
// drop-down arrow, where the quantity and serials typed next were lost.)
func TestTabFollowsTheReceipt(t *testing.T) {
	env, s := receiptScreen(t)
	e := s.editor
	line := e.lines[0]
	env.Window.Canvas().Focus(line.itemText)
	scan(env, "CS-500")
	line.qty.SetText("2")

	env.Window.Canvas().Focus(e.party)
	want := []fyne.Focusable{e.reference, e.date, line.itemText, line.qty, line.amount, line.serialsBtn, line.remove, e.addLine,
		e.serials.rows[0], e.serials.rows[1], e.serials.fill, e.serials.load, s.confirm, s.saveDraft}
	assert.Equal(t, want, tabOrder(env, len(want)))

	// Typing goes where Tab leads: into the quantity after the item.
	env.Window.Canvas().Focus(line.itemText)
	env.Window.Canvas().FocusNext()
	line.qty.SetText("")
	typeHere(env, "3")
	assert.Equal(t, "3", line.qty.Text)
}

// The item field suggests items as you type, by number or name: Down and
// Up choose, Enter takes the one chosen and moves on, Esc drops the list.
func TestItemSuggestionsFromTheKeyboard(t *testing.T) {
	env, s := orderScreen(t)
	line := s.editor.lines[0]
	require.Equal(t, line.itemText, env.Window.Canvas().Focused())
	typeHere(env, "chain")
	var listed []string
	for _, r := range line.itemText.rows {
		listed = append(listed, r.label.Text)
	}
	assert.Equal(t, []string{"CS-500  Chainsaw 500", "OIL-1L  Chain oil 1 l"}, listed, "number or name holds the text")
	assert.True(t, line.itemText.list.Visible())

	press(env, fyne.KeyEscape)
	assert.False(t, line.itemText.list.Visible(), "Esc drops the list")
	assert.Equal(t, "chain", line.itemText.Text, "and keeps the typing")

	typeHere(env, " ")
	press(env, fyne.KeyDown)
	press(env, fyne.KeyDown)
	press(env, fyne.KeyUp)
	press(env, fyne.KeyUp) // round to the last
	press(env, fyne.KeyReturn)
	assert.Equal(t, "OIL-1L  Chain oil 1 l", line.itemText.Text)
	assert.Equal(t, "OIL-1L", line.item.No)
	assert.Equal(t, line.qty, env.Window.Canvas().Focused(), "an item without serials goes on to its quantity")
	assert.False(t, line.itemText.list.Visible())
	assert.Equal(t, "9.90", line.amount.Text, "its price is proposed")

	// A click on a suggestion takes it as well.
	line2 := s.editor.newLine()
	env.Window.Canvas().Focus(line2.itemText)
	typeHere(env, "500")
	require.Len(t, line2.itemText.rows, 1)
	test.Tap(line2.itemText.rows[0])
	assert.Equal(t, "CS-500", line2.item.No)
	assert.Equal(t, s.editor.serials.rows[0], env.Window.Canvas().Focused(), "a serialized item goes on to its first serial")
}
