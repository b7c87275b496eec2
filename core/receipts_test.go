package core_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func TestConfirmReceiptRegistersSerials(t *testing.T) {
	s := newShop(t)
	date := time.Date(2026, 11, 20, 15, 4, 0, 0, time.Local)
	rc, err := s.reg.ConfirmReceipt(core.Receipt{Date: date, Supplier: "Husqvarna AB", Reference: "DN-77", Lines: []core.ReceiptLine{
		{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{" 996a1b2c3", "996A1B2C4", ""}, UnitCost: 45000},
		{Item: s.bolts.ID, Quantity: 100},
	}})
	require.NoError(t, err)
	assert.Equal(t, "GR-000001", rc.Ref().String())
	assert.Equal(t, core.Confirmed, rc.Status)
	assert.Equal(t, []string{"996A1B2C3", "996A1B2C4"}, rc.Lines[0].Serials, "serials are stored normalized, blank rows dropped")
	assert.Equal(t, core.Stock{Purchased: 2}, s.stock(s.chainsaw))
	assert.Equal(t, core.Stock{Purchased: 100}, s.stock(s.bolts))

	rec, ok := s.serial(s.chainsaw, "996A1B2C3")
	require.True(t, ok)
	assert.Equal(t, core.InStock, rec.State)
	assert.Equal(t, &core.Movement{Date: core.Day(date), Doc: rc.Ref(), Party: "Husqvarna AB", Amount: 45000}, rec.Received)
	assert.Equal(t, []string{"received GR-000001"}, s.history(s.chainsaw, "996A1B2C3"))

	second := s.receive(s.chainsaw, "996A1B2C5")
	assert.Equal(t, "GR-000002", second.Ref().String())
}

func TestConfirmReceiptReportsEveryProblemAndWritesNothing(t *testing.T) {
	s := newShop(t)
	first := s.receive(s.chainsaw, "996AAAAA1")
	_, err := s.reg.ConfirmReceipt(core.Receipt{Supplier: "Husqvarna AB", Lines: []core.ReceiptLine{
		{Item: s.chainsaw.ID, Quantity: 4, Serials: []string{"99612345", "997A1B2C3", "996BBBBB1", "996AAAAA1"}},
		{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"996bbbbb1"}},
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996CCCCC1", "996CCCCC2"}},
		{Item: s.bolts.ID, Quantity: 5, Serials: []string{"B1"}},
		{Item: s.bolts.ID, Quantity: 0},
		{Item: 999, Quantity: 1},
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996 DDDD1"}},
	}})
	requireProblems(t, err, core.Invalid,
		said{Line: 1, Serial: "99612345", Reason: "8 characters, the pattern 996****** needs 9"},
		said{Line: 1, Serial: "997A1B2C3", Reason: "character 3 must be 6"},
		said{Line: 1, Serial: "996AAAAA1", Reason: "already in stock (received on GR-000001)"},
		said{Line: 2, Reason: "CS-500 Chainsaw 500 needs a serial for every unit: 1 of 2 entered"},
		said{Line: 2, Serial: "996BBBBB1", Reason: "entered twice (first on line 1)"},
		said{Line: 3, Reason: "2 serials for a quantity of 1; one serial goes with one unit"},
		said{Line: 4, Reason: "BOLT-8 Bolt M8 does not use serial numbers; remove the serials or turn on Use serial number on the item card"},
		said{Line: 5, Reason: "the quantity must be at least 1"},
		said{Line: 6, Reason: "choose an item for the line"},
		said{Line: 7, Serial: "996 DDDD1", Reason: "character 4 (a space) is not allowed; use letters, digits and - / . _"},
	)
	assert.Contains(t, core.English.Error(err), "The receipt has 10 problems; nothing was saved.\n  line 1: serial 99612345: 8 characters")

	assert.Equal(t, core.Stock{Purchased: 1}, s.stock(s.chainsaw), "nothing was received")
	assert.Equal(t, core.Stock{}, s.stock(s.bolts))
	_, ok := s.serial(s.chainsaw, "996BBBBB1")
	assert.False(t, ok)
	list, err := s.reg.Receipts()
	require.NoError(t, err)
	assert.Equal(t, []core.DocID{first.ID}, docIDs(list))
}

func docIDs(list []core.ReceiptHead) []core.DocID {
	var ids []core.DocID
	for _, rc := range list {
		ids = append(ids, rc.ID)
	}
	return ids
}

