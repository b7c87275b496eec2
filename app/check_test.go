package app

import (
	"bytes"
	"fmt"
	"io"
	"os"
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

func TestCheckCommand(t *testing.T) {
	dir := exampleDir(t)
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, Main([]string{"check", "--data", dir}, &stdout, &stderr), stderr.String())
	assert.Equal(t, "The register in "+dir+" is in order.\n", stdout.String())

	// A stock count that the documents do not back.
	store, err := data.Open(dir, datatest.Logger())
	require.NoError(t, err)
	reg := core.New(store)
	bolts, err := reg.ItemByNo("OIL-1L")
	require.NoError(t, err)
	require.NoError(t, store.Update(func(tx core.Tx) error {
		return tx.PutStock(bolts.ID, core.Stock{Purchased: 1})
	}))
	require.NoError(t, store.Close())

	stdout.Reset()
	assert.Equal(t, 1, Main([]string{"check", "--data", dir}, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "The register in "+dir+" has problems (1):\n  - item OIL-1L: stock says 1 purchased")
}

func TestCheckCommandWithoutARegister(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nothing here")
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, Main([]string{"check", "--data", dir}, &stdout, &stderr))
	assert.Equal(t, "serialdesk check: There is no register in "+dir+".\n", stderr.String())
	assert.NoDirExists(t, dir, "checking creates nothing")
}

// One damaged block makes thousands of records disagree with their
// indexes: check shows each kind of problem once, with how many more
// there are, in a screenful.
func TestCheckGroupsWhatItFinds(t *testing.T) {
	var found []core.Message
	records, index := core.Say("the serial records"), core.Say("the serial search index")
	for i := range 5000 {
		found = append(found, core.Say("item {{.ID}}, serial {{.Serial}}: in {{.In}}, not in {{.NotIn}}",
			core.Values{"ID": "3", "Serial": fmt.Sprintf("DR-%06d", i), "In": records, "NotIn": index}))
	}
	found = append(found, core.Say("item {{.ID}}, serial {{.Serial}}: in {{.In}}, not in {{.NotIn}}",
		core.Values{"ID": "3", "Serial": "DR-999999", "In": index, "NotIn": records}))
	found = append(found, core.Say("the {{.Index}} index has {{.Key}} for item {{.ID}}, which does not exist",
		core.Values{"Index": core.Say("item number"), "Key": `"X"`, "ID": "9"}))
	for i := range 30 {
		found = append(found, core.Say(fmt.Sprintf("kind %c of problem", 'A'+i)))
	}
	shown := grouped(found, shownProblems)
	assert.Len(t, shown, shownProblems)
	assert.Equal(t, "item 3, serial DR-000000: in the serial records, not in the serial search index (and 4,999 more like it)", shown[0])
	assert.Equal(t, "item 3, serial DR-999999: in the serial search index, not in the serial records", shown[1], "the other way is another kind")
	assert.Equal(t, "the item number index has \"X\" for item 9, which does not exist", shown[2])
	assert.Equal(t, "and 14 more problems of 14 other kinds", shown[len(shown)-1])

	dir := exampleDir(t)
	datatest.DamageTableBlock(t, dir)
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, Main([]string{"check", "--data", dir}, &stdout, &stderr))
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	assert.LessOrEqual(t, len(lines), shownProblems+1, stdout.String())
	assert.Contains(t, stdout.String(), ".sst: block 1 of ")
}

// A damaged redo log is refused with the way on, which works: new-log
// keeps the damaged log, writes back what it still holds, backs the
// register up, and the register opens as usual again with nothing lost.
func TestNewLogGoesOnFromADamagedRedoLog(t *testing.T) {
	dir := backedUpExampleDir(t)
	e, err := open(place{dir: dir}, io.Discard)
	require.NoError(t, err)
	for _, name := range []string{"First", "Second", "Third"} {
		_, err := e.reg.SaveBrand(core.Brand{Name: name})
		require.NoError(t, err)
	}
	e.close()
	want := digest(t, dir)
	redo := filepath.Join(dir, "redo.log")
	b, err := os.ReadFile(redo)
	require.NoError(t, err)
	b[len(b)*2/3] ^= 0x5a // in a record before the last
	require.NoError(t, os.WriteFile(redo, b, 0o644))

	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, Main([]string{"check", "--data", dir}, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "its redo log (redo.log) is damaged: the record after operation ")
	_, err = open(place{dir: dir}, io.Discard)
	require.Error(t, err)
	assert.Contains(t, core.English.Error(err), core.Command()+" new-log --data "+core.Quoted(dir))

	stdout.Reset()
	require.Equal(t, 0, Main([]string{"new-log", "--data", dir}, &stdout, &stderr), stderr.String())
	assert.Contains(t, stdout.String(), "The damaged redo log (the record after operation ")
	assert.Contains(t, stdout.String(), "It could be read up to operation ")
	assert.Contains(t, stdout.String(), "has a new redo log and opens as usual again.")
	kept, err := filepath.Glob(filepath.Join(dir, "redo-damaged-*.log"))
	require.NoError(t, err)
	require.Len(t, kept, 1)
	damaged, err := os.ReadFile(kept[0])
	require.NoError(t, err)
	assert.Equal(t, b, damaged, "the damaged log is kept as it was")
	assert.Equal(t, want, digest(t, dir), "nothing lost: the register held it all")

	stdout.Reset()
	assert.Equal(t, 0, Main([]string{"check", "--data", dir}, &stdout, &stderr), stdout.String())
	assert.Equal(t, 1, Main([]string{"new-log", "--data", dir}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "The redo log in "+dir+" is not damaged")
}

// The log moves aside at 2 MB and keeps two older ones: it cannot fill the
// disk.
func TestTheLogRollsOver(t *testing.T) {
	dir := t.TempDir()
	log, closer, err := openLog(dir, io.Discard)
	require.NoError(t, err)
	line := strings.Repeat("x", 1000)
	for range 7000 {
		log.Info(line)
	}
	require.NoError(t, closer.Close())
	var logs []string
	// lumberjack removes the oldest files in the background.
	require.Eventually(t, func() bool {
		logs, _ = filepath.Glob(filepath.Join(dir, "serialdesk*.log"))
		return len(logs) == 1+logOldFiles
	}, 10*time.Second, 10*time.Millisecond, "the log and two older ones")
	var total int64
	for _, p := range logs {
		info, err := os.Stat(p)
		require.NoError(t, err)
		assert.LessOrEqual(t, info.Size(), int64(logMegabytes<<20))
		total += info.Size()
	}
	assert.Less(t, total, int64(7<<20), "7 MB were logged; a few are kept")
}

// What a command changes counts for the next automatic backup, made when
// the window closes.
func TestCommandChangesAreBackedUpWhenTheWindowCloses(t *testing.T) {
	dir := backedUpExampleDir(t)
	stock := bulkWorkbook(t, 10)
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, Main([]string{"import", "--data", dir, "--in", stock}, &stdout, &stderr), stderr.String())
	e, err := open(place{dir: dir}, io.Discard)
	require.NoError(t, err)
	assert.True(t, e.store.(folder).BackupDue(dir), "the import is not in a backup yet")
	path, err := e.store.(folder).AutoBackup(dir, data.KeepBackups, time.Now().Add(time.Minute))
	require.NoError(t, err)
	e.close()
	restored := filepath.Join(t.TempDir(), "restored")
	require.NoError(t, data.Restore(path, "", restored, datatest.Logger()))
	_, err = core.New(datatest.MustOpen(t, restored)).ItemByNo("BULK")
	assert.NoError(t, err, "the backup holds the import")
}
