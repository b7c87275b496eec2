package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
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

	main.Tabs.SelectIndex(receiptsSection)
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
	require.Equal(t, "GR-000005 received: 3 units.", r.message.Text)

	main.Tabs.SelectIndex(searchSection)
	s := main.Search
	assert.Equal(t, s.text, env.Window.Canvas().Focused(), "the search starts in its field")
	typeHere(env, "q00002")
	env.settle()
	assert.Equal(t, "1 serial", s.table.count.Text, "results follow the typing")
	assert.Equal(t, "996Q00002", s.table.cell(widget.TableCellID{Row: 0, Col: 0}))
	assert.Equal(t, "GR-000005", s.table.cell(widget.TableCellID{Row: 0, Col: 5}))

	s.table.table.Select(widget.TableCellID{Row: 0, Col: 0})
	env.settle()
	require.Len(t, s.events, 1)
	assert.True(t, strings.Contains(eventLine(s.events[0]), "received  ·  GR-000005  ·  Husqvarna Nordic AB"), eventLine(s.events[0]))
}

func TestSearchFilters(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewSearch(env)
	env.show(s.Content())
	assert.Equal(t, "13 serials", s.table.count.Text)

	s.state.SetSelected("in stock")
	env.settle()
	assert.Equal(t, "9 serials", s.table.count.Text, "the returned unit is back in stock; the one returned to the supplier is not")
	s.item.SetSelected("NEW-A6  NEW AUDI A6")
	env.settle()
	assert.Equal(t, "2 serials", s.table.count.Text)
	assert.Equal(t, "XY123AAA", s.table.cell(widget.TableCellID{Row: 0, Col: 0}))
	assert.Equal(t, "P-000002", s.table.cell(widget.TableCellID{Row: 0, Col: 3}), "the entity's project number")
}

// The history pane always shows the selected row's serial: it goes when
// the results no longer hold it and stays while they do. Enter on a search
// with one hit, or on a row, opens its history, which gives the
// document's date and when it was entered.
func TestTheHistoryFollowsTheResults(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewSearch(env)
	env.show(s.Content())
	s.Focus()

	typeHere(env, "996A1B2C")
	s.search()
	env.settle()
	require.Equal(t, "996A1B2C2", s.table.cell(widget.TableCellID{Row: 1, Col: 0}))
	s.table.table.Select(widget.TableCellID{Row: 1, Col: 0})
	env.settle()
	assert.Contains(t, s.title.Text, "History of 996A1B2C2")
	require.NotEmpty(t, s.events)
	line := eventLine(s.events[0])
	assert.Regexp(t, `^\d{4}-\d\d-\d\d  ·  received  ·  GR-000001  ·  .*  ·  entered \d{4}-\d\d-\d\d \d\d:\d\d$`, line)

	s.text.SetText("996A1B2C2") // narrowed to the one shown
	s.search()
	env.settle()
	assert.Contains(t, s.title.Text, "History of 996A1B2C2", "still in the results: still shown")

	s.text.SetText("996A1B2C3")
	s.search()
	env.settle()
	assert.Equal(t, "Choose a serial to see its history", s.title.Text, "gone from the results: gone from the pane")
	assert.Empty(t, s.events)

	s.Focus()
	enter(env)
	env.settle()
	assert.Contains(t, s.title.Text, "History of 996A1B2C3", "Enter on a single hit opens its history")

	s.text.SetText("996A1B2C")
	s.search()
	env.settle()
	assert.Contains(t, s.title.Text, "History of 996A1B2C3", "still in the results")
	env.Window.Canvas().Focus(s.table.table)
	press(env, fyne.KeyDown)
	enter(env)
	env.settle()
	assert.Contains(t, s.title.Text, "History of 996A1B2C", "Enter on a row opens its history")
	assert.NotContains(t, s.title.Text, "996A1B2C3")
}
