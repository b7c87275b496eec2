package data_test

// Benchmarks at dealership scale (make bench): one store of 1,000,000
// serials over 200 items, built once per run, measured with the standard
// go test -bench lines. docs/PERFORMANCE.md keeps the results.

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
)

// fixture is the 1M store, built on first use and shared by the benchmarks.
var fixture struct {
	once  sync.Once
	dir   string
	store *data.Store
	bench datatest.Bench
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
func bigRegister(b *testing.B) *datatest.Bench {
	b.Helper()
	fixture.once.Do(func() {
		if fixture.dir, fixture.err = os.MkdirTemp("", "serialdesk-bench-"); fixture.err != nil {
			return
		}
		if fixture.store, fixture.err = data.Open(fixture.dir, datatest.Logger()); fixture.err != nil {
			return
		}
		fixture.bench = datatest.Bench{Reg: core.New(fixture.store), Serials: datatest.BenchSerials()}
		fixture.err = fixture.bench.Reg.FillDemo(fixture.bench.Serials, core.English, nil)
	})
	if fixture.err != nil {
		b.Fatalf("building the 1M store: %v", fixture.err)
	}
	return &fixture.bench
}

// receiptWrites is what one 10k receipt writes to Badger, measured once.
var receiptWrites struct {
	once        sync.Once
	keys, bytes int64
}

func tenKWrites(b *testing.B, f *datatest.Bench) (keys, bytes int64) {
	receiptWrites.once.Do(func() {
		k0, b0 := fixture.store.Written()
		f.Confirm10k(b, 150)
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
	f := bigRegister(b)
	loopPaired(b, "x-raw-badger", rawBadgerWrite10k(b), func(i int) { f.Confirm10k(b, 100+i%50) })
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
	keys, size := tenKWrites(b, bigRegister(b))
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

func BenchmarkSaveOrderOneSerial(b *testing.B) { bigRegister(b).SaleLoop(b) }

func BenchmarkSearchSubstring(b *testing.B) { bigRegister(b).SearchLoop(b, datatest.Substring) }

func BenchmarkSearchPrefix(b *testing.B) { bigRegister(b).SearchLoop(b, datatest.Prefix) }

func BenchmarkItemOverview(b *testing.B) { bigRegister(b).OverviewLoop(b) }

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
	fixture.bench.Reg = core.New(fixture.store)
}

// BenchmarkCloseAfterADay1M is closing the window after a day at the
// counter on the 1M register: the automatic backup (the day's changes,
// the whole register once before) and closing the store. Reopening is not
// measured.
func BenchmarkCloseAfterADay1M(b *testing.B) {
	f := bigRegister(b)
	reg := f.Reg
	if _, err := fixture.store.AutoBackup(fixture.dir, data.KeepBackups, time.Now()); err != nil {
		b.Fatal(err)
	}
	day := time.Now()
	for n := 0; b.Loop(); n++ {
		b.StopTimer()
		for i := range 5 { // five deliveries of 100 and a sale of each
			it := f.Item(b, 150+(n*5+i)%40)
			serials := f.FreshSerials(150+(n*5+i)%40, 100)
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
		fixture.store, f.Reg = s, core.New(s)
		reg = f.Reg
		b.StartTimer()
	}
}

// BenchmarkExport100k exports the busy item and the next ones: the first
// 100,000 serials of a search, with the Summary sheet.
func BenchmarkExport100k(b *testing.B) {
	f := bigRegister(b)
	loopPaired(b, "x-raw-excelize", rawExcelize100k, func(int) { f.Export100k(b) })
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
			day, "GR-000001", "Factory 1", 700.0, "kari@COUNTER-1", nil, nil, nil, nil, nil})
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
	for r := range datatest.ExportRows {
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

// BenchmarkLabels10k prints the labels of a delivery of 10,000 serials.
func BenchmarkLabels10k(b *testing.B) { bigRegister(b).Labels10k(b) }

// BenchmarkStockList100k prints a stock list of over 100,000 units.
func BenchmarkStockList100k(b *testing.B) { bigRegister(b).StockList100k(b) }
