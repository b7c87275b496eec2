package screens

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
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
	assert.True(t, shows(env, "Jörg's lists"), "the dialog opens in the folder of the last file")
	env.Window.Canvas().Overlays().Top().Hide()

	require.NoError(t, os.RemoveAll(filepath.Dir(dir)))
	env.askSave("x.backup", func(fyne.URIWriteCloser) {})
	assert.NotNil(t, env.Window.Canvas().Overlays().Top(), "a folder that is gone is no obstacle")
	assert.False(t, shows(env, "Jörg's lists"))
}

// shows reports whether the top dialog has a button with the text, such as
// a folder in a file dialog's path.
func shows(env *Env, text string) bool {
	for _, o := range test.LaidOutObjects(env.Window.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return true
		}
	}
	return false
}
