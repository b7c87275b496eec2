package core_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// warrantyShop has a mower with 24 months from the sale and a boat engine
// with 36 months from the receipt.
func warrantyShop(t *testing.T) (s *shop, mower, engine core.Item) {
	s = newShop(t)
	var err error
	mower, err = s.reg.SaveItem(core.Item{No: "MOWER", Name: "Mower", UseSerial: true, WarrantyMonths: 24})
	require.NoError(t, err)
	engine, err = s.reg.SaveItem(core.Item{No: "ENGINE", Name: "Boat engine", UseSerial: true, WarrantyMonths: 36,
		WarrantyFrom: core.WarrantyFromReceipt})
	require.NoError(t, err)
	return s, mower, engine
}

func warrantyOf(t *testing.T, s *shop, it core.Item, serial string) time.Time {
	t.Helper()
	page, err := s.reg.ItemOverview(it.ID, core.SerialQuery{Text: serial})
	require.NoError(t, err)
	require.Len(t, page.Rows, 1)
	return page.Rows[0].Warranty
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestWarrantyStartsAtTheSaleOrTheReceipt(t *testing.T) {
	s, mower, engine := warrantyShop(t)
	_, err := s.reg.ConfirmReceipt(core.Receipt{Date: date(2025, 3, 1), Lines: []core.ReceiptLine{
		{Item: mower.ID, Quantity: 1, Serials: []string{"M1"}}, {Item: engine.ID, Quantity: 1, Serials: []string{"E1"}}}})
	require.NoError(t, err)
	assert.True(t, warrantyOf(t, s, mower, "M1").IsZero(), "a mower on the shelf has no warranty yet")
	assert.Equal(t, date(2028, 3, 1), warrantyOf(t, s, engine, "E1"), "an engine's counts from its receipt")

	o, err := s.reg.SaveOrder(core.Order{Date: date(2025, 6, 15), Customer: "Jane", Lines: []core.OrderLine{
		{Item: mower.ID, Quantity: 1, Serials: []string{"M1"}}, {Item: engine.ID, Quantity: 1, Serials: []string{"E1"}}}})
	require.NoError(t, err)
	assert.Equal(t, date(2027, 6, 15), warrantyOf(t, s, mower, "M1"))
	assert.Equal(t, date(2028, 3, 1), warrantyOf(t, s, engine, "E1"), "the sale leaves the receipt's warranty")

	// The order's date moved: the warranty follows it.
	o.Date = date(2025, 6, 20)
	o, err = s.reg.SaveOrder(o)
	require.NoError(t, err)
	assert.Equal(t, date(2027, 6, 20), warrantyOf(t, s, mower, "M1"))

	// Back on the shelf, a unit has the warranty it had before the sale.
	_, err = s.reg.ReturnToStock(o.ID, core.ReturnInput{Line: 1, Serials: []string{"M1"}})
	require.NoError(t, err)
	assert.True(t, warrantyOf(t, s, mower, "M1").IsZero())
	_, err = s.reg.CancelOrder(o.ID)
	require.NoError(t, err)
	assert.True(t, warrantyOf(t, s, mower, "M1").IsZero())
	assert.Equal(t, date(2028, 3, 1), warrantyOf(t, s, engine, "E1"))
}

// An extended warranty sold with a unit is kept on the order line.
func TestAnOrderLineExtendsTheWarranty(t *testing.T) {
	s, mower, _ := warrantyShop(t)
	s.receive(mower, "M1", "M2")
	o, err := s.reg.SaveOrder(core.Order{Date: date(2026, 1, 10), Lines: []core.OrderLine{
		{Item: mower.ID, Quantity: 1, Serials: []string{"M1"}, Warranty: time.Date(2031, 1, 10, 15, 0, 0, 0, time.Local)},
		{Item: mower.ID, Quantity: 1, Serials: []string{"M2"}}}})
	require.NoError(t, err)
	assert.Equal(t, date(2031, 1, 10), o.Lines[0].Warranty, "kept as a day")
	assert.Equal(t, date(2031, 1, 10), warrantyOf(t, s, mower, "M1"))
	assert.Equal(t, date(2028, 1, 10), warrantyOf(t, s, mower, "M2"))

	// Taken off again, the line gives the item's own.
	o.Lines[0].Warranty = time.Time{}
	_, err = s.reg.SaveOrder(o)
	require.NoError(t, err)
	assert.Equal(t, date(2028, 1, 10), warrantyOf(t, s, mower, "M1"))
}

func TestWarrantiesThatCannotBeAreRefused(t *testing.T) {
	s, mower, _ := warrantyShop(t)
	_, err := s.reg.SaveItem(core.Item{No: "X", Name: "X", UseSerial: true, WarrantyMonths: -3})
	assert.Equal(t, []said{{Reason: "the warranty cannot be negative; give 0 months for none"}}, inEnglish(core.Problems(err)))
	_, err = s.reg.SaveItem(core.Item{No: "X", Name: "X", UseSerial: true, WarrantyMonths: 601})
	assert.Equal(t, []said{{Reason: "a warranty of 601 months is more than 50 years"}}, inEnglish(core.Problems(err)))

	s.receive(mower, "M1")
	_, err = s.reg.SaveOrder(core.Order{Date: date(2026, 1, 10), Lines: []core.OrderLine{
		{Item: mower.ID, Quantity: 1, Serials: []string{"M1"}, Warranty: date(2026, 1, 9)},
		{Item: s.bolts.ID, Quantity: 5, Warranty: date(2027, 1, 9)}}})
	assert.Equal(t, []said{
		{Line: 1, Reason: "the warranty cannot end before the sale on 2026-01-10"},
		{Line: 2, Reason: "BOLT-8 Bolt M8 does not use serial numbers, and a warranty is kept by serial"},
	}, inEnglish(core.Problems(err)))
	items, err := s.reg.Items("X")
	require.NoError(t, err)
	assert.Empty(t, items, "nothing was saved")
}

// The search finds units under warranty today, and those whose warranty
// has run out.
func TestTheSearchSelectsByWarranty(t *testing.T) {
	s, mower, engine := warrantyShop(t)
	s.receive(mower, "M1", "M2", "M3")
	s.receive(engine, "E1")
	_, err := s.reg.SaveOrder(core.Order{Date: date(2020, 5, 1), Lines: []core.OrderLine{{Item: mower.ID, Quantity: 1, Serials: []string{"M1"}}}})
	require.NoError(t, err)
	_, err = s.reg.SaveOrder(core.Order{Lines: []core.OrderLine{{Item: mower.ID, Quantity: 1, Serials: []string{"M2"}}}})
	require.NoError(t, err)

	serials := func(w core.WarrantyFilter) []string {
		page, err := s.reg.SearchSerials(core.SerialQuery{Warranty: w})
		require.NoError(t, err)
		var out []string
		for _, r := range page.Rows {
			out = append(out, r.Serial.Serial)
		}
		return out
	}
	assert.Equal(t, []string{"E1", "M2"}, serials(core.UnderWarranty))
	assert.Equal(t, []string{"M1"}, serials(core.WarrantyExpired))
	assert.Equal(t, []string{"E1", "M1", "M2", "M3"}, serials(core.AnyWarranty))
}

// A shop that starts keeping warranties gives the units it sold before
// the warranty the card now gives; a warranty already given stays.
func TestANewWarrantyOnTheCardReachesUnitsWithout(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996000001", "996000002", "996000003")
	_, err := s.reg.SaveOrder(core.Order{Date: date(2026, 2, 1), Lines: []core.OrderLine{
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000001"}},
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000002"}, Warranty: date(2030, 1, 1)}}})
	require.NoError(t, err)

	saw := s.chainsaw
	saw.WarrantyMonths = 12
	saw, err = s.reg.SaveItem(saw)
	require.NoError(t, err)
	assert.Equal(t, date(2027, 2, 1), warrantyOf(t, s, saw, "996000001"))
	assert.Equal(t, date(2030, 1, 1), warrantyOf(t, s, saw, "996000002"), "as promised")
	assert.True(t, warrantyOf(t, s, saw, "996000003").IsZero(), "not sold yet")

	saw.WarrantyMonths = 6
	saw, err = s.reg.SaveItem(saw)
	require.NoError(t, err)
	assert.Equal(t, date(2027, 2, 1), warrantyOf(t, s, saw, "996000001"), "a shorter warranty later does not cut one given")
	findings, err := s.reg.Check()
	require.NoError(t, err)
	assert.Empty(t, findings)
}

// An order edited later keeps the warranty its units were sold with, as
// promised, whatever the item card says by then.
func TestAnEditedOrderKeepsThePromisedWarranty(t *testing.T) {
	s, mower, _ := warrantyShop(t)
	s.receive(mower, "M1")
	o, err := s.reg.SaveOrder(core.Order{Date: date(2025, 6, 15), Lines: []core.OrderLine{{Item: mower.ID, Quantity: 1, Serials: []string{"M1"}}}})
	require.NoError(t, err)
	mower.WarrantyMonths = 0
	_, err = s.reg.SaveItem(mower)
	require.NoError(t, err)
	o.Reference = "call before delivery"
	_, err = s.reg.SaveOrder(o)
	require.NoError(t, err)
	assert.Equal(t, date(2027, 6, 15), warrantyOf(t, s, mower, "M1"))
}
