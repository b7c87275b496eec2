package screens

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
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

// shortcut presses Ctrl (Cmd on macOS) and a key, as the window's menu
// hears it.
func shortcut(env *Env, key fyne.KeyName) {
	env.Window.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
	env.settle()
}

// The keys users expect: Ctrl+N a new document in the section shown,
// Ctrl+S saves it, Ctrl+Enter confirms a receipt or saves an order, F1
// lists the keys; none of them acts behind a dialog.
func TestKeysOfTheCounter(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	main := Main(env)
	env.show(main.Tabs)
	canvas := env.Window.Canvas()

	main.Tabs.SelectIndex(ordersSection)
	shortcut(env, fyne.KeyN)
	o := main.Orders
	assert.Equal(t, o.editor.lines[0].itemText, canvas.Focused(), "Ctrl+N: a new order, ready for the item")
	scan(env, "CS-500")
	typeHere(env, "996A1B2C4")
	shortcut(env, fyne.KeyReturn)
	assert.Equal(t, "SO-000004 saved: 1 unit sold.", o.message.Text, "Ctrl+Enter saves the order from the serial")

	main.Tabs.SelectIndex(receiptsSection)
	r := main.Receipts
	shortcut(env, fyne.KeyN)
	assert.Equal(t, r.editor.lines[0].itemText, canvas.Focused())
	scan(env, "OIL-1L")
	shortcut(env, fyne.KeyS)
	assert.Equal(t, "GR-000005 saved as a draft: 1 unit.", r.message.Text, "Ctrl+S saves a receipt as a draft")
	shortcut(env, fyne.KeyReturn)
	assert.Equal(t, "GR-000005 received: 1 unit.", r.message.Text, "Ctrl+Enter confirms it")

	// F1, from a field, lists the keys; Esc closes the list.
	canvas.Focus(main.Receipts.editor.party)
	press(env, fyne.KeyF1)
	keys := canvas.Overlays().Top()
	require.NotNil(t, keys)
	assert.Contains(t, strings.Join(labelTexts(keys), "\n"), "Ctrl+Enter\tConfirm the receipt, or save the order")
	shortcut(env, fyne.KeyN)
	assert.Equal(t, "GR-000005 received: 1 unit.", r.message.Text, "nothing happens behind a dialog")
	assert.Equal(t, "GR-000005 · confirmed", r.title.Text)
	press(env, fyne.KeyEscape)
	assert.Nil(t, canvas.Overlays().Top())
}

// Cancelling a document asks, and Enter (a scanner's too) keeps it.
func TestCancellingADocumentKeepsItByDefault(t *testing.T) {
	env, s := orderScreen(t)
	o, err := env.Reg.Order(1)
	require.NoError(t, err)
	s.show(o)
	test.Tap(s.cancel)
	require.NotNil(t, env.Window.Canvas().Overlays().Top())
	enter(env)
	env.settle()
	o, err = env.Reg.Order(1)
	require.NoError(t, err)
	assert.False(t, o.Cancelled(), "Enter keeps the order")

	test.Tap(s.cancel)
	test.Tap(findButton(env.Window.Canvas().Overlays().Top(), "Cancel the order"))
	env.settle()
	o, err = env.Reg.Order(1)
	require.NoError(t, err)
	assert.True(t, o.Cancelled())
}

