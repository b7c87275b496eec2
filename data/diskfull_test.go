package data_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
)

// The register on a small disk of its own (a tmpfs), with the examples.
func registerOnSmallDisk(t *testing.T) (dir string, want map[string]any) {
	t.Helper()
	dir = filepath.Join(datatest.SmallDisk(t, 160), "register")
	s, reg := exampleStore(t, dir)
	want = snapshot(t, reg)
	require.NoError(t, s.Close())
	return dir, want
}

// fullDiskMessage is how a refused write starts.
const fullDiskMessage = "The disk that holds %s is full ("

// A register on a full disk opens read-only: it shows everything, saves
// nothing, says why, and leaves no working file (LOCK, memtable, value
// log) behind.
func TestFullDiskOpensReadOnly(t *testing.T) {
	dir, want := registerOnSmallDisk(t)
	giveBack := datatest.Fill(t, dir, 3<<20)
	before := filesIn(t, dir)

	s, err := data.Open(dir, datatest.Logger())
	require.NoError(t, err)
	reg := core.New(s)
	assert.Equal(t, want, snapshot(t, reg), "everything is shown")
	ro := core.English.Error(s.ReadOnly())
	assert.Contains(t, ro, fmt.Sprintf(fullDiskMessage, dir))
	assert.Contains(t, ro, "to save safely), so the register was opened read-only. Make room on it and start again. Nothing was changed.")
	_, err = reg.SaveBrand(core.Brand{Name: "On a full disk"})
	assert.Equal(t, ro, core.English.Error(err))
	require.NoError(t, s.Close())
	assert.Equal(t, before, filesIn(t, dir), "nothing was written, no working file left")

	giveBack()
	s = datatest.MustOpen(t, dir)
	assert.Nil(t, s.ReadOnly())
	_, err = core.New(s).SaveBrand(core.Brand{Name: "With room again"})
	assert.NoError(t, err)
}

// A new register cannot be made on a full disk; one whose last session did
// not finish cannot be read there (finishing it writes): both say so and
// change nothing.
func TestFullDiskRefusesWhatNeedsWriting(t *testing.T) {
	disk := datatest.SmallDisk(t, 160)
	datatest.Fill(t, disk, 2<<20)
	fresh := filepath.Join(disk, "new register")
	_, err := data.Open(fresh, datatest.Logger())
	require.Error(t, err)
	assert.Contains(t, core.English.Error(err), fmt.Sprintf(fullDiskMessage, fresh))
	entries, _ := os.ReadDir(fresh)
	assert.Empty(t, entries, "nothing made")

	dir, _ := registerOnSmallDisk(t)
	s := datatest.MustOpen(t, dir)
	_, err = core.New(s).SaveBrand(core.Brand{Name: "Not yet written out"})
	require.NoError(t, err)
	unclosed := filepath.Join(filepath.Dir(dir), "unclosed")
	copyTree(t, dir, unclosed)
	require.NoError(t, s.Close())
	datatest.Fill(t, unclosed, 3<<20)
	before := filesIn(t, unclosed)
	_, err = data.Open(unclosed, datatest.Logger())
	require.Error(t, err)
	assert.Contains(t, core.English.Error(err), fmt.Sprintf(fullDiskMessage, unclosed))
	assert.Contains(t, core.English.Error(err), "was not closed properly either, and finishing its last session's work needs room on the disk too.")
	assert.Equal(t, before, filesIn(t, unclosed))
}

// When the disk fills up while the register is open (another program),
// every operation is refused whole, a large receipt included, and the
// register goes on once there is room again.
func TestDiskFillingUpWhileOpen(t *testing.T) {
	dir, want := registerOnSmallDisk(t)
	s := datatest.MustOpen(t, dir)
	reg := core.New(s)
	giveBack := datatest.Fill(t, dir, 1<<20)

	drill, err := reg.ItemByNo("DRILL-18V")
	require.NoError(t, err)
	var serials []string
	for i := range 50_000 {
		serials = append(serials, fmt.Sprintf("DR-%06d", i))
	}
	for _, what := range []func() error{
		func() error { _, err := reg.SaveBrand(core.Brand{Name: "Full"}); return err },
		func() error {
			_, err := reg.ConfirmReceipt(core.Receipt{Supplier: "Big", Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: len(serials), Serials: serials}}})
			return err
		},
	} {
		err := what()
		require.Error(t, err)
		assert.Contains(t, core.English.Error(err), fmt.Sprintf(fullDiskMessage, dir))
		assert.Contains(t, core.English.Error(err), "Make room on it and try again. Nothing was changed.")
	}
	assert.Equal(t, want, snapshot(t, reg), "nothing of them was saved")
	found, err := reg.Check()
	require.NoError(t, err)
	assert.Empty(t, found)

	giveBack()
	_, err = reg.ConfirmReceipt(core.Receipt{Supplier: "Big", Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: len(serials), Serials: serials}}})
	require.NoError(t, err, "with room again")
}

