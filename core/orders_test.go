package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func TestSaveOrderMarksSerialsSold(t *testing.T) {
	s := newShop(t)
	rc := s.receive(s.chainsaw, "996AAAAA1", "996AAAAA2")
	s.reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: s.bolts.ID, Quantity: 50}}})
	o, err := s.reg.SaveOrder(core.Order{Customer: "Jane Doe", Lines: []core.OrderLine{
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996aaaaa1"}, UnitPrice: 59900},
		{Item: s.bolts.ID, Quantity: 20},
	}})
	require.NoError(t, err)
	assert.Equal(t, "SO-000001", o.Ref().String())
	assert.Equal(t, core.Stock{Purchased: 2, Sold: 1}, s.stock(s.chainsaw))
	assert.Equal(t, int64(30), s.stock(s.bolts).InStock())

	rec, _ := s.serial(s.chainsaw, "996AAAAA1")
	assert.Equal(t, core.Sold, rec.State)
	assert.Equal(t, rc.Ref(), rec.Received.Doc, "the receipt stays known")
	assert.Equal(t, o.Ref(), rec.Sold.Doc)
	assert.Equal(t, "Jane Doe", rec.Sold.Party)
	assert.Equal(t, core.Money(59900), rec.Sold.Amount)
	assert.Equal(t, []string{"received GR-000001", "sold SO-000001"}, s.history(s.chainsaw, "996AAAAA1"))
}

func TestSaveOrderReportsEveryProblemAndWritesNothing(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996AAAAA1", "996AAAAA2", "996AAAAA3")
	first := s.sell(s.chainsaw, "996AAAAA1")
	_, err := s.reg.SaveOrder(core.Order{Customer: "John Roe", Lines: []core.OrderLine{
		{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"99612345", "996AAAAA1"}},
		{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"996AAAAA2"}},
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996aaaaa2"}},
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996ZZZZZ9"}},
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996AAAAA3", "996AAAAA4"}},
	}})
	requireProblems(t, err, core.Invalid,
		said{Line: 1, Serial: "99612345", Reason: "8 characters, the pattern 996****** needs 9"},
		said{Line: 1, Serial: "996AAAAA1", Reason: "already sold on SO-000001 to Jane Doe; a serial can be sold only once"},
		said{Line: 2, Reason: "CS-500 Chainsaw 500 needs a serial for every unit: 1 of 2 entered"},
		said{Line: 3, Serial: "996AAAAA2", Reason: "entered twice (first on line 2)"},
		said{Line: 4, Serial: "996ZZZZZ9", Reason: "never received; CS-500 Chainsaw 500 needs its serials registered at purchase, so receive it first"},
		said{Line: 5, Reason: "2 serials for a quantity of 1; one serial goes with one unit"},
		said{Line: 5, Serial: "996AAAAA4", Reason: "never received; CS-500 Chainsaw 500 needs its serials registered at purchase, so receive it first"},
	)
	assert.Equal(t, core.Stock{Purchased: 3, Sold: 1}, s.stock(s.chainsaw))
	rec, _ := s.serial(s.chainsaw, "996AAAAA2")
	assert.Equal(t, core.InStock, rec.State)
	orders, err := s.reg.Orders()
	require.NoError(t, err)
	require.Len(t, orders, 1)
	assert.Equal(t, first.ID, orders[0].ID)
}

