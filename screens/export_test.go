package screens

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func TestExportTheSearchResult(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewSearch(env)
	env.show(s.Content())
	s.state.SetSelected("sold")
	env.settle()

	path := filepath.Join(t.TempDir(), exportName(time.Date(2026, 11, 27, 9, 0, 0, 0, time.Local)))
	assert.Equal(t, "serials-2026-11-27.xlsx", filepath.Base(path))
	f, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	env.export(f, "Serials — state sold", s.table.fetch, false)
	env.settle()

	info := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, info)
	found := false
	for _, o := range test.LaidOutObjects(info) {
		if l, ok := o.(*widget.Label); ok && l.Text == "3 serials written to\n"+path {
			found = true
		}
	}
	assert.True(t, found, "the user is told how many serials went out, and where")
	assert.NotNil(t, findButton(info, "Open its folder"))

	book, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer book.Close()
	rows, err := book.GetRows("Serials")
	require.NoError(t, err)
	require.Len(t, rows, 5, "a title, the header and the serials the search's filter selects")
	assert.Regexp(t, "^Serials — state sold — exported ", rows[0][0])
	assert.Equal(t, "sold", rows[2][3])
}

func TestExportAReceiptsSerials(t *testing.T) {
	env, s := receiptScreen(t)
	assert.False(t, s.export.Visible(), "a new receipt has nothing to export yet")
	s.list.Select(2) // GR-000002: three Audi A6
	env.settle()
	assert.True(t, s.export.Visible())

	path := filepath.Join(t.TempDir(), "gr2.xlsx")
	f, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	env.export(f, "Serials of GR-000002", env.documentSerials(s.receipt.Ref()), false)
	env.settle()
	book, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer book.Close()
	rows, err := book.GetRows("Serials")
	require.NoError(t, err)
	require.Len(t, rows, 5)
	assert.Regexp(t, "^Serials of GR-000002 — exported ", rows[0][0])
	assert.Equal(t, []string{"XY123AAA", "XY123AAB", "XY123K01"}, []string{rows[2][0], rows[3][0], rows[4][0]})
	assert.Equal(t, "P-000001", rows[4][4], "the entity made in advance")
}
