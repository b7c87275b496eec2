package core_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

func TestLoadExamples(t *testing.T) {
	reg := datatest.NewRegister(t)
	empty, err := reg.IsEmpty()
	require.NoError(t, err)
	assert.True(t, empty)
	require.NoError(t, reg.LoadExamples())

	saw, err := reg.ItemByNo("CS-500")
	require.NoError(t, err)
	assert.Equal(t, "996******", saw.Pattern)
	assert.True(t, saw.SerialsRequiredAtPurchase() && saw.SerialsRequiredAtSale())
	ov, err := reg.ItemOverview(saw.ID, core.SerialQuery{})
	require.NoError(t, err)
	assert.Equal(t, core.Stock{Purchased: 6, Sold: 2, Returned: 1}, ov.Stock)

	car, err := reg.ItemByNo("NEW-A6")
	require.NoError(t, err)
	assert.Equal(t, "NEW AUDI A6", car.Name)
	page, err := reg.SearchSerials(core.SerialQuery{Text: "XY123K01"})
	require.NoError(t, err)
	require.Len(t, page.Rows, 1)
	assert.Equal(t, core.Sold, page.Rows[0].State)
	e, err := reg.Entity(page.Rows[0].Project)
	require.NoError(t, err)
	colour, _ := e.Param("colour")
	assert.Equal(t, "Mythos black", colour, "the receipt found the entity made in advance")

	receipts, err := reg.Receipts()
	require.NoError(t, err)
	assert.Len(t, receipts, 4)
	assert.Equal(t, core.Draft, receipts[1].Status)

	// Each thing a unit's life has is there to be seen.
	ola, err := reg.Parties(core.Customer, "Ola Nordmann")
	require.NoError(t, err)
	require.Len(t, ola, 1)
	olas, err := reg.PartyPage(ola[0].ID, 0, 0)
	require.NoError(t, err)
	assert.Len(t, olas.Documents, 2, "a customer with two purchases")
	under, err := reg.SearchSerials(core.SerialQuery{Warranty: core.UnderWarranty})
	require.NoError(t, err)
	assert.Equal(t, "996A1B2C1", under.Rows[0].Serial.Serial)
	expired, err := reg.SearchSerials(core.SerialQuery{Warranty: core.WarrantyExpired})
	require.NoError(t, err)
	require.Equal(t, 1, expired.Total)
	assert.Equal(t, "DR-990101", expired.Rows[0].Serial.Serial)
	noted, err := reg.SearchSerials(core.SerialQuery{Text: "brake", InNotes: true})
	require.NoError(t, err)
	assert.Equal(t, 1, noted.Total, "a service note")
	away, err := reg.SearchSerials(core.SerialQuery{State: core.ToSupplier})
	require.NoError(t, err)
	assert.Equal(t, 1, away.Total, "a return to the supplier")
	vin, err := reg.ItemByNo("USED-CAR")
	require.NoError(t, err)
	assert.True(t, vin.VIN, "a car with a VIN")
	checkConsistent(t, reg, "loading the examples")

	err = reg.LoadExamples()
	assert.Equal(t, core.Conflict, core.ErrorCode(err), "only into an empty register")
}

// The example data can be removed again while nothing else was entered or
// changed; after that it stays, and the message says why.
func TestTheExamplesCanBeRemovedUntilOtherWorkComes(t *testing.T) {
	reg := core.New(datatest.NewStore(t))
	require.NoError(t, reg.LoadExamples())
	require.NoError(t, reg.RemoveExamples())
	empty, err := reg.IsEmpty()
	require.NoError(t, err)
	assert.True(t, empty)
	page, err := reg.SearchSerials(core.SerialQuery{})
	require.NoError(t, err)
	assert.Zero(t, page.Total, "no serial, no history left")
	shop, err := reg.Shop()
	require.NoError(t, err)
	assert.Zero(t, shop, "the example shop went with them")
	err = reg.RemoveExamples()
	assert.Equal(t, "This register holds no example data to remove", core.English.Error(err))

	// Loaded again, then anything changed: they stay.
	require.NoError(t, reg.LoadExamples())
	it, err := reg.ItemByNo("OIL-1L")
	require.NoError(t, err)
	it.Name = "Chain oil, 1 litre"
	_, err = reg.SaveItem(it)
	require.NoError(t, err)
	err = reg.RemoveExamples()
	require.Error(t, err)
	assert.Contains(t, core.English.Error(err), "Other work was entered or changed since the example data was loaded")
	rc, err := reg.Receipts()
	require.NoError(t, err)
	assert.Len(t, rc, 4, "nothing was removed")

	// A new record refuses it as well, without reading everything.
	reg2 := core.New(datatest.NewStore(t))
	require.NoError(t, reg2.LoadExamples())
	_, err = reg2.SaveBrand(core.Brand{Name: "Stihl"})
	require.NoError(t, err)
	assert.Error(t, reg2.RemoveExamples())

	// So does a service note, which moves no number.
	reg3 := core.New(datatest.NewStore(t))
	require.NoError(t, reg3.LoadExamples())
	saw, err := reg3.ItemByNo("CS-500")
	require.NoError(t, err)
	_, err = reg3.AddNote(saw.ID, "996A1B2C3", time.Time{}, "Sharpened")
	require.NoError(t, err)
	assert.Error(t, reg3.RemoveExamples())
}

// A shop's own details are no example: they stay when the examples go,
// and the examples do not overwrite them.
func TestTheShopsOwnDetailsOutliveTheExamples(t *testing.T) {
	reg := core.New(datatest.NewStore(t))
	require.NoError(t, reg.LoadExamples())
	shop, err := reg.Shop()
	require.NoError(t, err)
	assert.Equal(t, "Nordby Motor & Sag AS", shop.Name, "the examples bring a shop to print as")
	shop.Name = "Sykkelhuset AS"
	_, err = reg.SaveShop(shop)
	require.NoError(t, err)
	require.NoError(t, reg.RemoveExamples(), "the shop's details are no work that keeps the examples")
	shop, err = reg.Shop()
	require.NoError(t, err)
	assert.Equal(t, "Sykkelhuset AS", shop.Name)

	require.NoError(t, reg.LoadExamples())
	shop, err = reg.Shop()
	require.NoError(t, err)
	assert.Equal(t, "Sykkelhuset AS", shop.Name, "loading the examples keeps the shop's own")
}