func TestOrderSerialRules(t *testing.T) {
	s := newShop(t)
	optional, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true, Pattern: "D-##"})
	require.NoError(t, err)
	tests := []struct {
		name string
		line core.OrderLine
		want []said
	}{
		{"serial not required at sale", core.OrderLine{Item: optional.ID, Quantity: 2, Serials: []string{"D-01"}}, nil},
		{"never received, not required at purchase", core.OrderLine{Item: optional.ID, Quantity: 1, Serials: []string{"D-02"}}, nil},
		{"pattern still applies", core.OrderLine{Item: optional.ID, Quantity: 1, Serials: []string{"D-3"}},
			[]said{{Line: 1, Serial: "D-3", Reason: "3 characters, the pattern D-## needs 4"}}},
		{"quantity only", core.OrderLine{Item: s.bolts.ID, Quantity: 7}, nil},
		{"no serials on quantity items", core.OrderLine{Item: s.bolts.ID, Quantity: 1, Serials: []string{"X"}},
			[]said{{Line: 1, Reason: "BOLT-8 Bolt M8 does not use serial numbers; remove the serials or turn on Use serial number on the item card"}}},
		{"zero quantity", core.OrderLine{Item: s.bolts.ID}, []said{{Line: 1, Reason: "the quantity must be at least 1"}}},
		{"negative price", core.OrderLine{Item: s.bolts.ID, Quantity: 1, UnitPrice: -1},
			[]said{{Line: 1, Reason: "the unit price cannot be negative"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.reg.SaveOrder(core.Order{Lines: []core.OrderLine{tt.line}})
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			requireProblems(t, err, core.Invalid, tt.want...)
		})
	}
	rec, ok := s.serial(optional, "D-02")
	require.True(t, ok, "a serial sold without a receipt is registered as sold")
	assert.Equal(t, core.Sold, rec.State)
	assert.Nil(t, rec.Received)
	assert.Equal(t, int64(-3), s.stock(optional).InStock(), "selling what was not received leaves stock below zero")

	_, err = s.reg.SaveOrder(core.Order{})
	requireProblems(t, err, core.Invalid, said{Reason: "add at least one line"})
}

func TestEditOrder(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996AAAAA1", "996AAAAA2", "996AAAAA3")
	o, err := s.reg.SaveOrder(core.Order{Customer: "Jane Doe", Lines: []core.OrderLine{
		{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"996AAAAA1", "996AAAAA2"}},
		{Item: s.bolts.ID, Quantity: 5},
	}})
	require.NoError(t, err)

	// Remove a serial (and its unit), add another, drop the bolts line.
	o.Lines = []core.OrderLine{{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"996AAAAA2", "996AAAAA3"}}}
	o.Customer, o.CustomerID = "Jane Doe Ltd", 0 // another customer, by name: the chosen one's number is let go
	edited, err := s.reg.SaveOrder(o)
	require.NoError(t, err)
	assert.Equal(t, o.ID, edited.ID)
	assert.Equal(t, core.Stock{Purchased: 3, Sold: 2}, s.stock(s.chainsaw))
	assert.Equal(t, core.Stock{}, s.stock(s.bolts))

	rec, _ := s.serial(s.chainsaw, "996AAAAA1")
	assert.Equal(t, core.InStock, rec.State, "the removed serial is back in stock")
	assert.Nil(t, rec.Sold)
	rec, _ = s.serial(s.chainsaw, "996AAAAA2")
	assert.Equal(t, "Jane Doe Ltd", rec.Sold.Party, "kept serials follow the order's customer")
	assert.Equal(t, []string{"received GR-000001", "sold SO-000001", "removed from order SO-000001"}, s.history(s.chainsaw, "996AAAAA1"))

	// Another order can now sell the removed serial.
	s.sell(s.chainsaw, "996AAAAA1")

	// An edit with a problem changes nothing.
	edited.Lines[0].Serials = []string{"996AAAAA1", "996AAAAA2"}
	_, err = s.reg.SaveOrder(edited)
	requireProblems(t, err, core.Invalid, said{Line: 1, Serial: "996AAAAA1", Reason: "already sold on SO-000002 to Jane Doe; a serial can be sold only once"})
	rec, _ = s.serial(s.chainsaw, "996AAAAA3")
	assert.Equal(t, core.Sold, rec.State)
}

