package screens

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// typingPause is how long the search waits after a keystroke, so that a
// serial typed quickly is looked up once and not once per character.
const typingPause = 150 * time.Millisecond

// Search is the serial search across all items, with the history of the
// serial chosen.
type Search struct {
	env          *Env
	text         *entry
	in           *choice // serials or service notes
	item         *choice
	state        *choice
	warranty     *choice
	items        []core.ItemRow
	table        *serialTable
	pending      *time.Timer
	title        *widget.Label
	history      *rowList
	addNote      *button
	label        *button // prints the shown unit's label
	events       []core.HistoryLine
	historyQuery newest
	shown        *core.SerialRow // the serial whose history is shown
	openOne      bool            // Enter in the field: a single hit opens its history
	view         fyne.CanvasObject
}

var allItems = words("All items")

// searchIn says where the search field's text is looked for; searchHints
// are the field's hints for each.
var (
	searchIn    = []string{words("Serials"), words("Service notes")}
	searchHints = []string{words("Part of a serial, in any case"), words("Words of a service note, in any case")}
)

// warrantyChoices are the warranty filter's, in core.WarrantyFilter's order.
var warrantyChoices = []string{words("Any warranty"), words("Under warranty"), words("Warranty expired")}

// NewSearch builds the Serial search screen.
func NewSearch(env *Env) *Search {
	s := &Search{env: env, text: newEntry(), table: newSerialTable(env, serialColumns),
		title: widget.NewLabelWithStyle(lang.L("Choose a serial to see its history"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	s.text.SetPlaceHolder(lang.L("Part of a serial, in any case"))
	s.text.OnChanged = func(string) { s.searchSoon() }
	s.text.OnSubmitted = func(string) {
		s.openOne = true
		s.search()
	}
	s.in = newChoice(translated(searchIn), nil)
	s.in.SetSelectedIndex(0)
	s.item = newChoice([]string{lang.L(allItems)}, nil)
	s.item.SetSelectedIndex(0)
	s.state = newChoice(stateChoices(), nil)
	s.state.SetSelectedIndex(0)
	s.item.OnChanged = func(string) { s.search() }
	s.state.OnChanged = func(string) { s.search() }
	s.in.OnChanged = func(string) {
		s.text.SetPlaceHolder(lang.L(searchHints[max(0, s.in.SelectedIndex())]))
		s.search()
	}
	s.warranty = newChoice(translated(warrantyChoices), func(string) { s.search() })
	s.warranty.SetSelectedIndex(0)
	s.table.onSelect = s.showHistory
	s.table.onLoaded = s.loaded
	s.history = newList(
		func() int { return len(s.events) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(eventLine(s.events[id])) },
	)
	export := newButton(lang.L("Export…"), theme.DocumentSaveIcon(), func() { env.exportQuery(s.query()) })
	filters := container.NewHBox(fixedWidth(190, s.item), fixedWidth(120, s.state), fixedWidth(160, s.warranty), s.table.count, export)
	top := container.NewBorder(nil, nil, fixedWidth(140, s.in), filters, s.text)
	s.addNote = newButton(lang.L("Add note…"), theme.DocumentCreateIcon(), func() {
		if s.shown != nil {
			s.askNote(*s.shown, "", formatDate(time.Now()), "")
		}
	})
	s.addNote.Disable()
	s.label = newButton(lang.L("Print label"), theme.DocumentPrintIcon(), func() {
		if s.shown != nil {
			row := *s.shown
			env.printLabels(Tr("Label {{.Serial}}", core.Values{"Serial": row.Serial.Serial}), func() ([]core.SerialRow, error) { return []core.SerialRow{row}, nil })
		}
	})
	s.label.Disable()
	split := container.NewVSplit(s.table.view, container.NewBorder(container.NewBorder(nil, nil, nil, container.NewHBox(s.label, s.addNote), s.title), nil, nil, nil, s.history))
	split.Offset = 0.68
	s.view = container.NewBorder(top, nil, nil, nil, split)
	s.loadItems()
	s.search()
	return s
}

// Content is the screen's canvas object.
func (s *Search) Content() fyne.CanvasObject { return s.view }

// Focus puts the cursor in the search field.
func (s *Search) Focus() { s.env.Window.Canvas().Focus(s.text) }

func (s *Search) loadItems() {
	background(s.env, func() ([]core.ItemRow, error) { return s.env.Reg.Items("") }, func(rows []core.ItemRow, err error) {
		if err != nil {
			s.env.readFailed(err)
			return
		}
		s.items = rows
		options := []string{lang.L(allItems)}
		for _, r := range rows {
			if r.UseSerial {
				options = append(options, itemLabel(r.Item))
			}
		}
		s.item.SetOptions(options)
	})
}

// searchSoon searches once typing pauses.
func (s *Search) searchSoon() {
	if s.pending != nil && s.pending.Stop() {
		s.env.busy.Done()
	}
	s.env.busy.Add(1)
	s.pending = time.AfterFunc(typingPause, func() {
		defer s.env.busy.Done()
		s.env.OnUI(s.search)
	})
}

// search shows the serials the field and filters select; the table fetches
// only the pages it shows.
func (s *Search) search() {
	q := s.query()
	s.table.show(func(offset, limit int) (core.SerialPage, error) {
		page := q // pages load side by side: each has its own copy
		page.Offset, page.Limit = offset, limit
		return s.env.Reg.SearchSerials(page)
	})
}

// query is what the field and the filters select.
func (s *Search) query() core.SerialQuery {
	q := core.SerialQuery{Text: strings.TrimSpace(s.text.Text), State: selectedState(s.state), InNotes: s.in.SelectedIndex() == 1,
		Warranty: core.WarrantyFilter(max(0, s.warranty.SelectedIndex()))}
	for _, r := range s.items {
		if itemLabel(r.Item) == s.item.Selected {
			q.Item = r.ID
		}
	}
	return q
}

// loaded keeps the history pane true to the results that came: the serial
// shown stays selected while the results hold it and goes when they do
// not; after Enter in the field, a single hit opens its history.
func (s *Search) loaded(total int) {
	openOne := s.openOne
	s.openOne = false
	if openOne && total == 1 {
		s.table.table.Select(widget.TableCellID{Row: 0, Col: 0})
		return
	}
	if s.shown == nil {
		return
	}
	for i := range min(total, pageSize) {
		if row, ok := s.table.row(i); ok && row.Item == s.shown.Item && row.Serial.Serial == s.shown.Serial.Serial {
			s.table.table.Select(widget.TableCellID{Row: i, Col: 0})
			return
		}
	}
	s.clearHistory()
}

func (s *Search) clearHistory() {
	s.shown = nil
	s.historyQuery.next() // a history on its way is not wanted now
	s.title.SetText(lang.L("Choose a serial to see its history"))
	s.addNote.Disable()
	s.label.Disable()
	s.events = nil
	s.history.Refresh()
}

// showHistory lists everything that happened to the chosen serial.
func (s *Search) showHistory(row core.SerialRow) {
	s.shown = &row
	s.addNote.Enable()
	s.label.Enable()
	title := Tr("History of {{.Serial}} · {{.Item}} {{.Name}}", core.Values{"Serial": row.Serial.Serial, "Item": row.ItemNo, "Name": row.ItemName})
	switch {
	case row.UnderWarranty(time.Now()):
		title += " · " + Tr("under warranty until {{.Date}}", core.Values{"Date": row.Warranty})
	case !row.Warranty.IsZero():
		title += " · " + Tr("warranty ended {{.Date}}", core.Values{"Date": row.Warranty})
	}
	s.title.SetText(title)
	current := s.historyQuery.next()
	background(s.env, func() ([]core.HistoryLine, error) { return s.env.Reg.SerialHistory(row.Item, row.Serial.Serial) },
		func(events []core.HistoryLine, err error) {
			if !current() {
				return
			}
			if err != nil {
				s.env.readFailed(err)
				return
			}
			s.events = events
			s.history.Refresh()
		})
}

// eventLine is one line of a serial's history: the document's date (the
// day the unit came or went) and when it was entered.
func eventLine(ev core.HistoryLine) string {
	line := Say(ev.Kind.Word()) + "  ·  " + ev.Doc.String()
	if ev.Kind == core.EventNote {
		line = Tr("note: {{.Note}}", core.Values{"Note": ev.Note})
	}
	if !ev.DocDate.IsZero() {
		line = formatDate(ev.DocDate) + "  ·  " + line
	}
	if ev.Party != "" {
		line += "  ·  " + ev.Party
	}
	if ev.Project != 0 {
		line += "  ·  " + Tr("project {{.Project}}", core.Values{"Project": ev.Project})
	}
	if ev.By != "" {
		return line + "  ·  " + Tr("entered {{.When}} by {{.By}}", core.Values{"When": core.Moment(ev.Time.Local()), "By": ev.By})
	}
	line += "  ·  " + Tr("entered {{.When}}", core.Values{"When": core.Moment(ev.Time.Local())})
	return line
}

// askNote asks for a service note on a unit, with what was typed before
// and why it was refused, so that nothing typed is lost.
func (s *Search) askNote(row core.SerialRow, text, date, problem string) {
	note, day := newEntry(), newEntry()
	note.SetText(text)
	note.SetPlaceHolder(lang.L("what was done, e.g. chain brake replaced"))
	day.SetText(date)
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Note"), note), widget.NewFormItem(lang.L("Date"), day)}
	if problem != "" {
		why := widget.NewLabel(problem)
		why.Importance, why.Wrapping = widget.DangerImportance, fyne.TextWrapWord
		items = append([]*widget.FormItem{widget.NewFormItem("", why)}, items...)
	}
	s.env.askForm(Tr("Service note on {{.Serial}}", core.Values{"Serial": row.Serial.Serial}), lang.L("Add note"), 560, items, func() {
		text, date := note.Text, day.Text
		background(s.env, func() (core.Event, error) {
			when, err := parseDate(date)
			if err != nil {
				return core.Event{}, err
			}
			return s.env.Reg.AddNote(row.Item, row.Serial.Serial, when, text)
		}, func(_ core.Event, err error) {
			if err != nil {
				s.askNote(row, text, date, ErrorText(err))
				return
			}
			if s.shown != nil && s.shown.Item == row.Item && s.shown.Serial.Serial == row.Serial.Serial {
				s.showHistory(row)
			}
		})
	})
}
