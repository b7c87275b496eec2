package data_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
)

// exampleStore is a register with the example data, a return and a
// cancelled receipt, so that every kind of record is in it.
func exampleStore(t *testing.T, dir string) (*data.Store, *core.Register) {
	t.Helper()
	s := datatest.MustOpen(t, dir)
	reg := core.New(s)
	require.NoError(t, reg.LoadExamples())
	drill, err := reg.ItemByNo("DRILL-18V")
	require.NoError(t, err)
	rc, err := reg.ConfirmReceipt(core.Receipt{Supplier: "Makita", Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: 2, Serials: []string{"DR-900001", "DR-900002"}}}})
	require.NoError(t, err)
	o, err := reg.SaveOrder(core.Order{Customer: "Jane Doe", Lines: []core.OrderLine{{Item: drill.ID, Quantity: 1, Serials: []string{"DR-900001"}}}})
	require.NoError(t, err)
	_, err = reg.ReturnToStock(o.ID, core.ReturnInput{Line: 1, Serials: []string{"DR-900001"}})
	require.NoError(t, err)
	_, err = reg.ConfirmReceipt(core.Receipt{Supplier: "Makita", Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: 1, Serials: []string{"DR-900003"}}}})
	require.NoError(t, err)
	_, err = reg.CancelReceipt(rc.ID + 1)
	require.NoError(t, err)
	return s, reg
}

func TestBackupAndRestoreBringEverythingBack(t *testing.T) {
	s, reg := exampleStore(t, "")
	before := snapshot(t, reg)
	require.NotEmpty(t, before["history"])
	backup := filepath.Join(t.TempDir(), "shop.backup")
	require.NoError(t, s.BackupTo(backup))

	dir := filepath.Join(t.TempDir(), "restored register")
	require.NoError(t, data.Restore(backup, "", dir, datatest.Logger()))
	restored := core.New(datatest.MustOpen(t, dir))
	assert.Equal(t, before, snapshot(t, restored), "every item, document, serial and history event")
	for id := core.DocID(1); id <= 6; id++ { // the examples' four receipts and the two made here, one cancelled
		want, err := reg.Receipt(id)
		require.NoError(t, err)
		got, err := restored.Receipt(id)
		require.NoError(t, err)
		assert.Equal(t, want.Lines, got.Lines)
		assert.Equal(t, want.Status, got.Status)
	}
	found, err := restored.Check()
	require.NoError(t, err)
	assert.Empty(t, found)
	next, err := restored.SaveItem(core.Item{No: "NEW", Name: "New"})
	require.NoError(t, err)
	items, err := reg.Items("")
	require.NoError(t, err)
	assert.Equal(t, core.ItemID(len(items)+1), next.ID, "numbering goes on where the backup left it")
}

func TestRestoreRefusesAFolderInUseAndFilesThatAreNoBackup(t *testing.T) {
	s, _ := exampleStore(t, "")
	backup := filepath.Join(t.TempDir(), "shop.backup")
	require.NoError(t, s.BackupTo(backup))

	full := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(full, "notes.txt"), []byte("mine"), 0o644))
	err := data.Restore(backup, "", full, datatest.Logger())
	require.Error(t, err)
	assert.Equal(t, full+" is not empty. Choose a new, empty folder, so that nothing there is overwritten.", core.English.Error(err))
	entries, _ := os.ReadDir(full)
	assert.Len(t, entries, 1, "nothing was added")

	whole, err := os.ReadFile(backup)
	require.NoError(t, err)
	for name, content := range map[string][]byte{
		"a text file":      []byte("Serial\n996A1B2C3\n"),
		"a huge length":    {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3},
		"a cut-off backup": whole[:len(whole)/2],
		"an empty list":    {},
	} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "file.backup")
			require.NoError(t, os.WriteFile(file, content, 0o644))
			dir := filepath.Join(t.TempDir(), "new")
			err := data.Restore(file, "", dir, datatest.Logger())
			if len(content) == 0 {
				require.NoError(t, err, "an empty register's backup is empty")
				return
			}
			require.Error(t, err)
			assert.Equal(t, file+" cannot be read as a Serialdesk backup: it is another kind of file, or damaged.", core.English.Error(err))
			assert.NoDirExists(t, dir, "a failed restore leaves nothing behind")
		})
	}
	t.Run("a redo log that is not one", func(t *testing.T) {
		backup := filepath.Join(t.TempDir(), "shop.backup")
		require.NoError(t, s.BackupTo(backup))
		notLog := filepath.Join(t.TempDir(), "redo.log")
		require.NoError(t, os.WriteFile(notLog, []byte("a shopping list"), 0o644))
		dir := filepath.Join(t.TempDir(), "new")
		err := data.Restore(backup, notLog, dir, datatest.Logger())
		assert.Equal(t, notLog+" cannot be read as a Serialdesk redo log (it does not start as a Serialdesk redo log).", core.English.Error(err))
		assert.NoDirExists(t, dir)
	})
}

