package app

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
)

func TestBackupAndRestoreCommands(t *testing.T) {
	dir := exampleDir(t)
	file := filepath.Join(t.TempDir(), "USB stick", "shop.backup")
	require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, Main([]string{"backup", "--data", dir, "--out", file}, &stdout, &stderr), stderr.String())
	assert.Regexp(t, `^The register in .* is backed up to .*shop.backup \(\d+ KB\)\.\n$`, stdout.String())

	restored := filepath.Join(t.TempDir(), "new shop")
	stdout.Reset()
	require.Equal(t, 0, Main([]string{"restore", "--in", file, "--data", restored}, &stdout, &stderr), stderr.String())
	assert.Equal(t, "The backup "+file+" is restored into "+restored+": 5 item cards, 13 serial numbers, all in order.\nOpen it with: serialdesk --data \""+restored+"\"\n", stdout.String())

	// Restoring again over it is refused, and it stays as it is.
	stdout.Reset()
	assert.Equal(t, 1, Main([]string{"restore", "--in", file, "--data", restored}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "serialdesk restore: "+restored+" is not empty.")
	reg := core.New(datatest.MustOpen(t, restored))
	page, err := reg.SearchSerials(core.SerialQuery{Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, 13, page.Total)

	stderr.Reset()
	assert.Equal(t, 2, Main([]string{"backup", "--data", dir}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "say where to write the backup with --out FILE")
	assert.Equal(t, 2, Main([]string{"restore", "--data", dir}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "say which backup to read with --in FILE")
}

// backedUpExampleDir is the example register with an item added in a
// session that closed with its automatic backup.
func backedUpExampleDir(t *testing.T) string {
	t.Helper()
	dir := exampleDir(t)
	e, err := open(place{dir: dir}, &bytes.Buffer{})
	require.NoError(t, err)
	_, err = e.reg.SaveItem(core.Item{No: "NEW", Name: "New"})
	require.NoError(t, err)
	e.autoBackup()
	e.close()
	return dir
}

func TestClosingTheAppBacksUp(t *testing.T) {
	dir := backedUpExampleDir(t)
	backups := data.Backups(dir)
	require.Len(t, backups, 1)

	restored := filepath.Join(t.TempDir(), "restored")
	require.NoError(t, data.Restore(backups[0], "", restored, datatest.Logger()))
	_, err := core.New(datatest.MustOpen(t, restored)).ItemByNo("NEW")
	assert.NoError(t, err, "the backup holds the last change")
}

// A register that cannot be opened is refused with a message pointing to
// its latest backup and redo log, and following it loses nothing.
func TestDamagedRegisterPointsToTheLatestBackup(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	dir := backedUpExampleDir(t)
	e, err := open(place{dir: dir}, &bytes.Buffer{})
	require.NoError(t, err)
	_, err = e.reg.SaveItem(core.Item{No: "LATER", Name: "Saved after the backup"})
	require.NoError(t, err)
	e.close()
	manifest := filepath.Join(dir, "MANIFEST")
	require.NoError(t, os.WriteFile(manifest, []byte("not a manifest at all"), 0o644))

	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, Main([]string{"--data", dir}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "serialdesk: Serialdesk cannot open the register in "+dir+": MANIFEST is damaged (manifest has bad magic). Serialdesk has not changed anything.")
	backup, redo := data.Backups(dir)[0], filepath.Join(dir, "redo.log")
	assert.Contains(t, stderr.String(), core.Command()+" restore --in "+core.Quoted(backup)+" --log "+core.Quoted(redo)+" --data NEWFOLDER")
	b, err := os.ReadFile(manifest)
	require.NoError(t, err)
	assert.Equal(t, "not a manifest at all", string(b), "the files are left as they were")

	restored := filepath.Join(t.TempDir(), "NEWFOLDER")
	require.Equal(t, 0, Main([]string{"restore", "--in", backup, "--log", redo, "--data", restored}, &stdout, &stderr), stderr.String())
	reg := core.New(datatest.MustOpen(t, restored))
	for _, no := range []string{"NEW", "LATER"} {
		_, err := reg.ItemByNo(no)
		assert.NoError(t, err, "%s is back", no)
	}
}

// The startup error shows the whole message, which can be copied to run
// the restore command it gives.
func TestStartupErrorCanBeCopied(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Serialdesk cannot start")
	defer w.Close()
	msg := "Serialdesk cannot open the register in DIR.\n\n  serialdesk restore --in \"B\" --data NEWFOLDER"
	w.SetContent(startupError(a, msg))
	w.Resize(fyne.NewSize(760, 420))
	var shown bool
	for _, o := range test.LaidOutObjects(w.Content()) {
		if l, ok := o.(*widget.Label); ok && l.Text == msg {
			shown = l.Selectable
		}
		if b, ok := o.(*widget.Button); ok && b.Text == "Copy the message" {
			test.Tap(b)
		}
	}
	assert.True(t, shown, "the message is shown, selectable")
	assert.Equal(t, msg, a.Clipboard().Content())
}

// Damage on disk while the register is open makes the backup at close
// fail: the older backups stay, and the next start says so until one
// succeeds.
func TestFailedBackupAtCloseIsShownAtTheNextStart(t *testing.T) {
	dir := backedUpExampleDir(t)
	require.Len(t, data.Backups(dir), 1)
	assert.Empty(t, backupWarning(dir))

	e, err := open(place{dir: dir}, &bytes.Buffer{})
	require.NoError(t, err)
	datatest.DamageTableBlock(t, dir) // a failing disk, under the open register
	_, err = e.reg.SaveItem(core.Item{No: "LATER", Name: "Later"})
	require.NoError(t, err)
	// The day's changes come from the redo log, whole: they are kept.
	e.noteBackup(e.store.(folder).AutoBackup(e.dir, data.KeepBackups, time.Now().Add(time.Minute)))
	assert.Len(t, data.Backups(dir), 2)
	assert.Empty(t, backupWarning(dir))
	// A whole backup reads every block: it fails, and the good one stays.
	e.noteBackup(e.store.(folder).BackUpWhole(e.dir, data.KeepBackups, time.Now().Add(2*time.Minute)))
	e.close()
	assert.Len(t, data.Backups(dir), 2, "the good backups stay")
	msg := backupWarning(dir)
	assert.Contains(t, msg, "The last automatic backup failed, on ")
	assert.Contains(t, msg, core.Command()+" check --data "+core.Quoted(dir))
}

// A whole backup that closing stopped is made next time; it is not a
// failure to warn about.
func TestABackupStoppedByClosingIsNoFailure(t *testing.T) {
	dir := backedUpExampleDir(t)
	e, err := open(place{dir: dir}, io.Discard)
	require.NoError(t, err)
	e.close()
	e.noteBackup(e.store.(folder).BackUpWhole(dir, data.KeepBackups, time.Now()))
	assert.Empty(t, backupWarning(dir))
}
