package datatest

import (
	"io"
	"os"
	"strconv"
	"testing"

	"serialdesk/core"
	"serialdesk/data/sheets"
)

// BenchSerials is the size of the benchmarks' register (make bench):
// 1,000,000 serials over core.DemoItems items, as core.FillDemo makes them;
// BENCH_SERIALS makes it smaller while a benchmark is being written.
func BenchSerials() int {
	if n, err := strconv.Atoi(os.Getenv("BENCH_SERIALS")); err == nil {
		return n
	}
	return 1_000_000
}

// Bench is the register the benchmarks of both engines share (make bench
// runs them side by side, docs/PERFORMANCE.md): what each measures is the
// same call on the same data.
type Bench struct {
	Reg     *core.Register
	Serials int // how many FillDemo made
	fresh   int // serials handed out since
}

// FreshSerials hands out n serials of generated item i that no receipt
// has used yet.
func (f *Bench) FreshSerials(i, n int) []string {
	out := make([]string, n)
	for k := range out {
		out[k] = core.DemoSerial(i, f.Serials+f.fresh)
		f.fresh++
	}
	return out
}

// Item is generated item i.
func (f *Bench) Item(b *testing.B, i int) core.Item {
	b.Helper()
	it, err := f.Reg.ItemByNo(core.DemoItemNo(i))
	if err != nil {
		b.Fatal(err)
	}
	return it
}

// Confirm10k confirms a receipt of 10,000 new serials of generated item i.
func (f *Bench) Confirm10k(b *testing.B, i int) { f.Receive(b, i, f.Item(b, i), 10_000) }

// Receive confirms a receipt of n new serials of it, generated item i.
func (f *Bench) Receive(b *testing.B, i int, it core.Item, n int) {
	b.Helper()
	serials := f.FreshSerials(i, n)
	if _, err := f.Reg.ConfirmReceipt(core.Receipt{Supplier: "Bench supplier", Lines: []core.ReceiptLine{
		{Item: it.ID, Quantity: len(serials), Serials: serials, UnitCost: 700_00}}}); err != nil {
		b.Fatal(err)
	}
}

// Items are the generated items.
func (f *Bench) Items(b *testing.B) []core.Item {
	items := make([]core.Item, core.DemoItems)
	for i := range items {
		items[i] = f.Item(b, i)
	}
	return items
}

// SaleLoop sells one serialized unit per op, as at the counter: every
// tenth unit of the register is sold already; it sells the next one.
func (f *Bench) SaleLoop(b *testing.B) {
	items := f.Items(b)
	for n := 0; b.Loop(); n++ {
		f.SellNext(b, items, n)
	}
}

// SellNext sells the n-th unit SaleLoop would, on an order of its own.
func (f *Bench) SellNext(b *testing.B, items []core.Item, n int) {
	i := 1 + n%(core.DemoItems-1)
	serial := core.DemoSerial(i, (n/(core.DemoItems-1))*10+1)
	if _, err := f.Reg.SaveOrder(core.Order{Customer: "Counter sale", Lines: []core.OrderLine{
		{Item: items[i].ID, Quantity: 1, Serials: []string{serial}, UnitPrice: items[i].Price}}}); err != nil {
		b.Fatal(err)
	}
}

// SearchLoop looks for text in every serial: the first 100 rows and the
// total, as the serial search shows them.
func (f *Bench) SearchLoop(b *testing.B, text string) {
	var total int
	for b.Loop() {
		page, err := f.Reg.SearchSerials(core.SerialQuery{Text: text, Limit: 100})
		if err != nil {
			b.Fatal(err)
		}
		total = page.Total
	}
	if total == 0 {
		b.Fatalf("%q found nothing", text)
	}
	b.ReportMetric(float64(total), "matches")
}

// Substring is a part from the middle of the digits: every serial must be
// looked at. Prefix is the beginning of a serial as printed on the machine:
// the item's prefix and digits.
const Substring = "4711"

var Prefix = core.DemoSerial(77, 0)[:6]

// OverviewLoop shows the item with the most serials: its counts and first
// 100 rows.
func (f *Bench) OverviewLoop(b *testing.B) {
	busy := f.Item(b, 0)
	for b.Loop() {
		ov, err := f.Reg.ItemOverview(busy.ID, core.SerialQuery{Limit: 100})
		if err != nil {
			b.Fatal(err)
		}
		if ov.Total < f.Serials/core.DemoBusyShare || len(ov.Rows) != 100 {
			b.Fatalf("overview: %d rows of %d", len(ov.Rows), ov.Total)
		}
	}
}

// ExportRows is how many serials the export benchmark writes.
const ExportRows = 100_000

// Export100k exports the first 100,000 serials of the search, with the
// Summary sheet.
func (f *Bench) Export100k(b *testing.B) {
	ex := sheets.Exporter{Reg: f.Reg}
	n, err := ex.Export(io.Discard, "All serials", firstRows(ex.Query(core.SerialQuery{}), ExportRows), false, nil)
	if err != nil {
		b.Fatal(err)
	}
	if n != ExportRows {
		b.Fatalf("%d rows written", n)
	}
}

// firstRows limits a fetch to the first n serials.
func firstRows(fetch sheets.Fetch, n int) sheets.Fetch {
	return func(offset, limit int) (core.SerialPage, error) {
		if offset >= n {
			return core.SerialPage{Total: n}, nil
		}
		page, err := fetch(offset, min(limit, n-offset))
		page.Total = min(page.Total, n)
		return page, err
	}
}