// Automatic backups when closing after the first hold the work since the
// one before (a deletion included); a whole one is made when the window
// opens once a chain holds six of them. The newest ten and what they build
// on are kept, and each restores the register as it was when it was made.
func TestAutomaticBackupsAreTheChangesSinceTheLast(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "register")
	s, reg := exampleStore(t, dir)
	drill, err := reg.ItemByNo("DRILL-18V")
	require.NoError(t, err)
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.Local)
	whole := func(path string) bool {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		return !strings.HasPrefix(string(b), "SDREDO2\n")
	}
	var made, wholes []string
	held := map[string]map[string]any{}
	for i := range 25 {
		day := start.Add(time.Duration(i) * time.Minute)
		if s.WholeBackupDue(dir) { // as the window does when it opens
			path, err := s.BackUpWhole(dir, 10, day)
			require.NoError(t, err)
			assert.True(t, whole(path))
			made, wholes = append(made, path), append(wholes, path)
			held[path] = snapshot(t, reg)
		}
		_, err := reg.SaveBrand(core.Brand{Name: "Brand " + string(rune('A'+i))})
		require.NoError(t, err)
		if i%5 == 3 {
			// Received and cancelled: its serial records are deleted again.
			rc, err := reg.ConfirmReceipt(core.Receipt{Supplier: "Wrong", Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: 1, Serials: []string{fmt.Sprintf("DR-8%05d", i)}}}})
			require.NoError(t, err)
			_, err = reg.CancelReceipt(rc.ID)
			require.NoError(t, err)
		}
		path, err := s.AutoBackup(dir, 10, day.Add(30*time.Second))
		require.NoError(t, err)
		assert.Equal(t, i == 0, whole(path), "closing %d: the changes since the backup before, but for the first", i+1)
		made = append(made, path)
		held[path] = snapshot(t, reg)
	}
	assert.Len(t, wholes, 3, "a whole one after every six changes")
	kept := data.Backups(dir)
	newest := made[len(made)-10:]
	assert.Subset(t, kept, newest, "the newest ten")
	for _, path := range kept {
		if !slices.Contains(newest, path) {
			assert.Less(t, path, newest[0], "and older ones only as far back as the newest ten build on")
		}
	}
	assert.LessOrEqual(t, len(kept), 10+6)
	for _, path := range newest {
		restored := filepath.Join(t.TempDir(), "restored")
		require.NoError(t, data.Restore(path, "", restored, datatest.Logger()), filepath.Base(path))
		back := core.New(datatest.MustOpen(t, restored))
		assert.Equal(t, held[path], snapshot(t, back), "%s restores the register as it was", filepath.Base(path))
		found, err := back.Check()
		require.NoError(t, err)
		assert.Empty(t, found)
	}

	// A session that changed nothing adds no copy of the same register.
	require.NoError(t, s.Close())
	again := datatest.MustOpen(t, dir)
	path, err := again.AutoBackup(dir, 10, start.Add(time.Hour))
	require.NoError(t, err)
	assert.Empty(t, path)
	assert.Equal(t, kept, data.Backups(dir))

	// A changes backup needs the ones it builds on beside it.
	last, before := made[len(made)-1], made[len(made)-2]
	alone := filepath.Join(t.TempDir(), filepath.Base(last))
	b, err := os.ReadFile(last)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(alone, b, 0o644))
	err = data.Restore(alone, "", filepath.Join(t.TempDir(), "restored"), datatest.Logger())
	require.Error(t, err)
	assert.Contains(t, core.English.Error(err), "The backup "+filepath.Base(alone)+" holds the work since "+filepath.Base(before)+", which is not beside it in ")
}

