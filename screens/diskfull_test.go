package screens

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

// Confirming a receipt when the disk has filled up: the screen says so at
// once, keeps everything typed, and nothing is saved; with room again the
// same Confirm goes through.
func TestReceiptOnAFullDisk(t *testing.T) {
	dir := filepath.Join(datatest.SmallDisk(t, 160), "register")
	a := test.NewTempApp(t)
	w := a.NewWindow("Serialdesk")
	w.Resize(fyne.NewSize(1280, 720))
	t.Cleanup(w.Close)
	env := testEnvOn(t, a, w, datatest.MustOpen(t, dir))
	require.NoError(t, env.Reg.LoadExamples())
	s := NewReceipts(env)
	env.show(s.Content())
	s.Focus()
	e := s.editor
	test.Type(e.party, "Husqvarna Nordic AB")
	line := e.lines[0]
	test.Type(line.itemText, "CS-500")
	line.qty.SetText("2")
	test.Type(e.serials.rows[0], "996F00001")
	test.Type(e.serials.rows[1], "996F00002")

	giveBack := datatest.Fill(t, dir, 2<<20)
	test.Tap(s.confirm)
	env.settle()
	assert.Contains(t, e.problems.Text, "The disk that holds "+dir+" is full (")
	assert.Contains(t, e.problems.Text, "Make room on it and try again. Nothing was changed.")
	assert.Equal(t, "Husqvarna Nordic AB", e.party.Text, "the typing is kept")
	assert.Equal(t, "996F00001", e.serials.rows[0].Text)
	assert.Equal(t, "996F00002", e.serials.rows[1].Text)
	page, err := env.Reg.SearchSerials(core.SerialQuery{Text: "996F0000"})
	require.NoError(t, err)
	assert.Zero(t, page.Total, "nothing saved")

	giveBack()
	test.Tap(s.confirm)
	env.settle()
	assert.Equal(t, "GR-000005 received: 2 units.", s.message.Text)
}
