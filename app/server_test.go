package app

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/core/storetest"
	"serialdesk/data"
	"serialdesk/data/datatest"
	"serialdesk/data/postgres"
	"serialdesk/data/postgres/pgtest"
	"serialdesk/screens"
)

// run runs a command and returns its status and what it printed.
func run(args ...string) (code int, stdout, stderr string) {
	var out, errs bytes.Buffer
	code = Main(args, &out, &errs)
	return code, out.String(), errs.String()
}

// dump is every record of the register at p, to compare, read without
// changing anything.
func dump(t *testing.T, p place) []string {
	t.Helper()
	s, err := openStore(p, datatest.Logger(), true)
	require.NoError(t, err)
	defer s.Close()
	return storetest.Dump(t, s)
}

func dumpFolder(t *testing.T, dir string) []string { return dump(t, place{dir: dir}) }
func dumpServer(t *testing.T, url string) []string { return dump(t, place{db: url}) }

// workedDir is the example register after a delivery, a sale and a
// cancelled receipt, so that a copy has every kind of record to carry.
func workedDir(t *testing.T) string {
	t.Helper()
	dir := exampleDir(t)
	s, err := data.Open(dir, datatest.Logger())
	require.NoError(t, err)
	defer s.Close()
	reg := core.New(s)
	saw, err := reg.ItemByNo("CS-500")
	require.NoError(t, err)
	var serials []string
	for i := range 40 {
		serials = append(serials, "996"+strings.Repeat("7", 4)+string(rune('A'+i/10))+string(rune('0'+i%10)))
	}
	_, err = reg.ConfirmReceipt(core.Receipt{Supplier: "Husqvarna AB", Lines: []core.ReceiptLine{{Item: saw.ID, Quantity: 40, Serials: serials}}})
	require.NoError(t, err)
	_, err = reg.SaveOrder(core.Order{Customer: "Jane", Lines: []core.OrderLine{{Item: saw.ID, Quantity: 1, Serials: serials[:1]}}})
	require.NoError(t, err)
	extra, err := reg.ConfirmReceipt(core.Receipt{Supplier: "Stihl", Lines: []core.ReceiptLine{{Item: saw.ID, Quantity: 1, Serials: []string{"996999999"}}}})
	require.NoError(t, err)
	_, err = reg.CancelReceipt(extra.ID)
	require.NoError(t, err)
	return dir
}

func TestMoveToTheServerAndBack(t *testing.T) {
	dir := workedDir(t)
	url := pgtest.NewDatabase(t)
	before := dumpFolder(t, dir)

	code, stdout, stderr := run("move", "--data", dir, "--db", url)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "Copied onto the shop server 127.0.0.1")
	assert.Contains(t, stdout, "5 item cards, 6 goods receipts, 4 orders, 53 serials")
	assert.Contains(t, stdout, "The copy is in order; the register in "+dir+" is unchanged.")
	assert.Equal(t, before, dumpServer(t, url))
	assert.Equal(t, before, dumpFolder(t, dir), "nothing changes in the source")

	// Once there, a second move is refused and changes nothing.
	code, _, stderr = run("move", "--data", dir, "--db", url)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "The register to copy into is not empty")
	assert.Equal(t, before, dumpServer(t, url))

	back := filepath.Join(t.TempDir(), "back")
	code, stdout, stderr = run("move", "--db", url, "--data", back, "--to-folder")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "Copied into "+back)
	assert.Equal(t, before, dumpFolder(t, back))

	code, _, stderr = run("move", "--db", url, "--data", dir, "--to-folder")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, dir+" is not empty")

	code, stdout, _ = run("check", "--db", url)
	assert.Equal(t, 0, code)
	assert.Contains(t, stdout, "The register on the shop server 127.0.0.1")
	assert.Contains(t, stdout, "is in order.")
}

// A backup made from one engine restores into the other.
func TestBackupCrossesEngines(t *testing.T) {
	dir := workedDir(t)
	before := dumpFolder(t, dir)
	file := filepath.Join(t.TempDir(), "shop.backup")
	code, _, stderr := run("backup", "--data", dir, "--out", file)
	require.Equal(t, 0, code, stderr)

	url := pgtest.NewDatabase(t)
	code, stdout, stderr := run("restore", "--in", file, "--db", url)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "is restored onto the shop server")
	assert.Contains(t, stdout, "5 item cards, 53 serial numbers, all in order.")
	assert.Equal(t, before, dumpServer(t, url))

	fromServer := filepath.Join(t.TempDir(), "server.backup")
	code, stdout, stderr = run("backup", "--db", url, "--out", fromServer)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "The register on the shop server")
	restored := filepath.Join(t.TempDir(), "restored")
	code, _, stderr = run("restore", "--in", fromServer, "--data", restored)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, before, dumpFolder(t, restored))

	// Into a server's register that holds something: refused.
	code, _, stderr = run("restore", "--in", file, "--db", url)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "not empty")
}

// The owner's scheduled export works while counters have the register open.
func TestExportFromTheServerWhileCountersWork(t *testing.T) {
	url := pgtest.NewDatabase(t)
	counter, err := postgres.Open(url, datatest.Logger())
	require.NoError(t, err)
	defer counter.Close()
	require.NoError(t, core.New(counter).LoadExamples())

	out := filepath.Join(t.TempDir(), "stock.xlsx")
	code, stdout, stderr := run("export", "--db", url, "--out", out, "--state", "in-stock")
	require.Equal(t, 0, code, stderr)
	assert.Regexp(t, `^\d+ serials written to `, stdout)
}

