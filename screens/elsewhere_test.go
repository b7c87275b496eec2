package screens

import (
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

// An order open here that another counter changes is shown afresh when
// nothing is typed into it; what is typed stays, with a note.
func TestAnOrderChangedOnAnotherCounter(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	m := Main(env)
	env.show(m.Tabs)
	o, err := env.Reg.Order(1)
	require.NoError(t, err)
	m.Orders.show(o)
	env.settle()

	// The other counter shares the store (env.Reg stands for it here).
	o.Reference = "phone order"
	o, err = env.Reg.SaveOrder(o)
	require.NoError(t, err)
	m.ChangedElsewhere(Changed{Docs: []core.DocRef{o.Ref()}, By: "ola@COUNTER-2"})
	env.settle()
	assert.Equal(t, "phone order", m.Orders.editor.reference.Text)
	assert.Equal(t, "SO-000001 was just changed on another counter by ola@COUNTER-2; it is shown as it is now.", m.Orders.message.Text)

	// After the server was out of reach anything may have changed: shown
	// afresh, without saying it was changed.
	o.Reference = "while offline"
	o, err = env.Reg.SaveOrder(o)
	require.NoError(t, err)
	tell(m.Orders.message, "")
	m.ChangedElsewhere(Changed{Everything: true})
	env.settle()
	assert.Equal(t, "while offline", m.Orders.editor.reference.Text)
	assert.Empty(t, m.Orders.message.Text)

	// Typed into, it stays as typed.
	m.Orders.editor.reference.SetText("typed here")
	o.Reference = "changed again"
	_, err = env.Reg.SaveOrder(o)
	require.NoError(t, err)
	m.ChangedElsewhere(Changed{Docs: []core.DocRef{o.Ref()}, By: "ola@COUNTER-2"})
	env.settle()
	assert.Equal(t, "typed here", m.Orders.editor.reference.Text)
	assert.Contains(t, m.Orders.message.Text, "What you typed is kept, but saving it will be refused")

	// The item card follows too: its counts, and its settings while
	// nothing is typed into them.
	saw, err := env.Reg.ItemByNo("CS-500")
	require.NoError(t, err)
	m.Items.card.edit(saw)
	env.settle()
	before := m.Items.card.overview.counts.Text
	_, err = env.Reg.SaveOrder(core.Order{Customer: "C", Lines: []core.OrderLine{{Item: saw.ID, Quantity: 1, Serials: []string{"996A1B2C4"}}}})
	require.NoError(t, err)
	saw.Price = 64900
	saw, err = env.Reg.SaveItem(saw)
	require.NoError(t, err)
	m.ChangedElsewhere(Changed{By: "ola@COUNTER-2"})
	env.settle()
	assert.NotEqual(t, before, m.Items.card.overview.counts.Text)
	assert.Contains(t, m.Items.card.overview.counts.Text, "Sold 3")
	assert.Equal(t, "649.00", m.Items.card.price.Text, "the new price is shown")
	m.Items.card.name.SetText("typed here")
	saw.Price = 69900
	_, err = env.Reg.SaveItem(saw)
	require.NoError(t, err)
	m.ChangedElsewhere(Changed{By: "ola@COUNTER-2"})
	env.settle()
	assert.Equal(t, "typed here", m.Items.card.name.Text, "what is typed stays")
	assert.Equal(t, "649.00", m.Items.card.price.Text)
	m.Items.card.saveItem()
	env.settle()
	assert.Contains(t, m.Items.card.problems.Text, "The item card CS-500 was changed at ")
	assert.Equal(t, "typed here", m.Items.card.name.Text)

	// A change to another document leaves this one alone.
	m.ChangedElsewhere(Changed{Docs: []core.DocRef{{Kind: core.OrderDoc, ID: 2}}, By: "ola@COUNTER-2"})
	env.settle()
	assert.Equal(t, "typed here", m.Orders.editor.reference.Text)
}

// unreachable is a register the network lost for a while: its first saves
// (failures) and reads (readFailures) fail as a shop server's do.
type unreachable struct {
	core.Store
	failures, readFailures atomic.Int32
}

func (u *unreachable) View(fn func(core.Tx) error) error {
	if u.readFailures.Add(-1) >= 0 {
		return &core.Error{Code: core.Unavailable, Message: core.Say("Cannot reach the shop server db:5432, database shop.")}
	}
	return u.Store.View(fn)
}

func (u *unreachable) Update(fn func(core.Tx) error) error {
	if u.failures.Add(-1) >= 0 {
		return &core.Error{Code: core.Unavailable, Message: core.Say("Cannot reach the shop server db:5432, database shop. Nothing was saved.")}
	}
	return u.Store.Update(fn)
}

// ordersOnALostServer is the Orders screen on the example data, on a
// register the network can lose (lost).
func ordersOnALostServer(t *testing.T) (*Env, *Orders, *unreachable) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Serialdesk")
	w.Resize(fyne.NewSize(1200, 760))
	t.Cleanup(w.Close)
	env := testEnv(t, a, w)
	lost := &unreachable{Store: datatest.MustOpen(t, "")}
	require.NoError(t, core.New(lost.Store).LoadExamples())
	env.Reg = core.New(lost)
	s := NewOrders(env)
	env.show(s.Content())
	s.Focus()
	return env, s, lost
}

