package app

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/core/storetest"
	"serialdesk/data"
	"serialdesk/data/datatest"
	"serialdesk/data/postgres"
	"serialdesk/data/postgres/pgtest"
)

// run runs a command and returns its status and what it printed.
func run(args ...string) (code int, stdout, stderr string) {
	var out, errs bytes.Buffer
	code = Main(args, &out, &errs)
	return code, out.String(), errs.String()
}

// dumpFolder and dumpServer are every record of a register, to compare.
func dumpFolder(t *testing.T, dir string) []string {
	t.Helper()
	s, err := data.OpenReadOnly(dir, datatest.Logger())
	require.NoError(t, err)
	defer s.Close()
	return storetest.Dump(t, s)
}

func dumpServer(t *testing.T, url string) []string {
	t.Helper()
	s, err := postgres.Open(url, datatest.Logger())
	require.NoError(t, err)
	defer s.Close()
	return storetest.Dump(t, s)
}

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
	assert.Contains(t, stdout, "4 item cards, 5 goods receipts, 3 orders, 49 serials")
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
	assert.Contains(t, stdout, "4 item cards, 49 serials, all in order.")
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

	code, _, stderr = run("check", "--db", "mysql://shop")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "The address of the shop server is not understood; write it like postgres://user@server/database")

	// Another program's tables.
	url := pgtest.NewDatabase(t)
	conn, err := pgx.Connect(context.Background(), url)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	_, err = conn.Exec(context.Background(), "CREATE TABLE invoices (id int)")
	require.NoError(t, err)
	code, _, stderr = run("check", "--db", url)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "is not a Serialdesk register: it holds 1 tables of another program")

	// A register a newer Serialdesk upgraded.
	url = pgtest.NewDatabase(t)
	s, err := postgres.Open(url, datatest.Logger())
	require.NoError(t, err)
	s.Close()
	conn2, err := pgx.Connect(context.Background(), url)
	require.NoError(t, err)
	defer conn2.Close(context.Background())
	_, err = conn2.Exec(context.Background(), "UPDATE serialdesk SET value = '99' WHERE key = 'schema'")
	require.NoError(t, err)
	code, _, stderr = run("check", "--db", url)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "was upgraded by a newer Serialdesk (its tables are version 99")
}
