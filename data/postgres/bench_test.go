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
		fixture.err = fixture.bench.Reg.FillDemo(fixture.bench.Serials, core.English, nil)
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

// roundTrips reports how many round trips one op made through the proxy,
// after a first op outside the count: a connection's first use of a
// statement costs one more, once.
func roundTrips(b *testing.B, p *pgtest.Proxy, op func(n int)) {
	op(0)
	before := p.RoundTrips()
	for n := 1; b.Loop(); n++ {
		op(n)
	}
	b.ReportMetric(float64(p.RoundTrips()-before)/float64(b.N), "round-trips/op")
}

// receiveOverLAN receives deliveries of n serials through the proxy.
func receiveOverLAN(b *testing.B, n int) {
	f, proxy := overLAN(b)
	items := f.Items(b)
	roundTrips(b, proxy, func(k int) { f.Receive(b, 50+k%50, items[50+k%50], n) })
}

func BenchmarkConfirmReceipt10kOverLAN(b *testing.B) { receiveOverLAN(b, 10_000) }

func BenchmarkConfirmReceipt100OverLAN(b *testing.B) { receiveOverLAN(b, 100) }

func BenchmarkSaveOrderOneSerialOverLAN(b *testing.B) {
	f, proxy := overLAN(b)
	items := f.Items(b)
	// Units of their own: the local benchmark sells from each item's first
	// units, this one from halfway through them.
	start := (bigRegister(b).Serials / core.DemoItems / 20) * (core.DemoItems - 1)
	roundTrips(b, proxy, func(n int) { f.SellNext(b, items, start+n) })
}

func BenchmarkLabels10k(b *testing.B) { bigRegister(b).Labels10k(b) }

func BenchmarkStockList100k(b *testing.B) { bigRegister(b).StockList100k(b) }
