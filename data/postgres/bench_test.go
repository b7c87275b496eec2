package postgres_test

// The benchmarks of data/bench_test.go on a shop server (make bench runs
// both, docs/PERFORMANCE.md): the same calls on the same 1,000,000-serial
// register, in a database on the local server, and the receipt and the
// sale again through a proxy that adds 1 ms to every round trip, as a
// shop's network does, counting the round trips.

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"serialdesk/core"
	"serialdesk/data/datatest"
	"serialdesk/data/postgres"
	"serialdesk/data/postgres/pgtest"
)

var fixture struct {
	once   sync.Once
	url    string
	drop   func()
	store  *postgres.Store
	bench  datatest.Bench
	err    error
	remote struct { // the same register through the delaying proxy
		once  sync.Once
		proxy *pgtest.Proxy
		bench *datatest.Bench
		err   error
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.store != nil {
		fixture.store.Close()
	}
	if fixture.remote.proxy != nil {
		fixture.remote.proxy.Close()
	}
	if fixture.drop != nil {
		fixture.drop()
	}
	os.Exit(code)
}

// bigRegister returns the 1M register; building it is setup, not measured.
func bigRegister(b *testing.B) *datatest.Bench {
	b.Helper()
	base := pgtest.Server(b)
	fixture.once.Do(func() {
		if fixture.url, fixture.drop, fixture.err = pgtest.CreateDatabase(base); fixture.err != nil {
			return
		}
		if fixture.store, fixture.err = postgres.Open(fixture.url, pgtest.Logger()); fixture.err != nil {
			return
		}
		fixture.bench = datatest.Bench{Reg: core.New(fixture.store), Serials: datatest.BenchSerials()}
		fixture.err = fixture.bench.Reg.FillDemo(fixture.bench.Serials, nil)
	})
	if fixture.err != nil {
		b.Fatalf("building the 1M register: %v", fixture.err)
	}
	return &fixture.bench
}

// overLAN is the 1M register through a proxy adding 1 ms per round trip.
func overLAN(b *testing.B) (*datatest.Bench, *pgtest.Proxy) {
	b.Helper()
	local := bigRegister(b)
	r := &fixture.remote
	r.once.Do(func() {
		host := fixture.url[strings.Index(fixture.url, "@")+1:]
		host = host[:strings.Index(host, "/")]
		if r.proxy, r.err = pgtest.StartProxy(host, time.Millisecond); r.err != nil {
			return
		}
		var s *postgres.Store
		if s, r.err = postgres.Open(strings.Replace(fixture.url, "@"+host+"/", "@"+r.proxy.Addr()+"/", 1), pgtest.Logger()); r.err != nil {
			return
		}
		// Its new serials are numbered apart from the local benchmarks'.
		r.bench = &datatest.Bench{Reg: core.New(s), Serials: local.Serials + 5_000_000}
	})
	if r.err != nil {
		b.Fatalf("the register through the proxy: %v", r.err)
	}
	return r.bench, r.proxy
}

func BenchmarkConfirmReceipt10k(b *testing.B) {
	f := bigRegister(b)
	for i := 0; b.Loop(); i++ {
		f.Confirm10k(b, 100+i%50)
	}
}

func BenchmarkSaveOrderOneSerial(b *testing.B) { bigRegister(b).SaleLoop(b) }

func BenchmarkSearchSubstring(b *testing.B) { bigRegister(b).SearchLoop(b, datatest.Substring) }

func BenchmarkSearchPrefix(b *testing.B) { bigRegister(b).SearchLoop(b, datatest.Prefix) }

func BenchmarkItemOverview(b *testing.B) { bigRegister(b).OverviewLoop(b) }

func BenchmarkExport100k(b *testing.B) {
	f := bigRegister(b)
	for b.Loop() {
		f.Export100k(b)
	}
}

// roundTrips reports how many round trips one op made through the proxy.
func roundTrips(b *testing.B, p *pgtest.Proxy, loop func()) {
	before := p.RoundTrips()
	loop()
	b.ReportMetric(float64(p.RoundTrips()-before)/float64(b.N), "round-trips/op")
}

func BenchmarkConfirmReceipt10kOverLAN(b *testing.B) {
	f, proxy := overLAN(b)
	roundTrips(b, proxy, func() {
		for i := 0; b.Loop(); i++ {
			f.Confirm10k(b, 50+i%50)
		}
	})
}

func BenchmarkConfirmReceipt100OverLAN(b *testing.B) {
	f, proxy := overLAN(b)
	roundTrips(b, proxy, func() {
		for i := 0; b.Loop(); i++ {
			serials := f.FreshSerials(10+i%40, 100)
			if _, err := f.Reg.ConfirmReceipt(core.Receipt{Supplier: "Bench supplier", Lines: []core.ReceiptLine{
				{Item: f.Item(b, 10+i%40).ID, Quantity: len(serials), Serials: serials}}}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkSaveOrderOneSerialOverLAN(b *testing.B) {
	f, proxy := overLAN(b)
	items := make([]core.Item, core.DemoItems)
	for i := range items {
		items[i] = f.Item(b, i)
	}
	// Units of their own: the local benchmark sells from each item's first
	// units, this one from halfway through them.
	start := (bigRegister(b).Serials / core.DemoItems / 20) * (core.DemoItems - 1)
	roundTrips(b, proxy, func() {
		for n := 0; b.Loop(); n++ {
			f.SellNext(b, items, start+n)
		}
	})
}
