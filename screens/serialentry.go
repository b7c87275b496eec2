package screens

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// rowsPerPage is how many serial rows are on screen at once; a receipt of
// thousands of units pages through them.
const rowsPerPage = 50

// serialEntry is the serial entry table of one document line: one row per
// unit, each checked as it is typed, typed, scanned (Enter moves on), pasted
// (several lines fill several rows) or filled from a range.
type serialEntry struct {
	env     *Env
	values  *[]string           // the line's serials as typed, one per row
	pattern core.Pattern        // the line item's pattern
	found   map[string][]string // what the register said of each serial at the last check, in row order
	warned  map[string]string   // what it warned of a serial, for the user to accept
	item    core.Item           // the line's item
	marks   []string            // per row: why the serial is refused, "" when fine
	notes   []string            // per row: a warning, "" when none
	// pending: the register has not yet answered the latest typing.
	// scanned: the row an Enter left while its answer was pending; -1 for none.
	pending bool
	scanned int
	page    int
	rows    []*serialRow
	// numDigits is how many digits the row numbers are sized for.
	numDigits int
	grow      bool // Enter on the last row adds a row (receiving a box by scanning)
	qty       int  // the line's quantity: rows beyond it wait for the next scan
	required  bool // every unit needs its serial
	onEnd     func()
	onEdit    func()

	box                *fyne.Container
	pageLabel, summary *widget.Label
	prev, next, fill   *button
	load               *button // Import… from a supplier's workbook
	view               fyne.CanvasObject
}

// serialRow is one row: its number, the entry and the reason it is refused.
type serialRow struct {
	entry
	t      *serialEntry
	i      int
	num    *widget.Label
	numBox *fyne.Container // holds num at the width fitRowNumbers gives
	mark   *widget.Label
	box    *fyne.Container
}

func newSerialEntry(env *Env, grow bool) *serialEntry {
	t := &serialEntry{env: env, grow: grow, values: new([]string), found: map[string][]string{}, scanned: -1,
		pageLabel: widget.NewLabel(""), summary: widget.NewLabel("")}
	t.box = container.NewVBox()
	for k := range rowsPerPage {
		r := &serialRow{t: t, num: widget.NewLabel(fmt.Sprintf("%d", k+1)), mark: widget.NewLabel("")}
		r.num.Alignment = fyne.TextAlignTrailing
		r.ExtendBaseWidget(r)
		r.SetPlaceHolder(lang.L("serial"))
		r.mark.Importance = widget.DangerImportance
		r.mark.Wrapping = fyne.TextWrapWord
		r.OnChanged = func(s string) { t.typed(r.i, s) }
		r.OnSubmitted = func(string) { t.enter(r.i) }
		r.numBox = container.NewGridWrap(fyne.Size{}, r.num)
		r.box = container.NewBorder(nil, nil, container.NewHBox(r.numBox, fixedWidth(180, lockable(r))), nil, r.mark)
		t.rows = append(t.rows, r)
		t.box.Add(r.box)
	}
	t.prev = newButton("", theme.NavigateBackIcon(), func() { t.showPage(t.page - 1) })
	t.next = newButton("", theme.NavigateNextIcon(), func() { t.showPage(t.page + 1) })
	t.fill = newButton(lang.L("Fill range…"), theme.MoreHorizontalIcon(), t.askRange)
	t.load = newButton(lang.L("Import…"), theme.FolderOpenIcon(), t.askImport)
	t.view = container.NewBorder(container.NewVBox(t.summary, container.NewHBox(t.fill, t.load, layout.NewSpacer(), t.prev, t.pageLabel, t.next)), nil, nil, nil,
		container.NewVScroll(t.box))
	return t
}

