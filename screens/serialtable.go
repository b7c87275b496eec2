package screens

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// pageSize is how many serials one fetch brings: the table asks only for
// the pages it shows, so a million serials scroll like a hundred.
const pageSize = 100

// fetchFunc fetches one page of serials and the total they come from.
type fetchFunc func(offset, limit int) (core.SerialPage, error)

// serialColumn is one column of a serial table.
type serialColumn struct {
	title string
	width float32
	value func(core.SerialRow) string
}

// serialColumns are the columns of the serial search; an item's own list
// leaves out the item.
var serialColumns = []serialColumn{
	{"Serial", 150, func(r core.SerialRow) string { return r.Serial.Serial }},
	{"Item", 190, func(r core.SerialRow) string { return r.ItemNo + " " + r.ItemName }},
	{"State", 80, func(r core.SerialRow) string { return r.State.String() }},
	{"Project", 80, func(r core.SerialRow) string { return r.Project.String() }},
	{"Received", 90, func(r core.SerialRow) string { return movementDate(r.Received) }},
	{"Receipt", 90, func(r core.SerialRow) string { return movementDoc(r.Received) }},
	{"Supplier", 150, func(r core.SerialRow) string { return movementParty(r.Received) }},
	{"Sold", 90, func(r core.SerialRow) string { return movementDate(r.Sale()) }},
	{"Order", 90, func(r core.SerialRow) string { return movementDoc(r.Sale()) }},
	{"Customer", 150, func(r core.SerialRow) string { return movementParty(r.Sale()) }},
}

func movementDate(m *core.Movement) string {
	if m == nil {
		return ""
	}
	return formatDate(m.Date)
}

func movementDoc(m *core.Movement) string {
	if m == nil {
		return ""
	}
	return m.Doc.String()
}

func movementParty(m *core.Movement) string {
	if m == nil {
		return ""
	}
	return m.Party
}

// serialTable shows the serials a fetch selects, fetching each page in the
// background the first time it scrolls into view.
type serialTable struct {
	env      *Env
	columns  []serialColumn
	fetch    fetchFunc
	query    newest
	current  func() bool // whether the query shown is still the newest
	total    int
	pages    map[int][]core.SerialRow
	loading  map[int]bool
	table    *keyTable
	count    *widget.Label
	onLoaded func(total int)
	onSelect func(core.SerialRow)
}

func newSerialTable(env *Env, columns []serialColumn) *serialTable {
	st := &serialTable{env: env, columns: columns, count: widget.NewLabel(""), table: &keyTable{}}
	st.table.Length = func() (int, int) { return st.total, len(st.columns) }
	st.table.CreateCell = func() fyne.CanvasObject { return widget.NewLabel("") }
	st.table.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(st.cell(id)) }
	st.table.ShowHeaderRow = true
	st.table.ExtendBaseWidget(st.table)
	st.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	st.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(st.columns[id.Col].title)
		}
	}
	for i, c := range columns {
		st.table.SetColumnWidth(i, c.width)
	}
	st.table.OnSelected = func(id widget.TableCellID) {
		if row, ok := st.row(id.Row); ok && st.onSelect != nil {
			st.onSelect(row)
		}
	}
	return st
}

// keyTable is a table where Enter chooses the row with the cursor, as
// Space does, and F1 lists the keys.
type keyTable struct{ widget.Table }

func (t *keyTable) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case isHelp(ev):
	case ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter:
		t.Table.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	default:
		t.Table.TypedKey(ev)
	}
}

// show starts a new query; the table empties and fills as pages arrive.
func (st *serialTable) show(fetch fetchFunc) {
	st.current = st.query.next()
	st.fetch = fetch
	st.pages, st.loading = map[int][]core.SerialRow{}, map[int]bool{}
	st.total = 0
	st.count.SetText("")
	if fetch != nil {
		st.count.SetText("Searching…")
	}
	st.table.UnselectAll()
	st.table.Refresh()
	st.load(0)
}

// load fetches one page in the background.
func (st *serialTable) load(page int) {
	if st.fetch == nil || st.loading[page] {
		return
	}
	st.loading[page] = true
	current, fetch := st.current, st.fetch
	background(st.env, func() (core.SerialPage, error) { return fetch(page*pageSize, pageSize) },
		func(p core.SerialPage, err error) {
			if !current() {
				return // a newer query has taken over
			}
			if err != nil {
				// A short word beside the search field: a sentence there
				// squeezed the field to nothing. A server out of reach is
				// said by the window's strip; anything else in a dialog.
				st.loading[page] = false
				st.count.SetText("Could not search")
				if core.ErrorCode(err) == core.Unavailable {
					st.count.SetText("Waiting for the server")
				}
				st.env.readFailed(err)
				return
			}
			st.pages[page] = p.Rows
			if st.total != p.Total || page == 0 {
				st.total = p.Total
				st.count.SetText(countText(p.Total, "serial", "serials"))
				if st.onLoaded != nil {
					st.onLoaded(p.Total)
				}
			}
			st.table.Refresh()
		})
}

func (st *serialTable) row(i int) (core.SerialRow, bool) {
	rows, ok := st.pages[i/pageSize]
	if !ok || i%pageSize >= len(rows) {
		return core.SerialRow{}, false
	}
	return rows[i%pageSize], true
}

func (st *serialTable) cell(id widget.TableCellID) string {
	row, ok := st.row(id.Row)
	if !ok {
		st.load(id.Row / pageSize)
		return "…"
	}
	return st.columns[id.Col].value(row)
}

func countText(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func units(n int) string { return countText(n, "unit", "units") }
