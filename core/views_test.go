package core_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func TestItemOverview(t *testing.T) {
	s := newShop(t)
	rc := s.receive(s.chainsaw, "996AAAAA3", "996AAAAA1", "996AAAAA2")
	o := s.sell(s.chainsaw, "996AAAAA2")
	ov, err := s.reg.ItemOverview(s.chainsaw.ID, core.SerialQuery{})
	require.NoError(t, err)
	assert.Equal(t, "CS-500", ov.Item.No)
	assert.Equal(t, core.Stock{Purchased: 3, Sold: 1}, ov.Stock)
	assert.Equal(t, 3, ov.Total)
	require.Len(t, ov.Rows, 3)
	assert.Equal(t, "996AAAAA1", ov.Rows[0].Serial.Serial, "ordered by serial")
	assert.Equal(t, rc.Ref(), ov.Rows[1].Received.Doc)
	assert.Equal(t, "Husqvarna AB", ov.Rows[1].Received.Party)
	assert.Equal(t, o.Ref(), ov.Rows[1].Sold.Doc)
	assert.Equal(t, "Jane Doe", ov.Rows[1].Sold.Party)
	assert.Equal(t, "Chainsaw 500", ov.Rows[1].ItemName)

	ov, err = s.reg.ItemOverview(s.chainsaw.ID, core.SerialQuery{State: core.InStock, Limit: 1, Offset: 1})
	require.NoError(t, err)
	assert.Equal(t, 2, ov.Total)
	require.Len(t, ov.Rows, 1)
	assert.Equal(t, "996AAAAA3", ov.Rows[0].Serial.Serial)

	_, err = s.reg.ItemOverview(999, core.SerialQuery{})
	assert.Equal(t, core.NotFound, core.ErrorCode(err))
}

func TestSearchSerials(t *testing.T) {
	s := newShop(t)
	drill, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true})
	require.NoError(t, err)
	s.receive(s.chainsaw, "996AB0001", "996AB0002", "996CD0003")
	s.receive(drill, "AB-77", "996AB0001")
	s.sell(s.chainsaw, "996AB0002")

	search := func(q core.SerialQuery) (rows []string, total int) {
		page, err := s.reg.SearchSerials(q)
		require.NoError(t, err)
		for _, r := range page.Rows {
			rows = append(rows, r.ItemNo+":"+r.Serial.Serial)
		}
		return rows, page.Total
	}
	rows, total := search(core.SerialQuery{Text: " ab0 "})
	assert.Equal(t, []string{"CS-500:996AB0001", "DRILL:996AB0001", "CS-500:996AB0002"}, rows, "any case, by serial then item")
	assert.Equal(t, 3, total)

	rows, total = search(core.SerialQuery{Text: "ab", Limit: 2, Offset: 1})
	assert.Equal(t, []string{"DRILL:996AB0001", "CS-500:996AB0002"}, rows)
	assert.Equal(t, 4, total)

	rows, _ = search(core.SerialQuery{Text: "ab", State: core.Sold})
	assert.Equal(t, []string{"CS-500:996AB0002"}, rows)
	rows, _ = search(core.SerialQuery{Text: "ab", Item: drill.ID})
	assert.Equal(t, []string{"DRILL:996AB0001", "DRILL:AB-77"}, rows)
	rows, _ = search(core.SerialQuery{Item: s.chainsaw.ID, State: core.InStock})
	assert.Equal(t, []string{"CS-500:996AB0001", "CS-500:996CD0003"}, rows)
	rows, total = search(core.SerialQuery{Text: "nothing"})
	assert.Empty(t, rows)
	assert.Zero(t, total)
	_, total = search(core.SerialQuery{Offset: 100})
	assert.Equal(t, 5, total, "an offset past the end still counts")
}

func TestDocumentSerials(t *testing.T) {
	s := newShop(t)
	rc, err := s.reg.ConfirmReceipt(core.Receipt{Supplier: "Husqvarna AB", Lines: []core.ReceiptLine{
		{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"996AAAAA2", "996AAAAA1"}},
		{Item: s.bolts.ID, Quantity: 5},
	}})
	require.NoError(t, err)
	o := s.sell(s.chainsaw, "996AAAAA1")

	page, err := s.reg.DocumentSerials(rc.Ref(), 0, 0)
	require.NoError(t, err)
	assert.Equal(t, 2, page.Total)
	require.Len(t, page.Rows, 2)
	assert.Equal(t, "996AAAAA2", page.Rows[0].Serial.Serial, "in the document's order")
	assert.Equal(t, core.Sold, page.Rows[1].State, "as they stand now")
	assert.Equal(t, "CS-500", page.Rows[1].ItemNo)

	page, err = s.reg.DocumentSerials(o.Ref(), 0, 1)
	require.NoError(t, err)
	assert.Equal(t, 1, page.Total)
	assert.Equal(t, o.Ref(), page.Rows[0].Sold.Doc)

	_, err = s.reg.CancelOrder(o.ID)
	require.NoError(t, err)
	_, err = s.reg.CancelReceipt(rc.ID)
	require.NoError(t, err)
	page, err = s.reg.DocumentSerials(rc.Ref(), 1, 5)
	require.NoError(t, err)
	require.Len(t, page.Rows, 1)
	assert.Equal(t, "996AAAAA1", page.Rows[0].Serial.Serial)
	assert.Zero(t, page.Rows[0].State, "no longer registered")

	_, err = s.reg.DocumentSerials(core.DocRef{Kind: core.OrderDoc, ID: 99}, 0, 0)
	assert.Equal(t, core.NotFound, core.ErrorCode(err))
}

func TestRegisteredNamesTheSerialsTheItemHolds(t *testing.T) {
	s := newShop(t)
	rc := s.receive(s.chainsaw, "996AAAAA1", "996AAAAA2")
	_, err := s.reg.CancelReceipt(rc.ID)
	require.NoError(t, err)
	s.receive(s.chainsaw, "996AAAAA3")
	held, err := s.reg.Registered(s.chainsaw.ID, []string{"996AAAAA1", "996AAAAA3", "996ZZZZZZ"})
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{"996AAAAA3": true}, held, "a cancelled receipt's serials are gone")
	held, err = s.reg.Registered(s.bolts.ID, []string{"996AAAAA3"})
	require.NoError(t, err)
	assert.Empty(t, held, "per item")
}

// A serial's history gives each event the day of its document: the
// receipt's, the order's, and for a return the day the unit came back.
func TestHistoryGivesTheDocumentsDates(t *testing.T) {
	s := newShop(t)
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	_, err := s.reg.ConfirmReceipt(core.Receipt{Date: day(2), Lines: []core.ReceiptLine{{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000001"}}}})
	require.NoError(t, err)
	o, err := s.reg.SaveOrder(core.Order{Date: day(5), Lines: []core.OrderLine{{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000001"}}}})
	require.NoError(t, err)
	_, err = s.reg.ReturnToStock(o.ID, core.ReturnInput{Line: 1, Serials: []string{"996000001"}, Date: day(9)})
	require.NoError(t, err)
	history, err := s.reg.SerialHistory(s.chainsaw.ID, "996000001")
	require.NoError(t, err)
	require.Len(t, history, 3)
	for i, want := range []time.Time{day(2), day(5), day(9)} {
		assert.True(t, want.Equal(history[i].DocDate), "%s on %s, want %s", history[i].Kind, history[i].DocDate, want)
	}
}