// Each way a shop server can refuse is said in the user's words.
func TestServerRefusalsInTheUsersWords(t *testing.T) {
	base := pgtest.Server(t)
	cfg, err := pgx.ParseConfig(base)
	require.NoError(t, err)

	code, _, stderr := run("check", "--db", "postgres://serialdesk@127.0.0.1:1/shop?connect_timeout=5")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "Cannot reach the shop server 127.0.0.1:1, database shop. Check that the server is on")

	missing := strings.Replace(base, "/"+cfg.Database, "/no_such_shop", 1)
	code, _, stderr = run("check", "--db", missing)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "There is no such database on the shop server")

	// An empty database: a command that only reads makes nothing there.
	empty := pgtest.NewDatabase(t)
	code, _, stderr = run("check", "--db", empty)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "There is no Serialdesk register on the shop server")
	code, _, stderr = run("move", "--db", empty, "--data", filepath.Join(t.TempDir(), "new"), "--to-folder")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "There is no Serialdesk register on the shop server")
	found, err := postgres.Probe(empty)
	require.NoError(t, err)
	assert.True(t, found.Empty)

	code, _, stderr = run("check", "--db", "mysql://shop")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "The address of the shop server is not understood; write it like postgres://user@server/database")

	// Another program's tables.
	url := pgtest.NewDatabase(t)
	pgtest.Exec(t, url, "CREATE TABLE invoices (id int)")
	code, _, stderr = run("check", "--db", url)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "is not a Serialdesk register: it holds 1 tables of another program")

	// A register a newer Serialdesk upgraded.
	url = pgtest.NewDatabase(t)
	s, err := postgres.Open(url, datatest.Logger())
	require.NoError(t, err)
	s.Close()
	pgtest.Exec(t, url, "UPDATE serialdesk SET value = '99' WHERE key = 'schema'")
	code, _, stderr = run("check", "--db", url)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "was upgraded by a newer Serialdesk (its tables are version 99")
}

// uiQueue holds what background work and the watch on the server hand to
// the window, until the test runs it on its own goroutine.
type uiQueue struct {
	mu     sync.Mutex
	queued []func()
}

// queueUI makes the window's work wait in a queue from now on.
func queueUI(screen *screens.Env) *uiQueue {
	q := &uiQueue{}
	screen.Deliver = func(show func()) {
		q.mu.Lock()
		defer q.mu.Unlock()
		q.queued = append(q.queued, show)
	}
	return q
}

// run runs what is queued so far, and says whether there was any.
func (q *uiQueue) run() bool {
	q.mu.Lock()
	shows := q.queued
	q.queued = nil
	q.mu.Unlock()
	for _, show := range shows {
		show()
	}
	return len(shows) > 0
}

// settle runs what the window's background work hands over until it is
// done, including work that showing it started.
func (q *uiQueue) settle(screen *screens.Env) {
	for {
		screen.Wait()
		if !q.run() {
			return
		}
	}
}

// eventually runs what is queued until cond holds.
func (q *uiQueue) eventually(t *testing.T, cond func() bool, what string) {
	t.Helper()
	require.Eventually(t, func() bool {
		q.run()
		return cond()
	}, 20*time.Second, 50*time.Millisecond, what)
}

// What another counter saves shows in this window without a restart.
func TestTheWindowFollowsTheOtherCounters(t *testing.T) {
	url := pgtest.NewDatabase(t)
	_, ui, w := openWindow(t, place{dir: t.TempDir(), db: url})
	w.Resize(fyne.NewSize(1280, 720))
	tabs := findTabs(w.Content())
	require.NotNil(t, tabs)
	tabs.SelectIndex(2) // Orders

	time.Sleep(500 * time.Millisecond) // listening

	other, err := postgres.Open(url, datatest.Logger())
	require.NoError(t, err)
	defer other.Close()
	counter2 := core.New(other)
	counter2.SetUser("ola@COUNTER-2")
	it, err := counter2.SaveItem(core.Item{No: "BOLT", Name: "Bolt"})
	require.NoError(t, err)
	o, err := counter2.SaveOrder(core.Order{Customer: "Jane", Lines: []core.OrderLine{{Item: it.ID, Quantity: 2}}})
	require.NoError(t, err)
	ui.eventually(t, func() bool {
		return slices.ContainsFunc(labelsIn(w.Content()), func(s string) bool { return strings.HasPrefix(s, o.Ref().String()) })
	}, "the other counter's order is listed here")
}

// findTabs is the window's sections.
func findTabs(o fyne.CanvasObject) *container.AppTabs {
	for _, obj := range test.LaidOutObjects(o) {
		if tabs, ok := obj.(*container.AppTabs); ok {
			return tabs
		}
	}
	return nil
}

// While the server cannot be reached a strip says so above the sections;
// it goes when the server is back.
func TestTheWindowSaysWhenTheServerIsGone(t *testing.T) {
	if testing.Short() {
		t.Skip("stops and starts a server of its own")
	}
	srv := pgtest.StartServer(t)
	_, ui, w := openWindow(t, place{dir: t.TempDir(), db: srv.URL()})
	var strip fyne.CanvasObject
	for _, obj := range w.Content().(*fyne.Container).Objects {
		if strings.Contains(strings.Join(labelsIn(obj), " "), "The shop server cannot be reached.") {
			strip = obj
		}
	}
	require.NotNil(t, strip, "a strip for a server that cannot be reached")
	assert.False(t, strip.Visible())
	time.Sleep(300 * time.Millisecond) // listening
	srv.Stop(t)
	ui.eventually(t, strip.Visible, "the strip shows while the server is gone")
	srv.Start(t)
	ui.eventually(t, func() bool { return !strip.Visible() }, "and goes when it is back")
}
