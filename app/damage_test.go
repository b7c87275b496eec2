package app

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
	"serialdesk/data/sheets"
)

// Every file of a real register, deleted, cut in half and with bytes
// flipped, opened the way the window opens it and by every command: the
// files stay as they were, or the register opens with nothing lost; the
// user is told; nothing is repaired silently; nothing panics.
func TestEveryFileDamagedEveryWay(t *testing.T) {
	if testing.Short() {
		t.Skip("opens 300 damaged registers; make test runs it")
	}
	closed, unclosed, want := damageRegisters(t)
	stock := importWorkbook(t)
	for _, reg := range []struct{ name, dir string }{{"closed", closed}, {"not closed", unclosed}} {
		originals := sizes(t, reg.dir)
		for _, name := range filesOf(t, reg.dir) {
			for _, how := range []string{"deleted", "cut in half", "bytes flipped"} {
				for _, path := range []string{"window", "check", "export", "backup", "import"} {
					t.Run(strings.Join([]string{reg.name, name, how, path}, "/"), func(t *testing.T) {
						t.Parallel()
						dir := filepath.Join(t.TempDir(), "register")
						copyRegister(t, reg.dir, dir)
						damage(t, filepath.Join(dir, name), how)
						before := hashes(t, dir)
						told, opened := runPath(t, path, dir, stock)
						after := hashes(t, dir)
						assert.NotContains(t, told, "goroutine", "no stack trace")
						if path == "check" {
							assert.Equal(t, before, after, "check only reads")
							return
						}
						if !opened {
							assert.NotEmpty(t, told, "a refusal says why")
							assert.Equal(t, before, after, "a refused open leaves every file as it was")
							return
						}
						if before[name] != after[name] && !housekeeping(name, originals[name]) {
							assert.NotEmpty(t, told, "%s was repaired, and the user is told", name)
						}
						if strings.Contains(told, ".sst: block ") {
							return // a damaged block, found and said: what it held is what is lost
						}
						got := digest(t, dir)
						if path == "import" {
							assert.Subset(t, got, want, "nothing lost")
							assert.Contains(t, got, "serial MATRIX-1 MX-0001 in stock")
						} else {
							assert.Equal(t, want, got, "nothing lost")
						}
					})
				}
			}
		}
	}
}

// housekeeping reports whether opening changes a file of this name, that
// held so many bytes before its trailing zeros, as a matter of course,
// damaged or not: it consumes the memtables (written out as tables),
// updates DISCARD, cuts the latest value log back to what it holds, and
// removes the others that hold no values (only their 20-byte header).
func housekeeping(name string, used int64) bool {
	return name == "DISCARD" || filepath.Ext(name) == ".mem" || filepath.Ext(name) == ".vlog" && used <= 20
}

// sizes is every file in dir by its path, as the bytes it holds before
// its trailing zeros.
func sizes(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, name := range filesOf(t, dir) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		out[name] = int64(len(bytes.TrimRight(b, "\x00")))
	}
	return out
}

