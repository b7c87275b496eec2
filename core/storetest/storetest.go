// Package storetest is what every engine that keeps the register
// (core.Store) must do, written once: each engine's tests call Run with a
// function that opens a new, empty store of that engine.
package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/davecgh/go-spew/spew"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// Open returns a new, empty store; the engine's test closes it when t ends.
type Open func(t *testing.T) core.Store

// Run runs every store-level behaviour against the engine.
func Run(t *testing.T, open Open) {
	for _, c := range []struct {
		name string
		fn   func(*testing.T, core.Store)
	}{
		{"ItemsAndTheirIndexes", itemsAndTheirIndexes},
		{"MissingRecordsAreNotFound", missingRecordsAreNotFound},
		{"StockStartsAtZero", stockStartsAtZero},
		{"SerialsReadWriteDelete", serialsReadWriteDelete},
		{"SerialsInOneRead", serialsInOneRead},
		{"SearchPagesAndTotals", searchPagesAndTotals},
		{"SearchByWarranty", searchByWarranty},
		{"EachSerialByItemThenSerial", eachSerialByItemThenSerial},
		{"HistoryOldestFirst", historyOldestFirst},
		{"NotesFoundInAnyCase", notesFoundInAnyCase},
		{"DocumentsAndTheirHeads", documentsAndTheirHeads},
		{"BrandsModelsEntities", brandsModelsEntities},
		{"SequencesCountUp", sequencesCountUp},
		{"SequencesCopied", sequencesCopied},
		{"EachEventBySerialOldestFirst", eachEventBySerialOldestFirst},
		{"ConcurrentNumbersAreGaplessAndUnique", concurrentNumbersAreGaplessAndUnique},
		{"ConflictingUpdatesLoseNothing", conflictingUpdatesLoseNothing},
		{"RefusedOperationWritesNothing", refusedOperationWritesNothing},
		{"ViewCannotWrite", viewCannotWrite},
		{"ReadsSeeTheOperationsOwnWrites", readsSeeTheOperationsOwnWrites},
		{"ManyDocumentsInOneOperation", manyDocumentsInOneOperation},
		{"DeletesLeaveNothingBehind", deletesLeaveNothingBehind},
		{"ClearLeavesAnEmptyRegister", clearLeavesAnEmptyRegister},
		{"SerialOfEveryItem", serialOfEveryItem},
		{"PartiesReadWriteDelete", partiesReadWriteDelete},
		{"ShopReadWrite", shopReadWrite},
	} {
		t.Run(c.name, func(t *testing.T) { c.fn(t, open(t)) })
	}
}

// at is a time as the engines keep it: to the microsecond, in UTC.
func at(sec int) time.Time { return time.Date(2026, 11, 3, 9, 0, sec, 123456000, time.UTC) }

func day(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }

func update(t *testing.T, s core.Store, fn func(core.Tx) error) {
	t.Helper()
	require.NoError(t, s.Update(fn))
}

func view[T any](t *testing.T, s core.Store, fn func(core.Tx) (T, error)) T {
	t.Helper()
	var out T
	require.NoError(t, s.View(func(tx core.Tx) (err error) {
		out, err = fn(tx)
		return err
	}))
	return out
}

func notFound(t *testing.T, err error) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, core.NotFound, core.ErrorCode(err), "%v", err)
}

func itemsAndTheirIndexes(t *testing.T, s core.Store) {
	saw := core.Item{ID: 1, No: "CS-500", Name: "Chainsaw 500", Price: 649900, UseSerial: true, Pattern: "996******",
		RequireAtSale: true, RequireAtPurchase: true, GTIN: "07310000000012", WarrantyMonths: 24,
		LastChange: core.LastChange{Revision: 3, Changed: at(4), By: "kari@COUNTER-2"}}
	car := core.Item{ID: 2, No: "New-A6", Name: "NEW AUDI A6", UseSerial: true, Model: 7, CreateEntity: true,
		CreateOnSave: true, CreateOnStockUpdate: true, SerialParam: "VIN", VIN: true, WarrantyMonths: 36, WarrantyFrom: core.WarrantyFromReceipt}
	update(t, s, func(tx core.Tx) error {
		require.NoError(t, tx.PutItem(saw))
		return tx.PutItem(car)
	})
	require.Equal(t, saw, view(t, s, func(tx core.Tx) (core.Item, error) { return tx.Item(1) }))
	require.Equal(t, car, view(t, s, func(tx core.Tx) (core.Item, error) { return tx.ItemByNo("new-a6") }))
	require.Equal(t, core.ItemID(2), view(t, s, func(tx core.Tx) (core.ItemID, error) { return tx.ItemOfModel(7) }))
	require.Equal(t, []core.Item{saw, car}, view(t, s, func(tx core.Tx) ([]core.Item, error) { return tx.Items() }))

	// A new number frees the old one; a new model moves the link.
	car.No, car.Model = "A6-2027", 8
	update(t, s, func(tx core.Tx) error { return tx.PutItem(car) })
	require.NoError(t, s.View(func(tx core.Tx) error {
		_, err := tx.ItemByNo("NEW-A6")
		notFound(t, err)
		_, err = tx.ItemOfModel(7)
		notFound(t, err)
		got, err := tx.ItemByNo("a6-2027")
		require.NoError(t, err)
		require.Equal(t, car, got)
		id, err := tx.ItemOfModel(8)
		require.NoError(t, err)
		require.Equal(t, car.ID, id)
		return nil
	}))
}

func missingRecordsAreNotFound(t *testing.T, s core.Store) {
	require.NoError(t, s.View(func(tx core.Tx) error {
		_, err := tx.Item(1)
		notFound(t, err)
		_, err = tx.ItemByNo("X")
		notFound(t, err)
		_, err = tx.ItemOfModel(1)
		notFound(t, err)
		_, err = tx.Serial(1, "A")
		notFound(t, err)
		_, err = tx.Receipt(1)
		notFound(t, err)
		_, err = tx.Order(1)
		notFound(t, err)
		_, err = tx.Brand(1)
		notFound(t, err)
		_, err = tx.Model(1)
		notFound(t, err)
		_, err = tx.Entity(1)
		notFound(t, err)
		for _, list := range []func() (int, error){
			func() (int, error) { l, err := tx.Items(); return len(l), err },
			func() (int, error) { l, err := tx.ReceiptHeads(); return len(l), err },
			func() (int, error) { l, err := tx.OrderHeads(); return len(l), err },
			func() (int, error) { l, err := tx.Brands(); return len(l), err },
			func() (int, error) { l, err := tx.Models(); return len(l), err },
			func() (int, error) { l, err := tx.Entities(); return len(l), err },
			func() (int, error) { l, err := tx.History(1, "A"); return len(l), err },
			func() (int, error) { l, err := tx.EntitiesWith(1, "VIN", "A"); return len(l), err },
		} {
			n, err := list()
			require.NoError(t, err)
			require.Zero(t, n)
		}
		return nil
	}))
	err := s.Update(func(tx core.Tx) error { return tx.DeleteSerial(1, "A") })
	notFound(t, err)
}

