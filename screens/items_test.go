package screens

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func TestCreateAnItemCard(t *testing.T) {
	env := newTestEnv(t)
	s := NewItems(env)
	env.show(s.Content())
	c := s.card
	assert.Equal(t, "New item", c.title.Text)

	test.Type(c.no, "CS-500")
	test.Type(c.name, "Chainsaw 500")
	test.Type(c.price, "599")
	assert.True(t, c.pattern.Disabled(), "no pattern until the item uses serial numbers")
	test.Tap(c.useSerial)
	test.Type(c.pattern, "996******")
	assert.Equal(t, "9 characters, starts with 996, then 6 letters or digits", c.patternHelp.Text)
	test.Tap(c.requireSale)
	test.Tap(c.requirePurchase)
	test.Tap(c.save)
	env.settle()

	it, err := env.Reg.ItemByNo("CS-500")
	require.NoError(t, err)
	assert.Equal(t, 1, it.Revision, "saved once")
	assert.Equal(t, core.Item{ID: it.ID, No: "CS-500", Name: "Chainsaw 500", Price: 59900, UseSerial: true, Pattern: "996******",
		RequireAtSale: true, RequireAtPurchase: true, SerialParam: core.DefaultSerialParam, LastChange: it.LastChange}, it)
	assert.Equal(t, "CS-500 Chainsaw 500", c.title.Text)
	require.Len(t, s.rows, 1)
	assert.Equal(t, "CS-500", s.rows[0].No)
}

func TestPatternIsExplainedAndRefusedInline(t *testing.T) {
	env := newTestEnv(t)
	s := NewItems(env)
	env.show(s.Content())
	c := s.card
	test.Type(c.no, "X1")
	test.Type(c.name, "Saw")
	test.Tap(c.useSerial)
	test.Type(c.pattern, "99 6")
	assert.Equal(t, "Pattern character 3 (a space) is not allowed; use letters, digits, - / . _ and the wildcards * (letter or digit), # (digit), @ (letter)", c.patternHelp.Text)
	assert.Equal(t, widget.DangerImportance, c.patternHelp.Importance)
	assert.Error(t, c.pattern.Validate())

	test.Tap(c.save)
	env.settle()
	assert.Contains(t, c.noteOf(c.pattern), "pattern character 3 (a space) is not allowed", "said at the field")
	assert.Equal(t, c.pattern, env.Window.Canvas().Focused(), "with the cursor in it")
	assert.False(t, c.problems.Visible())
	assert.Equal(t, "99 6", c.pattern.Text, "what was typed stays")
	empty, err := env.Reg.IsEmpty()
	require.NoError(t, err)
	assert.True(t, empty, "nothing was saved")
}

func TestDuplicateItemNumberIsShownAndNothingIsLost(t *testing.T) {
	env := newTestEnv(t)
	_, err := env.Reg.SaveItem(core.Item{No: "CS-500", Name: "Chainsaw 500"})
	require.NoError(t, err)
	s := NewItems(env)
	env.show(s.Content())
	test.Tap(s.card.save) // an empty card
	env.settle()
	assert.Equal(t, "the item number is empty", s.card.noteOf(s.card.no))
	assert.Equal(t, "the name is empty", s.card.noteOf(s.card.name))
	assert.Equal(t, s.card.no, env.Window.Canvas().Focused())

	test.Type(s.card.no, "cs-500")
	test.Type(s.card.name, "Another saw")
	test.Tap(s.card.save)
	env.settle()
	assert.Equal(t, "Item number cs-500 is already used by CS-500 Chainsaw 500", s.card.noteOf(s.card.no))
	assert.Empty(t, s.card.noteOf(s.card.name), "a problem gone from a field goes from its note")
	assert.Equal(t, "Another saw", s.card.name.Text)
}

func TestItemSerialNumbersTab(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewItems(env)
	env.show(s.Content())
	test.Type(s.filter, "chainsaw")
	env.settle()
	require.Len(t, s.rows, 1)
	s.list.Select(0)
	env.settle()

	c := s.card
	assert.Equal(t, "CS-500 Chainsaw 500", c.title.Text)
	assert.Equal(t, "996******", c.pattern.Text)
	c.tabs.SelectIndex(1)
	ov := c.overview
	assert.Equal(t, "Purchased 6 · Sold 2 · Returned 1 · To supplier 0 · In stock 5", ov.counts.Text)
	assert.Equal(t, "6 serials", ov.table.count.Text)
	assert.Equal(t, "996A1B2C1", ov.table.cell(widget.TableCellID{Row: 0, Col: 1}))
	assert.Equal(t, "sold", ov.table.cell(widget.TableCellID{Row: 0, Col: 2}))
	assert.Equal(t, "GR-000001", ov.table.cell(widget.TableCellID{Row: 0, Col: 5}))
	assert.Equal(t, "Husqvarna Nordic AB", ov.table.cell(widget.TableCellID{Row: 0, Col: 6}))
	assert.Equal(t, "SO-000001", ov.table.cell(widget.TableCellID{Row: 0, Col: 8}))
	assert.Equal(t, "Ola Nordmann", ov.table.cell(widget.TableCellID{Row: 0, Col: 9}))

	ov.state.SetSelected("returned")
	env.settle()
	assert.Equal(t, "1 serial", ov.table.count.Text)
	assert.Equal(t, "996A1B2C2", ov.table.cell(widget.TableCellID{Row: 0, Col: 1}))
}

func TestModelLinkAndEntityRules(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewItems(env)
	env.show(s.Content())
	test.Type(s.filter, "NEW-A6")
	env.settle()
	s.list.Select(0)
	env.settle()
	c := s.card
	assert.Equal(t, "Audi A6  (item NEW-A6)", c.model.Selected)
	assert.True(t, c.createEntity.Checked)
	assert.False(t, c.onSave.Disabled())

	// A second item may not take the same model.
	s.card.edit(core.Item{})
	env.settle()
	test.Type(c.no, "USED-A6")
	test.Type(c.name, "USED AUDI A6")
	test.Tap(c.useSerial)
	c.model.SetSelected("Audi A6  (item NEW-A6)")
	test.Tap(c.save)
	env.settle()
	assert.Equal(t, "Model Audi A6 is already linked to item NEW-A6 NEW AUDI A6; each model can have only one item", c.noteOf(c.model))
}

// noteOf is the problem shown under a field of the card, "" when none is.
func (c *itemCard) noteOf(field fyne.Focusable) string {
	for _, n := range c.notes {
		if n.field == field && n.label.Visible() {
			return n.label.Text
		}
	}
	return ""
}
