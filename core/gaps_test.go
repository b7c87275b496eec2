package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func TestSameSerialOnTwoItemsIsTwoUnits(t *testing.T) {
	s := newShop(t)
	drill, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true})
	require.NoError(t, err)
	_, err = s.reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996AAAAA1"}},
		{Item: drill.ID, Quantity: 1, Serials: []string{"996AAAAA1"}},
	}})
	require.NoError(t, err, "two manufacturers may use the same serial")
	o, err := s.reg.SaveOrder(core.Order{Lines: []core.OrderLine{
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996AAAAA1"}},
		{Item: drill.ID, Quantity: 1, Serials: []string{"996AAAAA1"}},
	}})
	require.NoError(t, err)
	_, err = s.reg.CancelOrder(o.ID)
	require.NoError(t, err)
	for _, it := range []core.Item{s.chainsaw, drill} {
		rec, ok := s.serial(it, "996AAAAA1")
		require.True(t, ok)
		assert.Equal(t, it.ID, rec.Item)
		assert.Equal(t, core.InStock, rec.State, it.No)
	}
}

func TestCreateEntityIsTheMasterSwitch(t *testing.T) {
	s := newShop(t)
	s.audi.CreateEntity = false
	s.audi.RequireAtPurchase = true
	_, err := s.reg.SaveItem(s.audi)
	require.NoError(t, err)
	_, err = s.reg.SaveOrder(core.Order{Lines: []core.OrderLine{{Item: s.audi.ID, Quantity: 1, Serials: []string{"XY123Z01"}}}})
	requireProblems(t, err, core.Invalid, said{Line: 1, Serial: "XY123Z01",
		Reason: "never received; NEW-A6 NEW AUDI A6 needs its serials registered at purchase, so receive it first"})

	s.receive(s.audi, "XY123Z01")
	s.sell(s.audi, "XY123Z01")
	rec, _ := s.serial(s.audi, "XY123Z01")
	assert.Zero(t, rec.Project, "without Create entity nothing is created, on receipt or on sale")
	entities, err := s.reg.Entities("")
	require.NoError(t, err)
	assert.Empty(t, entities)
}

func TestCreateOnSaveSellsWhatWasNotReceived(t *testing.T) {
	s := newShop(t)
	s.audi.RequireAtPurchase = true
	_, err := s.reg.SaveItem(s.audi)
	require.NoError(t, err)
	s.sell(s.audi, "XY123Z02") // the factory delivers straight to the customer
	rec, ok := s.serial(s.audi, "XY123Z02")
	require.True(t, ok)
	assert.NotZero(t, rec.Project)
}

