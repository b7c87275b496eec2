package data_test

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	logtest "github.com/sirupsen/logrus/hooks/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
)

// moreWork is a receipt, a sale, a return and a cancellation.
func moreWork(t *testing.T, reg *core.Register, tag int) {
	t.Helper()
	drill, err := reg.ItemByNo("DRILL-18V")
	require.NoError(t, err)
	var serials []string
	for i := range 300 {
		serials = append(serials, fmt.Sprintf("DR-%d%05d", tag, i))
	}
	_, err = reg.ConfirmReceipt(core.Receipt{Supplier: fmt.Sprint("Makita ", tag), Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: len(serials), Serials: serials}}})
	require.NoError(t, err)
	o, err := reg.SaveOrder(core.Order{Customer: fmt.Sprint("Jane ", tag), Lines: []core.OrderLine{{Item: drill.ID, Quantity: 2, Serials: serials[:2]}}})
	require.NoError(t, err)
	_, err = reg.ReturnToStock(o.ID, core.ReturnInput{Line: 1, Serials: serials[:1]})
	require.NoError(t, err)
	rc2, err := reg.ConfirmReceipt(core.Receipt{Supplier: fmt.Sprint("Wrong ", tag), Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: 1, Serials: []string{fmt.Sprintf("DR-%d99999", tag)}}}})
	require.NoError(t, err)
	_, err = reg.CancelReceipt(rc2.ID)
	require.NoError(t, err)
}

// examplesKeptAside is a closed register with the example data, and a
// copy of its Badger files as they are now.
func examplesKeptAside(t *testing.T) (dir, older string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "register")
	s, _ := exampleStore(t, dir)
	require.NoError(t, s.Close())
	older = t.TempDir()
	badgerFiles(t, dir, older)
	return dir, older
}

// sessionOfWork opens the register in dir, does moreWork and closes it,
// returning what the register held.
func sessionOfWork(t *testing.T, dir string, tag int) map[string]any {
	t.Helper()
	s := datatest.MustOpen(t, dir)
	reg := core.New(s)
	moreWork(t, reg, tag)
	want := snapshot(t, reg)
	require.NoError(t, s.Close())
	return want
}

// badgerFiles copies Badger's files of a closed register (everything but
// the redo log, the log and the backups) from one folder to another,
// replacing those there: a register as a power cut would leave it.
func badgerFiles(t *testing.T, from, to string) {
	t.Helper()
	ours := map[string]bool{"redo.log": true, "backups": true, "serialdesk.log": true}
	entries, err := os.ReadDir(to)
	require.NoError(t, err)
	for _, e := range entries {
		if !ours[e.Name()] {
			require.NoError(t, os.RemoveAll(filepath.Join(to, e.Name())))
		}
	}
	entries, err = os.ReadDir(from)
	require.NoError(t, err)
	for _, e := range entries {
		if ours[e.Name()] || e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(to, e.Name()), b, 0o644))
	}
}

// A register whose files lost the last operations, as Badger's on Windows
// can in a power cut, gets them back from the redo log when it opens.
func TestRedoLogBringsBackWhatThePowerCutTook(t *testing.T) {
	dir, older := examplesKeptAside(t)

	want := sessionOfWork(t, dir, 1)

	badgerFiles(t, older, dir)
	log, seen := logtest.NewNullLogger()
	s, err := data.Open(dir, log)
	require.NoError(t, err)
	defer s.Close()
	replayed := 0
	for _, e := range seen.AllEntries() {
		if e.Message == data.ReplayedMessage {
			replayed = e.Data["operations"].(int)
		}
	}
	assert.Equal(t, 5, replayed, "two receipts, the sale, the return and the cancellation")
	assert.Equal(t, []string{"The register's files in " + dir + " had lost the last 5 operations, as a power cut can do. " +
		"Serialdesk wrote them back from its redo log; nothing is missing."}, datatest.English(s.Notices()), "said, not repaired silently")
	reg := core.New(s)
	assert.Equal(t, want, snapshot(t, reg), "everything the calls returned is there")
	found, err := reg.Check()
	require.NoError(t, err)
	assert.Empty(t, found)
	items, err := reg.Items("")
	require.NoError(t, err)
	next, err := reg.SaveItem(core.Item{No: "NEXT", Name: "Next"})
	require.NoError(t, err)
	assert.Equal(t, core.ItemID(len(items)+1), next.ID)
}

