package core_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

func TestImportOpeningStock(t *testing.T) {
	reg := datatest.NewRegister(t)
	_, err := reg.SaveItem(core.Item{No: "BOLT-8", Name: "Bolt M8"})
	require.NoError(t, err)
	jan := time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)
	res, err := reg.ImportOpeningStock(core.OpeningStock{
		Items: []core.OpeningItem{
			{Row: 2, Item: core.Item{No: "CS-500", Name: "Chainsaw 500", UseSerial: true, Pattern: "996******", RequireAtSale: true}},
			{Row: 3, Item: core.Item{No: "NEW-A6", Name: "NEW AUDI A6", UseSerial: true, CreateEntity: true, CreateOnStockUpdate: true}, Brand: "Audi", Model: "A6"},
			{Row: 4, Item: core.Item{No: "bolt-8", Name: "Bolts (from the old system)"}},
		},
		Serials: []core.OpeningSerial{
			{Row: 2, ItemNo: "cs-500", Serial: "996aaaaa1", Received: jan, Supplier: "Husqvarna", Cost: 38500},
			{Row: 3, ItemNo: "CS-500", Serial: "996AAAAA2", Received: jan, Supplier: "Husqvarna", Cost: 38500},
			{Row: 4, ItemNo: "NEW-A6", Serial: "XY123AAA"},
		},
	})
	require.NoError(t, err)
	assert.Equal(t, 2, res.NewItems)
	assert.Equal(t, 1, res.KeptItems, "an item the register has stays as it is")
	assert.Equal(t, 3, res.Serials)
	assert.Len(t, res.Receipts, 2, "one receipt per supplier and date")

	saw, err := reg.ItemByNo("CS-500")
	require.NoError(t, err)
	ov, err := reg.ItemOverview(saw.ID, core.SerialQuery{})
	require.NoError(t, err)
	assert.Equal(t, core.Stock{Purchased: 2}, ov.Stock)
	assert.Equal(t, "Husqvarna", ov.Rows[0].Received.Party)
	assert.Equal(t, jan, ov.Rows[0].Received.Date)
	bolts, err := reg.ItemByNo("BOLT-8")
	require.NoError(t, err)
	assert.Equal(t, "Bolt M8", bolts.Name)
	models, err := reg.Models(0)
	require.NoError(t, err)
	require.Len(t, models, 1)
	assert.Equal(t, "Audi", models[0].BrandName)
	page, err := reg.SearchSerials(core.SerialQuery{Text: "XY123AAA"})
	require.NoError(t, err)
	assert.NotZero(t, page.Rows[0].Project, "entity rules apply to the opening stock too")
	rc, err := reg.Receipt(res.Receipts[0].ID)
	require.NoError(t, err)
	assert.Equal(t, "Opening stock", rc.Reference)
}

func TestOpeningStockWithProblemsImportsNothing(t *testing.T) {
	reg := datatest.NewRegister(t)
	_, err := reg.ImportOpeningStock(core.OpeningStock{
		Items: []core.OpeningItem{
			{Row: 2, Item: core.Item{No: "CS-500", Name: "Chainsaw", UseSerial: true, Pattern: "996******"}},
			{Row: 3, Item: core.Item{No: "cs-500", Name: "Again"}},
			{Row: 4, Item: core.Item{No: "X", Name: "", Pattern: "9 9"}},
		},
		Serials: []core.OpeningSerial{
			{Row: 2, ItemNo: "CS-500", Serial: "99612345"},
			{Row: 3, ItemNo: "CS-500", Serial: "996AAAAA1"},
			{Row: 4, ItemNo: "CS-500", Serial: "996aaaaa1"},
			{Row: 5, ItemNo: "NOPE", Serial: "A1"},
		},
	})
	requireProblems(t, err, core.Invalid,
		said{Sheet: "Items", Line: 3, Reason: "item number cs-500 is there twice (first on row 2)"},
		said{Sheet: "Items", Line: 4, Reason: "the name is empty"},
		said{Sheet: "Items", Line: 4, Reason: "pattern character 2 (a space) is not allowed; use letters, digits, - / . _ and the wildcards * (letter or digit), # (digit), @ (letter)"},
		said{Sheet: "Serials", Line: 2, Serial: "99612345", Reason: "8 characters, the pattern 996****** needs 9"},
		said{Sheet: "Serials", Line: 4, Serial: "996AAAAA1", Reason: "there twice (first on row 3)"},
		said{Sheet: "Serials", Line: 5, Serial: "A1", Reason: `there is no item "NOPE"; add its card to the Items sheet`},
	)
	assert.Contains(t, core.English.Error(err), "The opening stock has 6 problems; nothing was imported.\n  Items sheet, row 3: item number cs-500")
	empty, err := reg.IsEmpty()
	require.NoError(t, err)
	assert.True(t, empty, "nothing was imported, not even the good item cards")
}
