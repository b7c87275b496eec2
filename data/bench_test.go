package data_test

// Benchmarks at dealership scale (make bench): one store of 1,000,000
// serials over 200 items, built once per run, measured with the standard
// go test -bench lines. docs/PERFORMANCE.md keeps the results.

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
	"serialdesk/data/sheets"
)

// fixtureSerials is the size of the store; BENCH_SERIALS makes it smaller
// while a benchmark is being written.
var fixtureSerials = 1_000_000

func init() {
	if n, err := strconv.Atoi(os.Getenv("BENCH_SERIALS")); err == nil {
		fixtureSerials = n
	}
}

// fixture is the 1M store, built on first use and shared by the benchmarks.
var fixture struct {
	once  sync.Once
	dir   string
	store *data.Store
	reg   *core.Register
	err   error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.store != nil {
		fixture.store.Close()
	}
	if fixture.dir != "" {
		os.RemoveAll(fixture.dir)
	}
	os.Exit(code)
}

// bigRegister returns the 1M register; building it is setup, not measured.
func bigRegister(b *testing.B) *core.Register {
	b.Helper()
	fixture.once.Do(func() {
		if fixture.dir, fixture.err = os.MkdirTemp("", "serialdesk-bench-"); fixture.err != nil {
			return
		}
		if fixture.store, fixture.err = data.Open(fixture.dir, datatest.Logger()); fixture.err != nil {
			return
		}
		fixture.reg = core.New(fixture.store)
		fixture.err = fixture.reg.FillDemo(fixtureSerials, nil)
	})
	if fixture.err != nil {
		b.Fatalf("building the 1M store: %v", fixture.err)
	}
	return fixture.reg
}

// newSerials hands out serials no receipt has used yet, for item i.
var newSerials int

func freshSerials(i, n int) []string {
	out := make([]string, n)
	for k := range out {
		out[k] = core.DemoSerial(i, fixtureSerials+newSerials)
		newSerials++
	}
	return out
}

func demoItem(b *testing.B, reg *core.Register, i int) core.Item {
	b.Helper()
	it, err := reg.ItemByNo(core.DemoItemNo(i))
	if err != nil {
		b.Fatal(err)
	}
	return it
}

// confirm10k confirms a receipt of 10,000 new serials of generated item i.
func confirm10k(b *testing.B, reg *core.Register, i int) {
	b.Helper()
	serials := freshSerials(i, 10_000)
	if _, err := reg.ConfirmReceipt(core.Receipt{Supplier: "Bench supplier", Lines: []core.ReceiptLine{
		{Item: demoItem(b, reg, i).ID, Quantity: len(serials), Serials: serials, UnitCost: 700_00}}}); err != nil {
		b.Fatal(err)
	}
}

// receiptWrites is what one 10k receipt writes to Badger, measured once.
var receiptWrites struct {
	once        sync.Once
	keys, bytes int64
}

func tenKWrites(b *testing.B, reg *core.Register) (keys, bytes int64) {
	receiptWrites.once.Do(func() {
		k0, b0 := fixture.store.Written()
		confirm10k(b, reg, 150)
		k1, b1 := fixture.store.Written()
		receiptWrites.keys, receiptWrites.bytes = k1-k0, b1-b0
	})
	return receiptWrites.keys, receiptWrites.bytes
}

// loopPaired runs op as the benchmark's op and, before each, the baseline
// untimed, and reports how many times the baseline's time op took. Paired
// runs see the same machine: on a shared one, a baseline timed once apart
// swung by a factor of two. (A benchmark cannot run another benchmark.)
func loopPaired(b *testing.B, unit string, baseline func() error, op func(i int)) {
	var base time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		start := time.Now()
		if err := baseline(); err != nil {
			b.Fatal(err)
		}
		base += time.Since(start)
		b.StartTimer()
		op(i)
	}
	b.ReportMetric(float64(b.Elapsed())/float64(base), unit)
}

func BenchmarkConfirmReceipt10k(b *testing.B) {
	reg := bigRegister(b)
	loopPaired(b, "x-raw-badger", rawBadgerWrite10k(b), func(i int) { confirm10k(b, reg, 100+i%50) })
}

func BenchmarkRawBadgerWrite10k(b *testing.B) {
	op := rawBadgerWrite10k(b)
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
}

// rawBadgerWrite10k returns an op that writes as many keys and bytes as a
// 10k receipt does, with one WriteBatch on the same store (same options,
// same durability), under a prefix the register does not use.
func rawBadgerWrite10k(b *testing.B) func() error {
	reg := bigRegister(b)
	keys, size := tenKWrites(b, reg)
	db := data.RawDB(fixture.store)
	val := bytes.Repeat([]byte{'v'}, int(size/keys)-9)
	var seq uint64
	return func() error {
		wb := db.NewWriteBatch()
		defer wb.Cancel()
		for range keys {
			seq++
			if err := wb.Set(binary.BigEndian.AppendUint64([]byte{0xf0}, seq), val); err != nil {
				return err
			}
		}
		return wb.Flush()
	}
}