// fitRowNumbers makes the row numbers as wide as the line's longest, so
// that the entries stay in one column from row 1 to the last.
func (t *serialEntry) fitRowNumbers() {
	digits := max(2, len(fmt.Sprint(len(*t.values))))
	if digits == t.numDigits {
		return
	}
	t.numDigits = digits
	w := fyne.MeasureText(strings.Repeat("0", digits), theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	for _, r := range t.rows {
		r.numBox.Layout = layout.NewGridWrapLayout(fyne.NewSize(w, r.num.MinSize().Height))
		r.numBox.Refresh()
	}
}

func (r *serialRow) TypedKey(ev *fyne.KeyEvent) {
	if !isHelp(ev) {
		r.entry.TypedKey(ev)
	}
}

// TypedShortcut takes a paste of several lines into several rows.
func (r *serialRow) TypedShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutPaste, *fyne.ShortcutCut:
		if r.Disabled() {
			return // a locked document keeps its serials; copying stays possible
		}
	}
	if p, ok := s.(*fyne.ShortcutPaste); ok {
		if text := p.Clipboard.Content(); strings.ContainsAny(strings.TrimSpace(text), "\r\n\t") {
			r.t.paste(r.i, text)
			return
		}
	}
	r.entry.TypedShortcut(s)
}

// bind shows the serials of a line: values is the line's own slice, padded
// to one row per unit.
func (t *serialEntry) bind(item core.Item, values *[]string, qty int, required bool) {
	t.item, t.values, t.required, t.scanned = item, values, required, -1
	t.pattern, _ = core.ParsePattern(item.Pattern)
	t.setQuantity(qty)
	t.showPage(0)
}

// setQuantity makes one row per unit; rows beyond the quantity stay while
// they hold something, so nothing typed is lost.
func (t *serialEntry) setQuantity(qty int) {
	t.qty = qty
	v := *t.values
	for len(v) < qty && len(v) < core.MaxQuantity {
		v = append(v, "")
	}
	for len(v) > qty && strings.TrimSpace(v[len(v)-1]) == "" {
		v = v[:len(v)-1]
	}
	*t.values = v
	t.check()
	t.showPage(min(t.page, t.lastPage()))
}

func (t *serialEntry) lastPage() int { return max(0, (len(*t.values)-1)/rowsPerPage) }

// showPage binds the row widgets to one page of rows.
func (t *serialEntry) showPage(page int) {
	t.fitRowNumbers()
	t.page = max(0, min(page, t.lastPage()))
	v := *t.values
	for k, r := range t.rows {
		r.i = t.page*rowsPerPage + k
		if r.i >= len(v) {
			r.box.Hide()
			continue
		}
		r.num.SetText(fmt.Sprintf("%d", r.i+1))
		r.SetPlaceHolder(lang.L("serial"))
		if r.i >= t.qty {
			r.SetPlaceHolder(lang.L("next unit")) // a scan here raises the quantity
		}
		if r.Text != v[r.i] {
			r.SetText(v[r.i])
		}
		if r.shown.Visible() {
			r.shown.SetText(v[r.i])
		}
		r.showMark()
		r.box.Show()
	}
	t.pageLabel.SetText(Tr("rows {{.First}}–{{.Last}} of {{.Count}}", core.Values{"First": min(t.page*rowsPerPage+1, len(v)), "Last": min((t.page+1)*rowsPerPage, len(v)), "Count": len(v)}))
	setEnabled(t.page > 0, t.prev)
	setEnabled(t.page < t.lastPage(), t.next)
	setVisible(t.lastPage() > 0, t.prev, t.pageLabel, t.next)
	t.box.Refresh()
}

func (t *serialEntry) typed(i int, s string) {
	v := *t.values
	if i >= len(v) || v[i] == s {
		return
	}
	v[i] = s
	t.changed()
}

// changed shows the rows' marks afresh and tells the line, which has the
// register check them.
func (t *serialEntry) changed() {
	t.remark()
	if t.onEdit != nil {
		t.onEdit()
	}
}

// remark puts each row's mark beside it.
func (t *serialEntry) remark() {
	t.check()
	for _, r := range t.rows {
		if r.i < len(t.marks) {
			r.showMark()
		}
	}
	t.box.Refresh() // a reason may wrap onto a second line
}

