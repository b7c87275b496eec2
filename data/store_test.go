package data_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
)

func TestReopenKeepsEverything(t *testing.T) {
	dir := t.TempDir()
	s, err := data.Open(dir, datatest.Logger())
	require.NoError(t, err)
	reg := core.New(s)
	brand, err := reg.SaveBrand(core.Brand{Name: "Audi"})
	require.NoError(t, err)
	model, err := reg.SaveModel(core.Model{Brand: brand.ID, Name: "A6"})
	require.NoError(t, err)
	car, err := reg.SaveItem(core.Item{No: "NEW-A6", Name: "NEW AUDI A6", UseSerial: true, Pattern: "XY123***",
		Model: model.ID, CreateEntity: true, CreateOnStockUpdate: true})
	require.NoError(t, err)
	rc, err := reg.ConfirmReceipt(core.Receipt{Supplier: "Audi AG", Lines: []core.ReceiptLine{{Item: car.ID, Quantity: 2, Serials: []string{"XY123AAA", "XY123AAB"}}}})
	require.NoError(t, err)
	o, err := reg.SaveOrder(core.Order{Customer: "Jane Doe", Lines: []core.OrderLine{{Item: car.ID, Quantity: 1, Serials: []string{"XY123AAA"}}}})
	require.NoError(t, err)

	before := snapshot(t, reg)
	require.NoError(t, s.Close())

	s, err = data.Open(dir, datatest.Logger())
	require.NoError(t, err)
	defer s.Close()
	reg = core.New(s)
	assert.Equal(t, before, snapshot(t, reg))
	got, err := reg.Receipt(rc.ID)
	require.NoError(t, err)
	assert.Equal(t, core.Confirmed, got.Status)
	gotOrder, err := reg.Order(o.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"XY123AAA"}, gotOrder.Lines[0].Serials)

	next, err := reg.SaveItem(core.Item{No: "B", Name: "B"})
	require.NoError(t, err)
	assert.Equal(t, car.ID+1, next.ID, "numbering goes on after a restart")
}

// snapshot is everything a user can see of a register, for comparisons.
func snapshot(t *testing.T, reg *core.Register) map[string]any {
	t.Helper()
	items, err := reg.Items("")
	require.NoError(t, err)
	serials, err := reg.SearchSerials(core.SerialQuery{})
	require.NoError(t, err)
	entities, err := reg.Entities("")
	require.NoError(t, err)
	models, err := reg.Models(0)
	require.NoError(t, err)
	receipts, err := reg.Receipts()
	require.NoError(t, err)
	orders, err := reg.Orders()
	require.NoError(t, err)
	history := map[string][]core.HistoryLine{}
	for _, row := range serials.Rows {
		events, err := reg.SerialHistory(row.Item, row.Serial.Serial)
		require.NoError(t, err)
		for i := range events {
			events[i].Time = events[i].Time.UTC()
		}
		history[row.ItemNo+" "+row.Serial.Serial] = events
	}
	for i := range entities {
		entities[i].Created = entities[i].Created.UTC()
	}
	return map[string]any{"items": items, "serials": serials, "entities": entities, "models": models,
		"receipts": len(receipts), "orders": len(orders), "history": history}
}

// A Serialdesk started while another writes its closing backup is told
// so, not to use a window that is no longer there.
func TestSecondOpenWhileTheFirstIsClosing(t *testing.T) {
	dir := t.TempDir()
	s := datatest.MustOpen(t, dir)
	s.MarkClosing()
	_, err := data.Open(dir, datatest.Logger())
	assert.Equal(t, "Serialdesk is still closing on "+dir+": it is saving a backup of the register. Start it again in a moment.", core.English.Error(err))
	require.NoError(t, s.Close())
	assert.NoFileExists(t, filepath.Join(dir, "closing"), "closing done")
	datatest.MustOpen(t, dir)
}

func TestSecondOpenIsRefused(t *testing.T) {
	dir := t.TempDir()
	reg := core.New(datatest.MustOpen(t, dir))
	_, err := data.Open(dir, datatest.Logger())
	require.Error(t, err)
	assert.True(t, errors.Is(err, data.ErrAlreadyOpen))
	assert.Equal(t, core.Conflict, core.ErrorCode(err))
	assert.Contains(t, core.English.Error(err), "Serialdesk is already open on "+dir)

	_, err = reg.SaveItem(core.Item{No: "A", Name: "A"})
	assert.NoError(t, err, "the first store is unharmed")
}

func TestLargeReceiptIsAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("receives 50,000 serials")
	}
	dir := t.TempDir()
	s := datatest.MustOpen(t, dir)
	reg := core.New(s)
	it, err := reg.SaveItem(core.Item{No: "CHIP", Name: "Chip", UseSerial: true, RequireAtPurchase: true})
	require.NoError(t, err)
	const n = 50_000
	serials := make([]string, n)
	for i := range serials {
		serials[i] = fmt.Sprintf("SN%08d", i)
	}
	bad := append(append([]string(nil), serials[:n-1]...), "SN 1")
	_, err = reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: it.ID, Quantity: n, Serials: bad}}})
	require.Error(t, err)
	require.Len(t, core.Problems(err), 1)

	rc, err := reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: it.ID, Quantity: n, Serials: serials}}})
	require.NoError(t, err)
	page, err := reg.SearchSerials(core.SerialQuery{Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, n, page.Total)

	// The whole receipt also goes away whole.
	_, err = reg.CancelReceipt(rc.ID)
	require.NoError(t, err)
	page, err = reg.SearchSerials(core.SerialQuery{Limit: 1})
	require.NoError(t, err)
	assert.Zero(t, page.Total)
	st, err := reg.Stock(it.ID)
	require.NoError(t, err)
	assert.Equal(t, core.Stock{}, st)
}

func TestEventsOfOneClockReadingAreAllKept(t *testing.T) {
	s := datatest.MustOpen(t, "")
	at := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	for _, kind := range []core.EventKind{core.EventReceived, core.EventSold} {
		require.NoError(t, s.Update(func(tx core.Tx) error {
			return tx.AddEvent(core.Event{Time: at, Kind: kind, Item: 1, Serial: "996A"})
		}))
	}
	var got []core.Event
	require.NoError(t, s.View(func(tx core.Tx) (err error) { got, err = tx.History(1, "996A"); return }))
	require.Len(t, got, 2, "a coarse clock must not merge two events")
	assert.Equal(t, []core.EventKind{core.EventReceived, core.EventSold}, []core.EventKind{got[0].Kind, got[1].Kind})
}

func TestWorkAfterCloseGetsAnError(t *testing.T) {
	s, err := data.Open(t.TempDir(), datatest.Logger())
	require.NoError(t, err)
	require.NoError(t, s.Close())
	require.NoError(t, s.Close(), "closing twice is harmless")
	reg := core.New(s)
	_, err = reg.Items("")
	assert.Equal(t, "The register is closed.", core.English.Error(err), "a late background read does not crash the program")
	_, err = reg.SaveItem(core.Item{No: "A", Name: "A"})
	assert.Error(t, err)
}

// A register kept before the lists had their own records still lists
// every document.
func TestOldRegisterGetsItsListsBack(t *testing.T) {
	dir := t.TempDir()
	s := datatest.MustOpen(t, dir)
	reg := core.New(s)
	require.NoError(t, reg.LoadExamples())
	receipts, err := reg.Receipts()
	require.NoError(t, err)
	orders, err := reg.Orders()
	require.NoError(t, err)
	require.NoError(t, data.RawDB(s).DropPrefix([]byte{0x12}, []byte{0x13}))
	require.NoError(t, s.Close())

	reg = core.New(datatest.MustOpen(t, dir))
	again, err := reg.Receipts()
	require.NoError(t, err)
	assert.Equal(t, receipts, again)
	againOrders, err := reg.Orders()
	require.NoError(t, err)
	assert.Equal(t, orders, againOrders)
}

// Written counts what committed operations wrote, and nothing of one that
// was refused.
func TestWrittenCountsCommittedWrites(t *testing.T) {
	s := datatest.MustOpen(t, "")
	reg := core.New(s)
	it, err := reg.SaveItem(core.Item{No: "CS-500", Name: "Chainsaw", UseSerial: true})
	require.NoError(t, err)
	keys0, bytes0 := s.Written()
	serials := []string{"SN1", "SN2", "SN3"}
	_, err = reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: it.ID, Quantity: 3, Serials: serials}}})
	require.NoError(t, err)
	keys1, bytes1 := s.Written()
	assert.GreaterOrEqual(t, keys1-keys0, int64(3*len(serials)), "each serial's record, index entry and event")
	assert.Greater(t, bytes1-bytes0, keys1-keys0)

	_, err = reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: it.ID, Quantity: 3, Serials: serials}}})
	require.Error(t, err, "already in stock")
	keys2, bytes2 := s.Written()
	assert.Equal(t, keys1, keys2)
	assert.Equal(t, bytes1, bytes2)
}

// A kill right after Badger made a memtable's or a value log's file, before
// it wrote anything in it, leaves it empty: opening goes on with nothing
// lost (Badger itself refuses the empty memtable file, which holds nothing
// and is removed first).
func TestEmptyFilesAKillLeavesAreNoDamage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "register")
	s, reg := exampleStore(t, dir)
	want := snapshot(t, reg)
	require.NoError(t, s.Close())
	for _, name := range []string{"00009.mem", "000099.vlog"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), nil, 0o644))
	}
	_, err := data.OpenReadOnly(dir, datatest.Logger())
	assert.ErrorIs(t, err, data.ErrUnfinished, "reading only cannot finish a kill's work")
	s = datatest.MustOpen(t, dir)
	assert.Equal(t, want, snapshot(t, core.New(s)))
	assert.NoFileExists(t, filepath.Join(dir, "00009.mem"))
}
