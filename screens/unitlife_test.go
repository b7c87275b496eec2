package screens

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// The item card keeps a warranty, a GTIN and the VIN rule; bad ones are
// said at their fields and nothing is saved.
func TestTheItemCardKeepsWarrantyGTINAndVIN(t *testing.T) {
	env := newTestEnv(t)
	s := NewItems(env)
	env.show(s.Content())
	c := s.card
	test.Type(c.no, "CAR")
	test.Type(c.name, "Used car")
	test.Tap(c.useSerial)
	test.Tap(c.vin)
	assert.True(t, c.pattern.Disabled(), "a VIN has its own rule")
	test.Type(c.gtin, "4006381333932")
	test.Type(c.warranty, "-3")
	test.Tap(c.save)
	env.settle()
	assert.Equal(t, "the warranty cannot be negative; give 0 months for none", c.noteOf(c.warranty))
	assert.Contains(t, c.noteOf(c.gtin), "check digit")
	empty, err := env.Reg.IsEmpty()
	require.NoError(t, err)
	assert.True(t, empty, "nothing was saved")

	c.gtin.SetText("4006381333931")
	c.warranty.SetText("36")
	c.warrantyFrom.SetSelectedIndex(1)
	test.Tap(c.save)
	env.settle()
	it, err := env.Reg.ItemByNo("CAR")
	require.NoError(t, err)
	assert.True(t, it.VIN)
	assert.Equal(t, "04006381333931", it.GTIN)
	assert.Equal(t, 36, it.WarrantyMonths)
	assert.Equal(t, core.WarrantyFromReceipt, it.WarrantyFrom)
	assert.Equal(t, "04006381333931", c.gtin.Text, "the card shows what was saved")

	c.warranty.SetText("two years")
	test.Tap(c.save)
	env.settle()
	assert.Equal(t, `The warranty "two years" is not a whole number of months`, c.noteOf(c.warranty))
}

// A European VIN's check digit is a warning beside its row, in a
// warning's colour: the receipt is confirmed with it.
func TestAVINWarningIsShownAndAccepted(t *testing.T) {
	env, s := receiptScreen(t)
	_, err := env.Reg.SaveItem(core.Item{No: "CAR", Name: "Used car", UseSerial: true, VIN: true})
	require.NoError(t, err)
	e := s.editor
	e.loadItems()
	env.settle()
	env.Window.Canvas().Focus(e.lines[0].itemText)
	scan(env, "CAR")
	scan(env, "WVWZZZ1JZXW000001")
	env.settle()
	mark := e.serials.rows[0].mark
	assert.Contains(t, mark.Text, "Check: position 9 is Z")
	assert.Equal(t, widget.WarningImportance, mark.Importance)
	scan(env, "WVWZZZ1JZXWO00002")
	env.settle()
	assert.Equal(t, "character 12 is O; a VIN never has I, O or Q (O is read as 0)", e.serials.rows[1].mark.Text)
	assert.Equal(t, widget.DangerImportance, e.serials.rows[1].mark.Importance)

	e.serials.rows[1].SetText("")
	e.lines[0].qty.SetText("1")
	test.Tap(s.confirm)
	env.settle()
	assert.Equal(t, "GR-000005 received: 1 unit.", s.message.Text)
}

// A GS1 code scanned into a row becomes the serial it carries.
func TestAGS1ScanBecomesItsSerial(t *testing.T) {
	env, s := receiptScreen(t)
	_, err := env.Reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true, GTIN: "09501101020917"})
	require.NoError(t, err)
	e := s.editor
	e.loadItems()
	env.settle()
	env.Window.Canvas().Focus(e.lines[0].itemText)
	scan(env, "DRILL")
	scan(env, "(01)09501101020917(21)dr0001")
	scan(env, "(01)04006381333931(21)DR0002")
	env.settle()
	assert.Equal(t, "DR0001", e.serials.rows[0].Text)
	assert.Equal(t, "(01)04006381333931(21)DR0002", e.serials.rows[1].Text, "a code of another item stays, with why")
	assert.Equal(t, "the scanned GS1 code is of GTIN 04006381333931, but DRILL Drill has GTIN 09501101020917", e.serials.rows[1].mark.Text)
}

