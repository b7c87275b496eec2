package screens

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// Problems land on the line they concern, even after an empty line that is
// not sent to the register.
func TestProblemsLandOnTheirLineAfterAnEmptyLine(t *testing.T) {
	env, s := receiptScreen(t)
	e := s.editor
	e.addLine.OnTapped() // line 2; line 1 stays empty
	l2 := e.lines[1]
	test.Type(l2.itemText, "CS-500")
	l2.qty.SetText("1")
	e.selectLine(l2)
	test.Type(e.serials.rows[0], "996A1B2C3") // in stock since GR-000001
	test.Tap(s.confirm)
	env.settle()
	assert.Equal(t, "already in stock (received on GR-000001)", e.serials.rows[0].mark.Text)
	assert.Len(t, e.lines[1].found, 1)
	assert.Empty(t, e.lines[0].found)
}

// A proposed price follows the item chosen, but a typed one stays.
func TestPriceFollowsTheItemUntilTyped(t *testing.T) {
	env, s := orderScreen(t)
	_, err := env.Reg.SaveItem(core.Item{No: "SAW", Name: "Hand saw", Price: 10_00})
	require.NoError(t, err)
	_, err = env.Reg.SaveItem(core.Item{No: "SAW-XL", Name: "Big saw", Price: 250_00})
	require.NoError(t, err)
	s.New()
	env.settle()
	l := s.editor.lines[0]
	test.Type(l.itemText, "SAW-XL") // passes through SAW on the way
	assert.Equal(t, "250.00", l.amount.Text)
	l.amount.SetText("199.00")
	l.itemText.SetText("SAW")
	assert.Equal(t, "199.00", l.amount.Text, "a price the user typed is theirs")
}

// An item made on the Items screen can be chosen on the receipt at once.
func TestNewItemIsKnownToTheReceipt(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	main := Main(env)
	env.show(main.Tabs)
	c := main.Items.card
	c.edit(core.Item{})
	c.no.SetText("GRINDER")
	c.name.SetText("Angle grinder")
	test.Tap(c.save)
	env.settle()
	main.Tabs.SelectIndex(receiptsSection)
	env.settle()
	l := main.Receipts.editor.lines[0]
	main.Receipts.editor.chooseItem(l, "GRINDER")
	assert.Equal(t, "Angle grinder", l.item.Name)
}

// A counter sale of an item without serials: item, Enter, quantity, Enter
// goes to Save.
func TestEnterAfterTheQuantityGoesOn(t *testing.T) {
	env, s := orderScreen(t)
	scan(env, "OIL-1L")
	assert.Equal(t, s.editor.lines[0].qty, env.Window.Canvas().Focused())
	enter(env)
	assert.Equal(t, s.save, env.Window.Canvas().Focused())
	enter(env)
	env.settle()
	assert.Equal(t, "SO-000004 saved: 1 unit sold.", s.message.Text)

	envR, r := receiptScreen(t)
	scan(envR, "OIL-1L")
	enter(envR)
	require.Len(t, r.editor.lines, 2, "on a receipt the next line is ready")
	assert.Equal(t, r.editor.lines[1].itemText, envR.Window.Canvas().Focused())
}

// The answer to a save does not replace the document opened meanwhile.
func TestSaveAnswerKeepsTheNextDocument(t *testing.T) {
	env, s := receiptScreen(t)
	e := s.editor
	test.Type(e.lines[0].itemText, "OIL-1L")
	test.Tap(s.confirm) // the register works in the background...
	s.New()             // ...while the user starts the next receipt
	test.Type(e.party, "Stihl Norge")
	env.settle()
	assert.Equal(t, "New goods receipt", s.title.Text)
	assert.Equal(t, "Stihl Norge", e.party.Text)
	assert.Equal(t, "GR-000005 received: 1 unit.", s.message.Text, "the save is still reported")
}

// A paste cannot change a locked receipt.
func TestPasteIntoALockedReceiptChangesNothing(t *testing.T) {
	env, s := receiptScreen(t)
	s.list.Select(3) // GR-000001, confirmed
	env.settle()
	row := s.editor.serials.rows[0]
	clip := env.Window.Clipboard()
	clip.SetContent("X1\nX2\n")
	env.Window.Canvas().Focus(row)
	row.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	assert.Equal(t, "996A1B2C1", s.editor.lines[0].serials[0])
}

// A double click on Save entity makes one entity.
func TestEntitySavedOncePerClick(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewEntities(env)
	env.show(s.Content())
	before := len(s.rows)
	s.model.SetSelected(s.model.Options[0])
	test.Tap(s.save)
	test.Tap(s.save)
	env.settle()
	assert.Len(t, s.rows, before+1)
}

