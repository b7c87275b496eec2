package core_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

// Counters (or windows) that take the same serial at the same moment:
// exactly one wins on every engine, and each loser is told who has it.

func TestSameSerialSoldFromTwoWindows(t *testing.T) {
	reg := datatest.NewRegister(t)
	it, err := reg.SaveItem(core.Item{No: "SAW", Name: "Saw", UseSerial: true, RequireAtSale: true, RequireAtPurchase: true})
	require.NoError(t, err)
	_, err = reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: it.ID, Quantity: 1, Serials: []string{"S1"}}}})
	require.NoError(t, err)

	const windows = 16
	var wg sync.WaitGroup
	results := make([]error, windows)
	orders := make([]core.Order, windows)
	for i := range windows {
		wg.Add(1)
		go func() {
			defer wg.Done()
			orders[i], results[i] = reg.SaveOrder(core.Order{Customer: fmt.Sprintf("Customer %d", i),
				Lines: []core.OrderLine{{Item: it.ID, Quantity: 1, Serials: []string{"S1"}}}})
		}()
	}
	wg.Wait()
	var winner core.Order
	wins := 0
	for i, err := range results {
		if err == nil {
			wins++
			winner = orders[i]
		}
	}
	require.Equal(t, 1, wins, "exactly one order gets the serial")
	for _, err := range results {
		if err != nil {
			require.Len(t, inEnglish(core.Problems(err)), 1)
			assert.Contains(t, inEnglish(core.Problems(err))[0].Reason, "already sold on "+winner.Ref().String())
		}
	}
	st, err := reg.Stock(it.ID)
	require.NoError(t, err)
	assert.Equal(t, core.Stock{Purchased: 1, Sold: 1}, st)
	all, err := reg.Orders()
	require.NoError(t, err)
	assert.Len(t, all, 1)
}

func TestSameSerialReceivedTwiceAtOnce(t *testing.T) {
	reg := datatest.NewRegister(t)
	it, err := reg.SaveItem(core.Item{No: "SAW", Name: "Saw", UseSerial: true})
	require.NoError(t, err)
	const windows = 16
	var wg sync.WaitGroup
	results := make([]error, windows)
	receipts := make([]core.Receipt, windows)
	for i := range windows {
		wg.Go(func() {
			receipts[i], results[i] = reg.ConfirmReceipt(core.Receipt{Supplier: fmt.Sprintf("Supplier %d", i),
				Lines: []core.ReceiptLine{{Item: it.ID, Quantity: 1, Serials: []string{"S1"}}}})
		})
	}
	wg.Wait()
	var winner core.Receipt
	wins := 0
	for i, err := range results {
		if err == nil {
			wins++
			winner = receipts[i]
		}
	}
	require.Equal(t, 1, wins, "exactly one receipt gets the serial")
	for _, err := range results {
		if err != nil {
			require.Len(t, inEnglish(core.Problems(err)), 1)
			assert.Equal(t, "already in stock (received on "+winner.Ref().String()+")", inEnglish(core.Problems(err))[0].Reason)
		}
	}
	st, err := reg.Stock(it.ID)
	require.NoError(t, err)
	assert.Equal(t, core.Stock{Purchased: 1}, st)
	all, err := reg.Receipts()
	require.NoError(t, err)
	assert.Len(t, all, 1, "the losers saved nothing")
}