func TestReceiptSerialRules(t *testing.T) {
	s := newShop(t)
	loose, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true})
	require.NoError(t, err)
	tests := []struct {
		name string
		line core.ReceiptLine
		want []said
	}{
		{"serials optional at purchase", core.ReceiptLine{Item: loose.ID, Quantity: 3, Serials: []string{"D-1"}}, nil},
		{"never more serials than units", core.ReceiptLine{Item: loose.ID, Quantity: 1, Serials: []string{"D-2", "D-3"}},
			[]said{{Line: 1, Reason: "2 serials for a quantity of 1; one serial goes with one unit"}}},
		{"required at purchase", core.ReceiptLine{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"996AAAAA1"}},
			[]said{{Line: 1, Reason: "CS-500 Chainsaw 500 needs a serial for every unit: 1 of 2 entered"}}},
		{"negative quantity", core.ReceiptLine{Item: s.bolts.ID, Quantity: -3},
			[]said{{Line: 1, Reason: "the quantity must be at least 1"}}},
		{"ten million", core.ReceiptLine{Item: s.bolts.ID, Quantity: 10_000_000},
			[]said{{Line: 1, Reason: "a quantity of 10,000,000 is more than one line can hold (1,000,000)"}}},
		{"negative cost", core.ReceiptLine{Item: s.bolts.ID, Quantity: 1, UnitCost: -1},
			[]said{{Line: 1, Reason: "the unit cost cannot be negative"}}},
		{"same serial, other item", core.ReceiptLine{Item: loose.ID, Quantity: 1, Serials: []string{"996AAAAA9"}}, nil},
	}
	s.receive(s.chainsaw, "996AAAAA9")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{tt.line}})
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			requireProblems(t, err, core.Invalid, tt.want...)
		})
	}
	_, err = s.reg.ConfirmReceipt(core.Receipt{})
	requireProblems(t, err, core.Invalid, said{Reason: "add at least one line"})
	_, err = s.reg.ConfirmReceipt(core.Receipt{Supplier: "=HYPERLINK(\"x\")\u200f", Lines: []core.ReceiptLine{{Item: s.bolts.ID, Quantity: 1}}})
	assert.Equal(t, core.Invalid, core.ErrorCode(err), "hidden characters in the supplier are refused")
}

func TestDraftKeepsWhatWasTyped(t *testing.T) {
	s := newShop(t)
	draft, err := s.reg.SaveReceiptDraft(core.Receipt{Supplier: "Stihl", Lines: []core.ReceiptLine{
		{Item: s.chainsaw.ID, Quantity: 3, Serials: []string{"996aaaaa1", "bad serial!", " ", "996AAAAA1"}}}})
	require.NoError(t, err)
	assert.Equal(t, core.Draft, draft.Status)
	assert.Equal(t, core.Stock{}, s.stock(s.chainsaw), "a draft receives nothing")

	stored, err := s.reg.Receipt(draft.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"996aaaaa1", "bad serial!", "996AAAAA1"}, stored.Lines[0].Serials)

	_, err = s.reg.ConfirmReceipt(stored)
	requireProblems(t, err, core.Invalid,
		said{Line: 1, Serial: "bad serial!", Reason: "character 4 (a space) is not allowed; use letters, digits and - / . _"},
		said{Line: 1, Serial: "996AAAAA1", Reason: "entered twice (first on line 1)"})
	stored, err = s.reg.Receipt(draft.ID)
	require.NoError(t, err)
	assert.Equal(t, core.Draft, stored.Status, "a failed confirmation leaves the draft as it was")
	assert.Len(t, stored.Lines[0].Serials, 3)

	stored.Lines[0].Serials = []string{"996aaaaa1", "996aaaaa2", "996aaaaa3"}
	confirmed, err := s.reg.ConfirmReceipt(stored)
	require.NoError(t, err)
	assert.Equal(t, draft.ID, confirmed.ID, "the draft becomes the confirmed receipt")
	assert.Equal(t, core.Stock{Purchased: 3}, s.stock(s.chainsaw))

	_, err = s.reg.SaveReceiptDraft(confirmed)
	assert.Equal(t, core.Conflict, core.ErrorCode(err), "a confirmed receipt is no longer a draft")
	_, err = s.reg.ConfirmReceipt(confirmed)
	assert.Equal(t, core.Conflict, core.ErrorCode(err), "a receipt is confirmed only once")
	assert.Equal(t, core.Stock{Purchased: 3}, s.stock(s.chainsaw))
}

