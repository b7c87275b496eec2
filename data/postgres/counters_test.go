package postgres_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/postgres"
	"serialdesk/data/postgres/pgtest"
)

// TestCountersShareOneRegister runs four counters, each its own process
// on one database, doing random receipts, sales, returns and cancels over
// a small pool of serials at once, so that they keep running into each
// other. Afterwards the register agrees with itself, no serial is sold on
// two orders, and every document a counter saw saved is there as it saw it.
func TestCountersShareOneRegister(t *testing.T) {
	if url := os.Getenv("SERIALDESK_COUNTER_DB"); url != "" {
		counterChild(url)
		return
	}
	url := pgtest.NewDatabase(t)
	s, err := postgres.Open(url, pgtest.Logger())
	require.NoError(t, err)
	defer s.Close()
	reg := core.New(s)
	_, err = reg.SaveItem(core.Item{No: "SAW", Name: "Saw", UseSerial: true, RequireAtSale: true, RequireAtPurchase: true})
	require.NoError(t, err)
	_, err = reg.SaveItem(core.Item{No: "BOLT", Name: "Bolt"})
	require.NoError(t, err)

	const counters = 4
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	var wg sync.WaitGroup
	done := make([]map[string]string, counters)
	for i := range counters {
		wg.Go(func() { done[i] = runCounter(t, url, seed+uint64(i)) })
	}
	wg.Wait()

	found, err := reg.Check()
	require.NoError(t, err)
	require.Empty(t, found, "the register agrees with itself")
	saw := 0
	for _, d := range done {
		for doc, what := range d {
			requireDone(t, reg, doc, what)
			saw++
		}
	}
	t.Logf("%d documents seen done by %d counters", saw, counters)
	require.Greater(t, saw, 40, "the counters did real work")

	// No serial is sold twice: between two sales of a unit, something put
	// it back on the shelf (a receipt, a return, a cancel).
	saw2, err := reg.ItemByNo("SAW")
	require.NoError(t, err)
	for n := range 40 {
		serial := fmt.Sprintf("S%02d", n)
		history, err := reg.SerialHistory(saw2.ID, serial)
		require.NoError(t, err)
		for i := 1; i < len(history); i++ {
			if history[i-1].Kind == core.EventSold && history[i].Kind == core.EventSold {
				t.Errorf("%s sold on %s while sold on %s", serial, history[i].Doc, history[i-1].Doc)
			}
		}
	}
}

// runCounter runs one counter process to its end and returns what it saw
// done: document → "saved" or "cancelled".
func runCounter(t *testing.T, url string, seed uint64) map[string]string {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCountersShareOneRegister$")
	cmd.Env = append(os.Environ(), "SERIALDESK_COUNTER_DB="+url, "SERIALDESK_COUNTER_SEED="+strconv.FormatUint(seed, 10))
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	done := map[string]string{}
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if what, doc, ok := strings.Cut(lines.Text(), " "); ok && (what == "saved" || what == "cancelled") {
			done[doc] = what
		}
	}
	require.NoError(t, cmd.Wait(), "a counter failed: %s", stderr.String())
	return done
}

// requireDone checks that a document a counter saw done is there as it saw
// it (a cancelled one cancelled).
func requireDone(t *testing.T, reg *core.Register, doc, what string) {
	t.Helper()
	id, err := strconv.ParseUint(doc[3:], 10, 64)
	require.NoError(t, err)
	cancelled := false
	if strings.HasPrefix(doc, "GR-") {
		rc, err := reg.Receipt(core.DocID(id))
		require.NoError(t, err, "%s is there", doc)
		cancelled = rc.Status == core.Cancelled
	} else {
		o, err := reg.Order(core.DocID(id))
		require.NoError(t, err, "%s is there", doc)
		cancelled = o.Cancelled()
	}
	if what == "cancelled" {
		require.True(t, cancelled, "%s stays cancelled", doc)
	}
}

// counterChild is one counter: 400 random operations, printing each
// document it saw saved or cancelled. Refusals (the serial went to another
// counter a moment before) are part of the work.
func counterChild(url string) {
	seed, _ := strconv.ParseUint(os.Getenv("SERIALDESK_COUNTER_SEED"), 10, 64)
	rnd := rand.New(rand.NewPCG(seed, 3))
	s, err := postgres.Open(url, pgtest.Logger())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer s.Close()
	reg := core.New(s)
	reg.SetUser(fmt.Sprintf("counter-%d@test", seed))
	saw, err := reg.ItemByNo("SAW")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bolt, err := reg.ItemByNo("BOLT")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pool := func(n int) []string {
		seen := map[string]bool{}
		var out []string
		for range n {
			s := fmt.Sprintf("S%02d", rnd.IntN(40))
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
		return out
	}
	var receipts, orders []core.DocID
	report := func(what string, ref core.DocRef, err error) {
		switch {
		case err == nil:
			fmt.Println(what, ref)
		case core.ErrorCode(err) == core.Internal || core.ErrorCode(err) == core.Unavailable:
			fmt.Fprintln(os.Stderr, "unexpected:", err)
			os.Exit(1)
		}
	}
	for range 400 {
		switch n := rnd.IntN(10); {
		case n < 4:
			serials := pool(1 + rnd.IntN(4))
			rc, err := reg.ConfirmReceipt(core.Receipt{Supplier: "S", Lines: []core.ReceiptLine{
				{Item: saw.ID, Quantity: len(serials), Serials: serials}, {Item: bolt.ID, Quantity: 1 + rnd.IntN(5)}}})
			report("saved", rc.Ref(), err)
			if err == nil {
				receipts = append(receipts, rc.ID)
			}
		case n < 7:
			serials := pool(1 + rnd.IntN(2))
			o, err := reg.SaveOrder(core.Order{Customer: "C", Lines: []core.OrderLine{{Item: saw.ID, Quantity: len(serials), Serials: serials}}})
			report("saved", o.Ref(), err)
			if err == nil {
				orders = append(orders, o.ID)
			}
		case n < 8 && len(orders) > 0:
			id := orders[rnd.IntN(len(orders))]
			o, err := reg.Order(id)
			if err != nil || o.Cancelled() {
				continue
			}
			ret, err := reg.ReturnToStock(id, core.ReturnInput{Line: 1, Serials: o.Lines[0].Serials[:1]})
			report("saved", ret.Ref(), err)
		case n < 9 && len(orders) > 0:
			o, err := reg.CancelOrder(orders[rnd.IntN(len(orders))])
			report("cancelled", o.Ref(), err)
		case len(receipts) > 0:
			rc, err := reg.CancelReceipt(receipts[rnd.IntN(len(receipts))])
			report("cancelled", rc.Ref(), err)
		}
	}
}