// Each serial is checked against the register as it is scanned: a refused
// one is said at its row, beeps, and has the cursor back with its text
// selected, so that the next scan replaces it.
func TestARefusedScanBeepsAndTheNextScanReplacesIt(t *testing.T) {
	env, s := orderScreen(t)
	beeps := 0
	env.Beep = func() { beeps++ }
	e := s.editor
	scan(env, "CS-500")
	scan(env, "996A1B2C1") // sold on SO-000001
	env.settle()
	assert.Equal(t, "already sold on SO-000001 to Ola Nordmann; a serial can be sold only once", e.serials.rows[0].mark.Text)
	assert.Equal(t, 1, beeps)
	require.Equal(t, e.serials.rows[0], env.Window.Canvas().Focused(), "the cursor is back on the refused row")
	assert.Equal(t, "996A1B2C1", e.serials.rows[0].SelectedText(), "with its text selected")

	scan(env, "996A1B2C4")
	assert.Equal(t, "996A1B2C4", e.serials.rows[0].Text, "the next scan replaced it")
	env.settle()
	assert.Empty(t, e.serials.rows[0].mark.Text)
	assert.Equal(t, 1, beeps)
	assert.Equal(t, s.save, env.Window.Canvas().Focused())

	// Enter on a row already known to be refused stays there at once.
	e.serials.focus(0)
	e.serials.rows[0].SetText("996A1B2C1")
	env.settle()
	enter(env)
	assert.Equal(t, 2, beeps)
	assert.Equal(t, e.serials.rows[0], env.Window.Canvas().Focused())
}

// After a refused save the cursor goes to the first problem, never stays
// on the button where the scanner's Enter would be refused again; a
// problem list follows the typing and goes once the problem is gone.
func TestARefusedSaveLeadsToTheProblem(t *testing.T) {
	env, s := receiptScreen(t)
	e := s.editor
	scan(env, "CS-500")
	e.lines[0].qty.SetText("2")
	e.serials.focus(0)
	scan(env, "996B00001")
	test.Tap(s.confirm)
	env.settle()
	assert.Contains(t, e.problems.Text, "CS-500 Chainsaw 500 needs a serial for every unit: 1 of 2 entered")
	assert.Equal(t, e.serials.rows[1], env.Window.Canvas().Focused(), "on the row of the missing serial")

	scan(env, "996A1B2C3") // in stock already
	env.settle()
	assert.Contains(t, e.problems.Text, "already in stock", "the list follows the typing")
	assert.NotContains(t, e.problems.Text, "needs a serial for every unit")
	typeHere(env, "996B00002")
	env.settle()
	assert.False(t, e.problems.Visible(), "and goes once nothing is wrong")

	e.date.SetText("31.12.2026")
	test.Tap(s.confirm)
	env.settle()
	assert.Equal(t, e.date, env.Window.Canvas().Focused())
}

// The quantity follows the serials scanned, pasted or filled from a range;
// a larger quantity typed stays, and the table says how many are missing.
// The range dialog's hints fit the item's pattern, and it works from the
// keyboard.
func TestQuantityFollowsTheSerials(t *testing.T) {
	env, s := receiptScreen(t)
	e := s.editor
	line := e.lines[0]
	scan(env, "CS-500")
	e.serials.rows[0].TypedShortcut(&fyne.ShortcutPaste{Clipboard: clipboard("996B00001\n996B00002\n996B00003\n")})
	assert.Equal(t, "3", line.qty.Text, "a paste of three")

	test.Tap(e.serials.fill)
	dlg := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, dlg)
	first, ok := env.Window.Canvas().Focused().(*entry)
	require.True(t, ok, "the cursor is in the first serial")
	assert.Equal(t, "996000001", first.PlaceHolder, "the hint fits the pattern 996******")
	typeHere(env, "996B00004")
	env.Window.Canvas().FocusNext()
	typeHere(env, "996B00010")
	enter(env)
	assert.Nil(t, env.Window.Canvas().Overlays().Top(), "Enter fills")
	assert.Equal(t, "10", line.qty.Text, "a range of seven more")

	line.qty.SetText("12")
	env.settle()
	assert.Equal(t, "10 of 12 entered, 2 missing · one per unit, required", e.serials.summary.Text, "a larger quantity typed stays")

	test.Tap(e.serials.fill)
	press(env, fyne.KeyEscape)
	assert.Nil(t, env.Window.Canvas().Overlays().Top(), "Esc closes the dialog")
}

// clipboard holds text to paste.
type clipboard string

func (c clipboard) Content() string   { return string(c) }
func (c clipboard) SetContent(string) {}