func TestCancelReceipt(t *testing.T) {
	s := newShop(t)
	rc, err := s.reg.ConfirmReceipt(core.Receipt{Supplier: "Husqvarna AB", Lines: []core.ReceiptLine{
		{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"996AAAAA1", "996AAAAA2"}},
		{Item: s.bolts.ID, Quantity: 10},
	}})
	require.NoError(t, err)
	o := s.sell(s.chainsaw, "996AAAAA1")

	_, err = s.reg.CancelReceipt(rc.ID)
	requireProblems(t, err, core.Conflict, said{Line: 1, Serial: "996AAAAA1", Reason: "sold on SO-000001 to Jane Doe since"})
	assert.Equal(t, core.Stock{Purchased: 2, Sold: 1}, s.stock(s.chainsaw), "a refused cancel changes nothing")

	_, err = s.reg.CancelOrder(o.ID)
	require.NoError(t, err)
	cancelled, err := s.reg.CancelReceipt(rc.ID)
	require.NoError(t, err)
	assert.Equal(t, core.Cancelled, cancelled.Status)
	assert.Equal(t, core.Stock{}, s.stock(s.chainsaw))
	assert.Equal(t, core.Stock{}, s.stock(s.bolts))
	_, ok := s.serial(s.chainsaw, "996AAAAA2")
	assert.False(t, ok, "the receipt's serials are gone")
	assert.Equal(t, []string{"received GR-000001", "sold SO-000001", "order cancelled SO-000001", "receipt cancelled GR-000001"},
		s.history(s.chainsaw, "996AAAAA1"), "the history keeps what happened")

	_, err = s.reg.CancelReceipt(rc.ID)
	assert.Equal(t, core.Conflict, core.ErrorCode(err))
	s.receive(s.chainsaw, "996AAAAA1") // the serial can be received again
}

func TestReceiveAgainAfterSaleAndCancel(t *testing.T) {
	s := newShop(t)
	first := s.receive(s.chainsaw, "996AAAAA1")
	s.sell(s.chainsaw, "996AAAAA1")
	// The dealer buys the saw back: a serial sold earlier may be received again.
	buyback, err := s.reg.ConfirmReceipt(core.Receipt{Supplier: "Jane Doe", Lines: []core.ReceiptLine{
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996AAAAA1"}}}})
	require.NoError(t, err)
	rec, _ := s.serial(s.chainsaw, "996AAAAA1")
	assert.Equal(t, core.InStock, rec.State)
	assert.Equal(t, buyback.Ref(), rec.Received.Doc)
	assert.Nil(t, rec.Sold)

	_, err = s.reg.CancelReceipt(buyback.ID)
	require.NoError(t, err)
	rec, _ = s.serial(s.chainsaw, "996AAAAA1")
	assert.Equal(t, core.Sold, rec.State, "cancelling puts back the record as it was before")
	assert.Equal(t, first.Ref(), rec.Received.Doc)
	assert.Equal(t, core.Stock{Purchased: 1, Sold: 1}, s.stock(s.chainsaw))
}

func TestReceiveAfterTheSale(t *testing.T) {
	s := newShop(t)
	drill, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true})
	require.NoError(t, err)
	o := s.sell(drill, "D-1") // sold from the shelf before the delivery note was entered
	rc := s.receive(drill, "D-1")

	rec, _ := s.serial(drill, "D-1")
	assert.Equal(t, core.Sold, rec.State, "the unit stays sold")
	assert.Equal(t, o.Ref(), rec.Sold.Doc)
	assert.Equal(t, rc.Ref(), rec.Received.Doc, "and now shows where it came from")
	assert.Equal(t, core.Stock{Purchased: 1, Sold: 1}, s.stock(drill))

	_, err = s.reg.CancelReceipt(rc.ID)
	require.NoError(t, err, "the receipt only added its paperwork, so it can be cancelled")
	rec, _ = s.serial(drill, "D-1")
	assert.Equal(t, core.Sold, rec.State)
	assert.Nil(t, rec.Received)
	assert.Equal(t, core.Stock{Sold: 1}, s.stock(drill))
}