func stockStartsAtZero(t *testing.T, s core.Store) {
	require.Equal(t, core.Stock{}, view(t, s, func(tx core.Tx) (core.Stock, error) { return tx.Stock(5) }))
	update(t, s, func(tx core.Tx) error {
		return tx.PutStock(5, core.Stock{Purchased: 10, Sold: 4, Returned: 1, ToSupplier: 2})
	})
	require.Equal(t, core.Stock{Purchased: 10, Sold: 4, Returned: 1, ToSupplier: 2}, view(t, s, func(tx core.Tx) (core.Stock, error) { return tx.Stock(5) }))
}

func movement(kind core.DocKind, id core.DocID, party string, amount core.Money) *core.Movement {
	return &core.Movement{Date: day(3), Doc: core.DocRef{Kind: kind, ID: id}, Party: party, Amount: amount}
}

func serialsReadWriteDelete(t *testing.T, s core.Store) {
	rec := core.Serial{Item: 1, Serial: "996000001", State: core.Returned, Project: 4,
		Received: &core.Movement{Date: day(3), Doc: core.DocRef{Kind: core.ReceiptDoc, ID: 1}, Party: "Husqvarna AB", Amount: 350000, By: "kari@COUNTER-2"},
		Sold:     movement(core.OrderDoc, 2, "Jane Doe", 649900),
		Returned: movement(core.OrderDoc, 2, "Jane Doe", 0), Warranty: day(30).AddDate(2, 0, 0)}
	plain := core.Serial{Item: 2, Serial: "996000001", State: core.InStock}
	update(t, s, func(tx core.Tx) error {
		require.NoError(t, tx.PutSerial(rec))
		return tx.PutSerial(plain)
	})
	require.Equal(t, rec, view(t, s, func(tx core.Tx) (core.Serial, error) { return tx.Serial(1, "996000001") }))
	require.Equal(t, plain, view(t, s, func(tx core.Tx) (core.Serial, error) { return tx.Serial(2, "996000001") }))

	rec.State, rec.Returned, rec.Warranty = core.Sold, nil, time.Time{}
	update(t, s, func(tx core.Tx) error { return tx.PutSerial(rec) })
	require.Equal(t, rec, view(t, s, func(tx core.Tx) (core.Serial, error) { return tx.Serial(1, "996000001") }))

	rec.State, rec.ToSupplier = core.ToSupplier, movement(core.SupplierReturnDoc, 3, "Husqvarna AB", 0)
	update(t, s, func(tx core.Tx) error { return tx.PutSerial(rec) })
	require.Equal(t, rec, view(t, s, func(tx core.Tx) (core.Serial, error) { return tx.Serial(1, "996000001") }))

	update(t, s, func(tx core.Tx) error { return tx.DeleteSerial(1, "996000001") })
	require.NoError(t, s.View(func(tx core.Tx) error {
		_, err := tx.Serial(1, "996000001")
		notFound(t, err)
		page, total, err := tx.SearchSerials(core.SerialQuery{})
		require.NoError(t, err)
		require.Equal(t, 1, total)
		require.Equal(t, []core.Serial{plain}, page)
		return nil
	}))
}

func serialsInOneRead(t *testing.T, s core.Store) {
	update(t, s, func(tx core.Tx) error {
		for i := range 500 {
			if err := tx.PutSerial(core.Serial{Item: 1, Serial: fmt.Sprintf("S%04d", i), State: core.InStock}); err != nil {
				return err
			}
		}
		return tx.PutSerial(core.Serial{Item: 2, Serial: "S0001", State: core.Sold})
	})
	got := view(t, s, func(tx core.Tx) (map[string]core.Serial, error) {
		return tx.Serials(1, []string{"S0001", "S0499", "S0500", "NONE", "s0002"})
	})
	require.Equal(t, map[string]core.Serial{
		"S0001": {Item: 1, Serial: "S0001", State: core.InStock},
		"S0499": {Item: 1, Serial: "S0499", State: core.InStock},
	}, got)
	require.Empty(t, view(t, s, func(tx core.Tx) (map[string]core.Serial, error) { return tx.Serials(3, []string{"S0001"}) }))
	require.Empty(t, view(t, s, func(tx core.Tx) (map[string]core.Serial, error) { return tx.Serials(1, nil) }))
}

// searchPagesAndTotals: by part of the serial, item and state, ordered by
// serial and then item, with the total of the whole selection.
func searchPagesAndTotals(t *testing.T, s core.Store) {
	var all []core.Serial
	update(t, s, func(tx core.Tx) error {
		for i := range 30 {
			for _, item := range []core.ItemID{2, 1} {
				st := core.InStock
				switch {
				case i%3 == 0:
					st = core.Sold
				case i == 29:
					st = core.Returned // back on the shelf
				}
				rec := core.Serial{Item: item, Serial: fmt.Sprintf("AB%02d-%d", 29-i, item), State: st}
				all = append(all, rec)
				if err := tx.PutSerial(rec); err != nil {
					return err
				}
			}
		}
		// The same serial for two items sorts by item.
		for _, item := range []core.ItemID{3, 1} {
			rec := core.Serial{Item: item, Serial: "ZZ%_", State: core.InStock}
			all = append(all, rec)
			if err := tx.PutSerial(rec); err != nil {
				return err
			}
		}
		return nil
	})
	search := func(q core.SerialQuery) ([]string, int) {
		t.Helper()
		var recs []core.Serial
		total := 0
		require.NoError(t, s.View(func(tx core.Tx) (err error) {
			recs, total, err = tx.SearchSerials(q)
			return err
		}))
		var out []string
		for _, r := range recs {
			out = append(out, fmt.Sprintf("%s/%d/%d", r.Serial, r.Item, r.State))
		}
		return out, total
	}
	page, total := search(core.SerialQuery{Limit: 3})
	require.Equal(t, 62, total)
	require.Equal(t, []string{"AB00-1/1/3", "AB00-2/2/3", "AB01-1/1/1"}, page)

	page, total = search(core.SerialQuery{Offset: 59, Limit: 10})
	require.Equal(t, 62, total)
	require.Equal(t, []string{"AB29-2/2/2", "ZZ%_/1/1", "ZZ%_/3/1"}, page)

	page, total = search(core.SerialQuery{Text: "B1", Item: 2})
	require.Equal(t, 10, total)
	require.Len(t, page, 10)
	require.Equal(t, "AB10-2/2/1", page[0])

	page, total = search(core.SerialQuery{Text: "-1", State: core.Sold, Offset: 2, Limit: 2})
	require.Equal(t, 10, total)
	require.Equal(t, []string{"AB08-1/1/2", "AB11-1/1/2"}, page)

	// In stock selects the returned units too: they are back on the shelf.
	page, total = search(core.SerialQuery{Text: "AB00", State: core.InStock})
	require.Equal(t, 2, total)
	require.Equal(t, []string{"AB00-1/1/3", "AB00-2/2/3"}, page)
	_, total = search(core.SerialQuery{State: core.InStock})
	require.Equal(t, 42, total)
	_, total = search(core.SerialQuery{State: core.Returned})
	require.Equal(t, 2, total)

	// Text is matched as typed, never as a pattern.
	page, total = search(core.SerialQuery{Text: "%"})
	require.Equal(t, []string{"ZZ%_/1/1", "ZZ%_/3/1"}, page)
	require.Equal(t, 2, total)
	_, total = search(core.SerialQuery{Text: "_"})
	require.Equal(t, 2, total)
	page, total = search(core.SerialQuery{Text: "NOTHING"})
	require.Empty(t, page)
	require.Zero(t, total)
	_, total = search(core.SerialQuery{Offset: 100})
	require.Equal(t, 62, total)
}

