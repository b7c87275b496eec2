package core_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// TestRandomWorkKeepsTheRegisterConsistent runs long random mixes of
// receipts, sales, edits, returns and cancellations over a small pool of
// serials, so that every order of events is tried, and checks after each
// step that stock and serial states agree with the documents.
func TestRandomWorkKeepsTheRegisterConsistent(t *testing.T) {
	for seed := range uint64(6) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			s := newShop(t)
			drill, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true})
			require.NoError(t, err)
			w := &randomWork{s: s, rnd: rand.New(rand.NewPCG(seed, 1)), items: []core.Item{s.chainsaw, drill, s.audi, s.bolts}}
			for step := range 150 {
				what := w.step()
				checkConsistent(t, s.reg, fmt.Sprintf("seed %d step %d: %s", seed, step, what))
			}
		})
	}
}

type randomWork struct {
	s     *shop
	rnd   *rand.Rand
	items []core.Item
}

func (w *randomWork) serials(it core.Item) []string {
	pool := map[core.ItemID][]string{
		w.s.chainsaw.ID: {"996AAAAA1", "996AAAAA2", "996AAAAA3"},
		w.s.audi.ID:     {"XY123AA1", "XY123AA2", "XY123AA3"},
	}[it.ID]
	if pool == nil && it.UseSerial {
		pool = []string{"D-1", "D-2", "D-3"}
	}
	var out []string
	for _, s := range pool {
		if w.rnd.IntN(2) == 0 {
			out = append(out, s)
		}
	}
	return out
}

func (w *randomWork) line() (core.Item, int, []string) {
	it := w.items[w.rnd.IntN(len(w.items))]
	serials := w.serials(it)
	qty := len(serials)
	if !it.SerialsRequiredAtPurchase() && !it.SerialsRequiredAtSale() {
		qty += w.rnd.IntN(2)
	}
	return it, max(qty, 1), serials
}

// step does one random thing; failures the rules expect are fine.
func (w *randomWork) step() string {
	reg := w.s.reg
	receipts := allReceipts(w.s.t, reg)
	orders := allOrders(w.s.t, reg)
	switch w.rnd.IntN(7) {
	case 0, 1:
		it, qty, serials := w.line()
		_, err := reg.ConfirmReceipt(core.Receipt{Supplier: "S", Lines: []core.ReceiptLine{{Item: it.ID, Quantity: qty, Serials: serials}}})
		return fmt.Sprintf("receive %s %v: %v", it.No, serials, err)
	case 2, 3:
		it, qty, serials := w.line()
		_, err := reg.SaveOrder(core.Order{Customer: "C", Lines: []core.OrderLine{{Item: it.ID, Quantity: qty, Serials: serials}}})
		return fmt.Sprintf("sell %s %v: %v", it.No, serials, err)
	case 4:
		if len(orders) == 0 {
			return "nothing"
		}
		o := orders[w.rnd.IntN(len(orders))]
		l := o.Lines[0]
		if len(l.Serials) > 0 {
			o.Lines[0].Serials = slices.Clone(l.Serials[:w.rnd.IntN(len(l.Serials))])
			o.Lines[0].Quantity = max(1, len(o.Lines[0].Serials))
		}
		_, err := reg.SaveOrder(o)
		return fmt.Sprintf("edit %s to %v: %v", o.Ref(), o.Lines[0].Serials, err)
	case 5:
		if len(orders) == 0 {
			return "nothing"
		}
		o := orders[w.rnd.IntN(len(orders))]
		if w.rnd.IntN(2) == 0 {
			_, err := reg.CancelOrder(o.ID)
			return fmt.Sprintf("cancel %s: %v", o.Ref(), err)
		}
		in := core.ReturnInput{Line: 1, Quantity: 1}
		if len(o.Lines[0].Serials) > 0 {
			in = core.ReturnInput{Line: 1, Serials: o.Lines[0].Serials[:1]}
		}
		_, err := reg.ReturnToStock(o.ID, in)
		return fmt.Sprintf("return %v on %s: %v", in.Serials, o.Ref(), err)
	default:
		if len(receipts) == 0 {
			return "nothing"
		}
		rc := receipts[w.rnd.IntN(len(receipts))]
		_, err := reg.CancelReceipt(rc.ID)
		return fmt.Sprintf("cancel %s: %v", rc.Ref(), err)
	}
}

// checkConsistent fails the test with everything Register.Check finds.
func checkConsistent(t *testing.T, reg *core.Register, after string) {
	t.Helper()
	found, err := reg.Check()
	require.NoError(t, err)
	require.Empty(t, found, "after %s", after)
}