// When the register lost more than the redo log still holds (it keeps the
// work since the backup before the latest), opening says so and the latest
// backup with the redo log brings everything back.
func TestRegisterThatLostMoreThanTheRedoLogHolds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "register")
	s, _ := exampleStore(t, dir)
	require.NoError(t, s.Close())
	oldest := t.TempDir()
	badgerFiles(t, dir, oldest)

	day := time.Date(2026, 11, 27, 18, 0, 0, 0, time.Local)
	for i := range 3 {
		s = datatest.MustOpen(t, dir)
		moreWork(t, core.New(s), 1+i)
		_, err := s.AutoBackup(dir, 10, day.AddDate(0, 0, i))
		require.NoError(t, err)
		require.NoError(t, s.Close())
	}
	want := sessionOfWork(t, dir, 4)

	badgerFiles(t, oldest, dir)
	// It opens as it is, saving nothing, and says how to get all of it back.
	s = datatest.MustOpen(t, dir)
	err := s.ReadOnly()
	require.Error(t, err)
	msg := core.English.Error(err)
	assert.Contains(t, msg, "The register in "+dir+" has lost work, as a power cut or a failing disk can do, and its redo log cannot bring it back")
	assert.Contains(t, msg, "Serialdesk shows it as it is and saves nothing in it.")
	_, err = core.New(s).SaveBrand(core.Brand{Name: "Saved on top"})
	assert.Equal(t, msg, core.English.Error(err))
	require.NoError(t, s.Close())
	latest := filepath.Join(data.BackupDir(dir), data.BackupName(day.AddDate(0, 0, 2)))
	redo := filepath.Join(dir, "redo.log")
	assert.Contains(t, msg, core.Command()+" restore --in "+core.Quoted(latest)+" --log "+core.Quoted(redo)+" --data NEWFOLDER")

	restored := filepath.Join(t.TempDir(), "NEWFOLDER")
	require.NoError(t, data.Restore(latest, redo, restored, datatest.Logger()))
	back := core.New(datatest.MustOpen(t, restored))
	assert.Equal(t, want, snapshot(t, back), "the backup and the work since")

	// The log keeps the work since the backup before the latest, so that
	// one serves too; an older one is refused, saying why.
	before := filepath.Join(data.BackupDir(dir), data.BackupName(day.AddDate(0, 0, 1)))
	restored = filepath.Join(t.TempDir(), "from the one before")
	require.NoError(t, data.Restore(before, redo, restored, datatest.Logger()))
	assert.Equal(t, want, snapshot(t, core.New(datatest.MustOpen(t, restored))))
	first := filepath.Join(data.BackupDir(dir), data.BackupName(day))
	err = data.Restore(first, redo, filepath.Join(t.TempDir(), "other"), datatest.Logger())
	require.Error(t, err)
	assert.Contains(t, core.English.Error(err), "The backup and the redo log "+redo+" do not fit together")
}

// A record that a crash cut off is dropped, and the log goes on after the
// last whole one.
func TestRedoLogDropsARecordCutOff(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "register")
	s, _ := exampleStore(t, dir)
	require.NoError(t, s.Close())
	redo := filepath.Join(dir, "redo.log")
	f, err := os.OpenFile(redo, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.Write([]byte{0, 0, 1, 0, 9, 9, 9, 9, 1, 2, 3})
	require.NoError(t, err)
	require.NoError(t, f.Close())
	older := t.TempDir()
	badgerFiles(t, dir, older)

	want := sessionOfWork(t, dir, 1)

	badgerFiles(t, older, dir)
	reg := core.New(datatest.MustOpen(t, dir))
	assert.Equal(t, want, snapshot(t, reg), "the records after the cut are read")
}

// dropLastRecord cuts the last record off a redo log, as a crash between
// Badger's commit and the append leaves it.
func dropLastRecord(t *testing.T, dir string) {
	t.Helper()
	path := filepath.Join(dir, "redo.log")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	at := 26 + int(binary.BigEndian.Uint16(b[24:])) + 4 // after the header and its latest backup's name
	last := at
	for at+8 <= len(b) {
		last = at
		at += 8 + int(binary.BigEndian.Uint32(b[at:]))
	}
	require.NoError(t, os.WriteFile(path, b[:last], 0o644))
}

// An operation Badger committed but the log missed is backed up when the
// register opens; a later loss then comes back from that backup and the
// log, and replay never skips over the missing operation.
func TestOperationTheLogMissedIsBackedUp(t *testing.T) {
	dir, older := examplesKeptAside(t)
	sessionOfWork(t, dir, 1)
	dropLastRecord(t, dir)

	log, seen := logtest.NewNullLogger()
	s, err := data.Open(dir, log)
	require.NoError(t, err)
	assert.Len(t, data.Backups(dir), 1, "opening backed up the work the log missed")
	assert.Equal(t, "backing up work the redo log missed", seen.Entries[0].Message)
	require.NoError(t, s.Close())
	want := sessionOfWork(t, dir, 2)

	// Badger loses everything since the examples: the log alone cannot
	// bring it back across the missing operation, the backup with it can.
	badgerFiles(t, older, dir)
	s = datatest.MustOpen(t, dir)
	assert.Contains(t, core.English.Error(s.ReadOnly()), "its redo log cannot bring it back")
	require.NoError(t, s.Close())
	restored := filepath.Join(t.TempDir(), "NEWFOLDER")
	require.NoError(t, data.Restore(data.Backups(dir)[0], filepath.Join(dir, "redo.log"), restored, datatest.Logger()))
	assert.Equal(t, want, snapshot(t, core.New(datatest.MustOpen(t, restored))))
}

// A redo log made for a register that already holds work vouches for
// nothing before it: losing that work is reported, not passed over.
func TestNewRedoLogStartsAtWhatTheRegisterHolds(t *testing.T) {
	dir, older := examplesKeptAside(t)
	sessionOfWork(t, dir, 1)
	require.NoError(t, os.Remove(filepath.Join(dir, "redo.log")))
	s := datatest.MustOpen(t, dir)
	assert.Equal(t, []string{"The redo log was missing from " + dir + "; Serialdesk started a new one. Serialdesk backed it up, " +
		"so that the backups and the log hold all of it again."}, datatest.English(s.Notices()))
	assert.Len(t, data.Backups(dir), 1)
	require.NoError(t, s.Close())

	badgerFiles(t, older, dir)
	s = datatest.MustOpen(t, dir)
	assert.Contains(t, core.English.Error(s.ReadOnly()), "its redo log cannot bring it back")
}
