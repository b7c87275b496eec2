package screens

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dialogSays reports whether the top dialog shows a label containing text.
func dialogSays(env *Env, text string) bool {
	overlay := env.Window.Canvas().Overlays().Top()
	if overlay == nil {
		return false
	}
	for _, o := range test.LaidOutObjects(overlay) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, text) {
			return true
		}
	}
	return false
}

func TestSaveTheTemplateThenImportIt(t *testing.T) {
	env := newTestEnv(t)
	s := NewItems(env)
	env.show(s.Content())
	path := filepath.Join(t.TempDir(), "opening-stock-template.xlsx")
	f, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	s.saveTemplate(f)
	env.settle()
	assert.True(t, dialogSays(env, "Fill in the Items sheet"))
	assert.True(t, dialogSays(env, path), "and where it went")

	r, err := os.Open(path)
	require.NoError(t, err)
	s.importOpeningStock(r)
	env.settle()
	assert.True(t, dialogSays(env, "Imported 1 item card (0 already there, kept as they were) and 1 serial number in stock on GR-000001."))
	require.Len(t, s.rows, 1, "the list shows the new card")
	assert.Equal(t, "CS-500", s.rows[0].No)
}

func TestOpeningStockThatIsNotAWorkbook(t *testing.T) {
	env := newTestEnv(t)
	s := NewItems(env)
	env.show(s.Content())
	s.importOpeningStock(io.NopCloser(bytes.NewReader([]byte("item;serial"))))
	env.settle()
	assert.True(t, dialogSays(env, "cannot be read as an Excel workbook"))
	empty, err := env.Reg.IsEmpty()
	require.NoError(t, err)
	assert.True(t, empty)
}