// searchByWarranty: under warranty on a day includes its last day;
// expired is a warranty that ended before it; no warranty is neither.
func searchByWarranty(t *testing.T, s core.Store) {
	update(t, s, func(tx core.Tx) error {
		for i, end := range []time.Time{{}, day(9), day(10), day(11), {}} {
			rec := core.Serial{Item: core.ItemID(1 + i%2), Serial: fmt.Sprintf("W%d", i), State: core.Sold, Warranty: end}
			if err := tx.PutSerial(rec); err != nil {
				return err
			}
		}
		return nil
	})
	search := func(q core.SerialQuery) []string {
		t.Helper()
		var out []string
		require.NoError(t, s.View(func(tx core.Tx) error {
			recs, total, err := tx.SearchSerials(q)
			require.Equal(t, len(recs), total)
			for _, r := range recs {
				out = append(out, r.Serial)
			}
			return err
		}))
		return out
	}
	today := time.Date(2026, 11, 10, 15, 30, 0, 0, time.UTC)
	require.Equal(t, []string{"W2", "W3"}, search(core.SerialQuery{Warranty: core.UnderWarranty, Today: today}))
	require.Equal(t, []string{"W1"}, search(core.SerialQuery{Warranty: core.WarrantyExpired, Today: today}))
	require.Equal(t, []string{"W3"}, search(core.SerialQuery{Warranty: core.UnderWarranty, Today: today, Item: 2}))
	require.Equal(t, []string{"W0", "W1", "W2", "W3", "W4"}, search(core.SerialQuery{Today: today}))

	// A warranty changed or taken away is searched as it is now.
	update(t, s, func(tx core.Tx) error {
		require.NoError(t, tx.PutSerial(core.Serial{Item: 1, Serial: "W0", State: core.Sold, Warranty: day(20)}))
		return tx.PutSerial(core.Serial{Item: 1, Serial: "W2", State: core.Sold})
	})
	require.Equal(t, []string{"W0", "W3"}, search(core.SerialQuery{Warranty: core.UnderWarranty, Today: today}))
}

func eachSerialByItemThenSerial(t *testing.T, s core.Store) {
	update(t, s, func(tx core.Tx) error {
		for _, rec := range []core.Serial{{Item: 2, Serial: "A", State: core.Sold}, {Item: 1, Serial: "B", State: core.InStock},
			{Item: 1, Serial: "A", State: core.InStock}, {Item: 10, Serial: "0", State: core.InStock}} {
			if err := tx.PutSerial(rec); err != nil {
				return err
			}
		}
		return nil
	})
	var got []string
	require.NoError(t, s.View(func(tx core.Tx) error {
		return tx.EachSerial(func(rec core.Serial) error {
			got = append(got, fmt.Sprintf("%d/%s", rec.Item, rec.Serial))
			return nil
		})
	}))
	require.Equal(t, []string{"1/A", "1/B", "2/A", "10/0"}, got)
	stop := errors.New("stop")
	err := s.View(func(tx core.Tx) error { return tx.EachSerial(func(core.Serial) error { return stop }) })
	require.ErrorIs(t, err, stop)
}

// historyOldestFirst: by time, and events of one clock reading in the
// order they were added, across operations too.
func historyOldestFirst(t *testing.T, s core.Store) {
	ev := func(sec int, kind core.EventKind) core.Event {
		return core.Event{Time: at(sec), Kind: kind, Item: 1, Serial: "A", Doc: core.DocRef{Kind: core.ReceiptDoc, ID: 1},
			Party: "Husqvarna AB", Project: 3, By: "kari@COUNTER-2"}
	}
	update(t, s, func(tx core.Tx) error {
		for _, e := range []core.Event{ev(5, core.EventReceived), ev(1, core.EventReceived), ev(5, core.EventEntityCreated)} {
			if err := tx.AddEvent(e); err != nil {
				return err
			}
		}
		return tx.AddEvent(core.Event{Time: at(0), Kind: core.EventSold, Item: 1, Serial: "B"})
	})
	update(t, s, func(tx core.Tx) error { return tx.AddEvent(ev(5, core.EventSold)) })
	got := view(t, s, func(tx core.Tx) ([]core.Event, error) { return tx.History(1, "A") })
	require.Equal(t, []core.Event{ev(1, core.EventReceived), ev(5, core.EventReceived), ev(5, core.EventEntityCreated), ev(5, core.EventSold)}, got)
	require.Len(t, view(t, s, func(tx core.Tx) ([]core.Event, error) { return tx.History(2, "A") }), 0)
}

