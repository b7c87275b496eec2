package core_test

import (
	"testing"

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