// An order line sells its units with a warranty of its own; the search
// shows each unit's warranty and selects by it.
func TestAnExtendedWarrantyIsSoldAndFound(t *testing.T) {
	env, s := orderScreen(t)
	e := s.editor
	scan(env, "CS-500")
	assert.Equal(t, "empty: the item's own, 24 months from the sale", e.warrantyNote.Text)
	scan(env, "996a1b2c4")
	e.warranty.SetText("2031-12-31")
	s.saveOrder()
	env.settle()
	require.Contains(t, s.message.Text, "saved")
	assert.Equal(t, "2031-12-31", e.warranty.Text, "the saved order shows its line's warranty")
	assert.Equal(t, "2031-12-31", e.lines[0].warranty)

	e.warranty.SetText("soon")
	s.saveOrder()
	env.settle()
	assert.Contains(t, e.lines[0].problem.Text, `the warranty: "soon" is not a date; write it like 2026-12-31`)

	search := NewSearch(env)
	env.show(search.Content())
	search.text.SetText("996A1B2C4")
	search.warranty.SetSelected("Under warranty")
	env.settle()
	assert.Equal(t, "1 serial", search.table.count.Text)
	assert.Equal(t, "2031-12-31", search.table.cell(widget.TableCellID{Row: 0, Col: len(serialColumns) - 1}))
	search.warranty.SetSelected("Warranty expired")
	env.settle()
	assert.Equal(t, 0, search.table.total)
}

// A service note is added from the history, refused ones come back with
// what was typed, and the search finds the unit by the note's words.
func TestAServiceNoteFromTheSearch(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewSearch(env)
	env.show(s.Content())
	s.text.SetText("996A1B2C2")
	s.text.OnSubmitted(s.text.Text) // Enter: the single hit opens its history
	env.settle()
	require.NotNil(t, s.shown)
	require.False(t, s.addNote.Disabled())
	before := len(s.events)

	test.Tap(s.addNote)
	typeHere(env, "   ")
	enter(env)
	env.settle()
	assert.Contains(t, labelTexts(env.Window.Canvas().Overlays().Top()), "The note is empty; write what was done to the unit")
	typeHere(env, "Chain tensioner adjusted")
	enter(env)
	env.settle()
	require.Len(t, s.events, before+1)
	assert.Contains(t, eventLine(s.events[len(s.events)-1]), "note: Chain tensioner adjusted")

	s.in.SetSelected("Service notes")
	s.text.SetText("TENSIONER") // words of this note only: the examples' note on this unit is of the chain brake
	env.settle()
	time.Sleep(2 * typingPause)
	env.settle()
	assert.Equal(t, "1 serial", s.table.count.Text)
	assert.Equal(t, "996A1B2C2", s.table.cell(widget.TableCellID{Row: 0, Col: 0}))
}

// Units go back to the supplier by scanning, a unit not in stock is
// refused at its row, and cancelling puts them back.
func TestReturningUnitsToTheSupplier(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	main := Main(env)
	env.show(main.Tabs)
	main.Tabs.SelectIndex(supplierReturnsSection)
	env.settle()
	s := main.Returns
	e := s.editor
	assert.Equal(t, e.party, env.Window.Canvas().Focused(), "a new return starts with its supplier")
	typeHere(env, "Husqvarna Nordic AB")
	e.note.SetText("defective")
	env.Window.Canvas().Focus(e.lines[0].itemText)
	scan(env, "CS-500")
	scan(env, "996A1B2C1") // sold on SO-000001
	env.settle()
	assert.Equal(t, "not in stock: sold on SO-000001 to Ola Nordmann", e.serials.rows[0].mark.Text)
	assert.Equal(t, e.serials.rows[0], env.Window.Canvas().Focused(), "the refused scan is selected, for the next to replace")
	scan(env, "996A1B2C3")
	env.settle()
	assert.Equal(t, s.save, env.Window.Canvas().Focused(), "the last unit's Enter goes to Save")
	assert.Equal(t, "996A1B2C3", e.serials.rows[0].Text)
	assert.Empty(t, e.serials.rows[0].mark.Text)
	shortcut(env, fyne.KeyS)
	env.settle()
	assert.Equal(t, "SR-000002 saved: 1 unit back to Husqvarna Nordic AB, out of stock.", s.message.Text)
	require.Len(t, s.returns, 2, "the examples' return of a drill and this one")
	assert.True(t, e.party.Disabled(), "a saved return is read, not changed")
	saw, err := env.Reg.ItemByNo("CS-500")
	require.NoError(t, err)
	st, err := env.Reg.Stock(saw.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(1), st.ToSupplier)

	test.Tap(s.cancel)
	test.Tap(findButton(env.Window.Canvas().Overlays().Top(), "Cancel the return"))
	env.settle()
	assert.Equal(t, "SR-000002 cancelled: 1 unit back in stock.", s.message.Text)
	assert.Equal(t, "SR-000002 · cancelled", s.title.Text)
	st, err = env.Reg.Stock(saw.ID)
	require.NoError(t, err)
	assert.Zero(t, st.ToSupplier)
}