// notesFoundInAnyCase: service notes are history lines, and are found on
// their own by part of their text in any case.
func notesFoundInAnyCase(t *testing.T, s core.Store) {
	note := func(item core.ItemID, serial string, sec int, text string) core.Event {
		return core.Event{Time: at(sec), Kind: core.EventNote, Item: item, Serial: serial, Project: 4, By: "ola@WORKSHOP",
			Note: text, Date: day(2)}
	}
	brake, control := note(2, "A", 3, "Chain brake replaced"), note(1, "B", 1, "EU control passed; brakes OK")
	plain := core.Event{Time: at(2), Kind: core.EventSold, Item: 1, Serial: "B", Party: "brake shop"}
	update(t, s, func(tx core.Tx) error {
		for _, ev := range []core.Event{brake, plain, control} {
			if err := tx.AddEvent(ev); err != nil {
				return err
			}
		}
		return nil
	})
	notes := func(text string) []core.Event {
		return view(t, s, func(tx core.Tx) ([]core.Event, error) { return tx.Notes(text) })
	}
	require.Equal(t, []core.Event{control, brake}, notes(""), "by item, serial and time")
	require.Equal(t, []core.Event{control, brake}, notes("BRAKE"))
	require.Equal(t, []core.Event{control}, notes("eu c"))
	require.Empty(t, notes("shop"), "what is not a note is not found")
	require.Empty(t, notes("%"), "text is matched as typed")
	require.Equal(t, []core.Event{control, plain}, view(t, s, func(tx core.Tx) ([]core.Event, error) { return tx.History(1, "B") }))
}

func documentsAndTheirHeads(t *testing.T, s core.Store) {
	rc := core.Receipt{ID: 2, Status: core.Confirmed, Date: day(3), Supplier: "Husqvarna AB", SupplierID: 7, Reference: "INV-1",
		Lines:       []core.ReceiptLine{{Item: 1, Quantity: 2, Serials: []string{"996000001", "996000002"}, UnitCost: 350000}, {Item: 2, Quantity: 5}},
		ConfirmedAt: at(1), LastChange: core.LastChange{Revision: 1, Changed: at(1), By: "kari@COUNTER-2"}, Replaced: []core.Serial{{Item: 1, Serial: "996000001", State: core.Sold, Sold: movement(core.OrderDoc, 1, "Jane", 0)}}}
	draft := core.Receipt{ID: 1, Status: core.Draft, Date: day(2), Supplier: "Stihl"}
	o := core.Order{ID: 1, Date: day(4), Customer: "Jane Doe", CustomerID: 9, Reference: "web 7",
		Lines:   []core.OrderLine{{Item: 1, Quantity: 1, Serials: []string{"996000001"}, UnitPrice: 649900, Warranty: day(4).AddDate(5, 0, 0)}},
		Returns: []core.Return{{Time: at(9), Date: day(5), Item: 1, Serials: []string{"996000001"}, Quantity: 1, Note: "faulty", By: "ola@WORKSHOP"}},
		SavedAt: at(2), LastChange: core.LastChange{Revision: 2, Changed: at(2), By: "kari@COUNTER-2"}}
	update(t, s, func(tx core.Tx) error {
		require.NoError(t, tx.PutReceipt(rc))
		require.NoError(t, tx.PutReceipt(draft))
		return tx.PutOrder(o)
	})
	require.Equal(t, rc, view(t, s, func(tx core.Tx) (core.Receipt, error) { return tx.Receipt(2) }))
	require.Equal(t, o, view(t, s, func(tx core.Tx) (core.Order, error) { return tx.Order(1) }))
	require.Equal(t, []core.ReceiptHead{draft.Head(), rc.Head()}, view(t, s, func(tx core.Tx) ([]core.ReceiptHead, error) { return tx.ReceiptHeads() }))
	require.Equal(t, []core.OrderHead{o.Head()}, view(t, s, func(tx core.Tx) ([]core.OrderHead, error) { return tx.OrderHeads() }))

	// A changed document changes its head.
	o.CancelledAt, o.CancelledBy = at(20), "ola@WORKSHOP"
	draft.Status, draft.CancelledAt, draft.CancelledBy = core.Cancelled, at(21), "ola@WORKSHOP"
	update(t, s, func(tx core.Tx) error {
		require.NoError(t, tx.PutReceipt(draft))
		return tx.PutOrder(o)
	})
	require.Equal(t, []core.ReceiptHead{draft.Head(), rc.Head()}, view(t, s, func(tx core.Tx) ([]core.ReceiptHead, error) { return tx.ReceiptHeads() }))
	require.Equal(t, []core.OrderHead{o.Head()}, view(t, s, func(tx core.Tx) ([]core.OrderHead, error) { return tx.OrderHeads() }))
	require.Equal(t, o, view(t, s, func(tx core.Tx) (core.Order, error) { return tx.Order(1) }))

	sr := core.SupplierReturn{ID: 1, Date: day(6), Supplier: "Husqvarna AB", SupplierID: 7, Reference: "RMA 88", Reason: "defective",
		Lines:   []core.SupplierReturnLine{{Item: 1, Quantity: 1, Serials: []string{"996000002"}}},
		SavedAt: at(3), LastChange: core.LastChange{Revision: 1, Changed: at(3), By: "ola@WORKSHOP"},
		Replaced: []core.Serial{{Item: 1, Serial: "996000002", State: core.InStock, Received: movement(core.ReceiptDoc, 2, "Husqvarna AB", 350000)}}}
	other := core.SupplierReturn{ID: 2, Date: day(7), Supplier: "Stihl", Lines: []core.SupplierReturnLine{{Item: 2, Quantity: 3}}, SavedAt: at(4)}
	update(t, s, func(tx core.Tx) error {
		require.NoError(t, tx.PutSupplierReturn(other))
		return tx.PutSupplierReturn(sr)
	})
	require.Equal(t, sr, view(t, s, func(tx core.Tx) (core.SupplierReturn, error) { return tx.SupplierReturn(1) }))
	sr.CancelledAt, sr.CancelledBy = at(30), "kari@COUNTER-2"
	update(t, s, func(tx core.Tx) error { return tx.PutSupplierReturn(sr) })
	require.Equal(t, []core.SupplierReturnHead{sr.Head(), other.Head()},
		view(t, s, func(tx core.Tx) ([]core.SupplierReturnHead, error) { return tx.SupplierReturnHeads() }))
	require.Equal(t, sr, view(t, s, func(tx core.Tx) (core.SupplierReturn, error) { return tx.SupplierReturn(1) }))
	require.NoError(t, s.View(func(tx core.Tx) error {
		_, err := tx.SupplierReturn(3)
		notFound(t, err)
		return nil
	}))
}

