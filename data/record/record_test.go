package record_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/record"
)

// The stored names are what shops' registers hold: these are records as
// Serialdesk has written them since the first version. A change here is a
// change to every shop's data and needs a migration, not an edit.
func TestStoredFormIsStable(t *testing.T) {
	day := time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)
	at := time.Date(2026, 11, 3, 14, 5, 6, 7, time.UTC)
	sold := &core.Movement{Date: day, Doc: core.DocRef{Kind: core.OrderDoc, ID: 4}, Party: "Jane", Amount: 64990}
	cases := []struct {
		stored any
		json   string
	}{
		{record.FromItem(core.Item{ID: 1, No: "CS-500", Name: "Chainsaw", Price: 100, UseSerial: true, Pattern: "996***",
			RequireAtSale: true, Model: 2, CreateEntity: true, CreateOnSave: true, SerialParam: "VIN"}),
			`{"ID":1,"No":"CS-500","Name":"Chainsaw","Price":100,"UseSerial":true,"Pattern":"996***","RequireAtSale":true,` +
				`"RequireAtPurchase":false,"Model":2,"CreateEntity":true,"CreateOnSave":true,"CreateOnStockUpdate":false,"SerialParam":"VIN"}`},
		{record.FromStock(core.Stock{Purchased: 3, Sold: 2, Returned: 1}), `{"Purchased":3,"Sold":2,"Returned":1}`},
		{record.FromReceipt(core.Receipt{ID: 7, Status: core.Confirmed, Date: day, Supplier: "Husqvarna", Reference: "INV 1",
			Lines: []core.ReceiptLine{{Item: 1, Quantity: 1, Serials: []string{"996001"}, UnitCost: 500}}, ConfirmedAt: at,
			Replaced: []core.Serial{{Item: 1, Serial: "996001", State: core.Sold, Sold: sold}}}),
			`{"ID":7,"Status":2,"Date":"2026-11-03T00:00:00Z","Supplier":"Husqvarna","Reference":"INV 1",` +
				`"Lines":[{"Item":1,"Quantity":1,"Serials":["996001"],"UnitCost":500}],"ConfirmedAt":"2026-11-03T14:05:06.000000007Z",` +
				`"Replaced":[{"Item":1,"Serial":"996001","State":2,"Sold":{"Date":"2026-11-03T00:00:00Z","Doc":{"Kind":2,"ID":4},"Party":"Jane","Amount":64990}}]}`},
		{record.FromOrder(core.Order{ID: 4, Date: day, Customer: "Jane", Lines: []core.OrderLine{{Item: 1, Quantity: 2}},
			Returns: []core.Return{{Time: at, Date: day, Item: 1, Quantity: 1, Note: "broken"}}, SavedAt: at}),
			`{"ID":4,"Date":"2026-11-03T00:00:00Z","Customer":"Jane","Reference":"","Lines":[{"Item":1,"Quantity":2}],` +
				`"Returns":[{"Time":"2026-11-03T14:05:06.000000007Z","Date":"2026-11-03T00:00:00Z","Item":1,"Quantity":1,"Note":"broken"}],` +
				`"SavedAt":"2026-11-03T14:05:06.000000007Z"}`},
		{record.FromOrderHead(core.OrderHead{ID: 4, Date: day, Customer: "Jane", Units: 2, Returns: 1, CancelledAt: at}),
			`{"ID":4,"Date":"2026-11-03T00:00:00Z","Customer":"Jane","Reference":"","Units":2,"Returns":1,"CancelledAt":"2026-11-03T14:05:06.000000007Z"}`},
		{record.FromReceiptHead(core.ReceiptHead{ID: 7, Status: core.Draft, Date: day, Supplier: "Husqvarna", Units: 1}),
			`{"ID":7,"Status":1,"Date":"2026-11-03T00:00:00Z","Supplier":"Husqvarna","Reference":"","Units":1}`},
		{record.FromBrand(core.Brand{ID: 1, Name: "Audi"}), `{"ID":1,"Name":"Audi"}`},
		{record.FromModel(core.Model{ID: 2, Brand: 1, Name: "A6"}), `{"ID":2,"Brand":1,"Name":"A6"}`},
		{record.FromEntity(core.Entity{No: 9, Model: 2, Params: []core.Param{{Name: "VIN", Value: "WAUZZZ"}},
			Docs: []core.DocRef{{Kind: core.ReceiptDoc, ID: 7}}, CreatedBy: core.DocRef{Kind: core.ReceiptDoc, ID: 7}, Created: at}),
			`{"No":9,"Model":2,"Params":[{"Name":"VIN","Value":"WAUZZZ"}],"Docs":[{"Kind":1,"ID":7}],` +
				`"CreatedBy":{"Kind":1,"ID":7},"Created":"2026-11-03T14:05:06.000000007Z"}`},
		{record.FromEvent(core.Event{Time: at, Kind: core.EventSold, Item: 1, Serial: "996001", Doc: core.DocRef{Kind: core.OrderDoc, ID: 4},
			Party: "Jane", Project: 9}),
			`{"Time":"2026-11-03T14:05:06.000000007Z","Kind":2,"Item":1,"Serial":"996001","Doc":{"Kind":2,"ID":4},"Party":"Jane","Project":9}`},
	}
	for _, c := range cases {
		b, err := json.Marshal(c.stored)
		require.NoError(t, err)
		require.JSONEq(t, c.json, string(b))
	}
}

