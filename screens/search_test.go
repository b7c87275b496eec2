package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReceiveThreeChainsawsThenFindOneInTheSearch(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	main := Main(env)
	env.show(main.Tabs)

	main.Tabs.SelectIndex(1)
	r := main.Receipts
	r.New()
	env.settle()
	r.editor.party.SetText("Husqvarna Nordic AB")
	scan(env, "CS-500")
	for _, serial := range []string{"996Q00001", "996Q00002", "996Q00003"} {
		scan(env, serial)
	}
	r.editor.lines[0].qty.SetText("3")
	test.Tap(r.confirm)
	env.settle()
	require.Equal(t, "GR-000004 received: 3 units.", r.message.Text)

	main.Tabs.SelectIndex(3)
	s := main.Search
	assert.Equal(t, s.text, env.Window.Canvas().Focused(), "the search starts in its field")
	typeHere(env, "q00002")
	env.settle()
	assert.Equal(t, "1 serial", s.table.count.Text, "results follow the typing")
	assert.Equal(t, "996Q00002", s.table.cell(widget.TableCellID{Row: 0, Col: 0}))
	assert.Equal(t, "GR-000004", s.table.cell(widget.TableCellID{Row: 0, Col: 5}))

	s.table.table.Select(widget.TableCellID{Row: 0, Col: 0})
	env.settle()
	require.Len(t, s.events, 1)
	assert.True(t, strings.Contains(eventLine(s.events[0]), "received  ·  GR-000004  ·  Husqvarna Nordic AB"), eventLine(s.events[0]))
}

func TestSearchFilters(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewSearch(env)
	env.show(s.Content())
	assert.Equal(t, "9 serials", s.table.count.Text)

	s.state.SetSelected("in stock")
	env.settle()
	assert.Equal(t, "6 serials", s.table.count.Text)
	s.item.SetSelected("NEW-A6  NEW AUDI A6")
	env.settle()
	assert.Equal(t, "2 serials", s.table.count.Text)
	assert.Equal(t, "XY123AAA", s.table.cell(widget.TableCellID{Row: 0, Col: 0}))
	assert.Equal(t, "P-000002", s.table.cell(widget.TableCellID{Row: 0, Col: 3}), "the entity's project number")
}