func brandsModelsEntities(t *testing.T, s core.Store) {
	audi, vw := core.Brand{ID: 1, Name: "Audi"}, core.Brand{ID: 2, Name: "VW"}
	a6 := core.Model{ID: 1, Brand: 1, Name: "A6"}
	e := core.Entity{No: 1, Model: 1, Params: []core.Param{{Name: "VIN", Value: "WAUZZZ4G1"}, {Name: "Colour", Value: "Black"}},
		Docs: []core.DocRef{{Kind: core.ReceiptDoc, ID: 1}}, CreatedBy: core.DocRef{Kind: core.ReceiptDoc, ID: 1}, Created: at(1)}
	other := core.Entity{No: 2, Model: 1, Params: []core.Param{{Name: "VIN", Value: "WAUZZZ4G2"}, {Name: "colour", Value: "black"}}, Edited: at(2)}
	update(t, s, func(tx core.Tx) error {
		require.NoError(t, tx.PutBrand(vw))
		require.NoError(t, tx.PutBrand(audi))
		require.NoError(t, tx.PutModel(a6))
		require.NoError(t, tx.PutEntity(other))
		return tx.PutEntity(e)
	})
	require.Equal(t, []core.Brand{audi, vw}, view(t, s, func(tx core.Tx) ([]core.Brand, error) { return tx.Brands() }))
	require.Equal(t, vw, view(t, s, func(tx core.Tx) (core.Brand, error) { return tx.Brand(2) }))
	require.Equal(t, []core.Model{a6}, view(t, s, func(tx core.Tx) ([]core.Model, error) { return tx.Models() }))
	require.Equal(t, a6, view(t, s, func(tx core.Tx) (core.Model, error) { return tx.Model(1) }))
	require.Equal(t, e, view(t, s, func(tx core.Tx) (core.Entity, error) { return tx.Entity(1) }))
	require.Equal(t, []core.Entity{e, other}, view(t, s, func(tx core.Tx) ([]core.Entity, error) { return tx.Entities() }))

	with := func(model core.ModelID, param, value string) []core.ProjectNo {
		return view(t, s, func(tx core.Tx) ([]core.ProjectNo, error) { return tx.EntitiesWith(model, param, value) })
	}
	require.Equal(t, []core.ProjectNo{1}, with(1, "vin", "wauzzz4g1"))
	require.Equal(t, []core.ProjectNo{1, 2}, with(1, "COLOUR", "Black"))
	require.Empty(t, with(2, "VIN", "WAUZZZ4G1"))
	require.Empty(t, with(1, "VIN", "WAUZZZ4G"))

	// Changing an entity's parameters moves it in the index; deleting
	// takes it out.
	e.Params = []core.Param{{Name: "VIN", Value: "WAUZZZ4G9"}}
	update(t, s, func(tx core.Tx) error { return tx.PutEntity(e) })
	require.Empty(t, with(1, "VIN", "WAUZZZ4G1"))
	require.Equal(t, []core.ProjectNo{1}, with(1, "VIN", "WAUZZZ4G9"))
	require.Equal(t, []core.ProjectNo{2}, with(1, "colour", "black"))
	update(t, s, func(tx core.Tx) error { return tx.DeleteEntity(1) })
	require.Empty(t, with(1, "VIN", "WAUZZZ4G9"))
	require.NoError(t, s.View(func(tx core.Tx) error {
		_, err := tx.Entity(1)
		notFound(t, err)
		return nil
	}))
}

func sequencesCountUp(t *testing.T, s core.Store) {
	next := func(seq core.Sequence) uint64 {
		var n uint64
		update(t, s, func(tx core.Tx) (err error) {
			n, err = tx.NextID(seq)
			return err
		})
		return n
	}
	require.Equal(t, uint64(1), next(core.SeqReceipt))
	require.Equal(t, uint64(2), next(core.SeqReceipt))
	require.Equal(t, uint64(1), next(core.SeqOrder))
	// Two numbers in one operation, and a refused operation hands out none.
	update(t, s, func(tx core.Tx) error {
		a, err := tx.NextID(core.SeqProject)
		require.NoError(t, err)
		b, err := tx.NextID(core.SeqProject)
		require.NoError(t, err)
		require.Equal(t, []uint64{1, 2}, []uint64{a, b})
		return nil
	})
	refused := errors.New("refused")
	require.ErrorIs(t, s.Update(func(tx core.Tx) error {
		if _, err := tx.NextID(core.SeqReceipt); err != nil {
			return err
		}
		return refused
	}), refused)
	require.Equal(t, uint64(3), next(core.SeqReceipt))
}

