package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

// Documents, movements and every history line say who did them.
func TestEveryChangeSaysWhoMadeIt(t *testing.T) {
	s := newShop(t)
	s.reg.SetUser("kari@COUNTER-1")
	rc := s.receive(s.chainsaw, "996000001", "996000002")
	assert.Equal(t, "kari@COUNTER-1", rc.By)

	s.reg.SetUser("ola@COUNTER-2")
	o := s.sell(s.chainsaw, "996000001")
	assert.Equal(t, "ola@COUNTER-2", o.By)

	s.reg.SetUser("per@WORKSHOP")
	o, err := s.reg.ReturnToStock(o.ID, core.ReturnInput{Line: 1, Serials: []string{"996000001"}})
	require.NoError(t, err)
	assert.Equal(t, "per@WORKSHOP", o.Returns[0].By)
	o, err = s.reg.CancelOrder(o.ID)
	require.NoError(t, err)
	assert.Equal(t, "per@WORKSHOP", o.By, "who changed it last")
	assert.Equal(t, "per@WORKSHOP", o.CancelledBy)
	assert.Equal(t, 3, o.Revision, "saved, returned against, cancelled")

	rec, ok := s.serial(s.chainsaw, "996000002")
	require.True(t, ok)
	assert.Equal(t, "kari@COUNTER-1", rec.Received.By)

	history, err := s.reg.SerialHistory(s.chainsaw.ID, "996000001")
	require.NoError(t, err)
	var who []string
	for _, ev := range history {
		who = append(who, ev.Kind.String()+" by "+ev.By)
	}
	assert.Equal(t, []string{"received by kari@COUNTER-1", "sold by ola@COUNTER-2", "returned by per@WORKSHOP",
		"order cancelled by per@WORKSHOP"}, who)

	stored, err := s.reg.Receipt(rc.ID)
	require.NoError(t, err)
	assert.Equal(t, "kari@COUNTER-1", stored.By)
	rc, err = s.reg.CancelReceipt(rc.ID)
	require.NoError(t, err)
	assert.Equal(t, "per@WORKSHOP", rc.By)
	assert.Equal(t, "per@WORKSHOP", rc.CancelledBy)
	rec, ok = s.serial(s.chainsaw, "996000001")
	assert.False(t, ok, "gone with its receipt")
}

// Two counters open the same order; the one that saves second is refused,
// told who changed it, and nothing of theirs is written over the first's.
func TestSavingOverAnotherCountersChangeIsRefused(t *testing.T) {
	store := datatest.NewStore(t)
	s := newShopOn(t, store)
	counter1, counter2 := core.New(store), core.New(store)
	counter1.SetUser("kari@COUNTER-1")
	counter2.SetUser("ola@COUNTER-2")
	s.receive(s.chainsaw, "996000001", "996000002")
	saved, err := counter1.SaveOrder(core.Order{Customer: "Jane", Lines: []core.OrderLine{{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000001"}}}})
	require.NoError(t, err)

	// Both have it open.
	open1, err := counter1.Order(saved.ID)
	require.NoError(t, err)
	open2, err := counter2.Order(saved.ID)
	require.NoError(t, err)

	open1.Reference = "phone 1"
	_, err = counter1.SaveOrder(open1)
	require.NoError(t, err)
	open2.Customer = "Jane Doe"
	open2.Lines[0].Serials = []string{"996000002"}
	_, err = counter2.SaveOrder(open2)
	require.Equal(t, core.Conflict, core.ErrorCode(err))
	assert.Contains(t, core.English.Error(err), saved.Ref().String()+" was changed by kari@COUNTER-1 at ")
	assert.Contains(t, core.English.Error(err), "while you had it open, so your changes were not saved")

	now, err := counter2.Order(saved.ID)
	require.NoError(t, err)
	assert.Equal(t, "phone 1", now.Reference)
	assert.Equal(t, "Jane", now.Customer)
	assert.Equal(t, []string{"996000001"}, now.Lines[0].Serials)

	// Opened again, it saves.
	now.Customer = "Jane Doe"
	_, err = counter2.SaveOrder(now)
	require.NoError(t, err)

	// An item card the same way.
	card1, err := counter1.ItemByNo("BOLT-8")
	require.NoError(t, err)
	card2 := card1
	card1.Price = 150
	_, err = counter1.SaveItem(card1)
	require.NoError(t, err)
	card2.Name = "Bolt M8 zinc"
	_, err = counter2.SaveItem(card2)
	require.Equal(t, core.Conflict, core.ErrorCode(err))
	assert.Contains(t, core.English.Error(err), "The item card BOLT-8 was changed by kari@COUNTER-1 at ")
	kept, err := counter2.ItemByNo("BOLT-8")
	require.NoError(t, err)
	assert.Equal(t, core.Money(150), kept.Price)
	assert.Equal(t, "Bolt M8", kept.Name)

	// A draft receipt the same way.
	draft, err := counter1.SaveReceiptDraft(core.Receipt{Supplier: "Stihl", Lines: []core.ReceiptLine{{Item: s.bolts.ID, Quantity: 5}}})
	require.NoError(t, err)
	stale := draft
	draft.Reference = "INV 7"
	_, err = counter1.SaveReceiptDraft(draft)
	require.NoError(t, err)
	_, err = counter2.ConfirmReceipt(stale)
	require.Equal(t, core.Conflict, core.ErrorCode(err))
	assert.Contains(t, core.English.Error(err), draft.Ref().String()+" was changed by kari@COUNTER-1")
	st, err := counter2.Stock(s.bolts.ID)
	require.NoError(t, err)
	assert.Zero(t, st.Purchased, "nothing received")
}
