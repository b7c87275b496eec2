package data_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	logtest "github.com/sirupsen/logrus/hooks/test"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
)

// TestCrashLosesNothing runs the register in a child process that
// receives, sells, cancels and takes back in a loop, kills it with SIGKILL
// at a random moment, reopens the data directory and checks that the
// register agrees with itself and that every operation the child saw
// succeed is there. CRASH_KILLS sets how many kills (make crashtest: 200).
func TestCrashLosesNothing(t *testing.T) {
	if dir := os.Getenv("SERIALDESK_CRASH_DIR"); dir != "" {
		crashChild(dir)
		return
	}
	if testing.Short() {
		t.Skip("kills child processes for several seconds")
	}
	kills := 4
	if n, err := strconv.Atoi(os.Getenv("CRASH_KILLS")); err == nil {
		kills = n
	}
	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("CRASH_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("seed %d (CRASH_SEED=%d runs the same kills again)", seed, seed)
	rnd := rand.New(rand.NewPCG(seed, 2))
	var dir string
	var done map[string]string // document → what the child last saw done to it
	log, seen := logtest.NewNullLogger()
	checked := 0
	for kill := range kills {
		// A fresh register every 10 kills keeps the check quick.
		if kill%10 == 0 {
			dir, done = keptIfFailed(t), map[string]string{}
		}
		// Up to 3 s: a large receipt, which goes through the journal,
		// takes about that long, so some kills land inside one.
		after := time.Duration(50+rnd.IntN(3000)) * time.Millisecond
		runAndKill(t, dir, after, rnd.Uint64(), done)

		store, err := data.Open(dir, log)
		require.NoError(t, err, "kill %d: the register opens again", kill)
		reg := core.New(store)
		found, err := reg.Check()
		require.NoError(t, err)
		require.Empty(t, found, "kill %d after %s: the register agrees with itself", kill, after)
		for doc, what := range done {
			requireDone(t, reg, doc, what)
		}
		require.NoError(t, store.Close())
		checked += len(done)
	}
	// That the kills landed where they matter, not only between operations.
	interrupted := 0
	for _, e := range seen.AllEntries() {
		if e.Message == data.InterruptedMessage {
			interrupted++
		}
	}
	t.Logf("%d kills; %d times a document seen done was found there; %d kills interrupted an operation that went through the journal", kills, checked, interrupted)
}

// keptIfFailed is a new folder for a register, removed when the test ends
// unless it failed: then it stays for inspection, and the log says where.
func keptIfFailed(t *testing.T) string {
	dir, err := os.MkdirTemp("", "serialdesk-crash-")
	require.NoError(t, err)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the register is kept for inspection in %s", dir)
			return
		}
		os.RemoveAll(dir)
	})
	return dir
}

// runAndKill starts the child on dir, kills it after the given time and
// notes in done what it reported.
func runAndKill(t *testing.T, dir string, after time.Duration, seed uint64, done map[string]string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashLosesNothing$")
	cmd.Env = append(os.Environ(), "SERIALDESK_CRASH_DIR="+dir, fmt.Sprintf("SERIALDESK_CRASH_SEED=%d", seed))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	// The clock starts once the register is open.
	var timer <-chan time.Time
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				require.Fail(t, "the crash child stopped by itself", "%v", cmd.Wait())
			}
			if line == "open" {
				timer = time.After(after)
			} else if doc, what, ok := strings.Cut(line, " "); ok {
				done[doc] = what
			}
		case <-timer:
			require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
			for line := range lines { // what it wrote before it died
				if doc, what, ok := strings.Cut(line, " "); ok {
					done[doc] = what
				}
			}
			cmd.Wait()
			return
		}
	}
}

// requireDone checks that what the child saw done to a document is there:
// a confirmed receipt is still confirmed unless it was cancelled since.
func requireDone(t *testing.T, reg *core.Register, doc, what string) {
	t.Helper()
	id, err := strconv.ParseUint(doc[3:], 10, 64)
	require.NoError(t, err)
	if strings.HasPrefix(doc, "GR-") {
		rc, err := reg.Receipt(core.DocID(id))
		require.NoError(t, err, "%s was %s before the kill", doc, what)
		if what == "cancelled" {
			require.Equal(t, core.Cancelled, rc.Status, doc)
		} else {
			require.NotEqual(t, core.Draft, rc.Status, doc)
		}
		return
	}
	o, err := reg.Order(core.DocID(id))
	require.NoError(t, err, "%s was %s before the kill", doc, what)
	if what == "cancelled" {
		require.True(t, o.Cancelled(), doc)
	}
}