// A sale starts by scanning the unit into the item field: the unit in
// stock with that serial fills its line, the next scan of the same item
// joins it, and Enter on the empty line after goes to Save.
func TestASaleStartsByScanningTheUnit(t *testing.T) {
	env, s := orderScreen(t)
	beeps := 0
	env.Beep = func() { beeps++ }
	saw, err := env.Reg.ItemByNo("CS-500")
	require.NoError(t, err)
	page, err := env.Reg.SearchSerials(core.SerialQuery{Item: saw.ID, State: core.InStock})
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(page.Rows), 2)
	first, second := page.Rows[0].Serial.Serial, page.Rows[1].Serial.Serial
	e := s.editor

	scan(env, strings.ToLower(first))
	env.settle()
	line := e.lines[0]
	assert.Equal(t, "CS-500  Chainsaw 500", line.itemText.Text)
	assert.Equal(t, "1", line.qty.Text)
	assert.Equal(t, []string{first}, line.serials)
	assert.Equal(t, "599.00", line.amount.Text, "the item's price is proposed")
	require.Len(t, e.lines, 2)
	assert.Equal(t, e.lines[1].itemText, env.Window.Canvas().Focused(), "ready for the next unit")

	scan(env, second)
	env.settle()
	assert.Equal(t, []string{first, second}, line.serials, "the same item's next unit joins its line")
	assert.Equal(t, "2", line.qty.Text)
	assert.Empty(t, e.lines[1].itemText.Text)

	scan(env, "996A1B2C1") // sold on SO-000001
	env.settle()
	assert.Equal(t, "996A1B2C1 (CS-500) is not in stock: sold on SO-000001 to Ola Nordmann", e.lines[1].problem.Text)
	assert.Equal(t, 1, beeps)
	e.lines[1].itemText.SetText("")
	assert.False(t, e.lines[1].problem.Visible(), "what was said of the text before goes with it")

	enter(env)
	assert.Equal(t, s.save, env.Window.Canvas().Focused(), "Enter on the empty line goes to Save")
	enter(env)
	env.settle()
	assert.Equal(t, "SO-000004 saved: 2 units sold.", s.message.Text)
}

// A new document shows no message of the one before, and the other
// sections show what a sale changed when they are shown again: the item's
// counts and an entity's documents.
func TestNothingStaleAfterASale(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	main := Main(env)
	env.show(main.Tabs)

	main.Tabs.SelectIndex(itemsSection)
	car, err := env.Reg.ItemByNo("NEW-A6")
	require.NoError(t, err)
	main.Items.card.edit(car)
	env.settle()
	assert.Contains(t, main.Items.card.overview.counts.Text, "In stock 2")
	main.Tabs.SelectIndex(entitiesSection)
	env.settle()
	entity := slices.IndexFunc(main.Entities.rows, func(r core.EntityRow) bool { return strings.Contains(paramSummary(r.Params), "XY123AAA") })
	require.GreaterOrEqual(t, entity, 0)
	main.Entities.list.Select(entity)
	env.settle()
	assert.Equal(t, "GR-000002", main.Entities.docs.Text)

	main.Tabs.SelectIndex(ordersSection)
	env.settle()
	shortcut(env, fyne.KeyN)
	scan(env, "XY123AAA")
	env.settle()
	enter(env)
	enter(env)
	env.settle()
	require.Equal(t, "SO-000004 saved: 1 unit sold.", main.Orders.message.Text)
	shortcut(env, fyne.KeyN)
	assert.Empty(t, main.Orders.message.Text, "a new order shows no message of the one before")

	main.Tabs.SelectIndex(itemsSection)
	env.settle()
	assert.Contains(t, main.Items.card.overview.counts.Text, "In stock 1")
	main.Tabs.SelectIndex(entitiesSection)
	env.settle()
	assert.Equal(t, "GR-000002, SO-000004", main.Entities.docs.Text)
}

