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
	assert.Len(t, receipts, 3)
	assert.Equal(t, core.Draft, receipts[0].Status)
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
	err = reg.RemoveExamples()
	assert.Equal(t, "This register holds no example data to remove", core.UserMessage(err))

	// Loaded again, then anything changed: they stay.
	require.NoError(t, reg.LoadExamples())
	it, err := reg.ItemByNo("OIL-1L")
	require.NoError(t, err)
	it.Name = "Chain oil, 1 litre"
	_, err = reg.SaveItem(it)
	require.NoError(t, err)
	err = reg.RemoveExamples()
	require.Error(t, err)
	assert.Contains(t, core.UserMessage(err), "Other work was entered or changed since the example data was loaded")
	rc, err := reg.Receipts()
	require.NoError(t, err)
	assert.Len(t, rc, 3, "nothing was removed")

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