// The disk fills up in the middle of an operation, after its room was
// checked: the redo log cannot take it, so it has failed whole, and after
// a restart the register holds none of it.
func TestDiskFullingUpMidOperation(t *testing.T) {
	dir, want := registerOnSmallDisk(t)
	s, err := data.Open(dir, datatest.Logger())
	require.NoError(t, err)
	reg := core.New(s)
	var giveBack func()
	drill, err := reg.ItemByNo("DRILL-18V")
	require.NoError(t, err)
	var serials []string
	for i := range 300 {
		serials = append(serials, fmt.Sprintf("DR-%06d", i))
	}
	restore := data.SetBeforeLogging(func() { giveBack = datatest.FillUp(t, dir) })
	_, err = reg.ConfirmReceipt(core.Receipt{Supplier: "Half saved?", Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: len(serials), Serials: serials}}})
	restore()
	require.Error(t, err)
	assert.Contains(t, core.English.Error(err), fmt.Sprintf(fullDiskMessage, dir))
	assert.Contains(t, core.English.Error(err), "Nothing was changed.")
	assert.Equal(t, want, snapshot(t, reg))
	giveBack()
	require.NoError(t, s.Close())

	s = datatest.MustOpen(t, dir)
	assert.Equal(t, want, snapshot(t, core.New(s)), "not there after a restart either")
	assert.Empty(t, s.Notices(), "nothing to write back")
}

// Backups: to another disk while the register's is full (it opens
// read-only); into a full disk, refused, with no half file left; the
// automatic one on a full disk, refused, keeping the older ones.
func TestBackupsAndFullDisks(t *testing.T) {
	dir, want := registerOnSmallDisk(t)
	giveBack := datatest.Fill(t, dir, 3<<20)
	s, err := data.OpenReadOnly(dir, datatest.Logger())
	require.NoError(t, err)
	elsewhere := filepath.Join(t.TempDir(), "shop.backup")
	require.NoError(t, s.BackupTo(elsewhere))
	require.NoError(t, s.Close())
	restored := filepath.Join(t.TempDir(), "restored")
	require.NoError(t, data.Restore(elsewhere, "", restored, datatest.Logger()))
	assert.Equal(t, want, snapshot(t, core.New(datatest.MustOpen(t, restored))))
	giveBack()

	s = datatest.MustOpen(t, dir)
	_, err = core.New(s).SaveBrand(core.Brand{Name: "Since the last backup"})
	require.NoError(t, err)
	giveBack = datatest.FillUp(t, dir)
	full := filepath.Join(dir, "shop.backup")
	err = s.BackupTo(full)
	require.Error(t, err)
	assert.Contains(t, core.English.Error(err), "The disk that holds "+dir+" is full (")
	assert.Contains(t, core.English.Error(err), "so shop.backup could not be written. Make room on it, or choose another disk, and try again.")
	_, err = s.AutoBackup(dir, data.KeepBackups, time.Now())
	require.Error(t, err)
	assert.Contains(t, core.English.Error(err), fmt.Sprintf(fullDiskMessage, dir))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.NotContains(t, e.Name(), ".backup", "no half backup left")
	}
	assert.Empty(t, data.Backups(dir))
	require.NoError(t, s.Close())
	giveBack()
}

// Restoring onto a full disk says so and leaves no half register.
func TestRestoreOntoAFullDisk(t *testing.T) {
	s, _ := exampleStore(t, "")
	backup := filepath.Join(t.TempDir(), "shop.backup")
	require.NoError(t, s.BackupTo(backup))
	disk := datatest.SmallDisk(t, 160)
	datatest.Fill(t, disk, 1<<20)
	target := filepath.Join(disk, "restored")
	err := data.Restore(backup, "", target, datatest.Logger())
	require.Error(t, err)
	assert.Contains(t, core.English.Error(err), fmt.Sprintf(fullDiskMessage, target))
	assert.NoDirExists(t, target)
}