// crashChild works on the register in dir until it is killed, writing
// "open" once the register is open and "<document> <what>" after each
// operation that succeeded.
func crashChild(dir string) {
	seed, _ := strconv.ParseUint(os.Getenv("SERIALDESK_CRASH_SEED"), 10, 64)
	rnd := rand.New(rand.NewPCG(seed, 3))
	store, err := data.Open(dir, datatest.Logger())
	if err != nil {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		os.Exit(3)
	}
	reg := core.New(store)
	items := crashItems(reg)
	fmt.Println("open")
	run := seed % 1_000_000 // serials of this run differ from earlier runs'
	for n := 0; ; n++ {
		it := items[rnd.IntN(len(items))]
		switch op := rnd.IntN(10); {
		case op < 4: // a receipt; now and then one that needs the journal
			qty := 1 + rnd.IntN(2000)
			if it.Model != 0 {
				qty = 1 + rnd.IntN(10)
			} else if rnd.IntN(8) == 0 {
				qty = 40_000 + rnd.IntN(20_000)
			}
			line := core.ReceiptLine{Item: it.ID, Quantity: qty}
			if it.UseSerial {
				for i := range qty {
					line.Serials = append(line.Serials, fmt.Sprintf("K%d-%d-%d", run, n, i))
				}
			}
			if rc, err := reg.ConfirmReceipt(core.Receipt{Supplier: "Crash AB", Lines: []core.ReceiptLine{line}}); err == nil {
				fmt.Println(rc.Ref(), "confirmed")
			}
		case op < 7: // a sale of units in stock
			page, err := reg.SearchSerials(core.SerialQuery{Item: it.ID, State: core.InStock, Limit: 1 + rnd.IntN(50)})
			if err != nil {
				continue
			}
			line := core.OrderLine{Item: it.ID, Quantity: max(1, len(page.Rows))}
			for _, row := range page.Rows {
				line.Serials = append(line.Serials, row.Serial.Serial)
			}
			if o, err := reg.SaveOrder(core.Order{Customer: "Crash Ltd", Lines: []core.OrderLine{line}}); err == nil {
				fmt.Println(o.Ref(), "saved")
			}
		case op < 8: // units back from a customer
			if o, ok := pick(rnd, reg.Orders); ok {
				if _, err := reg.ReturnToStock(o.ID, core.ReturnInput{Line: 1, Quantity: 1}); err == nil {
					fmt.Println(o.Ref(), "returned")
				}
			}
		case op < 9:
			if o, ok := pick(rnd, reg.Orders); ok {
				if _, err := reg.CancelOrder(o.ID); err == nil {
					fmt.Println(o.Ref(), "cancelled")
				}
			}
		default:
			if rc, ok := pick(rnd, reg.Receipts); ok {
				if _, err := reg.CancelReceipt(rc.ID); err == nil {
					fmt.Println(rc.Ref(), "cancelled")
				}
			}
		}
	}
}

// crashItems are the child's items: serials, quantities only, and cars
// that make entities on receipt and on sale.
func crashItems(reg *core.Register) []core.Item {
	must := func(err error) {
		if err != nil {
			fmt.Fprintln(os.Stderr, "crash child:", err)
			os.Exit(3)
		}
	}
	car, err := reg.ItemByNo("CAR")
	if core.ErrorCode(err) == core.NotFound {
		brand, berr := reg.SaveBrand(core.Brand{Name: "Crash Motors"})
		must(berr)
		model, merr := reg.SaveModel(core.Model{Brand: brand.ID, Name: "CM1"})
		must(merr)
		_, err = reg.SaveItem(core.Item{No: "SAW", Name: "Saw", UseSerial: true, RequireAtPurchase: true})
		must(err)
		_, err = reg.SaveItem(core.Item{No: "OIL", Name: "Oil"})
		must(err)
		car, err = reg.SaveItem(core.Item{No: "CAR", Name: "Car", UseSerial: true, Model: model.ID,
			CreateEntity: true, CreateOnSave: true, CreateOnStockUpdate: true})
	}
	must(err)
	var items []core.Item
	for _, no := range []string{"SAW", "OIL"} {
		it, err := reg.ItemByNo(no)
		must(err)
		items = append(items, it)
	}
	return append(items, car)
}

// pick is a random document of a list, if there is one.
func pick[H any](rnd *rand.Rand, list func() ([]H, error)) (H, bool) {
	all, err := list()
	if err != nil || len(all) == 0 {
		var none H
		return none, false
	}
	return all[rnd.IntN(len(all))], true
}