func TestCancelOrder(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996AAAAA1", "996AAAAA2")
	o, err := s.reg.SaveOrder(core.Order{Customer: "Jane Doe", Lines: []core.OrderLine{
		{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"996AAAAA1", "996AAAAA2"}},
		{Item: s.bolts.ID, Quantity: 3},
	}})
	require.NoError(t, err)
	_, err = s.reg.ReturnToStock(o.ID, core.ReturnInput{Line: 1, Serials: []string{"996AAAAA2"}})
	require.NoError(t, err)

	cancelled, err := s.reg.CancelOrder(o.ID)
	require.NoError(t, err)
	assert.True(t, cancelled.Cancelled())
	assert.Equal(t, core.Stock{Purchased: 2}, s.stock(s.chainsaw), "as if the order never was")
	assert.Equal(t, core.Stock{}, s.stock(s.bolts))
	for _, serial := range []string{"996AAAAA1", "996AAAAA2"} {
		rec, _ := s.serial(s.chainsaw, serial)
		assert.Equal(t, core.InStock, rec.State, serial)
		assert.Nil(t, rec.Sold, serial)
		assert.Nil(t, rec.Returned, serial)
	}
	_, err = s.reg.CancelOrder(o.ID)
	assert.Equal(t, core.Conflict, core.ErrorCode(err))
	_, err = s.reg.SaveOrder(cancelled)
	assert.Equal(t, core.Conflict, core.ErrorCode(err), "a cancelled order cannot be edited")
	s.sell(s.chainsaw, "996AAAAA1", "996AAAAA2")
}

func TestCancelOrderLeavesSerialsThatMovedOn(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996AAAAA1")
	first := s.sell(s.chainsaw, "996AAAAA1")
	_, err := s.reg.ReturnToStock(first.ID, core.ReturnInput{Line: 1, Serials: []string{"996AAAAA1"}})
	require.NoError(t, err)
	second := s.sell(s.chainsaw, "996AAAAA1")

	_, err = s.reg.CancelOrder(first.ID)
	require.NoError(t, err)
	rec, _ := s.serial(s.chainsaw, "996AAAAA1")
	assert.Equal(t, core.Sold, rec.State, "the second sale owns the serial now")
	assert.Equal(t, second.Ref(), rec.Sold.Doc)
	assert.Equal(t, core.Stock{Purchased: 1, Sold: 1}, s.stock(s.chainsaw))
}