func BenchmarkSaveOrderOneSerial(b *testing.B) {
	reg := bigRegister(b)
	items := make([]core.Item, core.DemoItems)
	for i := range items {
		items[i] = demoItem(b, reg, i)
	}
	for n := 0; b.Loop(); n++ {
		// Every tenth unit of the fixture is sold; sell the next one after it.
		i := 1 + n%(core.DemoItems-1)
		serial := core.DemoSerial(i, (n/(core.DemoItems-1))*10+1)
		if _, err := reg.SaveOrder(core.Order{Customer: "Counter sale", Lines: []core.OrderLine{
			{Item: items[i].ID, Quantity: 1, Serials: []string{serial}, UnitPrice: items[i].Price}}}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchSearch(b *testing.B, text string) {
	reg := bigRegister(b)
	var total int
	for b.Loop() {
		page, err := reg.SearchSerials(core.SerialQuery{Text: text, Limit: 100})
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

// A part from the middle of the digits: every serial must be looked at.
func BenchmarkSearchSubstring(b *testing.B) { benchSearch(b, "4711") }

// The beginning of a serial as printed on the machine: item prefix and digits.
func BenchmarkSearchPrefix(b *testing.B) { benchSearch(b, core.DemoSerial(77, 0)[:6]) }

func BenchmarkItemOverview(b *testing.B) {
	reg := bigRegister(b)
	busy := demoItem(b, reg, 0)
	for b.Loop() {
		ov, err := reg.ItemOverview(busy.ID, core.SerialQuery{Limit: 100})
		if err != nil {
			b.Fatal(err)
		}
		if ov.Total < fixtureSerials/core.DemoBusyShare || len(ov.Rows) != 100 {
			b.Fatalf("overview: %d rows of %d", len(ov.Rows), ov.Total)
		}
	}
}

func BenchmarkOpenStore1M(b *testing.B) {
	bigRegister(b)
	if err := fixture.store.Close(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s, err := data.Open(fixture.dir, datatest.Logger())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := core.New(s).SearchSerials(core.SerialQuery{Text: "4711", Limit: 100}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	var err error
	if fixture.store, err = data.Open(fixture.dir, datatest.Logger()); err != nil {
		b.Fatal(err)
	}
	fixture.reg = core.New(fixture.store)
}

// BenchmarkCloseAfterADay1M is closing the window after a day at the
// counter on the 1M register: the automatic backup (the day's changes,
// the whole register once before) and closing the store. Reopening is not
// measured.
func BenchmarkCloseAfterADay1M(b *testing.B) {
	reg := bigRegister(b)
	if _, err := fixture.store.AutoBackup(fixture.dir, data.KeepBackups, time.Now()); err != nil {
		b.Fatal(err)
	}
	day := time.Now()
	for n := 0; b.Loop(); n++ {
		b.StopTimer()
		for i := range 5 { // five deliveries of 100 and a sale of each
			it := demoItem(b, reg, 150+(n*5+i)%40)
			serials := freshSerials(150+(n*5+i)%40, 100)
			if _, err := reg.ConfirmReceipt(core.Receipt{Supplier: "Day", Lines: []core.ReceiptLine{{Item: it.ID, Quantity: 100, Serials: serials}}}); err != nil {
				b.Fatal(err)
			}
			for _, serial := range serials[:20] {
				if _, err := reg.SaveOrder(core.Order{Customer: "Counter sale", Lines: []core.OrderLine{{Item: it.ID, Quantity: 1, Serials: []string{serial}}}}); err != nil {
					b.Fatal(err)
				}
			}
		}
		day = day.Add(24 * time.Hour)
		b.StartTimer()
		if _, err := fixture.store.AutoBackup(fixture.dir, data.KeepBackups, day); err != nil {
			b.Fatal(err)
		}
		if err := fixture.store.Close(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s, err := data.Open(fixture.dir, datatest.Logger())
		if err != nil {
			b.Fatal(err)
		}
		fixture.store, fixture.reg, reg = s, core.New(s), core.New(s)
		b.StartTimer()
	}
}

const exportRows = 100_000

// BenchmarkExport100k exports the busy item and the next ones: the first
// 100,000 serials of a search, with the Summary sheet.
func BenchmarkExport100k(b *testing.B) {
	reg := bigRegister(b)
	ex := sheets.Exporter{Reg: reg}
	fetch := firstRows(ex.Query(core.SerialQuery{}), exportRows)
	loopPaired(b, "x-raw-excelize", rawExcelize100k, func(int) {
		n, err := ex.Export(io.Discard, fetch, false, nil)
		if err != nil {
			b.Fatal(err)
		}
		if n != exportRows {
			b.Fatalf("%d rows written", n)
		}
	})
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

func BenchmarkRawExcelize100k(b *testing.B) {
	for b.Loop() {
		if err := rawExcelize100k(); err != nil {
			b.Fatal(err)
		}
	}
}

// rawExcelizeRows are the cells of the export's Serials sheet, made once.
var rawExcelizeRows = sync.OnceValue(func() [][]any {
	rows := make([][]any, 0, 1000)
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for n := range cap(rows) {
		rows = append(rows, []any{core.DemoSerial(0, n), "GEN-001", "Generated machine 1", "in stock", "",
			day, "GR-000001", "Factory 1", 700.0, nil, nil, nil, nil})
	}
	return rows
})

// rawExcelize100k writes as many rows of the same cells as the export's
// Serials sheet, with excelize's StreamWriter alone: no register, no
// styles, no table.
func rawExcelize100k() error {
	rows := rawExcelizeRows()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	for r := range exportRows {
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, rows[r%len(rows)]); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(io.Discard)
}
