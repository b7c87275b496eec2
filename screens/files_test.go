package screens

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The file dialogs open in the folder of the last file chosen, paths with
// spaces and accents included, and in the home folder when it is gone.
func TestFileDialogsOpenWhereTheLastFileWas(t *testing.T) {
	env := newTestEnv(t)
	dir := filepath.Join(t.TempDir(), "USB stick", "Jörg's lists")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	env.rememberFolder(storage.NewFileURI(filepath.Join(dir, "delivery 12.xlsx")))
	assert.Equal(t, dir, env.Prefs.String(lastFolderKey))

	env.askOpen(func(fyne.URIReadCloser) {})
	assert.NotNil(t, findButton(env.Window.Canvas().Overlays().Top(), "Jörg's lists"), "the dialog opens in the folder of the last file")
	env.Window.Canvas().Overlays().Top().Hide()

	require.NoError(t, os.RemoveAll(filepath.Dir(dir)))
	env.askSave("x.backup", func(fyne.URIWriteCloser) {})
	assert.NotNil(t, env.Window.Canvas().Overlays().Top(), "a folder that is gone is no obstacle")
	assert.Nil(t, findButton(env.Window.Canvas().Overlays().Top(), "Jörg's lists"))
}

// The first file dialog opens in the user's Documents.
func TestTheFirstFileDialogOpensInDocuments(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	require.NoError(t, os.MkdirAll(filepath.Join(home, "Documents", "Supplier lists"), 0o755))
	env := newTestEnv(t)
	env.askOpen(func(fyne.URIReadCloser) {})
	assert.NotNil(t, findButton(env.Window.Canvas().Overlays().Top(), "Documents"), "the dialog is in Documents")
}