// A returned unit is in stock everywhere: the item's counts and its "in
// stock" filter agree, and its row does not show the sale as standing.
func TestAReturnedUnitIsInStockEverywhere(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewItems(env)
	env.show(s.Content())
	saw, err := env.Reg.ItemByNo("CS-500")
	require.NoError(t, err)
	s.card.edit(saw)
	env.settle()
	ov := s.card.overview
	assert.Contains(t, ov.counts.Text, "Returned 1 · To supplier 0 · In stock 5")
	ov.state.SetSelected(core.InStock.String())
	env.settle()
	assert.Equal(t, "5 serials", ov.table.count.Text, "the filter agrees with the counts")
	for row := range 5 {
		if ov.table.cell(widget.TableCellID{Row: row, Col: 1}) == "996A1B2C2" {
			assert.Equal(t, "returned", ov.table.cell(widget.TableCellID{Row: row, Col: 2}))
			assert.Empty(t, ov.table.cell(widget.TableCellID{Row: row, Col: 9}), "no customer: the sale no longer stands")
			return
		}
	}
	t.Fatal("the returned unit is not among those in stock")
}

// The window works down to 1024×640, the smallest size the README names:
// no section needs more, with a document on screen.
func TestEverySectionFitsTheSmallestWindow(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	main := Main(env)
	env.show(main.Tabs)
	main.Receipts.list.Select(1) // GR-000003, the example draft
	main.Orders.list.Select(2)   // SO-000001, two lines and a return
	env.settle()
	for i := range main.Tabs.Items {
		main.Tabs.SelectIndex(i)
		env.settle()
		min := main.Tabs.MinSize()
		assert.LessOrEqual(t, min.Width, float32(1024), main.Tabs.Items[i].Text)
		assert.LessOrEqual(t, min.Height, float32(640), main.Tabs.Items[i].Text)
	}
}

// Panes keep their size when a long message appears or 500 rows are pasted.
func TestPanesKeepTheirSize(t *testing.T) {
	env, s := receiptScreen(t)
	e := s.editor
	before := s.view.MinSize()
	scan(env, "CS-500")
	var rows []string
	for i := range 500 {
		rows = append(rows, fmt.Sprintf("996C%05d", i))
	}
	e.serials.rows[0].TypedShortcut(&fyne.ShortcutPaste{Clipboard: clipboard(strings.Join(rows, "\n"))})
	tell(s.message, strings.Repeat("A long message about what was just done. ", 10))
	env.settle()
	assert.Equal(t, "500", e.lines[0].qty.Text)
	assert.LessOrEqual(t, s.view.MinSize().Width, before.Width, "no wider")
}

// A receipt that cannot be cancelled says why before anything is asked.
func TestCancellingAReceiptSaysWhyNotBeforeAsking(t *testing.T) {
	env, s := receiptScreen(t)
	rc, err := env.Reg.Receipt(1) // its chainsaw 996A1B2C1 is sold since
	require.NoError(t, err)
	s.show(rc)
	test.Tap(s.cancel)
	env.settle()
	assert.True(t, dialogSays(env, "GR-000001 cannot be cancelled: some of its units have moved on"))
	assert.Nil(t, findButton(env.Window.Canvas().Overlays().Top(), "Cancel the receipt"), "and nothing is asked")
	press(env, fyne.KeyEscape)

	s.New() // a receipt of oil, which nothing moves on from
	env.settle()
	scan(env, "OIL-1L")
	test.Tap(s.confirm)
	env.settle()
	require.Equal(t, "GR-000005 received: 1 unit.", s.message.Text)
	test.Tap(s.cancel)
	env.settle()
	test.Tap(findButton(env.Window.Canvas().Overlays().Top(), "Cancel the receipt"))
	env.settle()
	assert.Equal(t, "GR-000005 · cancelled", s.title.Text)
}

