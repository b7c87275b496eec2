package app

import (
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

// The first time this Serialdesk opens a register made before customers
// and suppliers were kept, the names on its documents become them, once,
// and the window says so; the documents stay as they were.
func TestAnOlderRegistersNamesBecomeParties(t *testing.T) {
	dir := t.TempDir()
	store := datatest.MustOpen(t, dir)
	reg := core.New(store)
	require.NoError(t, reg.LoadExamples())
	datatest.BeforeParties(t, store)
	before, err := reg.Order(1)
	require.NoError(t, err)
	require.NoError(t, store.Close())

	e, err := open(place{dir: dir}, io.Discard)
	require.NoError(t, err)
	defer e.close()
	a := test.NewTempApp(t)
	screen := e.screenEnv()
	w := settled(screen, func() fyne.Window { return desktopWindow(a, e, screen) })
	defer w.Close()
	assert.Contains(t, strings.Join(labelsIn(w.Canvas().Overlays().Top()), " "), "The customers and suppliers named on your documents (5) are now in Customers & suppliers, "+
		"where their phone, e-mail and address can be added. The documents are as they were.")
	customers, err := e.reg.Parties(core.Customer, "")
	require.NoError(t, err)
	var names []string
	for _, p := range customers {
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{"Kari Hansen", "Ola Nordmann"}, names, "each once")
	after, err := e.reg.Order(1)
	require.NoError(t, err)
	assert.Equal(t, before, after, "the documents stay as they were")
	page, err := e.reg.PartyPage(customers[1].ID, 0, 0)
	require.NoError(t, err)
	assert.Len(t, page.Documents, 2, "found by the name")

	added, err := e.reg.AdoptParties()
	require.NoError(t, err)
	assert.Zero(t, added, "only the first time")
}