// Every record comes back from its stored form as it went in.
func TestStoredFormKeepsEverything(t *testing.T) {
	at := time.Date(2026, 11, 3, 14, 5, 6, 7, time.UTC)
	mv := &core.Movement{Date: at, Doc: core.DocRef{Kind: core.ReceiptDoc, ID: 3}, Party: "P", Amount: -5, By: "kari@COUNTER-2"}
	serial := core.Serial{Item: 1, Serial: "A1", State: core.Returned, Project: 4, Received: mv, Sold: mv, Returned: mv}
	rc := core.Receipt{ID: 1, Status: core.Cancelled, Date: at, Supplier: "S", Reference: "R",
		Lines:       []core.ReceiptLine{{Item: 1, Quantity: 2, Serials: []string{"A1", "A2"}, UnitCost: 3}},
		CancelledAt: at, ConfirmedAt: at, Replaced: []core.Serial{serial}, CancelledBy: "ola@WORKSHOP",
		LastChange: core.LastChange{Revision: 3, Changed: at, By: "kari@COUNTER-2"}}
	o := core.Order{ID: 2, Date: at, Customer: "C", Reference: "R", Lines: []core.OrderLine{{Item: 1, Quantity: 1, Serials: []string{"A1"}, UnitPrice: 9}},
		Returns: []core.Return{{Time: at, Date: at, Item: 1, Serials: []string{"A1"}, Quantity: 1, Note: "n", By: "ola@WORKSHOP"}},
		SavedAt: at, CancelledAt: at, Replaced: []core.Serial{serial}, CancelledBy: "ola@WORKSHOP",
		LastChange: core.LastChange{Revision: 2, Changed: at, By: "kari@COUNTER-2"}}
	e := core.Entity{No: 4, Model: 2, Params: []core.Param{{Name: "a", Value: "b"}}, Docs: []core.DocRef{{Kind: core.OrderDoc, ID: 2}},
		CreatedBy: core.DocRef{Kind: core.OrderDoc, ID: 2}, Created: at, Edited: at}
	ev := core.Event{Time: at, Kind: core.EventEntityLinked, Item: 1, Serial: "A1", Doc: core.DocRef{Kind: core.OrderDoc, ID: 2}, Party: "C", Project: 4, By: "kari@COUNTER-2"}

	require.Equal(t, serial, roundTrip(t, record.FromSerial(serial)).Core())
	require.Equal(t, rc, roundTrip(t, record.FromReceipt(rc)).Core())
	require.Equal(t, rc.Head(), roundTrip(t, record.FromReceiptHead(rc.Head())).Core())
	require.Equal(t, o, roundTrip(t, record.FromOrder(o)).Core())
	require.Equal(t, o.Head(), roundTrip(t, record.FromOrderHead(o.Head())).Core())
	require.Equal(t, e, roundTrip(t, record.FromEntity(e)).Core())
	require.Equal(t, ev, roundTrip(t, record.FromEvent(ev)).Core())
}

func roundTrip[R any](t *testing.T, r R) R {
	t.Helper()
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var back R
	require.NoError(t, json.Unmarshal(b, &back))
	return back
}