// A draft, an item that never moved and a model no item sells can be
// deleted, after a question whose default keeps them; what has a history
// says why it stays.
func TestDeletingFromTheScreens(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	main := Main(env)
	env.show(main.Tabs)
	overlay := func() fyne.CanvasObject { return env.Window.Canvas().Overlays().Top() }

	main.Tabs.SelectIndex(receiptsSection)
	r := main.Receipts
	draft, err := env.Reg.Receipt(3)
	require.NoError(t, err)
	r.show(draft)
	require.True(t, r.remove.Visible())
	test.Tap(r.remove)
	enter(env)
	env.settle()
	_, err = env.Reg.Receipt(3)
	require.NoError(t, err, "Enter keeps the draft")
	test.Tap(r.remove)
	test.Tap(findButton(overlay(), "Delete"))
	env.settle()
	assert.Equal(t, "GR-000003 deleted.", r.message.Text)
	assert.Len(t, r.receipts, 3)

	main.Tabs.SelectIndex(itemsSection)
	c := main.Items.card
	saw, err := env.Reg.ItemByNo("CS-500")
	require.NoError(t, err)
	c.edit(saw)
	test.Tap(c.remove)
	test.Tap(findButton(overlay(), "Delete"))
	env.settle()
	assert.True(t, dialogSays(env, "CS-500 Chainsaw 500 cannot be deleted"), "its history stays")
	press(env, fyne.KeyEscape)

	c.edit(core.Item{})
	assert.False(t, c.remove.Visible(), "a new card has nothing to delete")
	_, err = env.Reg.SaveItem(core.Item{No: "TYPO", Name: "Entered by mistake"})
	require.NoError(t, err)
	typo, err := env.Reg.ItemByNo("TYPO")
	require.NoError(t, err)
	c.edit(typo)
	test.Tap(c.remove)
	test.Tap(findButton(overlay(), "Delete"))
	env.settle()
	_, err = env.Reg.ItemByNo("TYPO")
	assert.Equal(t, core.NotFound, core.ErrorCode(err))
	assert.Len(t, main.Items.rows, 5)

	main.Tabs.SelectIndex(modelsSection)
	env.settle()
	m := main.Models
	m.brandList.Select(0) // Audi: A6 (sold as NEW-A6) and A4
	env.settle()
	a4 := slices.IndexFunc(m.models, func(r core.ModelRow) bool { return r.Name == "A4" })
	require.GreaterOrEqual(t, a4, 0)
	m.modelList.Select(a4)
	test.Tap(findButton(m.view, "Delete model…"))
	test.Tap(findButton(overlay(), "Delete"))
	env.settle()
	assert.Len(t, m.models, 1)
}

// The example data goes again from the menu while nothing else was
// entered; the default keeps it.
func TestRemovingTheExampleData(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	main := Main(env)
	env.show(main.Tabs)
	item := main.RemoveExamplesItem()
	item.Action()
	enter(env)
	env.settle()
	empty, err := env.Reg.IsEmpty()
	require.NoError(t, err)
	assert.False(t, empty, "Enter keeps them")

	item.Action()
	test.Tap(findButton(env.Window.Canvas().Overlays().Top(), "Remove"))
	env.settle()
	assert.True(t, dialogSays(env, "The register is empty"))
	empty, err = env.Reg.IsEmpty()
	require.NoError(t, err)
	assert.True(t, empty)
	assert.Empty(t, main.Items.rows, "the screens show it at once")
	assert.Empty(t, main.Orders.orders)
}

// A confirmed document reads as text, not as greyed boxes; a new one has
// its fields back.
func TestAConfirmedDocumentReadsAsText(t *testing.T) {
	env, s := receiptScreen(t)
	rc, err := env.Reg.Receipt(2)
	require.NoError(t, err)
	s.show(rc)
	e := s.editor
	assert.False(t, e.party.Visible())
	assert.True(t, e.party.shown.Visible())
	assert.Equal(t, "Audi AG", e.party.shown.Text)
	assert.Equal(t, "NEW-A6  NEW AUDI A6", e.lines[0].itemText.shown.Text)
	assert.Equal(t, "XY123AAA", e.serials.rows[0].shown.Text)
	assert.True(t, e.serials.rows[0].shown.Visible())

	s.New()
	env.settle()
	assert.True(t, e.party.Visible())
	assert.False(t, e.party.shown.Visible())
	assert.True(t, e.lines[0].itemText.Visible())
	assert.Equal(t, e.lines[0].itemText, env.Window.Canvas().Focused())
}