// check marks every row with what the register said of its serial at its
// last check (the document is checked as it is typed: edited), and counts.
func (t *serialEntry) check() {
	v := *t.values
	t.marks, t.notes = make([]string, len(v)), make([]string, len(v))
	rows := map[string][]int{} // serial → the rows it is on
	entered, bad := 0, 0
	for i, raw := range v {
		if strings.TrimSpace(raw) == "" {
			continue
		}
		entered++
		k := serialKey(raw)
		rows[k] = append(rows[k], i)
		t.notes[i] = t.warned[k]
	}
	// The register names a serial once per row it refuses, the later
	// rows of a double: give its reasons to the last rows with it.
	for s, reasons := range t.found {
		on := rows[s]
		for j, reason := range reasons {
			if k := len(on) - len(reasons) + j; k >= 0 {
				t.marks[on[k]] = reason
			}
		}
	}
	for _, m := range t.marks {
		if m != "" {
			bad++
		}
	}
	t.summary.SetText(t.count(entered, bad))
}

// count says how many serials the line has against its quantity, with
// bad problems among them.
func (t *serialEntry) count(entered, bad int) string {
	var s string
	values := core.Values{"Entered": entered, "Quantity": t.qty, "Missing": t.qty - entered}
	switch missing := t.qty - entered; {
	case missing < 0:
		s = Tr("{{.Entered}} serials for a quantity of {{.Quantity}}", values)
	case missing > 0 && t.required:
		s = Tr("{{.Entered}} of {{.Quantity}} entered, {{.Missing}} missing", values)
	default:
		s = Tr("{{.Entered}} of {{.Quantity}} entered", values)
	}
	s += problemCount(bad)
	if t.required {
		return s + " · " + lang.L("one per unit, required")
	}
	return s + " · " + lang.L("optional")
}

// serialKey is how a row's serial is matched with the register's answer:
// as the register keeps it, or as typed when it is no serial at all.
func serialKey(raw string) string {
	if code, isGS1, err := core.ReadGS1(raw); isGS1 && err == nil {
		raw = code.Serial
	}
	if s, err := core.NormalizeSerial(raw); err == nil {
		return s
	}
	return strings.TrimSpace(raw)
}

// answered is called when the register's answer to the latest typing is
// in the rows: a scan it refuses sounds and takes the cursor back.
func (t *serialEntry) answered() {
	i := t.scanned
	t.scanned = -1
	if i < 0 || i >= len(t.marks) || t.marks[i] == "" {
		return
	}
	// Back to the refused row, unless the next scan is already coming in
	// below it: that one stays where it goes, and the beep says it.
	if next := i + 1; next < len(*t.values) && strings.TrimSpace((*t.values)[next]) != "" {
		if t.env.Beep != nil {
			t.env.Beep()
		}
		return
	}
	t.refuse(i)
}

// refuse beeps and puts the cursor back on row i with its text selected,
// so that the next scan replaces it.
func (t *serialEntry) refuse(i int) {
	if t.env.Beep != nil {
		t.env.Beep()
	}
	t.selectRow(i)
}

// selectRow puts the cursor on row i with its text selected.
func (t *serialEntry) selectRow(i int) {
	t.focus(i)
	t.rows[i%rowsPerPage].TypedShortcut(&fyne.ShortcutSelectAll{})
}

// firstMarked is the first row with a problem, -1 when none has.
func (t *serialEntry) firstMarked() int {
	for i, m := range t.marks {
		if m != "" {
			return i
		}
	}
	return -1
}

func problemCount(n int) string {
	if n == 0 {
		return ""
	}
	return ", " + Say(core.Count(n, "1 problem", "{{.Count}} problems"))
}

// setFound shows what the register found wrong with serials of this
// line, and what it warns of.
func (t *serialEntry) setFound(problems, warnings []core.Problem) {
	t.found, t.warned = map[string][]string{}, map[string]string{}
	for _, p := range problems {
		k := serialKey(p.Serial)
		t.found[k] = append(t.found[k], Say(p.Reason))
	}
	for _, w := range warnings {
		t.warned[serialKey(w.Serial)] = Tr("Check: {{.Warning}}", core.Values{"Warning": w.Reason})
	}
	t.remark()
}