// concurrentNumbersAreGaplessAndUnique: counters numbering documents at
// once get 1..n, each once.
func concurrentNumbersAreGaplessAndUnique(t *testing.T, s core.Store) {
	const workers, each = 8, 10
	var mu sync.Mutex
	got := map[uint64]bool{}
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Go(func() {
			for range each {
				var n uint64
				if err := s.Update(func(tx core.Tx) (err error) {
					n, err = tx.NextID(core.SeqOrder)
					return err
				}); err != nil {
					errs <- err
					return
				}
				mu.Lock()
				got[n] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	require.Len(t, got, workers*each)
	for n := uint64(1); n <= workers*each; n++ {
		require.True(t, got[n], "number %d was not handed out", n)
	}
}

// conflictingUpdatesLoseNothing: read-modify-write of one record from many
// goroutines; the store runs a conflicting operation again, so no count is
// lost.
func conflictingUpdatesLoseNothing(t *testing.T, s core.Store) {
	const workers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Go(func() {
			for range each {
				if err := s.Update(func(tx core.Tx) error {
					st, err := tx.Stock(1)
					if err != nil {
						return err
					}
					st.Purchased++
					return tx.PutStock(1, st)
				}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	require.Equal(t, int64(workers*each), view(t, s, func(tx core.Tx) (core.Stock, error) { return tx.Stock(1) }).Purchased)
}

func refusedOperationWritesNothing(t *testing.T, s core.Store) {
	update(t, s, func(tx core.Tx) error { return tx.PutItem(core.Item{ID: 1, No: "A", Name: "Kept"}) })
	refused := errors.New("refused")
	err := s.Update(func(tx core.Tx) error {
		require.NoError(t, tx.PutItem(core.Item{ID: 1, No: "B", Name: "Changed"}))
		require.NoError(t, tx.PutItem(core.Item{ID: 2, No: "C", Name: "New"}))
		require.NoError(t, tx.PutStock(1, core.Stock{Purchased: 5}))
		for i := range 100 {
			require.NoError(t, tx.PutSerial(core.Serial{Item: 1, Serial: fmt.Sprint(i), State: core.InStock}))
			require.NoError(t, tx.AddEvent(core.Event{Time: at(i % 60), Kind: core.EventReceived, Item: 1, Serial: fmt.Sprint(i)}))
		}
		require.NoError(t, tx.PutReceipt(core.Receipt{ID: 1, Status: core.Confirmed, Date: day(1)}))
		require.NoError(t, tx.PutOrder(core.Order{ID: 1, Date: day(1)}))
		require.NoError(t, tx.PutBrand(core.Brand{ID: 1, Name: "B"}))
		require.NoError(t, tx.PutModel(core.Model{ID: 1, Brand: 1, Name: "M"}))
		require.NoError(t, tx.PutEntity(core.Entity{No: 1, Model: 1, Params: []core.Param{{Name: "VIN", Value: "X"}}}))
		_, err := tx.NextID(core.SeqItem)
		require.NoError(t, err)
		return refused
	})
	require.ErrorIs(t, err, refused)
	require.NoError(t, s.View(func(tx core.Tx) error {
		items, err := tx.Items()
		require.NoError(t, err)
		require.Equal(t, []core.Item{{ID: 1, No: "A", Name: "Kept"}}, items)
		_, err = tx.ItemByNo("B")
		notFound(t, err)
		st, err := tx.Stock(1)
		require.NoError(t, err)
		require.Zero(t, st)
		_, total, err := tx.SearchSerials(core.SerialQuery{})
		require.NoError(t, err)
		require.Zero(t, total)
		history, err := tx.History(1, "1")
		require.NoError(t, err)
		require.Empty(t, history)
		for _, n := range []func() (int, error){
			func() (int, error) { l, err := tx.ReceiptHeads(); return len(l), err },
			func() (int, error) { l, err := tx.OrderHeads(); return len(l), err },
			func() (int, error) { l, err := tx.Brands(); return len(l), err },
			func() (int, error) { l, err := tx.Models(); return len(l), err },
			func() (int, error) { l, err := tx.Entities(); return len(l), err },
			func() (int, error) { l, err := tx.EntitiesWith(1, "VIN", "X"); return len(l), err },
		} {
			count, err := n()
			require.NoError(t, err)
			require.Zero(t, count)
		}
		return nil
	}))
	var n uint64
	update(t, s, func(tx core.Tx) (err error) {
		n, err = tx.NextID(core.SeqItem)
		return err
	})
	require.Equal(t, uint64(1), n)
}

func viewCannotWrite(t *testing.T, s core.Store) {
	require.Error(t, s.View(func(tx core.Tx) error { return tx.PutItem(core.Item{ID: 1, No: "A"}) }))
	require.Empty(t, view(t, s, func(tx core.Tx) ([]core.Item, error) { return tx.Items() }))
}

// readsSeeTheOperationsOwnWrites: the register checks and writes in one
// operation, reading back what it wrote a moment before.
func readsSeeTheOperationsOwnWrites(t *testing.T, s core.Store) {
	update(t, s, func(tx core.Tx) error {
		require.NoError(t, tx.PutItem(core.Item{ID: 1, No: "A", Model: 3}))
		it, err := tx.ItemByNo("a")
		require.NoError(t, err)
		require.Equal(t, core.ItemID(1), it.ID)
		require.NoError(t, tx.PutSerial(core.Serial{Item: 1, Serial: "X", State: core.InStock}))
		recs, err := tx.Serials(1, []string{"X"})
		require.NoError(t, err)
		require.Len(t, recs, 1)
		require.NoError(t, tx.DeleteSerial(1, "X"))
		_, err = tx.Serial(1, "X")
		notFound(t, err)
		require.NoError(t, tx.PutStock(1, core.Stock{Sold: 2}))
		st, err := tx.Stock(1)
		require.NoError(t, err)
		require.Equal(t, int64(2), st.Sold)
		require.NoError(t, tx.PutEntity(core.Entity{No: 4, Model: 3, Params: []core.Param{{Name: "VIN", Value: "V1"}}}))
		holders, err := tx.EntitiesWith(3, "VIN", "V1")
		require.NoError(t, err)
		require.Equal(t, []core.ProjectNo{4}, holders)
		require.NoError(t, tx.AddEvent(core.Event{Time: at(1), Kind: core.EventReceived, Item: 1, Serial: "X"}))
		history, err := tx.History(1, "X")
		require.NoError(t, err)
		require.Len(t, history, 1)
		require.NoError(t, tx.PutOrder(core.Order{ID: 1, Date: day(1), Customer: "C"}))
		heads, err := tx.OrderHeads()
		require.NoError(t, err)
		require.Len(t, heads, 1)
		return nil
	})
}

func sequencesCopied(t *testing.T, s core.Store) {
	require.Empty(t, view(t, s, func(tx core.Tx) (map[core.Sequence]uint64, error) { return tx.Sequences() }))
	update(t, s, func(tx core.Tx) error {
		if _, err := tx.NextID(core.SeqItem); err != nil {
			return err
		}
		return tx.SetSequence(core.SeqOrder, 41)
	})
	require.Equal(t, map[core.Sequence]uint64{core.SeqItem: 1, core.SeqOrder: 41},
		view(t, s, func(tx core.Tx) (map[core.Sequence]uint64, error) { return tx.Sequences() }))
	var n uint64
	update(t, s, func(tx core.Tx) (err error) {
		n, err = tx.NextID(core.SeqOrder)
		return err
	})
	require.Equal(t, uint64(42), n)
}

func eachEventBySerialOldestFirst(t *testing.T, s core.Store) {
	ev := func(item core.ItemID, serial string, sec int, kind core.EventKind) core.Event {
		return core.Event{Time: at(sec), Kind: kind, Item: item, Serial: serial}
	}
	update(t, s, func(tx core.Tx) error {
		for _, e := range []core.Event{ev(2, "A", 1, core.EventReceived), ev(1, "AB", 0, core.EventReceived), ev(1, "A", 7, core.EventSold),
			ev(1, "A", 3, core.EventReceived), ev(1, "A", 7, core.EventReturned)} {
			if err := tx.AddEvent(e); err != nil {
				return err
			}
		}
		return nil
	})
	var got []core.Event
	require.NoError(t, s.View(func(tx core.Tx) error {
		return tx.EachEvent(func(e core.Event) error {
			got = append(got, e)
			return nil
		})
	}))
	require.Equal(t, []core.Event{ev(1, "A", 3, core.EventReceived), ev(1, "A", 7, core.EventSold), ev(1, "A", 7, core.EventReturned),
		ev(1, "AB", 0, core.EventReceived), ev(2, "A", 1, core.EventReceived)}, got)
}

// manyDocumentsInOneOperation: copying a register writes every document
// in one operation.
func manyDocumentsInOneOperation(t *testing.T, s core.Store) {
	const n = 600
	update(t, s, func(tx core.Tx) error {
		for id := range core.DocID(n) {
			if err := tx.PutReceipt(core.Receipt{ID: id + 1, Status: core.Confirmed, Date: day(1), Supplier: "S"}); err != nil {
				return err
			}
			if err := tx.PutOrder(core.Order{ID: id + 1, Date: day(1), Customer: "C"}); err != nil {
				return err
			}
		}
		return nil
	})
	require.Len(t, view(t, s, func(tx core.Tx) ([]core.ReceiptHead, error) { return tx.ReceiptHeads() }), n)
	require.Len(t, view(t, s, func(tx core.Tx) ([]core.OrderHead, error) { return tx.OrderHeads() }), n)
}

func shopReadWrite(t *testing.T, s core.Store) {
	require.NoError(t, s.View(func(tx core.Tx) error {
		_, err := tx.Shop()
		notFound(t, err)
		return nil
	}))
	shop := core.Shop{Name: "Motor & Sag AS", Address: "Storgata 1, 0155 Oslo", Phone: "+47 22 00 00 00", Email: "post@motorsag.no",
		OrgNo: "NO 999 999 999 MVA", Currency: "NOK", LastChange: core.LastChange{Revision: 1, Changed: at(3), By: "kari@COUNTER-2"}}
	update(t, s, func(tx core.Tx) error { return tx.PutShop(shop) })
	require.Equal(t, shop, view(t, s, func(tx core.Tx) (core.Shop, error) { return tx.Shop() }))
	shop.Name, shop.LastChange.Revision = "Motor og Sag AS", 2
	update(t, s, func(tx core.Tx) error { return tx.PutShop(shop) })
	require.Equal(t, shop, view(t, s, func(tx core.Tx) (core.Shop, error) { return tx.Shop() }))
}

// Dump is every record of a register as text, in one order whatever the
// engine, for tests that compare two registers.
func Dump(t testing.TB, s core.Store) []string {
	t.Helper()
	var out []string
	dump := spew.ConfigState{DisablePointerAddresses: true, DisableCapacities: true, SortKeys: true, Indent: " "}
	add := func(what string, v any) { out = append(out, what+" "+dump.Sdump(v)) }
	require.NoError(t, s.View(func(tx core.Tx) error {
		items, err := tx.Items()
		if err != nil {
			return err
		}
		for _, it := range items {
			st, err := tx.Stock(it.ID)
			if err != nil {
				return err
			}
			add("item", it)
			add("stock", st)
		}
		brands, err := tx.Brands()
		if err != nil {
			return err
		}
		add("brands", brands)
		models, err := tx.Models()
		if err != nil {
			return err
		}
		add("models", models)
		entities, err := tx.Entities()
		if err != nil {
			return err
		}
		for _, e := range entities {
			add("entity", e)
		}
		seqs, err := tx.Sequences()
		if err != nil {
			return err
		}
		add("sequences", seqs)
		parties, err := tx.Parties()
		if err != nil {
			return err
		}
		add("parties", parties)
		if shop, err := tx.Shop(); err == nil {
			add("shop", shop)
		} else if core.ErrorCode(err) != core.NotFound {
			return err
		}
		receipts, err := tx.ReceiptHeads()
		if err != nil {
			return err
		}
		for _, h := range receipts {
			rc, err := tx.Receipt(h.ID)
			if err != nil {
				return err
			}
			add("receipt", rc)
		}
		orders, err := tx.OrderHeads()
		if err != nil {
			return err
		}
		for _, h := range orders {
			o, err := tx.Order(h.ID)
			if err != nil {
				return err
			}
			add("order", o)
		}
		if err := tx.EachSerial(func(rec core.Serial) error {
			add("serial", rec)
			return nil
		}); err != nil {
			return err
		}
		return tx.EachEvent(func(ev core.Event) error {
			add("event", ev)
			return nil
		})
	}))
	return out
}

// A deleted item, draft, brand or model is gone with its indexes: its
// number and model are free again, its counts are gone, the lists skip it.
func deletesLeaveNothingBehind(t *testing.T, s core.Store) {
	update(t, s, func(tx core.Tx) error {
		for _, err := range []error{
			tx.PutBrand(core.Brand{ID: 1, Name: "Audi"}),
			tx.PutModel(core.Model{ID: 1, Brand: 1, Name: "A6"}),
			tx.PutItem(core.Item{ID: 1, No: "NEW-A6", Name: "New A6", Model: 1}),
			tx.PutItem(core.Item{ID: 2, No: "OIL", Name: "Oil"}),
			tx.PutStock(1, core.Stock{Purchased: 1}),
			tx.PutReceipt(core.Receipt{ID: 1, Status: core.Draft, Date: day(3), Lines: []core.ReceiptLine{{Item: 2, Quantity: 1}}}),
			tx.PutItem(core.Item{ID: 4, No: "SAW", Name: "Saw"}),
			tx.PutSupplierReturn(core.SupplierReturn{ID: 1, Date: day(3), Lines: []core.SupplierReturnLine{{Item: 4, Quantity: 1}}}),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	var listed [2]bool
	require.NoError(t, s.View(func(tx core.Tx) (err error) {
		if listed[0], err = tx.ItemListed(1); err != nil {
			return err
		}
		listed[1], err = tx.ItemListed(2)
		return err
	}))
	require.Equal(t, [2]bool{false, true}, listed, "only the oil is on a document")
	require.True(t, view(t, s, func(tx core.Tx) (bool, error) { return tx.ItemListed(4) }), "a supplier return lists the saw")

	update(t, s, func(tx core.Tx) error {
		for _, err := range []error{tx.DeleteItem(1), tx.DeleteReceipt(1), tx.DeleteModel(1), tx.DeleteBrand(1)} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, s.View(func(tx core.Tx) error {
		_, err := tx.Item(1)
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		_, err = tx.ItemByNo("new-a6")
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		_, err = tx.ItemOfModel(1)
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		st, err := tx.Stock(1)
		require.NoError(t, err)
		require.Zero(t, st)
		items, err := tx.Items()
		require.NoError(t, err)
		require.Len(t, items, 2)
		_, err = tx.Receipt(1)
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		heads, err := tx.ReceiptHeads()
		require.NoError(t, err)
		require.Empty(t, heads)
		listed, err := tx.ItemListed(2)
		require.NoError(t, err)
		require.False(t, listed, "the draft is gone")
		_, err = tx.Model(1)
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		_, err = tx.Brand(1)
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		return nil
	}))
	// The number and the model are free for a new card.
	update(t, s, func(tx core.Tx) error { return tx.PutItem(core.Item{ID: 3, No: "NEW-A6", Name: "Another"}) })
}

// Clear leaves nothing: no record, no index, no number handed out.
func clearLeavesAnEmptyRegister(t *testing.T, s core.Store) {
	update(t, s, func(tx core.Tx) error {
		if _, err := tx.NextID(core.SeqReceipt); err != nil {
			return err
		}
		for _, err := range []error{
			tx.PutBrand(core.Brand{ID: 1, Name: "Audi"}),
			tx.PutModel(core.Model{ID: 1, Brand: 1, Name: "A6"}),
			tx.PutItem(core.Item{ID: 1, No: "NEW-A6", Name: "New A6", Model: 1}),
			tx.PutStock(1, core.Stock{Purchased: 1}),
			tx.PutSerial(core.Serial{Item: 1, Serial: "XY1", State: core.InStock}),
			tx.AddEvent(core.Event{Time: at(1), Kind: core.EventReceived, Item: 1, Serial: "XY1"}),
			tx.PutReceipt(core.Receipt{ID: 1, Status: core.Draft, Date: day(3)}),
			tx.PutOrder(core.Order{ID: 1, Date: day(3)}),
			tx.PutSupplierReturn(core.SupplierReturn{ID: 1, Date: day(3)}),
			tx.PutParty(core.Party{ID: 1, Kind: core.Customer, No: "C-00001", Name: "Jane"}),
			tx.PutShop(core.Shop{Name: "Motor & Sag AS"}),
			tx.AddEvent(core.Event{Time: at(2), Kind: core.EventNote, Item: 1, Serial: "XY1", Note: "oiled"}),
			tx.PutEntity(core.Entity{No: 1, Model: 1, Params: []core.Param{{Name: "serial number", Value: "XY1"}}}),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	update(t, s, func(tx core.Tx) error { return tx.Clear() })
	require.NoError(t, s.View(func(tx core.Tx) error {
		items, err := tx.Items()
		require.NoError(t, err)
		require.Empty(t, items)
		_, err = tx.ItemByNo("NEW-A6")
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		_, total, err := tx.SearchSerials(core.SerialQuery{})
		require.NoError(t, err)
		require.Zero(t, total)
		history, err := tx.History(1, "XY1")
		require.NoError(t, err)
		require.Empty(t, history)
		receipts, err := tx.ReceiptHeads()
		require.NoError(t, err)
		require.Empty(t, receipts)
		_, err = tx.Receipt(1)
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		orders, err := tx.OrderHeads()
		require.NoError(t, err)
		require.Empty(t, orders)
		_, err = tx.Order(1)
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		returns, err := tx.SupplierReturnHeads()
		require.NoError(t, err)
		require.Empty(t, returns)
		_, err = tx.SupplierReturn(1)
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		notes, err := tx.Notes("")
		require.NoError(t, err)
		require.Empty(t, notes)
		parties, err := tx.Parties()
		require.NoError(t, err)
		require.Empty(t, parties)
		_, err = tx.Shop()
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		st, err := tx.Stock(1)
		require.NoError(t, err)
		require.Zero(t, st)
		_, err = tx.Serial(1, "XY1")
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		_, err = tx.ItemOfModel(1)
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		brands, err := tx.Brands()
		require.NoError(t, err)
		require.Empty(t, brands)
		models, err := tx.Models()
		require.NoError(t, err)
		require.Empty(t, models)
		_, err = tx.Entity(1)
		require.Equal(t, core.NotFound, core.ErrorCode(err))
		entities, err := tx.Entities()
		require.NoError(t, err)
		require.Empty(t, entities)
		with, err := tx.EntitiesWith(1, "serial number", "XY1")
		require.NoError(t, err)
		require.Empty(t, with)
		seqs, err := tx.Sequences()
		require.NoError(t, err)
		require.Empty(t, seqs)
		return nil
	}))
	update(t, s, func(tx core.Tx) error {
		n, err := tx.NextID(core.SeqReceipt)
		require.Equal(t, uint64(1), n, "numbers start again")
		return err
	})
}

// A serial is found for every item that has it, and for no other serial
// that merely holds it.
func serialOfEveryItem(t *testing.T, s core.Store) {
	update(t, s, func(tx core.Tx) error {
		for _, rec := range []core.Serial{{Item: 2, Serial: "12345", State: core.InStock}, {Item: 1, Serial: "12345", State: core.Sold},
			{Item: 1, Serial: "012345", State: core.InStock}, {Item: 3, Serial: "123456", State: core.InStock}} {
			if err := tx.PutSerial(rec); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, s.View(func(tx core.Tx) error {
		recs, err := tx.SerialOfEveryItem("12345")
		require.NoError(t, err)
		require.Equal(t, []core.Serial{{Item: 1, Serial: "12345", State: core.Sold}, {Item: 2, Serial: "12345", State: core.InStock}}, recs)
		none, err := tx.SerialOfEveryItem("1234")
		require.NoError(t, err)
		require.Empty(t, none)
		return nil
	}))
}

// partiesReadWriteDelete: customers and suppliers come back as written,
// listed by ID, and a deleted one is gone.
func partiesReadWriteDelete(t *testing.T, s core.Store) {
	jane := core.Party{ID: 2, Kind: core.Customer, No: "C-00001", Name: "Jane Doe", OrgNo: "", Phone: "+47 900 00 000",
		Email: "jane@example.no", Address: "Storgata 1, 0155 Oslo", Note: "prefers e-mail",
		LastChange: core.LastChange{Revision: 2, Changed: at(3), By: "kari@COUNTER-2"}}
	husqvarna := core.Party{ID: 1, Kind: core.Supplier, No: "S-00001", Name: "Husqvarna Nordic AB", OrgNo: "556000-0000",
		OldNames: []string{"Husqvarna AB"}}
	update(t, s, func(tx core.Tx) error {
		require.NoError(t, tx.PutParty(jane))
		return tx.PutParty(husqvarna)
	})
	require.Equal(t, jane, view(t, s, func(tx core.Tx) (core.Party, error) { return tx.Party(2) }))
	require.Equal(t, []core.Party{husqvarna, jane}, view(t, s, func(tx core.Tx) ([]core.Party, error) { return tx.Parties() }))
	jane.Phone = "+47 911 11 111"
	update(t, s, func(tx core.Tx) error { return tx.PutParty(jane) })
	require.Equal(t, jane, view(t, s, func(tx core.Tx) (core.Party, error) { return tx.Party(2) }))
	update(t, s, func(tx core.Tx) error { return tx.DeleteParty(2) })
	require.NoError(t, s.View(func(tx core.Tx) error {
		_, err := tx.Party(2)
		notFound(t, err)
		return nil
	}))
	require.Equal(t, []core.Party{husqvarna}, view(t, s, func(tx core.Tx) ([]core.Party, error) { return tx.Parties() }))
}