func TestOrderEditChangesOnlyThePrice(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996AAAAA1")
	o, err := s.reg.SaveOrder(core.Order{Customer: "Jane Doe", Lines: []core.OrderLine{
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996AAAAA1"}, UnitPrice: 50000}}})
	require.NoError(t, err)
	o.Lines[0].UnitPrice = 45000
	_, err = s.reg.SaveOrder(o)
	require.NoError(t, err)
	rec, _ := s.serial(s.chainsaw, "996AAAAA1")
	assert.Equal(t, core.Money(45000), rec.Sold.Amount)
}

func TestEntityOnDocumentsKeepsItsModel(t *testing.T) {
	s := newShop(t)
	s.receive(s.audi, "XY123AAA")
	rec, _ := s.serial(s.audi, "XY123AAA")
	e, err := s.reg.Entity(rec.Project)
	require.NoError(t, err)
	other, err := s.reg.SaveModel(core.Model{Brand: s.a6.Brand, Name: "A4"})
	require.NoError(t, err)
	e.Model = other.ID
	_, err = s.reg.SaveEntity(e)
	require.Error(t, err)
	assert.Equal(t, "Project P-000001 is on GR-000001; its model cannot change", core.English.Error(err))

	free, err := s.reg.SaveEntity(core.Entity{Model: s.a6.ID})
	require.NoError(t, err)
	free.Model = other.ID
	_, err = s.reg.SaveEntity(free)
	assert.NoError(t, err, "an entity on no document may change model")
}

func TestEditedEntitySerialIsFoundByItsNewValueOnly(t *testing.T) {
	s := newShop(t)
	e, err := s.reg.SaveEntity(core.Entity{Model: s.a6.ID, Params: []core.Param{{Name: "serial number", Value: "XY123OLD"}}})
	require.NoError(t, err)
	e.Params[0].Value = "XY123NEW"
	_, err = s.reg.SaveEntity(e)
	require.NoError(t, err)
	_, err = s.reg.SaveEntity(core.Entity{Model: s.a6.ID, Params: []core.Param{{Name: "serial number", Value: "XY123OLD"}}})
	require.NoError(t, err, "the old serial is free again")

	s.receive(s.audi, "XY123NEW")
	rec, _ := s.serial(s.audi, "XY123NEW")
	assert.Equal(t, e.No, rec.Project)
}

func TestEntityGoneWithItsReceiptCanComeBack(t *testing.T) {
	s := newShop(t)
	rc := s.receive(s.audi, "XY123AAA")
	_, err := s.reg.CancelReceipt(rc.ID)
	require.NoError(t, err)
	s.receive(s.audi, "XY123AAA")
	rec, _ := s.serial(s.audi, "XY123AAA")
	e, err := s.reg.Entity(rec.Project)
	require.NoError(t, err)
	assert.Equal(t, "P-000002", e.No.String(), "a new entity, not the removed one")
}

func TestReceiptAfterSaleCannotBeCancelledOnceTheUnitMovedOn(t *testing.T) {
	s := newShop(t)
	drill, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true})
	require.NoError(t, err)
	first := s.sell(drill, "D-1")
	rc := s.receive(drill, "D-1")
	_, err = s.reg.CancelOrder(first.ID)
	require.NoError(t, err)
	s.sell(drill, "D-1")

	_, err = s.reg.CancelReceipt(rc.ID)
	requireProblems(t, err, core.Conflict, said{Line: 1, Serial: "D-1", Reason: "sold on SO-000002 to Jane Doe since"})
}

func TestReceiptAfterResaleSurvivesCancellingTheResale(t *testing.T) {
	s := newShop(t)
	drill, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true})
	require.NoError(t, err)
	first := s.sell(drill, "D-1")
	_, err = s.reg.ReturnToStock(first.ID, core.ReturnInput{Line: 1, Serials: []string{"D-1"}})
	require.NoError(t, err)
	second := s.sell(drill, "D-1")
	rc := s.receive(drill, "D-1") // the delivery note, entered at last

	_, err = s.reg.CancelOrder(second.ID)
	require.NoError(t, err)
	rec, ok := s.serial(drill, "D-1")
	require.True(t, ok)
	assert.Equal(t, core.InStock, rec.State)
	assert.Equal(t, rc.Ref(), rec.Received.Doc)
}

func TestOverviewAndHistoryAreOfOneItemAndSerial(t *testing.T) {
	s := newShop(t)
	drill, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true})
	require.NoError(t, err)
	s.receive(s.chainsaw, "996AAAAA1")
	s.receive(drill, "A1", "A10")
	rc := s.receive(drill, "996AAAAA1")

	ov, err := s.reg.ItemOverview(drill.ID, core.SerialQuery{})
	require.NoError(t, err)
	assert.Equal(t, 3, ov.Total, "only the item's own serials")
	ov, err = s.reg.ItemOverview(drill.ID, core.SerialQuery{State: core.InStock, Text: "10"})
	require.NoError(t, err)
	assert.Equal(t, 1, ov.Total, "item, state and text together")

	events, err := s.reg.SerialHistory(drill.ID, " a1 ")
	require.NoError(t, err)
	require.Len(t, events, 1, "A1 only, not A10; typed in any case")
	events, err = s.reg.SerialHistory(drill.ID, "996AAAAA1")
	require.NoError(t, err)
	require.Len(t, events, 1)
	assert.Equal(t, rc.Ref(), events[0].Doc)

	_, err = s.reg.CancelReceipt(rc.ID)
	require.NoError(t, err)
	ov, err = s.reg.ItemOverview(drill.ID, core.SerialQuery{State: core.InStock})
	require.NoError(t, err)
	assert.Equal(t, 2, ov.Total, "a cancelled serial leaves no trace in the state index")
	assert.Len(t, ov.Rows, 2)
}

func TestPatternChecksTheFirstCharacterToo(t *testing.T) {
	p, err := core.ParsePattern("996******")
	require.NoError(t, err)
	err = p.Check("896123456")
	require.Error(t, err)
	assert.Equal(t, "character 1 must be 9", err.Error())
}

func TestTextFieldsRefuseTabsAndLineBreaks(t *testing.T) {
	s := newShop(t)
	for _, name := range []string{"Saw\tblue", "Saw\nblue", "Saw\rblue"} {
		_, err := s.reg.SaveItem(core.Item{No: "T", Name: name})
		assert.Equal(t, core.Invalid, core.ErrorCode(err), "%q", name)
	}
}