// damageRegisters makes a register with the example data, a backup and
// work after it, closed as usual, and a copy of one taken while it was
// still open (its memtables not yet written out, as a crash leaves them).
func damageRegisters(t *testing.T) (closed, unclosed string, want []string) {
	t.Helper()
	closed = backedUpExampleDir(t)
	e, err := open(place{dir: closed}, io.Discard)
	require.NoError(t, err)
	drill, err := e.reg.ItemByNo("DRILL-18V")
	require.NoError(t, err)
	_, err = e.reg.ConfirmReceipt(core.Receipt{Supplier: "After the backup", Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: 2, Serials: []string{"DR-700001", "DR-700002"}}}})
	require.NoError(t, err)
	_, err = e.reg.SaveOrder(core.Order{Customer: "After the backup", Lines: []core.OrderLine{{Item: drill.ID, Quantity: 1, Serials: []string{"DR-700001"}}}})
	require.NoError(t, err)
	unclosed = filepath.Join(t.TempDir(), "unclosed")
	// The files of a running register are one state only while no
	// compaction changes them: copy until MANIFEST is the same after.
	for {
		manifest, err := os.ReadFile(filepath.Join(closed, "MANIFEST"))
		require.NoError(t, err)
		require.NoError(t, os.RemoveAll(unclosed))
		copyRegister(t, closed, unclosed)
		after, err := os.ReadFile(filepath.Join(closed, "MANIFEST"))
		require.NoError(t, err)
		if bytes.Equal(manifest, after) {
			break
		}
	}
	e.close()
	require.NotEmpty(t, slices.DeleteFunc(filesOf(t, unclosed), func(name string) bool { return filepath.Ext(name) != ".mem" }),
		"the copy taken while open has the memtable's file")
	want = digest(t, closed)
	opened := filepath.Join(t.TempDir(), "opened")
	copyRegister(t, unclosed, opened)
	require.Equal(t, want, digest(t, opened), "the copy taken while open holds the same")
	return closed, unclosed, want
}

// importWorkbook is opening stock of one item and one serial.
func importWorkbook(t *testing.T) string {
	t.Helper()
	store := datatest.MustOpen(t, "")
	reg := core.New(store)
	_, err := reg.SaveItem(core.Item{No: "MATRIX-1", Name: "Matrix", UseSerial: true})
	require.NoError(t, err)
	it, err := reg.ItemByNo("MATRIX-1")
	require.NoError(t, err)
	_, err = reg.ConfirmReceipt(core.Receipt{Supplier: "Matrix", Lines: []core.ReceiptLine{{Item: it.ID, Quantity: 1, Serials: []string{"MX-0001"}}}})
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "stock.xlsx")
	ex := sheets.Exporter{Reg: reg}
	_, err = writeFile(file, func(w io.Writer) (int, error) {
		return ex.Export(w, "All serials", ex.Query(core.SerialQuery{}), true, nil)
	})
	require.NoError(t, err)
	return file
}

// runPath opens the damaged register one way and returns all it told the
// user, and whether it opened the register.
func runPath(t *testing.T, path, dir, stock string) (told string, opened bool) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	out := t.TempDir()
	code := 0
	switch path {
	case "window":
		e, err := open(place{dir: dir}, io.Discard)
		if err != nil {
			return core.English.Error(err), false
		}
		var said []string
		for _, n := range e.store.Notices() {
			said = append(said, n.String())
		}
		if ro := e.store.(folder).ReadOnly(); ro != nil {
			said = append(said, core.English.Error(ro))
		}
		if err := e.store.(folder).VerifyFiles(); err != nil {
			said = append(said, core.English.Error(err))
		}
		e.close()
		return strings.Join(said, "\n"), true
	case "check":
		code = Main([]string{"check", "--data", dir}, &stdout, &stderr)
		if code == 0 {
			assert.Contains(t, stdout.String(), "is in order")
		}
		return stdout.String() + stderr.String(), code == 0
	case "export":
		code = Main([]string{"export", "--data", dir, "--out", filepath.Join(out, "all.xlsx")}, &stdout, &stderr)
	case "backup":
		code = Main([]string{"backup", "--data", dir, "--out", filepath.Join(out, "shop.backup")}, &stdout, &stderr)
	case "import":
		code = Main([]string{"import", "--data", dir, "--in", stock}, &stdout, &stderr)
	}
	told = stderr.String()
	// A command that failed on a register it opened (a damaged block found
	// before exporting or importing) still opened it.
	opened = code == 0 || !strings.Contains(told, "cannot open the register") && !strings.Contains(told, "There is no register") &&
		!strings.Contains(told, "was not closed properly")
	return told, opened
}