// A register whose files are damaged is refused with a message that says
// so and points to the latest backup, and its files are left as they were:
// its tables are read whole before Badger opens it to write. Reading it
// (check, export, backup) still opens it, and the check names the damage.
func TestDamagedRegisterIsLeftAloneAndPointsToTheBackup(t *testing.T) {
	for _, c := range []struct {
		name   string
		damage func(t testing.TB, dir string)
	}{
		{"MANIFEST", func(t testing.TB, dir string) { datatest.DamageFile(t, dir, "MANIFEST") }},
		{"vlog", func(t testing.TB, dir string) { datatest.DamageFile(t, dir, ".vlog") }},
		{"table block", datatest.DamageTableBlock},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "register")
			s, reg := exampleStore(t, dir)
			_, err := s.AutoBackup(dir, 10, time.Date(2026, 11, 27, 9, 30, 0, 0, time.Local))
			require.NoError(t, err)
			_, err = reg.SaveBrand(core.Brand{Name: "Saved after the backup"})
			require.NoError(t, err)
			require.NoError(t, s.Close())
			c.damage(t, dir)
			before := filesIn(t, dir)

			_, err = data.Open(dir, datatest.Logger())
			require.Error(t, err, "opened")
			assert.Regexp(t, "Serialdesk cannot open the register in "+regexp.QuoteMeta(dir)+": (MANIFEST|000001.vlog|\\d+\\.sst) is damaged \\(.+\\)\\. Serialdesk has not changed anything\\.", core.English.Error(err))
			if c.name == "table block" {
				read, rerr := data.OpenReadOnly(dir, datatest.Logger())
				require.NoError(t, rerr, "reading opens it all the same")
				verr := read.VerifyFiles()
				require.Error(t, verr)
				assert.Regexp(t, `\.sst: block 1 of \d+ \(at byte 0\) (fails its checksum|cannot be unpacked \(.*\))\)\. Serialdesk has not changed them`, core.English.Error(verr))
				found, cerr := core.New(read).Check()
				require.NoError(t, cerr)
				assert.Contains(t, datatest.English(found), core.English.Error(verr))
				require.NoError(t, read.Close())
			}
			msg := core.English.Error(err)
			latest := filepath.Join(data.BackupDir(dir), "serialdesk-2026-11-27-093000.backup")
			assert.Contains(t, msg, "The latest backup is serialdesk-2026-11-27-093000.backup.")
			redo := filepath.Join(dir, "redo.log")
			assert.Contains(t, msg, core.Command()+" restore --in "+core.Quoted(latest)+" --log "+core.Quoted(redo)+" --data NEWFOLDER")
			after := filesIn(t, dir)
			for path, was := range before {
				assert.Equal(t, was, after[path], "%s is as it was", path)
			}
			if runtime.GOOS != "windows" {
				assert.Len(t, after, len(before), "a failed open leaves no new file behind")
			}

			// The way out the message gives works, and loses nothing.
			restored := filepath.Join(t.TempDir(), "NEWFOLDER")
			require.NoError(t, data.Restore(latest, redo, restored, datatest.Logger()))
			back := core.New(datatest.MustOpen(t, restored))
			found, err := back.Check()
			require.NoError(t, err)
			assert.Empty(t, found)
			brands, err := back.Brands()
			require.NoError(t, err)
			assert.Equal(t, "Saved after the backup", brands[len(brands)-1].Name)
		})
	}
}

