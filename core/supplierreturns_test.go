package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func stateOf(t *testing.T, s *shop, it core.Item, serial string) core.Serial {
	t.Helper()
	page, err := s.reg.ItemOverview(it.ID, core.SerialQuery{Text: serial})
	require.NoError(t, err)
	require.Len(t, page.Rows, 1)
	return page.Rows[0].Serial
}

// Units in stock go back to the supplier: they leave stock with their own
// state and count, the history shows it, and cancelling puts them back.
func TestAReturnToTheSupplierAndItsCancel(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996000001", "996000002", "996000003")
	_, err := s.reg.ConfirmReceipt(core.Receipt{Supplier: "Bolt House", Lines: []core.ReceiptLine{{Item: s.bolts.ID, Quantity: 10}}})
	require.NoError(t, err)
	s.reg.SetUser("ola@WORKSHOP")

	sr, err := s.reg.SaveSupplierReturn(core.SupplierReturn{Supplier: "Husqvarna AB", Reference: "RMA 88", Reason: "defective", Lines: []core.SupplierReturnLine{
		{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"996000001", "996000002"}},
		{Item: s.bolts.ID, Quantity: 4},
	}})
	require.NoError(t, err)
	assert.Equal(t, "SR-000001", sr.Ref().String())
	assert.Equal(t, "ola@WORKSHOP", sr.By)

	st, err := s.reg.Stock(s.chainsaw.ID)
	require.NoError(t, err)
	assert.Equal(t, core.Stock{Purchased: 3, ToSupplier: 2}, st)
	assert.Equal(t, int64(1), st.InStock())
	bolts, err := s.reg.Stock(s.bolts.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(6), bolts.InStock())

	rec := stateOf(t, s, s.chainsaw, "996000001")
	assert.Equal(t, core.ToSupplier, rec.State)
	assert.Equal(t, "returned to supplier", rec.State.String())
	history, err := s.reg.SerialHistory(s.chainsaw.ID, "996000001")
	require.NoError(t, err)
	require.Len(t, history, 2)
	assert.Equal(t, core.EventToSupplier, history[1].Kind)
	assert.Equal(t, sr.Ref(), history[1].Doc)
	page, err := s.reg.SearchSerials(core.SerialQuery{State: core.ToSupplier})
	require.NoError(t, err)
	assert.Equal(t, 2, page.Total)

	// Gone from the shelf: not sold, not returned again.
	_, err = s.reg.SaveOrder(core.Order{Lines: []core.OrderLine{{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000001"}}}})
	assert.Equal(t, []said{{Line: 1, Serial: "996000001", Reason: "returned to Husqvarna AB on SR-000001; receive it again before it is sold"}}, inEnglish(core.Problems(err)))
	_, err = s.reg.SaveSupplierReturn(core.SupplierReturn{Supplier: "Husqvarna AB", Lines: []core.SupplierReturnLine{
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000001"}}}})
	assert.Equal(t, []said{{Line: 1, Serial: "996000001", Reason: "not in stock: returned to Husqvarna AB on SR-000001"}}, inEnglish(core.Problems(err)))

	sr, err = s.reg.CancelSupplierReturn(sr.ID)
	require.NoError(t, err)
	assert.True(t, sr.Cancelled())
	assert.Equal(t, core.InStock, stateOf(t, s, s.chainsaw, "996000001").State)
	st, err = s.reg.Stock(s.chainsaw.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(3), st.InStock())
	history, err = s.reg.SerialHistory(s.chainsaw.ID, "996000001")
	require.NoError(t, err)
	assert.Equal(t, core.EventSupplierReturnCancelled, history[2].Kind)
	_, err = s.reg.CancelSupplierReturn(sr.ID)
	assert.Equal(t, "SR-000001 is already cancelled", core.English.Error(err))
	findings, err := s.reg.Check()
	require.NoError(t, err)
	assert.Empty(t, findings)
}

// The replacement unit comes with the same serial: it is received again,
// and the return can no longer be cancelled.
func TestAUnitReturnedToTheSupplierIsReceivedAgain(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996000001")
	sr, err := s.reg.SaveSupplierReturn(core.SupplierReturn{Supplier: "Husqvarna AB", Lines: []core.SupplierReturnLine{
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000001"}}}})
	require.NoError(t, err)
	again := s.receive(s.chainsaw, "996000001")
	assert.Equal(t, core.InStock, stateOf(t, s, s.chainsaw, "996000001").State)
	_, err = s.reg.CancelSupplierReturn(sr.ID)
	require.Error(t, err)
	assert.Equal(t, []said{{Line: 1, Serial: "996000001", Reason: "received on " + again.Ref().String() + " since"}}, inEnglish(core.Problems(err)))

	// Cancelling the receipt of the replacement: away at the supplier again.
	_, err = s.reg.CancelReceipt(again.ID)
	require.NoError(t, err)
	assert.Equal(t, core.ToSupplier, stateOf(t, s, s.chainsaw, "996000001").State)
	findings, err := s.reg.Check()
	require.NoError(t, err)
	assert.Empty(t, findings)
}

// Every problem of a supplier return is listed at once, and nothing is
// written; a unit from another supplier is a warning.
func TestASupplierReturnIsCheckedLikeAnOrder(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996000001", "996000002")
	s.sell(s.chainsaw, "996000002")
	in := core.SupplierReturn{Supplier: "Stihl", Lines: []core.SupplierReturnLine{
		{Item: s.chainsaw.ID, Quantity: 3, Serials: []string{"996000001", "996000002", "99600000X"}},
		{Item: s.bolts.ID, Quantity: 2},
	}}
	warnings, err := s.reg.CheckSupplierReturn(in)
	assert.Equal(t, []said{
		{Line: 1, Serial: "996000002", Reason: "not in stock: sold on SO-000001 to Jane Doe"},
		{Line: 1, Serial: "99600000X", Reason: "never received; only units in stock go back to the supplier"},
		{Line: 0, Reason: "3 units of CS-500 Chainsaw 500 go back, but 1 are in stock"},
		{Line: 0, Reason: "2 units of BOLT-8 Bolt M8 go back, but 0 are in stock"},
	}, inEnglish(core.Problems(err)))
	assert.Equal(t, []said{{Line: 1, Serial: "996000001", Reason: "received from Husqvarna AB on GR-000001, not from Stihl"}}, inEnglish(warnings))
	_, err = s.reg.SaveSupplierReturn(in)
	require.Error(t, err)
	heads, err := s.reg.SupplierReturns()
	require.NoError(t, err)
	assert.Empty(t, heads)

	_, err = s.reg.SaveSupplierReturn(core.SupplierReturn{Lines: []core.SupplierReturnLine{{Item: s.chainsaw.ID, Quantity: 1}}})
	assert.Equal(t, []said{
		{Reason: "name the supplier the units go back to"},
		{Line: 1, Reason: "CS-500 Chainsaw 500 needs a serial for every unit: 0 of 1 entered"},
	}, inEnglish(core.Problems(err)))
}

// A unit's later life is undone around a return to the supplier without
// the register disagreeing with itself: the customer's order cancelled
// before the supplier return is, and a unit received again and its
// receipt cancelled.
func TestUndoingAroundASupplierReturnKeepsTheRegisterWhole(t *testing.T) {
	for _, c := range []struct {
		name string
		undo func(s *shop, o core.Order, sr core.SupplierReturn)
		want core.State
	}{
		{"order then supplier return cancelled", func(s *shop, o core.Order, sr core.SupplierReturn) {
			_, err := s.reg.CancelOrder(o.ID)
			require.NoError(t, err)
			_, err = s.reg.CancelSupplierReturn(sr.ID)
			require.NoError(t, err)
		}, core.InStock},
		{"order cancelled, received again, receipt cancelled", func(s *shop, o core.Order, sr core.SupplierReturn) {
			_, err := s.reg.CancelOrder(o.ID)
			require.NoError(t, err)
			again := s.receive(s.chainsaw, "996000001")
			_, err = s.reg.CancelReceipt(again.ID)
			require.NoError(t, err)
		}, core.ToSupplier},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newShop(t)
			s.receive(s.chainsaw, "996000001")
			o := s.sell(s.chainsaw, "996000001")
			_, err := s.reg.ReturnToStock(o.ID, core.ReturnInput{Line: 1, Serials: []string{"996000001"}})
			require.NoError(t, err)
			sr, err := s.reg.SaveSupplierReturn(core.SupplierReturn{Supplier: "Husqvarna AB", Lines: []core.SupplierReturnLine{
				{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000001"}}}})
			require.NoError(t, err)
			c.undo(s, o, sr)
			assert.Equal(t, c.want, stateOf(t, s, s.chainsaw, "996000001").State)
			findings, err := s.reg.Check()
			require.NoError(t, err)
			assert.Empty(t, findings)
			st, err := s.reg.Stock(s.chainsaw.ID)
			require.NoError(t, err)
			onShelf := int64(0)
			if c.want.Available() {
				onShelf = 1
			}
			assert.Equal(t, onShelf, st.InStock(), "the counts agree with the unit")
		})
	}
}
