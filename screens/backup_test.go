package screens

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/storage"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
)

func TestBackUpNow(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	assert.Equal(t, "serialdesk-2026-11-27.backup", backupName(time.Date(2026, 11, 27, 18, 0, 0, 0, time.Local)))

	path := filepath.Join(t.TempDir(), backupName(time.Now()))
	env.backUp(storage.NewFileURI(path))
	env.settle()
	told := ""
	for _, text := range labelTexts(env.Window.Canvas().Overlays().Top()) {
		if strings.HasPrefix(text, "The whole register is backed up to") {
			told = text
		}
	}
	assert.Contains(t, told, path, "the user is told where the backup is")
	assert.Contains(t, told, core.Command()+" restore --in "+core.Quoted(path)+" --data NEWFOLDER")

	restored := filepath.Join(t.TempDir(), "restored")
	require.NoError(t, data.Restore(path, "", restored, datatest.Logger()))
	page, err := core.New(datatest.MustOpen(t, restored)).SearchSerials(core.SerialQuery{Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, 13, page.Total)

	// A folder that cannot be written to gets a message, not a half file.
	env.backUp(storage.NewFileURI(filepath.Join(t.TempDir(), "no such folder", "x.backup")))
	env.settle()
	shown := ""
	for _, text := range labelTexts(env.Window.Canvas().Overlays().Top()) {
		if strings.Contains(text, "could not be written") {
			shown = text
		}
	}
	assert.Contains(t, shown, "The backup could not be written to")
}