// digest is what the register holds, in words, without the times of day.
func digest(t *testing.T, dir string) []string {
	t.Helper()
	s, err := data.Open(dir, datatest.Logger())
	require.NoError(t, err)
	defer s.Close()
	reg := core.New(s)
	var out []string
	items, err := reg.Items("")
	require.NoError(t, err)
	for _, it := range items {
		out = append(out, fmt.Sprintf("item %s %s", it.No, it.Name))
	}
	page, err := reg.SearchSerials(core.SerialQuery{})
	require.NoError(t, err)
	for _, row := range page.Rows {
		out = append(out, fmt.Sprintf("serial %s %s %s", row.ItemNo, row.Serial.Serial, row.Serial.State))
	}
	receipts, err := reg.Receipts()
	require.NoError(t, err)
	for _, rc := range receipts {
		out = append(out, fmt.Sprintf("receipt %s %s %s", rc.Ref(), rc.Supplier, rc.Status))
	}
	orders, err := reg.Orders()
	require.NoError(t, err)
	for _, o := range orders {
		out = append(out, fmt.Sprintf("order %s %s", o.Ref(), o.Customer))
	}
	slices.Sort(out)
	return out
}

// filesOf lists the files of a register, relative to its folder.
func filesOf(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	for name := range hashes(t, dir) {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// hashes is every file in dir (the log aside: writing it is not
// changing the register) by its path, as its size and a checksum of each
// block that is not all zeros.
func hashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == logFileName {
			return err
		}
		h := crc32.New(crc32.MakeTable(crc32.Castagnoli))
		size, err := eachBlock(path, func(at int64, b []byte) error {
			fmt.Fprint(h, at)
			h.Write(b)
			return nil
		})
		rel, _ := filepath.Rel(dir, path)
		out[rel] = fmt.Sprintf("%d %x", size, h.Sum32())
		return err
	}))
	return out
}

// copyRegister copies a register's folder, leaving Badger's long runs of
// zeros (memtables, value logs made at full length) unwritten, so that a
// copy costs what the files hold.
func copyRegister(t *testing.T, from, to string) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if d.Name() == "LOCK" {
			return nil
		}
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		defer out.Close()
		size, err := eachBlock(path, func(at int64, b []byte) error {
			_, err := out.WriteAt(b, at)
			return err
		})
		if err != nil {
			return err
		}
		return out.Truncate(size)
	}))
}

// Where the system can tell (lseek's SEEK_DATA and SEEK_HOLE on Linux),
// eachBlock skips the holes of a file; elsewhere the seek fails and it
// reads them.
const (
	seekData = 3
	seekHole = 4
	block    = 64 << 10
)

// eachBlock calls fn for every 64 KB block of a file that is not all
// zeros, and returns the file's size.
func eachBlock(path string, fn func(at int64, b []byte) error) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0, err
	}
	size := info.Size()
	buf := make([]byte, block)
	for at := int64(0); at < size; {
		if data, err := f.Seek(at, seekData); err == nil {
			at = data - data%block
		} else if !errors.Is(err, syscall.EINVAL) {
			break // no data after at
		}
		end := size
		if hole, err := f.Seek(at, seekHole); err == nil {
			end = hole
		}
		for ; at < end; at += block {
			n, err := f.ReadAt(buf, at)
			if err != nil && err != io.EOF {
				return size, err
			}
			if len(bytes.TrimRight(buf[:n], "\x00")) > 0 {
				if err := fn(at, buf[:n]); err != nil {
					return size, err
				}
			}
		}
	}
	return size, nil
}

// damage deletes a file, cuts it in half or flips bytes in its middle
// (of what it holds: Badger's files end in zeros not yet written).
func damage(t *testing.T, path, how string) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	used := len(b)
	for used > 0 && b[used-1] == 0 {
		used--
	}
	switch how {
	case "deleted":
		require.NoError(t, os.Remove(path))
		return
	case "cut in half":
		b = b[:used/2]
	case "bytes flipped":
		for i := used / 2; i < min(used, used/2+8); i++ {
			b[i] ^= 0x5a
		}
	}
	require.NoError(t, os.WriteFile(path, b, 0o644))
}
