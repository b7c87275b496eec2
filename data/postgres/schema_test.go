package postgres_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/postgres"
	"serialdesk/data/postgres/pgtest"
)

// A register made by an older Serialdesk is upgraded when a newer one
// opens it, keeping its records, and the user is told.
func TestOlderTablesAreUpgraded(t *testing.T) {
	url := pgtest.NewDatabase(t)
	s, err := postgres.Open(url, pgtest.Logger())
	require.NoError(t, err)
	reg := core.New(s)
	it, err := reg.SaveItem(core.Item{No: "SAW", Name: "Saw", UseSerial: true})
	require.NoError(t, err)
	_, err = reg.ConfirmReceipt(core.Receipt{Supplier: "S", Lines: []core.ReceiptLine{{Item: it.ID, Quantity: 1, Serials: []string{"A1"}}}})
	require.NoError(t, err)
	assert.Empty(t, s.Notices(), "a new register says nothing")
	s.Close()
	// As version 1 of the tables left it.
	pgtest.Exec(t, url, pgtest.BackToVersion1)

	s, err = postgres.Open(url, pgtest.Logger())
	require.NoError(t, err)
	defer s.Close()
	require.Len(t, s.Notices(), 1)
	assert.Contains(t, s.Notices()[0].String(), "were upgraded for this version of Serialdesk (from version 1 to 5)")
	reg = core.New(s)
	history, err := reg.SerialHistory(it.ID, "A1")
	require.NoError(t, err)
	require.Len(t, history, 1)
	assert.Empty(t, history[0].By, "what was done before says no name")
	reg.SetUser("kari@COUNTER-2")
	o, err := reg.SaveOrder(core.Order{Customer: "C", Lines: []core.OrderLine{{Item: it.ID, Quantity: 1, Serials: []string{"A1"}}}})
	require.NoError(t, err)
	history, err = reg.SerialHistory(it.ID, "A1")
	require.NoError(t, err)
	require.Len(t, history, 2)
	assert.Equal(t, "kari@COUNTER-2", history[1].By)
	assert.Equal(t, o.Ref(), history[1].Doc)
}

// Counters that start at once on an empty database make its tables once.
func TestCountersStartingAtOnceMakeTheTablesOnce(t *testing.T) {
	url := pgtest.NewDatabase(t)
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Go(func() {
			s, err := postgres.Open(url, pgtest.Logger())
			if err == nil {
				s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
}

// After a bulk of rows (a register moved in) the server looks at the
// tables' contents again, so that it does not plan for empty tables.
func TestBulkWritesRefreshTheServersStatistics(t *testing.T) {
	url := pgtest.NewDatabase(t)
	s, err := postgres.Open(url, pgtest.Logger())
	require.NoError(t, err)
	defer s.Close()
	analyzed := func() bool {
		return pgtest.Query(t, url, `SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = current_schema()
			AND relname = 'serials' AND last_analyze IS NOT NULL`) == "1"
	}
	require.False(t, analyzed())
	require.NoError(t, s.Update(func(tx core.Tx) error {
		for i := range 50_001 {
			serial := fmt.Sprintf("B%06d", i)
			if err := tx.PutSerial(core.Serial{Item: 1, Serial: serial, State: core.InStock}); err != nil {
				return err
			}
			if err := tx.AddEvent(core.Event{Time: time.Now(), Kind: core.EventReceived, Item: 1, Serial: serial}); err != nil {
				return err
			}
		}
		return nil
	}))
	require.Eventually(t, analyzed, 3*time.Second, 100*time.Millisecond)
}
