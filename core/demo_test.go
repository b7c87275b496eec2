package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

func TestFillDemo(t *testing.T) {
	reg := datatest.NewRegister(t)
	var told []int
	require.NoError(t, reg.FillDemo(23_456, core.English, func(done int) { told = append(told, done) }))
	assert.Equal(t, 23_456, told[len(told)-1], "progress ends at the total")
	assert.IsIncreasing(t, told)

	items, err := reg.Items("GEN-")
	require.NoError(t, err)
	require.Len(t, items, core.DemoItems)
	var received, sold int64
	for _, it := range items {
		received += it.Stock.Purchased
		sold += it.Stock.Sold
	}
	assert.Equal(t, int64(23_456), received)
	assert.InDelta(t, 23_456/10, sold, core.DemoItems, "about one in ten sold")
	busy, err := reg.ItemOverview(items[0].ID, core.SerialQuery{Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, 23_456/core.DemoBusyShare, busy.Total, "the first item is the busy one")

	all, err := reg.SearchSerials(core.SerialQuery{Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, 23_456+13, all.Total, "the generated serials and the examples' thirteen")
	checkConsistent(t, reg, "the demo data")

	assert.Error(t, reg.FillDemo(10, core.English, nil), "only an empty register is filled")
}