// copyTree copies a register's folder, also one that is open (until its
// MANIFEST is the same after as before: no compaction in between), writing
// only the blocks that are not zeros, as the files Badger makes at full
// length hold mostly zeros.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	for {
		manifest, err := os.ReadFile(filepath.Join(from, "MANIFEST"))
		require.NoError(t, err)
		require.NoError(t, os.RemoveAll(to))
		require.NoError(t, filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.Name() == "LOCK" {
				return err
			}
			rel, _ := filepath.Rel(from, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(to, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			f, err := os.Create(filepath.Join(to, rel))
			if err != nil {
				return err
			}
			defer f.Close()
			const block = 64 << 10
			for at := 0; at < len(b); at += block {
				chunk := b[at:min(len(b), at+block)]
				if len(bytes.TrimRight(chunk, "\x00")) > 0 {
					if _, err := f.WriteAt(chunk, int64(at)); err != nil {
						return err
					}
				}
			}
			return f.Truncate(int64(len(b)))
		}))
		after, err := os.ReadFile(filepath.Join(from, "MANIFEST"))
		require.NoError(t, err)
		if bytes.Equal(manifest, after) {
			return
		}
	}
}

// Closing on a full disk would write the memtable out through a memory
// map, which stops the program there (SIGBUS): it is left in its log
// instead, and the next start writes it out. Run in a child process, which
// ends as the app does after closing.
func TestClosingOnAFullDisk(t *testing.T) {
	if dir := os.Getenv("SERIALDESK_FULL_CLOSE_DIR"); dir != "" {
		s, err := data.Open(dir, datatest.Logger())
		if err == nil {
			_, err = core.New(s).SaveBrand(core.Brand{Name: "Saved before the disk filled up"})
		}
		if err == nil {
			datatest.FillUp(t, dir)
			err = s.Close()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	dir, _ := registerOnSmallDisk(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestClosingOnAFullDisk$")
	cmd.Env = append(os.Environ(), "SERIALDESK_FULL_CLOSE_DIR="+dir)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "the child closed without stopping: %s", out)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "filler-") {
			require.NoError(t, os.Remove(filepath.Join(dir, e.Name())))
		}
	}
	brands, err := core.New(datatest.MustOpen(t, dir)).Brands()
	require.NoError(t, err)
	assert.Equal(t, "Saved before the disk filled up", brands[len(brands)-1].Name)
}

// A receipt too large for one transaction writes its parts before the redo
// log takes it. When the disk fills up just then, there is no room to
// undo those parts either: the store then reads and writes nothing more
// (no stop, no stack trace), and the next start, with room, undoes them.
// Run in a child process, which ends as the app does.
func TestDiskFillingUpMidLargeReceipt(t *testing.T) {
	if dir := os.Getenv("SERIALDESK_FULL_RECEIPT_DIR"); dir != "" {
		largeReceiptOnAFullDisk(t, dir)
		return
	}
	dir, want := registerOnSmallDisk(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestDiskFillingUpMidLargeReceipt$", "-test.v")
	cmd.Env = append(os.Environ(), "SERIALDESK_FULL_RECEIPT_DIR="+dir)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "the child stopped: %s", out)
	require.Contains(t, string(out), "--- PASS")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "filler-") {
			require.NoError(t, os.Remove(filepath.Join(dir, e.Name())))
		}
	}
	s := datatest.MustOpen(t, dir)
	reg := core.New(s)
	assert.Equal(t, want, snapshot(t, reg), "none of it is there")
	found, err := reg.Check()
	require.NoError(t, err)
	assert.Empty(t, found)
}

func largeReceiptOnAFullDisk(t *testing.T, dir string) {
	s, err := data.Open(dir, datatest.Logger())
	require.NoError(t, err)
	reg := core.New(s)
	drill, err := reg.ItemByNo("DRILL-18V")
	require.NoError(t, err)
	var serials []string
	for i := range 50_000 {
		serials = append(serials, fmt.Sprintf("DR-%06d", i))
	}
	defer data.SetBeforeLogging(func() { datatest.FillUp(t, dir) })()
	_, err = reg.ConfirmReceipt(core.Receipt{Supplier: "Large", Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: len(serials), Serials: serials}}})
	require.Error(t, err)
	msg := core.English.Error(err)
	assert.Contains(t, msg, fmt.Sprintf(fullDiskMessage, dir))
	assert.Contains(t, msg, "close Serialdesk, make room, and start it again; it undoes that part when it starts.")
	_, err = reg.Items("")
	assert.Equal(t, msg, core.English.Error(err), "nothing is read beside the half-written receipt")
	require.NoError(t, s.Close())
}
