package core_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

// shop is a register with the spec's example items on a real store.
type shop struct {
	t        *testing.T
	reg      *core.Register
	chainsaw core.Item // pattern 996******, serials required at sale and purchase
	bolts    core.Item // quantity only
	audi     core.Item // NEW AUDI A6, model Audi A6, creates entities on save and on stock update
	a6       core.Model
}

func newShop(t *testing.T) *shop {
	t.Helper()
	return newShopOn(t, datatest.NewStore(t))
}

// newShopOn is newShop on a store of the test's own.
func newShopOn(t *testing.T, store core.Store) *shop {
	t.Helper()
	s := &shop{t: t, reg: core.New(store)}
	var err error
	s.chainsaw, err = s.reg.SaveItem(core.Item{No: "CS-500", Name: "Chainsaw 500", UseSerial: true,
		Pattern: "996******", RequireAtSale: true, RequireAtPurchase: true})
	require.NoError(t, err)
	s.bolts, err = s.reg.SaveItem(core.Item{No: "BOLT-8", Name: "Bolt M8"})
	require.NoError(t, err)
	brand, err := s.reg.SaveBrand(core.Brand{Name: "Audi"})
	require.NoError(t, err)
	s.a6, err = s.reg.SaveModel(core.Model{Brand: brand.ID, Name: "A6"})
	require.NoError(t, err)
	s.audi, err = s.reg.SaveItem(core.Item{No: "NEW-A6", Name: "NEW AUDI A6", UseSerial: true, Pattern: "XY123***",
		RequireAtSale: true, Model: s.a6.ID, CreateEntity: true, CreateOnSave: true, CreateOnStockUpdate: true})
	require.NoError(t, err)
	return s
}

// receive confirms a receipt of one line with these serials.
func (s *shop) receive(it core.Item, serials ...string) core.Receipt {
	s.t.Helper()
	rc, err := s.reg.ConfirmReceipt(core.Receipt{Supplier: "Husqvarna AB", Lines: []core.ReceiptLine{
		{Item: it.ID, Quantity: len(serials), Serials: serials}}})
	require.NoError(s.t, err)
	return rc
}

// sell saves an order of one line with these serials.
func (s *shop) sell(it core.Item, serials ...string) core.Order {
	s.t.Helper()
	o, err := s.reg.SaveOrder(core.Order{Customer: "Jane Doe", Lines: []core.OrderLine{
		{Item: it.ID, Quantity: len(serials), Serials: serials}}})
	require.NoError(s.t, err)
	return o
}

func (s *shop) serial(it core.Item, serial string) (core.Serial, bool) {
	s.t.Helper()
	page, err := s.reg.SearchSerials(core.SerialQuery{Item: it.ID, Text: serial})
	require.NoError(s.t, err)
	for _, row := range page.Rows {
		if row.Serial.Serial == serial {
			return row.Serial, true
		}
	}
	return core.Serial{}, false
}

func (s *shop) stock(it core.Item) core.Stock {
	s.t.Helper()
	st, err := s.reg.Stock(it.ID)
	require.NoError(s.t, err)
	return st
}

func (s *shop) history(it core.Item, serial string) []string {
	s.t.Helper()
	events, err := s.reg.SerialHistory(it.ID, serial)
	require.NoError(s.t, err)
	var out []string
	for _, ev := range events {
		out = append(out, fmt.Sprintf("%s %s", ev.Kind, ev.Doc))
	}
	return out
}

// requireProblems checks that err is a register error listing exactly these
// problems, in order.
func requireProblems(t *testing.T, err error, code core.Code, want ...said) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, code, core.ErrorCode(err), "error: %v", err)
	require.Equal(t, want, inEnglish(core.Problems(err)))
}

// said is a problem as English says it, for tests to compare.
type said struct {
	Sheet  string
	Line   int
	Serial string
	Reason string
}

func inEnglish(problems []core.Problem) []said {
	if problems == nil {
		return nil
	}
	out := make([]said, len(problems))
	for i, p := range problems {
		out[i] = said{p.Sheet, p.Line, p.Serial, p.Reason.String()}
	}
	return out
}

func serials(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%06d", prefix, i)
	}
	return out
}

// allReceipts reads every receipt in full, newest first, and checks that
// the list shows each as it is.
func allReceipts(t *testing.T, reg *core.Register) []core.Receipt {
	return inFull(t, reg.Receipts, reg.Receipt, core.Receipt.Head, core.ReceiptHead.Ref)
}

// allOrders is allReceipts for orders.
func allOrders(t *testing.T, reg *core.Register) []core.Order {
	return inFull(t, reg.Orders, reg.Order, core.Order.Head, core.OrderHead.Ref)
}

func inFull[D any, H comparable](t *testing.T, list func() ([]H, error), get func(core.DocID) (D, error), head func(D) H, ref func(H) core.DocRef) []D {
	t.Helper()
	heads, err := list()
	require.NoError(t, err)
	out := make([]D, len(heads))
	for i, h := range heads {
		out[i], err = get(ref(h).ID)
		require.NoError(t, err)
		require.Equal(t, h, head(out[i]), "the list shows %s as it is", ref(h))
	}
	return out
}

// englishOf is messages as English says them, for tests to compare.
func englishOf(ms []core.Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.String()
	}
	return out
}