// filesIn is every file under dir with its size and content hash.
func filesIn(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		// Badger's open sets the manifest's time, nothing more.
		out[path] = fmt.Sprintf("%d %x", info.Size(), sha256.Sum256(b))
		return nil
	}))
	return out
}

// On Windows, Badger keeps the memtable file of a failed open mapped, so it
// cannot be deleted: the message names what is left instead of saying
// nothing was changed, and the register's own files are untouched.
func TestFailedOpenSaysWhatItCouldNotTakeBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "register")
	s, _ := exampleStore(t, dir)
	require.NoError(t, s.Close())
	// Badger failing on something Serialdesk does not check beforehand,
	// after it made its memtable file.
	defer data.SetOpenBadger(func(opts badger.Options) (*badger.DB, error) {
		if err := os.WriteFile(filepath.Join(opts.Dir, "00001.mem"), make([]byte, 1<<10), 0o644); err != nil {
			return nil, err
		}
		return nil, errors.New("Level validation: overlapping tables")
	})()
	before := filesIn(t, dir)
	mapped := errors.New("The process cannot access the file because it is being used by another process.")
	defer data.SetRemoveFile(func(path string) error {
		if strings.HasSuffix(path, ".mem") {
			return mapped
		}
		return os.Remove(path)
	})()

	_, err := data.Open(dir, datatest.Logger())
	require.Error(t, err)
	msg := core.English.Error(err)
	assert.NotContains(t, msg, "None of the register's files was changed.")
	assert.Contains(t, msg, "Serialdesk changed none of the register's files, but could not remove the working files its attempt made (00001.mem); "+
		"delete them once Serialdesk is closed.")
	after := filesIn(t, dir)
	for path, was := range before {
		assert.Equal(t, was, after[path], "%s is as it was", path)
	}
	assert.Contains(t, after, filepath.Join(dir, "00001.mem"))
	assert.Len(t, after, len(before)+1, "only the file it names is new")
}

// On Windows a sync client or a virus scanner can hold the register's files;
// the message says so rather than calling them damaged.
func TestFilesHeldByAnotherProgram(t *testing.T) {
	sharing := errors.New("The process cannot access the file because it is being used by another process.")
	defer data.SetHeldOpen(func(err error) bool { return errors.Is(err, sharing) })()
	err := data.OpenError(`C:\Users\Jane Doe\AppData\Roaming\serialdesk`, fmt.Errorf("open MANIFEST: %w", sharing), nil)
	assert.Equal(t, core.Conflict, core.ErrorCode(err))
	assert.Equal(t, `Another program is using the files in C:\Users\Jane Doe\AppData\Roaming\serialdesk, often a sync program such as OneDrive, `+
		"a backup program or a virus scanner. Wait until it is done or close it, then start Serialdesk again. None of the register's files was changed.", core.English.Error(err))
}

// Changes backups that outgrow a quarter of the whole one they build on
// make a whole one due, however few they are.
func TestAWholeBackupIsDueWhenTheChangesOutgrowIt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "register")
	s, reg := exampleStore(t, dir)
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.Local)
	_, err := s.AutoBackup(dir, 10, start)
	require.NoError(t, err)
	drill, err := reg.ItemByNo("DRILL-18V")
	require.NoError(t, err)
	var serials []string
	for i := range 2000 {
		serials = append(serials, fmt.Sprintf("DR-%06d", i))
	}
	_, err = reg.ConfirmReceipt(core.Receipt{Supplier: "Big day", Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: len(serials), Serials: serials}}})
	require.NoError(t, err)
	assert.False(t, s.WholeBackupDue(dir), "one small whole backup, no changes yet")
	_, err = s.AutoBackup(dir, 10, start.Add(time.Minute))
	require.NoError(t, err)
	assert.True(t, s.WholeBackupDue(dir), "one changes backup larger than a quarter of the whole one")
}
