package screens

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func TestTheCustomerAndSupplierRegister(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewParties(env)
	env.show(s.Content())
	env.settle()
	require.NotEmpty(t, s.rows, "the examples' customers")

	test.Tap(s.add)
	assert.Equal(t, s.name, env.Window.Canvas().Focused())
	typeHere(env, "Per Hansen")
	test.Type(s.email, "per(at)example")
	test.Tap(s.save)
	env.settle()
	assert.Contains(t, s.problems.Text, "the e-mail per(at)example is not an address like name@example.no")
	assert.Equal(t, "Per Hansen", s.name.Text, "what was typed stays")

	s.email.SetText("per@example.no")
	s.phone.SetText("+47 412 34 567")
	env.Window.Canvas().Focus(s.phone)
	enter(env) // Enter in a field saves
	env.settle()
	assert.False(t, s.problems.Visible())
	assert.Equal(t, "Per Hansen (C-00003)", s.title.Text)

	s.filter.SetText("41234")
	env.settle()
	require.Len(t, s.rows, 1, "found by the phone's digits")
	assert.Equal(t, "Per Hansen", s.rows[0].Name)

	// A customer with documents: its page, and it stays.
	s.filter.SetText("ola")
	env.settle()
	require.Len(t, s.rows, 1)
	s.list.Select(0)
	env.settle()
	require.Len(t, s.docs, 2, "two purchases")
	assert.Equal(t, "SO-000003", s.docs[0].Ref.String(), "in date order: the drill two years ago")
	assert.Equal(t, "SO-000001", s.docs[1].Ref.String())
	assert.Equal(t, "3 serials", s.serials.count.Text)
	assert.Equal(t, "996A1B2C1", s.serials.cell(widget.TableCellID{Row: 0, Col: 0}))
	test.Tap(s.remove)
	test.Tap(findButton(env.Window.Canvas().Overlays().Top(), "Delete"))
	env.settle()
	assert.Contains(t, labelTexts(env.Window.Canvas().Overlays().Top()), "Ola Nordmann (C-00001) stays: it is on 2 documents (the first SO-000003). Only a customer no document names can be deleted.")
}

// An order takes its customer from the register as you type, a new name
// is added when it is saved, and an order without one says it is a cash
// sale.
func TestAnOrderChoosesItsCustomer(t *testing.T) {
	env, s := orderScreen(t)
	e := s.editor
	env.settle()
	assert.Equal(t, "No customer: a cash sale", e.partyNote.Text)
	env.Window.Canvas().Focus(e.party)
	typeHere(env, "kari")
	require.Equal(t, []string{"Kari Hansen (C-00002)"}, e.party.options)
	press(env, "Down")
	enter(env)
	assert.Equal(t, "Kari Hansen", e.party.Text)
	assert.Equal(t, e.reference, env.Window.Canvas().Focused(), "Enter moves on")
	assert.Equal(t, "C-00002", e.partyNote.Text)
	kari := e.partyID
	require.NotZero(t, kari)

	e.party.SetText("Mona Lisa")
	assert.Equal(t, "New customer: added to the register when saved", e.partyNote.Text)
	env.Window.Canvas().Focus(e.lines[0].itemText)
	scan(env, "CS-500")
	scan(env, "996A1B2C3")
	s.saveOrder()
	env.settle()
	require.Contains(t, s.message.Text, "saved")
	mona, err := env.Reg.Parties(core.Customer, "mona")
	require.NoError(t, err)
	require.Len(t, mona, 1)
	assert.Equal(t, mona[0].ID, s.order.CustomerID)
}

// A customer's number typed whole is that customer, and a line's own
// warranty goes with an item that keeps no serials.
func TestANumberTypedIsItsCustomer(t *testing.T) {
	env, s := orderScreen(t)
	e := s.editor
	env.settle()
	env.Window.Canvas().Focus(e.party)
	typeHere(env, "c-00002")
	enter(env)
	assert.Equal(t, "Kari Hansen", e.party.Text)
	assert.NotZero(t, e.partyID)

	env.Window.Canvas().Focus(e.lines[0].itemText)
	scan(env, "CS-500")
	e.warranty.SetText("2031-01-01")
	e.lines[0].itemText.SetText("OIL-1L")
	e.chooseItem(e.lines[0], "OIL-1L")
	assert.Empty(t, e.lines[0].warranty, "an item without serials keeps no warranty")
	assert.False(t, e.warrantyRow.Visible())
}