// The item card keeps the model of the card shown, whatever order the
// answers come in.
func TestItemCardIgnoresALateModelAnswer(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewItems(env)
	env.show(s.Content())
	saw, car := s.rows[0].Item, s.rows[2].Item
	require.Equal(t, "NEW-A6", car.No)
	s.card.edit(saw)
	s.card.edit(car)
	env.busy.Wait()
	q, _ := queues.Load(env)
	shows := q.(*uiQueue).take()
	for i := len(shows) - 1; i >= 0; i-- { // the first request answers last
		shows[i]()
	}
	assert.Equal(t, car.Model, s.card.selectedModel())
}

// Pages of the serial search fetched side by side each get their own rows.
func TestSearchPagesLoadSideBySide(t *testing.T) {
	env := newTestEnv(t)
	it, err := env.Reg.SaveItem(core.Item{No: "D", Name: "Drill", UseSerial: true})
	require.NoError(t, err)
	serials := make([]string, 250)
	for i := range serials {
		serials[i] = fmt.Sprintf("S%04d", i)
	}
	_, err = env.Reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: it.ID, Quantity: 250, Serials: serials}}})
	require.NoError(t, err)
	s := NewSearch(env)
	env.show(s.Content())
	for range 10 {
		s.search()
		s.table.load(1)
		s.table.load(2)
		env.settle()
		r1, _ := s.table.row(100)
		r2, _ := s.table.row(200)
		require.Equal(t, "S0100", r1.Serial.Serial)
		require.Equal(t, "S0200", r2.Serial.Serial)
	}
}

// Opening another document asks before it drops what was typed.
func TestUnsavedChangesAreNotDroppedWithoutAsking(t *testing.T) {
	env, s := receiptScreen(t)
	test.Type(s.editor.party, "Stihl Norge")
	s.list.Select(1)
	overlay := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay, "Discard changes?")
	test.Tap(findEnterButton(overlay, "Keep editing"))
	assert.Equal(t, "Stihl Norge", s.editor.party.Text, "what was typed stays")
	assert.Equal(t, "New goods receipt", s.title.Text)

	s.New()
	env.Window.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Equal(t, "Stihl Norge", s.editor.party.Text, "a scanner's Enter keeps the typing")
	s.New()
	test.Tap(findButton(env.Window.Canvas().Overlays().Top(), "Discard"))
	assert.Empty(t, s.editor.party.Text, "a new receipt, as asked")

	// A saved order's return works on the order as saved: edits come first.
	envO, o := orderScreen(t)
	o.list.Select(2) // SO-000001
	envO.settle()
	o.editor.party.SetText("Ola Nordmann AS")
	o.askReturn()
	assert.NotNil(t, envO.Window.Canvas().Overlays().Top(), "save the order first")
	assert.Equal(t, "Ola Nordmann AS", o.editor.party.Text)
}

func TestItemCardAsksBeforeDroppingAnEdit(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewItems(env)
	env.show(s.Content())
	s.list.Select(0)
	env.settle()
	assert.False(t, s.card.dirty, "showing a card is not typing")
	s.card.name.SetText("Chainsaw 500 (new model)")
	s.list.Select(1)
	overlay := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay)
	test.Tap(findEnterButton(overlay, "Keep editing"))
	assert.Equal(t, "Chainsaw 500 (new model)", s.card.name.Text)
	test.Tap(s.card.save)
	env.settle()
	s.list.Select(1)
	env.settle()
	assert.Equal(t, "Cordless drill 18 V", s.card.name.Text, "after saving, moving on needs no question")
}

func TestEntityEditorAsksBeforeDroppingAnEdit(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewEntities(env)
	env.show(s.Content())
	s.list.Select(0)
	env.settle()
	assert.False(t, s.dirty)
	test.Tap(findButton(s.view, "Add parameter"))
	row := s.params.Objects[1].(*fyne.Container).Objects
	test.Type(row[0].(*entry), "mileage")
	s.list.Select(1)
	require.NotNil(t, env.Window.Canvas().Overlays().Top(), "Discard changes?")
	assert.Len(t, s.params.Objects, 2, "the edit is still there")
}

// A document chosen in the list is read in the background; when New comes
// first, the document read late does not replace the new one.
func TestADocumentReadLateDoesNotReplaceANewOne(t *testing.T) {
	env, r := receiptScreen(t)
	env.settle()
	r.list.Select(1)
	r.New()
	env.settle()
	assert.Equal(t, "New goods receipt", r.title.Text)

	env, o := orderScreen(t)
	env.settle()
	o.list.Select(2) // SO-000001
	o.New()
	env.settle()
	assert.Equal(t, "New order", o.title.Text)

	o.list.Select(2)
	env.settle()
	assert.Equal(t, "SO-000001 · saved, with returns", o.title.Text, "read and shown when nothing came between")
}
