package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/postgres"
	"serialdesk/data/postgres/pgtest"
)

// What one counter saves, the others hear about; their own saves they do
// not.
func TestCountersHearEachOthersChanges(t *testing.T) {
	url := pgtest.NewDatabase(t)
	here, err := postgres.Open(url, pgtest.Logger())
	require.NoError(t, err)
	defer here.Close()
	there, err := postgres.Open(url, pgtest.Logger())
	require.NoError(t, err)
	defer there.Close()

	heard := make(chan postgres.Change, 10)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	here.Watch(ctx, func(c postgres.Change) { heard <- c }, func(bool) {})
	time.Sleep(300 * time.Millisecond) // listening

	local := core.New(here)
	it, err := local.SaveItem(core.Item{No: "BOLT", Name: "Bolt"})
	require.NoError(t, err)
	select {
	case c := <-heard:
		t.Fatalf("heard its own change: %+v", c)
	case <-time.After(500 * time.Millisecond):
	}

	other := core.New(there)
	other.SetUser("ola@COUNTER-2")
	rc, err := other.ConfirmReceipt(core.Receipt{Supplier: "S", Lines: []core.ReceiptLine{{Item: it.ID, Quantity: 3}}})
	require.NoError(t, err)
	select {
	case c := <-heard:
		assert.Equal(t, []core.DocRef{rc.Ref()}, c.Docs)
		assert.Equal(t, "ola@COUNTER-2", c.By)
	case <-time.After(10 * time.Second):
		t.Fatal("the other counter's receipt was not heard of")
	}
	// An operation that changed more documents than an announcement names
	// says that everything changed.
	require.NoError(t, there.Update(func(tx core.Tx) error {
		for id := range core.DocID(150) {
			if err := tx.PutOrder(core.Order{ID: 1000 + id, Date: time.Now(), Customer: "C"}); err != nil {
				return err
			}
		}
		return nil
	}))
	select {
	case c := <-heard:
		assert.True(t, c.Everything)
		assert.Empty(t, c.Docs)
	case <-time.After(10 * time.Second):
		t.Fatal("the many documents were not heard of")
	}

	// A refused operation announces nothing.
	_, err = other.ConfirmReceipt(core.Receipt{Supplier: "S"})
	require.Error(t, err)
	select {
	case c := <-heard:
		t.Fatalf("heard a refused operation: %+v", c)
	case <-time.After(500 * time.Millisecond):
	}
}

// When the server goes away the counter is told, and again when it is back;
// it connects again by itself and then hears changes as before.
func TestCountersNoticeTheServerGoingAndComing(t *testing.T) {
	if testing.Short() {
		t.Skip("stops and starts a server of its own")
	}
	srv := pgtest.StartServer(t)
	s, err := postgres.Open(srv.URL(), pgtest.Logger())
	require.NoError(t, err)
	defer s.Close()
	reach := make(chan bool, 10)
	heard := make(chan postgres.Change, 10)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	s.Watch(ctx, func(c postgres.Change) { heard <- c }, func(up bool) { reach <- up })
	time.Sleep(300 * time.Millisecond)

	srv.Stop(t)
	select {
	case up := <-reach:
		require.False(t, up)
	case <-time.After(30 * time.Second):
		t.Fatal("the server's going was not noticed")
	}
	_, err = core.New(s).Items("")
	require.Equal(t, core.Unavailable, core.ErrorCode(err), "%v: %#v", err, errors.Unwrap(err))
	assert.Contains(t, core.English.Error(err), "the shop server 127.0.0.1")

	srv.Start(t)
	select {
	case up := <-reach:
		require.True(t, up)
	case <-time.After(30 * time.Second):
		t.Fatal("the server's coming back was not noticed")
	}
	// The same store works again, and hears the others.
	_, err = core.New(s).Items("")
	require.NoError(t, err)
	other, err := postgres.Open(srv.URL(), pgtest.Logger())
	require.NoError(t, err)
	defer other.Close()
	_, err = core.New(other).SaveOrder(core.Order{Customer: "C", Lines: []core.OrderLine{{Item: mustItem(t, s), Quantity: 1}}})
	require.NoError(t, err)
	select {
	case c := <-heard:
		require.Len(t, c.Docs, 1)
	case <-time.After(10 * time.Second):
		t.Fatal("no change heard after the server came back")
	}
}

func mustItem(t *testing.T, s *postgres.Store) core.ItemID {
	t.Helper()
	it, err := core.New(s).SaveItem(core.Item{No: "BOLT", Name: "Bolt"})
	require.NoError(t, err)
	return it.ID
}