func TestEntitiesMadeBeforeTheSerialParameterWasNamedAreFound(t *testing.T) {
	s := newShop(t)
	e, err := s.reg.SaveEntity(core.Entity{Model: s.a6.ID, Params: []core.Param{{Name: "VIN", Value: "xy123v01"}}})
	require.NoError(t, err)
	s.audi.SerialParam = "vin"
	_, err = s.reg.SaveItem(s.audi)
	require.NoError(t, err)
	s.receive(s.audi, "XY123V01")
	rec, _ := s.serial(s.audi, "XY123V01")
	assert.Equal(t, e.No, rec.Project, "parameter names and values match in any case")
}

func TestNewPatternLeavesRegisteredUnitsAlone(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996AAAAA1", "996AAAAA2")
	o := s.sell(s.chainsaw, "996AAAAA2")
	it := s.chainsaw
	it.Pattern = "997******" // the manufacturer's new series
	_, err := s.reg.SaveItem(it)
	require.NoError(t, err)

	_, err = s.reg.SaveOrder(core.Order{Customer: "Jane", Lines: []core.OrderLine{{Item: it.ID, Quantity: 1, Serials: []string{"996AAAAA1"}}}})
	assert.NoError(t, err, "a unit on the shelf can be sold")
	o.Customer = "Jane Doe-Smith"
	_, err = s.reg.SaveOrder(o)
	assert.NoError(t, err, "a saved order can be corrected")
	_, err = s.reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: it.ID, Quantity: 1, Serials: []string{"996AAAAA3"}}}})
	requireProblems(t, err, core.Invalid, said{Line: 1, Serial: "996AAAAA3", Reason: "character 3 must be 7"})
}

// A unit sold, bought back on a second receipt, its order then cancelled
// (which leaves the unit alone: it had moved on) or edited to leave it off,
// and the second receipt cancelled: the unit is back in stock from its first
// receipt, not sold on an order that no longer stands. Found by four
// counters working on one register at once (data/postgres).
func TestBoughtBackUnitOfACancelledSaleGoesBackToStock(t *testing.T) {
	for _, undo := range []string{"cancel", "edit"} {
		t.Run(undo, func(t *testing.T) {
			s := newShop(t)
			first := s.receive(s.chainsaw, "996000001")
			o := s.sell(s.chainsaw, "996000001")
			again := s.receive(s.chainsaw, "996000001")
			s.receive(s.chainsaw, "996000002")
			var err error
			if undo == "cancel" {
				_, err = s.reg.CancelOrder(o.ID)
			} else {
				o, err = s.reg.Order(o.ID)
				require.NoError(t, err)
				o.Lines[0].Serials = []string{"996000002"}
				_, err = s.reg.SaveOrder(o)
			}
			require.NoError(t, err)
			_, err = s.reg.CancelReceipt(again.ID)
			require.NoError(t, err)

			rec, ok := s.serial(s.chainsaw, "996000001")
			require.True(t, ok)
			assert.Equal(t, core.InStock, rec.State)
			assert.Equal(t, first.Ref(), rec.Received.Doc)
			assert.Nil(t, rec.Sold)
			found, err := s.reg.Check()
			require.NoError(t, err)
			assert.Empty(t, found)
		})
	}
}

// A returned unit sold again, the first order then cancelled (which leaves
// the unit alone: it had moved on) and the second cancelled too: the unit
// is back in stock from its receipt, not "returned" on an order that no
// longer stands. Found by four counters working on one register at once.
func TestReturnedUnitSoldAgainWhenBothOrdersAreCancelled(t *testing.T) {
	s := newShop(t)
	rc := s.receive(s.chainsaw, "996000001")
	first := s.sell(s.chainsaw, "996000001")
	_, err := s.reg.ReturnToStock(first.ID, core.ReturnInput{Line: 1, Serials: []string{"996000001"}})
	require.NoError(t, err)
	second := s.sell(s.chainsaw, "996000001")
	_, err = s.reg.CancelOrder(first.ID)
	require.NoError(t, err)
	_, err = s.reg.CancelOrder(second.ID)
	require.NoError(t, err)

	rec, ok := s.serial(s.chainsaw, "996000001")
	require.True(t, ok)
	assert.Equal(t, core.InStock, rec.State)
	assert.Equal(t, rc.Ref(), rec.Received.Doc)
	assert.Nil(t, rec.Returned)
	found, err := s.reg.Check()
	require.NoError(t, err)
	assert.Empty(t, found)
}
