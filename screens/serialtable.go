package screens

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
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
	names bool // a name (item, party): narrowed first when room is short
	tick  bool // a box to tick the unit with (for its label)
}

// tickColumn is the column of boxes to tick units with.
var tickColumn = serialColumn{title: words("Label"), width: 72, tick: true}

// serialColumns are the columns of the serial search; an item's own list
// leaves out the item.
var serialColumns = []serialColumn{
	{words("Serial"), 130, func(r core.SerialRow) string { return r.Serial.Serial }, false, false},
	{words("Item"), 190, func(r core.SerialRow) string { return r.ItemNo + " " + r.ItemName }, true, false},
	{words("State"), 100, func(r core.SerialRow) string { return Say(r.State.Word()) }, false, false},
	{words("Project"), 76, func(r core.SerialRow) string { return r.Project.String() }, false, false},
	{words("Received"), 94, func(r core.SerialRow) string { return movementDate(r.Received) }, false, false},
	{words("Receipt"), 104, func(r core.SerialRow) string { return movementDoc(r.Received) }, false, false},
	{words("Supplier"), 150, func(r core.SerialRow) string { return movementParty(r.Received) }, true, false},
	{words("Sold"), 94, func(r core.SerialRow) string { return movementDate(r.Sale()) }, false, false},
	{words("Order"), 94, func(r core.SerialRow) string { return movementDoc(r.Sale()) }, false, false},
	{words("Customer"), 150, func(r core.SerialRow) string { return movementParty(r.Sale()) }, true, false},
	{words("Warranty"), 100, func(r core.SerialRow) string { return formatDate(r.Warranty) }, false, false},
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
	view     fyne.CanvasObject // the table, its columns fitted to its width
	count    *widget.Label
	onLoaded func(total int)
	onSelect func(core.SerialRow)
	// ticked are the units ticked in the tickColumn, by item and serial,
	// kept while other pages and filters are shown; onTicked hears how
	// many there are.
	ticked   map[unit]core.SerialRow
	onTicked func(n int)
}

// unit is one unit: an item's serial.
type unit struct {
	item   core.ItemID
	serial string
}

func newSerialTable(env *Env, columns []serialColumn) *serialTable {
	st := &serialTable{env: env, columns: columns, count: widget.NewLabel(""), table: &keyTable{}}
	st.table.Length = func() (int, int) { return st.total, len(st.columns) }
	st.table.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis // never over the next column
		return container.NewStack(l, widget.NewIcon(nil))
	}
	st.table.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		cell := o.(*fyne.Container).Objects
		label, box := cell[0].(*widget.Label), cell[1].(*widget.Icon)
		if !st.columns[id.Col].tick {
			box.Hide()
			label.Show()
			label.SetText(st.cell(id))
			return
		}
		label.Hide()
		box.Show()
		box.SetResource(theme.CheckButtonIcon())
		if row, ok := st.row(id.Row); ok {
			if _, on := st.ticked[unit{row.Item, row.Serial.Serial}]; on {
				box.SetResource(theme.CheckButtonCheckedIcon())
			}
		}
	}
	st.table.ShowHeaderRow = true
	st.table.ExtendBaseWidget(st.table)
	st.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis // headings never run into each other
		return l
	}
	st.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(lang.L(st.columns[id.Col].title))
		}
	}
	st.view = container.New(&fitColumns{table: st.table, columns: columns}, st.table)
	st.table.OnSelected = func(id widget.TableCellID) {
		row, ok := st.row(id.Row)
		switch {
		case !ok:
		case st.columns[id.Col].tick:
			st.tick(row)
			st.table.Unselect(id) // so that the next click or Space ticks it off again
		case st.onSelect != nil:
			st.onSelect(row)
		}
	}
	return st
}

// fitColumns lays a table out with its columns grown in proportion to
// fill a wide window (1920 pixels), and, where room is short, the names
// narrowed (down to minNameWidth, cut with …), so that the last columns
// (the order, the customer) are in sight on a laptop's 1280 without
// scrolling.
type fitColumns struct {
	table   *keyTable
	columns []serialColumn
	width   float32 // the width the columns were fitted to
}

// minNameWidth is how far a name column narrows before the table scrolls.
const minNameWidth = 80

func (f *fitColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if size.Width != f.width {
		f.width = size.Width
		var total, names float32
		for _, c := range f.columns {
			total += c.width
			if c.names {
				names += c.width
			}
		}
		// Room for the scroll bar and the cells' padding.
		avail := size.Width - theme.ScrollBarSize() - float32(len(f.columns)+1)*theme.Padding()
		for i, c := range f.columns {
			w := c.width * avail / total
			if avail < total && names > 0 {
				w = c.width
				if c.names {
					w = max(minNameWidth, c.width*(avail-(total-names))/names)
				}
			}
			f.table.SetColumnWidth(i, w)
		}
	}
	for _, o := range objects {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (f *fitColumns) MinSize([]fyne.CanvasObject) fyne.Size { return f.table.MinSize() }

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
		st.count.SetText(lang.L("Searching…"))
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
				st.count.SetText(lang.L("Could not search"))
				if core.ErrorCode(err) == core.Unavailable {
					st.count.SetText(lang.L("Waiting for the server"))
				}
				st.env.readFailed(err)
				return
			}
			st.pages[page] = p.Rows
			if st.total != p.Total || page == 0 {
				st.total = p.Total
				st.count.SetText(Say(core.Count(p.Total, "1 serial", "{{.Count}} serials")))
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
	switch {
	case !ok:
		st.load(id.Row / pageSize)
		return "…"
	case st.columns[id.Col].tick:
		return "" // a box, drawn by UpdateCell
	}
	return st.columns[id.Col].value(row)
}

// tick ticks a unit, or ticks it off.
func (st *serialTable) tick(row core.SerialRow) {
	if st.ticked == nil {
		st.ticked = map[unit]core.SerialRow{}
	}
	k := unit{row.Item, row.Serial.Serial}
	if _, on := st.ticked[k]; on {
		delete(st.ticked, k)
	} else {
		st.ticked[k] = row
	}
	st.table.Refresh()
	if st.onTicked != nil {
		st.onTicked(len(st.ticked))
	}
}

// tickedRows are the units ticked, by serial.
func (st *serialTable) tickedRows() []core.SerialRow {
	rows := make([]core.SerialRow, 0, len(st.ticked))
	for _, r := range st.ticked {
		rows = append(rows, r)
	}
	slices.SortFunc(rows, func(a, b core.SerialRow) int { return strings.Compare(a.Serial.Serial, b.Serial.Serial) })
	return rows
}

// untickAll ticks off every unit.
func (st *serialTable) untickAll() {
	clear(st.ticked)
	st.table.Refresh()
	if st.onTicked != nil {
		st.onTicked(0)
	}
}

func units(n int) string { return Say(core.Count(n, "1 unit", "{{.Count}} units")) }
