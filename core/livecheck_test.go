package core_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// A check as each serial is scanned gives the very problems the save would,
// and writes nothing.
func TestCheckingADocumentGivesTheSaveAnswerAndWritesNothing(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996000001", "996000002")
	sold := s.sell(s.chainsaw, "996000001")

	rc := core.Receipt{Lines: []core.ReceiptLine{{Item: s.chainsaw.ID, Quantity: 3, Serials: []string{"996000002", "996000009", "99600001"}}}}
	_, checked := s.reg.CheckReceipt(rc)
	_, confirmed := s.reg.ConfirmReceipt(rc)
	require.Error(t, checked)
	assert.Equal(t, inEnglish(core.Problems(confirmed)), inEnglish(core.Problems(checked)))
	assert.Contains(t, inEnglish(core.Problems(checked)), said{Line: 1, Serial: "996000002", Reason: "already in stock (received on GR-000001)"})

	o := core.Order{Lines: []core.OrderLine{{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"996000001", "996000002"}}}}
	_, checked = s.reg.CheckOrder(o)
	_, saved := s.reg.SaveOrder(o)
	require.Error(t, checked)
	assert.Equal(t, inEnglish(core.Problems(saved)), inEnglish(core.Problems(checked)))
	assert.Equal(t, []said{{Line: 1, Serial: "996000001", Reason: "already sold on " + sold.Ref().String() + " to Jane Doe; a serial can be sold only once"}},
		inEnglish(core.Problems(checked)))

	warnings, err := s.reg.CheckOrder(core.Order{Lines: []core.OrderLine{{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000002"}}}})
	assert.NoError(t, err)
	assert.Empty(t, warnings)
	warnings, err = s.reg.CheckReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000003"}}}})
	assert.NoError(t, err)
	assert.Empty(t, warnings)
	heads, err := s.reg.Orders()
	require.NoError(t, err)
	assert.Len(t, heads, 1, "checking saved nothing")
	receipts, err := s.reg.Receipts()
	require.NoError(t, err)
	assert.Len(t, receipts, 1)
}

// A unit scanned into an order's item field is found by its serial alone.
func TestTheUnitToSellIsFoundByItsSerial(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996000001", "996000002")
	o := s.sell(s.chainsaw, "996000001")

	row, err := s.reg.UnitToSell(" 996000002 ")
	require.NoError(t, err)
	assert.Equal(t, s.chainsaw.ID, row.Item)
	assert.Equal(t, "CS-500", row.ItemNo)

	_, err = s.reg.UnitToSell("996000001")
	assert.Equal(t, "996000001 (CS-500) is not in stock: sold on "+o.Ref().String()+" to Jane Doe", core.English.Error(err))
	_, err = s.reg.UnitToSell("99600000")
	assert.Equal(t, "No unit has the serial 99600000", core.English.Error(err), "a part of a serial is no serial")
	_, err = s.reg.UnitToSell("chainsaw")
	assert.Equal(t, core.NotFound, core.ErrorCode(err))

	// The same serial in stock for two items: the item must be typed.
	drill, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true})
	require.NoError(t, err)
	s.receive(drill, "996000002")
	_, err = s.reg.UnitToSell("996000002")
	assert.Equal(t, "996000002 is in stock for CS-500, DRILL; type the item first", core.English.Error(err))
}

// Whether a receipt can be cancelled is told before anyone asks, writing
// nothing, in the words the cancel itself would use.
func TestCheckingACancelTellsWhyNot(t *testing.T) {
	s := newShop(t)
	rc := s.receive(s.chainsaw, "996000001", "996000002")
	assert.NoError(t, s.reg.CheckCancelReceipt(rc.ID))
	s.sell(s.chainsaw, "996000001")
	checked := s.reg.CheckCancelReceipt(rc.ID)
	_, cancelled := s.reg.CancelReceipt(rc.ID)
	require.Error(t, checked)
	assert.Equal(t, core.English.Error(cancelled), core.English.Error(checked))
	assert.Equal(t, inEnglish(core.Problems(cancelled)), inEnglish(core.Problems(checked)))
	got, err := s.reg.Receipt(rc.ID)
	require.NoError(t, err)
	assert.Equal(t, core.Confirmed, got.Status)
}

// A short serial is found whole however many longer serials hold it.
func TestTheUnitToSellIsFoundAmongManyThatHoldItsSerial(t *testing.T) {
	s := newShop(t)
	tags, err := s.reg.SaveItem(core.Item{No: "TAG", Name: "Tag", UseSerial: true})
	require.NoError(t, err)
	serials := []string{"12345"}
	for i := range 1100 {
		serials = append(serials, fmt.Sprintf("0%04d12345", i)) // sorts before it, and holds it
	}
	s.receive(tags, serials...)
	row, err := s.reg.UnitToSell("12345")
	require.NoError(t, err)
	assert.Equal(t, "12345", row.Serial.Serial)
}
