package screens

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// receiptScreen is the Goods receipts screen on a register with the
// example data, showing a new receipt.
func receiptScreen(t *testing.T) (*Env, *Receipts) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewReceipts(env)
	env.show(s.Content())
	s.Focus() // as the main window does when the section is chosen
	return env, s
}

// enter presses Enter in whatever has the focus, as a scanner does.
func enter(env *Env) {
	env.Window.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// typeHere types where the cursor is.
func typeHere(env *Env, text string) {
	test.Type(env.Window.Canvas().Focused(), text)
}

// scan types a serial where the cursor is and presses Enter.
func scan(env *Env, serial string) {
	typeHere(env, serial)
	enter(env)
}

func TestReceiveThreeChainsawsByScanning(t *testing.T) {
	env, s := receiptScreen(t)
	e := s.editor
	test.Type(e.party, "Husqvarna Nordic AB")
	line := e.lines[0]
	env.Window.Canvas().Focus(line.itemText)
	typeHere(env, "cs-500")
	enter(env)
	assert.Equal(t, "CS-500  Chainsaw 500", line.itemText.Text)
	assert.Equal(t, e.serials.rows[0], env.Window.Canvas().Focused(), "Enter on the item goes to its first serial")

	for _, serial := range []string{"996B00001", "996B00002", "996B00003"} {
		scan(env, serial)
	}
	assert.Equal(t, "3 of 3 entered · one per unit, required", e.serials.summary.Text, "each Enter moves on, adding a row at the end")
	assert.Equal(t, "3", line.qty.Text, "the quantity follows the serials")
	assert.Equal(t, "next unit", e.serials.rows[3].PlaceHolder, "the row Enter added waits for the next scan")
	assert.Equal(t, "3 serials", line.serialsBtn.Text)

	test.Tap(s.confirm)
	env.settle()
	assert.Equal(t, "GR-000005 received: 3 units.", s.message.Text)
	page, err := env.Reg.SearchSerials(core.SerialQuery{Text: "996B0000"})
	require.NoError(t, err)
	assert.Equal(t, 3, page.Total)
	assert.Equal(t, "Husqvarna Nordic AB", page.Rows[0].Received.Party)
	assert.True(t, e.party.Disabled(), "a confirmed receipt is locked")
	require.Len(t, s.receipts, 5)
}

func TestWrongSerialShowsItsReasonAndNothingIsStored(t *testing.T) {
	env, s := receiptScreen(t)
	e := s.editor
	line := e.lines[0]
	test.Type(line.itemText, "CS-500")
	line.qty.SetText("3")
	test.Type(e.serials.rows[0], "99612345")
	env.settle()
	assert.Equal(t, "8 characters, the pattern 996****** needs 9", e.serials.rows[0].mark.Text, "checked as it is typed")
	test.Type(e.serials.rows[1], "996A1B2C3") // in stock since GR-000001
	test.Type(e.serials.rows[2], "996b00009")
	env.settle()
	assert.Equal(t, "already in stock (received on GR-000001)", e.serials.rows[1].mark.Text, "the register's answer comes as it is typed")

	test.Tap(s.confirm)
	env.settle()
	assert.Contains(t, e.problems.Text, "The receipt has 2 problems; nothing was saved.")
	assert.Equal(t, "already in stock (received on GR-000001)", e.serials.rows[1].mark.Text)
	assert.Equal(t, "8 characters, the pattern 996****** needs 9", e.serials.rows[0].mark.Text)
	assert.Equal(t, "996b00009", e.serials.rows[2].Text, "nothing typed is lost")
	receipts, err := env.Reg.Receipts()
	require.NoError(t, err)
	assert.Len(t, receipts, 4, "nothing was stored")

	// Fix the rows and confirm again.
	e.serials.rows[0].SetText("996B00007")
	e.serials.rows[1].SetText("996B00008")
	test.Tap(s.confirm)
	env.settle()
	assert.Equal(t, "GR-000005 received: 3 units.", s.message.Text)
	assert.False(t, e.problems.Visible())
}

func TestPasteAndFillRange(t *testing.T) {
	env, s := receiptScreen(t)
	e := s.editor
	test.Type(e.lines[0].itemText, "DRILL-18V")
	row := e.serials.rows[0]
	env.Window.Canvas().Focus(row)
	clip := env.Window.Clipboard()
	clip.SetContent("DR-000001\r\nDR-000002\n\nDR-000003\n")
	row.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	assert.Equal(t, []string{"DR-000001", "DR-000002", "DR-000003"}, e.lines[0].serials)

	e.serials.fillRange("DR-000098", "DR-000102")
	assert.Equal(t, []string{"DR-000001", "DR-000002", "DR-000003", "DR-000098", "DR-000099", "DR-000100", "DR-000101", "DR-000102"}, e.lines[0].serials)
	e.lines[0].qty.SetText("8")
	test.Tap(s.confirm)
	env.settle()
	assert.Equal(t, "GR-000005 received: 8 units.", s.message.Text)
}

func TestLargeReceiptPagesThroughItsRows(t *testing.T) {
	env, s := receiptScreen(t)
	e := s.editor
	test.Type(e.lines[0].itemText, "DRILL-18V")
	e.lines[0].qty.SetText("120")
	assert.Equal(t, "rows 1–50 of 120", e.serials.pageLabel.Text)
	env.Window.Canvas().Focus(e.serials.rows[49])
	scan(env, "DR-000050")
	assert.Equal(t, "rows 51–100 of 120", e.serials.pageLabel.Text, "Enter on a page's last row turns the page")
	assert.Equal(t, e.serials.rows[0], env.Window.Canvas().Focused())
	assert.Equal(t, 50, e.serials.rows[0].i)

	// Rows 51 to 100 start in the same column, and so do rows 1 to 50 of
	// a line of 1,000 units, whose numbers run to four digits.
	x := func(r *serialRow) float32 { return fyne.CurrentApp().Driver().AbsolutePositionForObject(r).X }
	assert.Equal(t, x(e.serials.rows[0]), x(e.serials.rows[49]))
	e.lines[0].qty.SetText("1000")
	e.serials.showPage(19)
	assert.Equal(t, "1000", e.serials.rows[49].num.Text)
	assert.Equal(t, x(e.serials.rows[0]), x(e.serials.rows[49]))
	assert.GreaterOrEqual(t, e.serials.rows[49].numBox.Size().Width, e.serials.rows[49].num.MinSize().Width, "the number fits")
}

func TestDraftKeepsTheSerialsAndTheReceiptCanBeCancelled(t *testing.T) {
	env, s := receiptScreen(t)
	require.Len(t, s.receipts, 4)
	s.list.Select(1) // GR-000003, the example draft
	env.settle()
	assert.Equal(t, "GR-000003 · draft", s.title.Text)
	e := s.editor
	assert.Equal(t, []string{"996A1B2C7", ""}, e.lines[0].serials)
	e.serials.rows[1].SetText("996A1B2C8")
	test.Tap(s.saveDraft)
	env.settle()
	rc, err := env.Reg.Receipt(3)
	require.NoError(t, err)
	assert.Equal(t, []string{"996A1B2C7", "996A1B2C8"}, rc.Lines[0].Serials)

	test.Tap(s.confirm)
	env.settle()
	assert.Equal(t, "GR-000003 received: 2 units.", s.message.Text)
	assert.True(t, s.cancel.Visible())
	s.cancelReceipt(3)
	env.settle()
	assert.Equal(t, "GR-000003 · cancelled", s.title.Text)
	st, err := env.Reg.Stock(e.lines[0].item.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(6), st.Purchased)
}