// Saving while the server cannot be reached keeps what was typed and
// offers to try again, which saves it once the server answers.
func TestSavingWhileTheServerIsGoneOffersToTryAgain(t *testing.T) {
	env, s, lost := ordersOnALostServer(t)
	w := env.Window
	lost.failures.Store(1)

	scan(env, "OIL-1L")
	s.editor.party.SetText("Jane Doe")
	s.saveOrder()
	env.settle()
	said := strings.Join(labelTexts(w.Canvas().Overlays().Top()), " ")
	assert.Contains(t, said, "Cannot reach the shop server db:5432, database shop. Nothing was saved.")
	assert.Contains(t, said, "What you typed is kept.")
	assert.Equal(t, "Jane Doe", s.editor.party.Text)
	assert.True(t, s.editor.dirty, "leaving it still asks first")

	require.NotNil(t, findEnterButton(w.Canvas().Overlays().Top(), "Try again"))
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter tries again
	env.settle()
	assert.Equal(t, "SO-000004 saved: 1 unit sold.", s.message.Text)
}

// A search while the server cannot be reached says so in a word beside the
// field (the window's strip says the rest), and runs again once it answers.
func TestSearchingWhileTheServerIsGone(t *testing.T) {
	env := newTestEnv(t)
	lost := &unreachable{Store: datatest.MustOpen(t, "")}
	require.NoError(t, core.New(lost.Store).LoadExamples())
	env.Reg = core.New(lost)
	s := NewSearch(env)
	env.show(s.Content())
	lost.readFailures.Store(1)
	s.text.SetText("996") // searches as it is typed
	env.settle()
	assert.Equal(t, "Waiting for the server", s.table.count.Text)
	assert.Nil(t, env.Window.Canvas().Overlays().Top(), "no dialog over the work")
	s.search()
	env.settle()
	assert.Equal(t, "6 serials", s.table.count.Text)

	// The lists and the item suggestions the order screen reads at once
	// take no keys from the clerk either.
	orders := NewOrders(env)
	env.show(orders.Content())
	lost.readFailures.Store(3)
	orders.reload()
	orders.editor.loadItems()
	env.settle()
	assert.Nil(t, env.Window.Canvas().Overlays().Top())
}

// A unit scanned into the item field while the server cannot be reached
// stays in the field, for Enter to try again once it answers.
func TestAScanWhileTheServerIsGoneIsKept(t *testing.T) {
	env, s, lost := ordersOnALostServer(t)
	w := env.Window
	lost.readFailures.Store(1000) // gone until further notice

	scan(env, "996A1B2C3")
	env.settle()
	assert.Equal(t, "996A1B2C3", s.editor.lines[0].itemText.Text, "nothing scanned is lost")
	assert.Nil(t, w.Canvas().Overlays().Top(), "the window's strip says the server is gone, not a dialog")

	lost.readFailures.Store(0)
	enter(env)
	env.settle()
	assert.Equal(t, []string{"996A1B2C3"}, s.editor.lines[0].serials, "Enter tries again")
}