// showMark shows why the row's serial is refused, or else what the
// register warns of it, in a warning's colour: it may be saved so.
func (r *serialRow) showMark() {
	mark, importance := r.t.marks[r.i], widget.DangerImportance
	if mark == "" && r.i < len(r.t.notes) {
		mark, importance = r.t.notes[r.i], widget.WarningImportance
	}
	if r.mark.Importance != importance {
		r.mark.Importance = importance
		r.mark.Refresh()
	}
	r.mark.SetText(mark)
}

// readScan puts the serial a scanned GS1 code carries in row i, in place
// of the code.
func (t *serialEntry) readScan(i int) {
	if raw := (*t.values)[i]; t.scannedText(raw) != raw {
		(*t.values)[i] = t.scannedText(raw)
		t.showPage(t.page)
		t.changed()
	}
}

// scannedText is what a row shows of a scan: the serial a GS1 code
// carries; a code the item cannot take stays, for the check to say why.
func (t *serialEntry) scannedText(raw string) string {
	if _, isGS1, _ := core.ReadGS1(raw); !isGS1 {
		return raw
	}
	if serial, err := t.item.ReadSerial(raw); err == nil {
		return serial
	}
	return raw
}

// enter moves to the next row, as a scanner's Enter expects, unless the
// register refuses the serial: then it beeps and stays, or, when the answer
// is still on its way, goes back once it comes.
func (t *serialEntry) enter(i int) {
	t.readScan(i)
	if i < len(t.marks) && t.marks[i] != "" {
		t.refuse(i)
		return
	}
	if t.pending && strings.TrimSpace((*t.values)[i]) != "" {
		t.scanned = i
	}
	if i+1 >= len(*t.values) {
		if !t.grow {
			if t.onEnd != nil {
				t.onEnd()
			}
			return
		}
		*t.values = append(*t.values, "")
		t.changed()
	}
	t.focus(i + 1)
}

// focus shows row i and puts the cursor in it.
func (t *serialEntry) focus(i int) {
	t.showPage(i / rowsPerPage)
	t.env.Window.Canvas().Focus(t.rows[i%rowsPerPage])
}

// paste fills rows from row i on with the lines of text.
func (t *serialEntry) paste(i int, text string) {
	var lines []string
	for _, l := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' || r == '\t' }) {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, t.scannedText(strings.TrimSpace(l)))
		}
	}
	t.fillFrom(i, lines)
}

// fillFrom writes serials into the rows from row i on, adding rows as needed.
func (t *serialEntry) fillFrom(i int, serials []string) {
	v := *t.values
	for k, s := range serials {
		if i+k < len(v) {
			v[i+k] = s
		} else {
			v = append(v, s)
		}
	}
	*t.values = v
	t.changed()
	t.focus(min(i+len(serials), len(v)-1))
}

// firstEmpty is the first row without a serial (the row after the last
// when all are filled).
func (t *serialEntry) firstEmpty() int {
	for i, s := range *t.values {
		if strings.TrimSpace(s) == "" {
			return i
		}
	}
	return len(*t.values)
}

// askRange fills the empty rows from a first and a last serial.
func (t *serialEntry) askRange() {
	first, last := newEntry(), newEntry()
	first.SetPlaceHolder(t.pattern.Example(1))
	last.SetPlaceHolder(t.pattern.Example(50))
	// As wide as the longest serial the item takes, and the labels.
	width := fyne.MeasureText(strings.Repeat("W", t.pattern.Length()), theme.TextSize(), fyne.TextStyle{}).Width + 200
	t.env.askForm(lang.L("Fill range"), lang.L("Fill"), min(width, t.env.Window.Canvas().Size().Width*0.9), []*widget.FormItem{
		widget.NewFormItem(lang.L("First serial"), first), widget.NewFormItem(lang.L("Last serial"), last),
	}, func() { t.fillRange(first.Text, last.Text) })
}

func (t *serialEntry) fillRange(first, last string) {
	serials, err := core.SerialRange(first, last)
	if err != nil {
		t.env.showError(err)
		return
	}
	t.fillFrom(t.firstEmpty(), serials)
}

// lock shows the rows of a locked document as text; off (typing allowed
// again), rows take typing when the line's item uses serials.
func (t *serialEntry) lock(locked, typing bool) {
	for _, r := range t.rows {
		r.lock(locked)
		setEnabled(typing, r)
	}
}