// F1 lists the keys wherever the cursor is: a field, a button, a check box,
// a drop-down, a list, a table, or nowhere.
func TestF1FromEveryKindOfControl(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	main := Main(env)
	env.show(main.Tabs)
	canvas := env.Window.Canvas()
	c := main.Items.card
	for _, where := range []fyne.Focusable{c.no, c.save, c.useSerial, c.model, main.Items.list, main.Search.table.table, nil} {
		if where == nil {
			canvas.Unfocus()
			canvas.(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
		} else {
			canvas.Focus(where)
			where.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
		}
		require.NotNil(t, canvas.Overlays().Top(), "%T", where)
		assert.True(t, dialogSays(env, "Ctrl+Enter"), "%T", where)
		press(env, fyne.KeyEscape) // the list's OK has the cursor
		require.Nil(t, canvas.Overlays().Top())
	}
}

// What comes while the register is still answering: nothing crashes,
// nothing typed or scanned is lost or lands in the wrong place.
func TestTypingWhileTheRegisterAnswers(t *testing.T) {
	t.Run("a line removed while a save is checked", func(t *testing.T) {
		env, s := receiptScreen(t)
		e := s.editor
		scan(env, "OIL-1L")
		for _, item := range []string{"OIL-1L", "CS-500"} {
			l := e.newLine()
			env.Window.Canvas().Focus(l.itemText)
			scan(env, item)
		}
		env.settle()
		test.Tap(s.confirm) // line 3 lacks its serial
		test.Tap(e.lines[1].remove)
		env.settle()
		assert.Len(t, e.lines, 2)
		assert.True(t, e.dirty, "removing a line is a change")
	})
	t.Run("two scans into the item field before the first answer", func(t *testing.T) {
		env, s := orderScreen(t)
		beeps := 0
		env.Beep = func() { beeps++ }
		scan(env, "996A1B2C3")
		typeHere(env, "996A1B2C4") // the field was cleared for it
		enter(env)
		env.settle()
		line := s.editor.lines[0]
		assert.ElementsMatch(t, []string{"996A1B2C3", "996A1B2C4"}, line.serials, "in the order the register answered")
		assert.Equal(t, "2", line.qty.Text)

		scan(env, "996A1B2C3") // once more: already on the order
		env.settle()
		assert.Equal(t, 1, beeps)
		assert.Contains(t, s.editor.lines[1].problem.Text, "996A1B2C3 is on this order already (line 1)")
		assert.ElementsMatch(t, []string{"996A1B2C3", "996A1B2C4"}, line.serials, "not twice")
	})
	t.Run("the next scan is not pulled back to a refused row", func(t *testing.T) {
		env, s := orderScreen(t)
		beeps := 0
		env.Beep = func() { beeps++ }
		e := s.editor
		scan(env, "CS-500")
		e.lines[0].qty.SetText("2")
		e.serials.focus(0)
		scan(env, "996A1B2C1") // sold; its answer comes after the next scan starts
		typeHere(env, "996A1B2C4")
		env.settle()
		assert.Equal(t, 1, beeps, "the refusal sounds")
		assert.Equal(t, "996A1B2C4", e.serials.rows[1].Text, "the next scan stays where it went")
		assert.Equal(t, e.serials.rows[1], env.Window.Canvas().Focused())
		assert.NotEmpty(t, e.serials.rows[0].mark.Text, "and the refused row says why")
	})
	t.Run("a price that does not read leaves the serials checked", func(t *testing.T) {
		env, s := orderScreen(t)
		e := s.editor
		scan(env, "CS-500")
		e.lines[0].amount.SetText("twelve")
		e.serials.focus(0)
		scan(env, "996A1B2C1")
		env.settle()
		assert.Contains(t, e.serials.rows[0].mark.Text, "already sold")
	})
}