func TestReturnToStock(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996AAAAA1", "996AAAAA2", "996AAAAA3")
	s.receive(s.chainsaw, "996OTHER1")
	o, err := s.reg.SaveOrder(core.Order{Customer: "Jane Doe", Lines: []core.OrderLine{
		{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"996AAAAA1", "996AAAAA2"}, UnitPrice: 50000},
		{Item: s.bolts.ID, Quantity: 10},
	}})
	require.NoError(t, err)

	_, err = s.reg.ReturnToStock(o.ID, core.ReturnInput{Line: 1, Serials: []string{"996AAAAA3", "996OTHER1", "bad!", "996AAAAA1", "996aaaaa1"}})
	requireProblems(t, err, core.Invalid,
		said{Line: 1, Serial: "996AAAAA3", Reason: "is not on line 1 of SO-000001"},
		said{Line: 1, Serial: "996OTHER1", Reason: "is not on line 1 of SO-000001"},
		said{Line: 1, Serial: "bad!", Reason: "character 4 '!' is not allowed; use letters, digits and - / . _"},
		said{Line: 1, Serial: "996AAAAA1", Reason: "entered twice in this return"},
		said{Line: 1, Reason: "only 2 units of CS-500 Chainsaw 500 are left to return on SO-000001"},
	)
	_, err = s.reg.ReturnToStock(o.ID, core.ReturnInput{Line: 1, Serials: []string{"996AAAAA2"}, Quantity: 2})
	requireProblems(t, err, core.Invalid, said{Line: 1, Reason: "CS-500 Chainsaw 500 needs the serial of every unit returned"})

	o, err = s.reg.ReturnToStock(o.ID, core.ReturnInput{Line: 1, Serials: []string{"996aaaaa1"}, Note: "Faulty chain brake"})
	require.NoError(t, err)
	require.Len(t, o.Returns, 1)
	assert.Equal(t, 1, o.Returns[0].Quantity)
	rec, _ := s.serial(s.chainsaw, "996AAAAA1")
	assert.Equal(t, core.Returned, rec.State)
	assert.Equal(t, o.Ref(), rec.Returned.Doc, "recorded against the original order")
	assert.Equal(t, "Jane Doe", rec.Returned.Party, "and the original customer")
	assert.Equal(t, core.Stock{Purchased: 4, Sold: 2, Returned: 1}, s.stock(s.chainsaw))
	assert.Equal(t, int64(3), s.stock(s.chainsaw).InStock())
	assert.Equal(t, []string{"received GR-000001", "sold SO-000001", "returned SO-000001"}, s.history(s.chainsaw, "996AAAAA1"))

	_, err = s.reg.ReturnToStock(o.ID, core.ReturnInput{Line: 1, Serials: []string{"996AAAAA1"}})
	requireProblems(t, err, core.Invalid, said{Line: 1, Serial: "996AAAAA1", Reason: "cannot come back on SO-000001: it is returned on SO-000001 by Jane Doe"})

	// A returned unit is in stock: it cannot be received again, but can be sold again.
	_, err = s.reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996AAAAA1"}}}})
	requireProblems(t, err, core.Invalid, said{Line: 1, Serial: "996AAAAA1", Reason: "already in stock (returned on SO-000001 by Jane Doe)"})

	// Quantity-only lines return a quantity, never more than was sold.
	_, err = s.reg.ReturnToStock(o.ID, core.ReturnInput{Line: 2, Quantity: 4})
	require.NoError(t, err)
	_, err = s.reg.ReturnToStock(o.ID, core.ReturnInput{Line: 2, Quantity: 7})
	requireProblems(t, err, core.Invalid, said{Line: 2, Reason: "only 6 units of BOLT-8 Bolt M8 are left to return on SO-000001"})
	_, err = s.reg.ReturnToStock(o.ID, core.ReturnInput{Line: 3, Quantity: 1})
	assert.Equal(t, core.Invalid, core.ErrorCode(err))
	_, err = s.reg.ReturnToStock(o.ID, core.ReturnInput{Line: 2})
	requireProblems(t, err, core.Invalid, said{Line: 2, Reason: "enter the serials or the quantity returned"})
	assert.Equal(t, core.Stock{Sold: 10, Returned: 4}, s.stock(s.bolts))

	// Returned serials stay on the order; an edit (of the order as it is
	// now, returns and all) cannot take them off.
	o, err = s.reg.Order(o.ID)
	require.NoError(t, err)
	o.Lines[0] = core.OrderLine{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996AAAAA2"}}
	_, err = s.reg.SaveOrder(o)
	requireProblems(t, err, core.Invalid,
		said{Serial: "996AAAAA1", Reason: "was returned by the customer; it stays on the order"})
	// Nor lower the quantity below what came back.
	o.Lines = []core.OrderLine{{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"996AAAAA1", "996AAAAA2"}}, {Item: s.bolts.ID, Quantity: 3}}
	_, err = s.reg.SaveOrder(o)
	requireProblems(t, err, core.Invalid, said{Reason: "4 units of BOLT-8 Bolt M8 were returned; the order must keep at least 4"})
	// An edit that keeps them is fine, and leaves the returned serial returned.
	o.Lines[1].Quantity = 6
	_, err = s.reg.SaveOrder(o)
	require.NoError(t, err)
	rec, _ = s.serial(s.chainsaw, "996AAAAA1")
	assert.Equal(t, core.Returned, rec.State)
	assert.Equal(t, core.Stock{Sold: 6, Returned: 4}, s.stock(s.bolts))

	// Sold again to someone else.
	s.sell(s.chainsaw, "996AAAAA1")
	rec, _ = s.serial(s.chainsaw, "996AAAAA1")
	assert.Equal(t, core.Sold, rec.State)
	assert.Nil(t, rec.Returned)
}
