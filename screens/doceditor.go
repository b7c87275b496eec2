package screens

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// docKind is what tells a goods receipt from an order on screen.
type docKind struct {
	the       string // "The receipt": the document as a sentence starts with it
	party     string // "Supplier", "Customer"
	partyKind core.PartyKind
	amount    string // "Unit cost", "Unit price"; "" for lines without an amount
	note      string // the label of a header field for why, "" for none
	required  func(core.Item) bool
	grow      bool // Enter after the last serial row adds a row
	// sells: a unit's serial typed or scanned as the item starts its line,
	// and each line may give its units a warranty of its own.
	sells bool
}

// docLine is one line of a document being edited.
type docLine struct {
	item       core.Item
	itemText   *suggestField
	qty        *entry
	amount     *entry
	warranty   string         // an order line's own warranty end as typed; "" for the item's
	serials    []string       // as typed, one per row
	back       []string       // those the customer brought back (an order's)
	found      []core.Problem // what the register refuses of its serials
	warned     []core.Problem // what it warns of, for the user to accept
	proposed   string         // the price filled in from the item card
	serialsBtn *button
	remove     *button
	problem    *widget.Label
	box        fyne.CanvasObject
}

// docEditor edits the header and lines of a receipt or an order; the
// selected line's serials are in the serial entry table beside it.
type docEditor struct {
	env             *Env
	kind            docKind
	warranty        *entry // the selected line's own warranty; nil where lines have none
	warrantyNote    *widget.Label
	warrantyRow     *fyne.Container // hidden for a line whose units have no serials to keep it
	party           *suggestField
	partyID         core.PartyID // the party chosen; 0 for none or a new name
	parties         []core.Party // of the kind, for the suggestions
	partyNote       *widget.Label
	reference, date *entry
	note            *entry // why, when the kind has it (a supplier return's reason)
	lines           []*docLine
	linesBox, body  *fyne.Container
	addLine         *button
	current         *docLine
	serials         *serialEntry
	serialTitle     *widget.Label
	problems        *widget.Label
	allProblems     *button // the dialog with every problem, when the label lists only the first
	progress        *widget.ProgressBarInfinite
	items           []core.ItemRow
	editable        bool
	sent            []*docLine // the lines sent to the register, as it numbers them
	version         int        // counts the documents shown, so a late answer knows it is late
	finish          func()     // where Enter goes when a line is complete; nil adds a line
	dirty           bool       // typed into since the document was shown
	loading         bool       // the document is being put on screen: no typing
	// check reads the document as typed and returns the register's check
	// of it (CheckReceipt, CheckOrder), to run off the UI goroutine.
	check    func() (ask func() ([]core.Problem, error), err error)
	checking newest
	// checkRunning: a check is on its way; checkAgain: typed into since.
	checkRunning, checkAgain bool
	view                     fyne.CanvasObject
}

// lineTyped is a line as typed: the item, quantity and amount read.
type lineTyped struct {
	item     core.ItemID
	qty      int
	amount   core.Money
	warranty time.Time // an order line's own warranty end, zero for the item's
	serials  []string
	back     []string // of the serials, those that came back
}

// unsaved reports whether the document has changes not saved, and if so
// says that they are saved first (advice: before what), as what is done
// next works on the document as saved.
func (e *docEditor) unsaved(advice string) bool {
	if e.dirty {
		e.env.ShowMessage(lang.L("Save first"), Tr("{{.Document}} has changes that are not saved.", core.Values{"Document": core.Say(e.kind.the)})+" "+advice)
	}
	return e.dirty
}

func newDocEditor(env *Env, kind docKind, actions fyne.CanvasObject) *docEditor {
	e := &docEditor{env: env, kind: kind, reference: newEntry(), date: newEntry(), note: newEntry(), partyNote: widget.NewLabel(""),
		linesBox: container.NewVBox(), serials: newSerialEntry(env, kind.grow), serialTitle: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		problems: widget.NewLabel("")}
	e.problems.Importance = widget.DangerImportance
	e.problems.Wrapping = fyne.TextWrapWord
	e.progress = widget.NewProgressBarInfinite()
	e.progress.Hide()
	e.date.SetPlaceHolder(datePlaceHolder())
	e.serialTitle.Truncation = fyne.TextTruncateEllipsis
	e.serials.onEdit = func() {
		if l := e.current; l != nil {
			e.followSerials(l)
			e.showSerialCount(l)
		}
		e.edited()
	}
	e.party = newSuggestField(lang.L("name, number or phone"), func(typed string) { e.chooseParty(typed) })
	e.party.OnChanged = func(typed string) {
		e.completeParty(typed)
		e.edited()
	}
	e.partyNote.Importance, e.partyNote.Wrapping = widget.LowImportance, fyne.TextWrapWord // never wider than the field
	for _, field := range []*entry{e.reference, e.date, e.note} {
		field.OnChanged = func(string) { e.edited() }
	}
	e.addLine = newButton(lang.L("Add line"), theme.ContentAddIcon(), func() { e.focusItem(e.newLine()) })
	e.allProblems = newButton(lang.L("All problems…"), nil, nil)
	e.allProblems.Hide()
	e.body = container.NewVBox(e.linesBox, container.NewHBox(e.addLine), e.problems, container.NewHBox(e.allProblems))
	header := widget.NewForm(
		widget.NewFormItem(lang.L(kind.party), container.NewVBox(lockable(e.party), e.party.list, e.partyNote)),
		widget.NewFormItem(lang.L("Reference"), lockable(e.reference)),
		widget.NewFormItem(lang.L("Date"), lockable(e.date)),
	)
	if kind.note != "" {
		header.Append(lang.L(kind.note), lockable(e.note))
	}
	var amountHeading fyne.CanvasObject
	if kind.amount != "" {
		heading := widget.NewLabel("")
		env.showCurrency(func(code string) { heading.SetText(core.WithCurrency(lang.L(kind.amount), code)) })
		amountHeading = heading
	}
	columns := container.NewBorder(nil, nil, nil, lineColumns(widget.NewLabel(lang.L("Quantity")), amountHeading,
		widget.NewLabel(lang.L("Serials")), widget.NewLabel("")), widget.NewLabel(lang.L("Item")))
	left := readingOrder(container.NewVBox(header, columns), nil, container.NewVScroll(e.body))
	// The pane keeps its width whatever the rows hold (500 pasted, a
	// thousand pages): what does not fit scrolls, the split stays put.
	top := fyne.CanvasObject(e.serialTitle)
	if kind.sells {
		// The line's units' warranty, beside their serials: the lines
		// themselves keep their width for the item.
		e.warranty = newEntry()
		e.warranty.SetPlaceHolder(datePlaceHolder())
		e.warranty.OnChanged = func(text string) {
			if e.current != nil && e.current.warranty != text {
				e.current.warranty = text
				e.edited()
			}
		}
		e.warrantyNote = widget.NewLabel("")
		e.warrantyNote.Importance, e.warrantyNote.Wrapping = widget.LowImportance, fyne.TextWrapWord
		e.warrantyRow = container.NewVBox(container.NewHBox(widget.NewLabel(lang.L("Warranty until")), fixedWidth(130, lockable(e.warranty))),
			e.warrantyNote)
		top = container.NewVBox(e.serialTitle, e.warrantyRow)
	}
	right := container.NewBorder(top, nil, nil, nil, container.NewHScroll(e.serials.view))
	split := container.NewHSplit(left, right)
	split.Offset = 0.58
	// The actions under both panes: Tab reaches them after the header, the
	// lines and the serial rows, as the eye does.
	e.view = readingOrder(nil, container.NewVBox(e.progress, actions), split)
	return e
}

// lineColumns lays out the fixed-width columns of a line, right of its
// item; amount is nil where lines have none.
func lineColumns(qty, amount, serials, remove fyne.CanvasObject) *fyne.Container {
	box := container.NewHBox(fixedWidth(72, qty))
	if amount != nil {
		box.Add(fixedWidth(100, amount))
	}
	box.Add(fixedWidth(92, serials))
	box.Add(fixedWidth(40, remove))
	return box
}

func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

// loadItems fetches the items the lines can choose from.
func (e *docEditor) loadItems() {
	background(e.env, func() ([]core.ItemRow, error) { return e.env.Reg.Items("") },
		func(rows []core.ItemRow, err error) {
			if err != nil {
				e.env.readFailed(err)
				return
			}
			e.items = rows
		})
	kind := e.kind.partyKind
	background(e.env, func() ([]core.Party, error) { return e.env.Reg.Parties(kind, "") },
		func(parties []core.Party, err error) {
			if err != nil {
				e.env.readFailed(err)
				return
			}
			e.parties = parties
			e.showPartyNote()
		})
}

// docHead is a document's header as the editor shows it.
type docHead struct {
	date            time.Time
	party           string
	partyID         core.PartyID
	reference, note string
}

// load shows a document: its header and lines (nil for a new one).
func (e *docEditor) load(head docHead, lines []lineTyped, editable bool) {
	e.version++
	e.checkRunning, e.checkAgain = false, false
	e.loading = true
	defer func() { e.loading = false }()
	e.party.SetText(head.party)
	if head.partyID != 0 {
		e.partyID = head.partyID // the party the document names, whatever its name is now
	}
	e.showPartyNote()
	e.reference.SetText(head.reference)
	e.note.SetText(head.note)
	date := head.date
	if date.IsZero() {
		date = time.Now() // a new document is dated today
	}
	e.date.SetText(formatDate(date))
	e.lines, e.current = nil, nil
	e.linesBox.RemoveAll()
	e.clearProblems()
	for _, l := range lines {
		line := e.newLine()
		line.item = e.itemByID(l.item)
		line.itemText.SetText(itemLabel(line.item))
		line.qty.SetText(strconv.Itoa(l.qty))
		if line.amount != nil && l.amount != 0 {
			line.amount.SetText(formatMoney(l.amount))
		}
		line.warranty = formatDate(l.warranty)
		line.serials = append([]string(nil), l.serials...)
		line.back = l.back
		e.showSerialCount(line)
	}
	if len(lines) == 0 {
		e.newLine()
	}
	e.selectLine(e.lines[0])
	e.setEditable(editable)
	e.dirty = false
}

// leave runs then, which replaces the document shown, once the user agrees
// to drop what they typed and did not save; stay runs when they do not.
func (e *docEditor) leave(then, stay func()) { e.env.leave(lang.L(e.kind.the), e.dirty, then, stay) }

func (e *docEditor) itemByID(id core.ItemID) core.Item {
	for _, r := range e.items {
		if r.ID == id {
			return r.Item
		}
	}
	return core.Item{ID: id, No: Tr("item {{.ID}}", core.Values{"ID": int(id)})}
}

func itemLabel(it core.Item) string {
	if it.ID == 0 {
		return ""
	}
	return it.No + "  " + it.Name
}

// newLine adds an empty line.
func (e *docEditor) newLine() *docLine {
	l := &docLine{qty: newEntry(), problem: widget.NewLabel("")}
	l.itemText = newSuggestField(lang.L("item number or name"), func(s string) { e.chooseItem(l, s) })
	l.problem.Importance = widget.DangerImportance
	l.problem.Wrapping = fyne.TextWrapWord
	l.problem.Hide()
	l.itemText.OnChanged = func(s string) {
		l.problem.Hide() // what it said was of the text before; a check says it again
		e.complete(l, s)
		e.edited()
	}
	l.qty.SetText("1")
	l.qty.OnChanged = func(string) { e.quantityChanged(l); e.edited() }
	var amount fyne.CanvasObject
	if e.kind.amount != "" {
		l.amount = newEntry()
		l.amount.OnChanged = func(string) { e.edited() }
		amount = lockable(l.amount)
	}
	l.qty.OnSubmitted = func(string) { e.lineDone(l) }
	l.serialsBtn = newButton("", nil, func() { e.selectLine(l) })
	l.remove = newButton("", theme.DeleteIcon(), func() { e.removeLine(l) })
	l.box = container.NewVBox(container.NewBorder(nil, nil, nil, lineColumns(lockable(l.qty), amount, l.serialsBtn, l.remove),
		lockable(l.itemText)), l.itemText.list, l.problem)
	e.lines = append(e.lines, l)
	e.linesBox.Add(l.box)
	e.body.Refresh()
	e.showSerialCount(l)
	return l
}

// lineDone moves on after the quantity: to the serials, or, for an item
// without serials, to what comes after a complete line.
func (e *docEditor) lineDone(l *docLine) {
	e.selectLine(l)
	switch {
	case l.item.UseSerial:
		e.serials.focus(0)
	case e.finish != nil:
		e.finish()
	default:
		e.focusItem(e.newLine())
	}
}

func (e *docEditor) removeLine(l *docLine) {
	defer e.edited()
	e.lines = slices.DeleteFunc(e.lines, func(x *docLine) bool { return x == l })
	e.linesBox.Remove(l.box)
	e.body.Refresh()
	if len(e.lines) == 0 {
		e.newLine()
	}
	if e.current == l {
		e.selectLine(e.lines[0])
	}
}

func (e *docEditor) focusItem(l *docLine) { e.env.Window.Canvas().Focus(l.itemText) }

// focusStart puts the cursor in the first line's item while the document
// is still empty.
func (e *docEditor) focusStart() {
	if e.editable && len(e.lines) == 1 && e.lines[0].item.ID == 0 {
		e.focusItem(e.lines[0])
	}
}

// complete offers the items whose number or name holds what is typed.
func (e *docEditor) complete(l *docLine, typed string) {
	if l.item.ID != 0 && typed == itemLabel(l.item) {
		return
	}
	l.item = core.Item{}
	typed = strings.ToUpper(strings.TrimSpace(typed))
	var options []string
	for _, r := range e.items {
		if label := itemLabel(r.Item); typed != "" && strings.Contains(strings.ToUpper(label), typed) {
			options = append(options, label)
		}
		if len(options) == maxSuggestions {
			break
		}
	}
	if len(options) == 1 && options[0] == strings.TrimSpace(l.itemText.Text) {
		options = nil // taken already
	}
	l.itemText.suggest(options)
	if exact, ok := e.match(typed); ok {
		e.setItem(l, exact)
	}
}

// completeParty offers the parties whose name, number or phone holds
// what is typed, and takes the one it names, if any.
func (e *docEditor) completeParty(typed string) {
	e.partyID = 0
	var options []string
	for _, p := range e.parties {
		if strings.EqualFold(strings.TrimSpace(typed), p.Name) || typed == p.Label() {
			e.partyID = p.ID
		}
		if strings.TrimSpace(typed) != "" && p.Holds(typed) && len(options) < maxSuggestions {
			options = append(options, p.Label())
		}
	}
	if e.loading || e.partyID != 0 {
		options = nil
	}
	e.party.suggest(options)
	e.showPartyNote()
}

// chooseParty takes the party Enter or a click chose, by its name, and
// moves on to the reference. A number or phone typed whole is that
// party, not the name of a new one.
func (e *docEditor) chooseParty(typed string) {
	var found []core.Party
	for _, p := range e.parties {
		if typed == p.Label() || p.Numbered(typed) {
			found = append(found, p)
		}
	}
	if len(found) == 1 {
		e.party.SetText(found[0].Name)
	}
	e.env.Window.Canvas().Focus(e.reference)
}

// showPartyNote says under the party who it is: the card's number and how
// to reach them, a new one the register adds when the document is saved,
// or, on an order, that a sale without a customer is a cash sale.
func (e *docEditor) showPartyNote() {
	typed := strings.TrimSpace(e.party.Text)
	note := ""
	switch {
	case typed == "" && e.kind.partyKind == core.Customer:
		note = lang.L("No customer: a cash sale")
	case typed == "":
	case e.partyID != 0:
		note = partyWords(e.kind.partyKind, "Customer on the register", "Supplier on the register")
		for _, p := range e.parties {
			if p.ID == e.partyID {
				note = strings.Join(nonEmpty(p.No, p.Phone, p.Email), " · ")
			}
		}
	default:
		note = partyWords(e.kind.partyKind, "New customer: added to the register when saved", "New supplier: added to the register when saved")
	}
	e.partyNote.SetText(note)
	e.partyNote.Hidden = note == ""
	e.partyNote.Refresh()
}

// match finds the item a text names: its number, or its whole label.
func (e *docEditor) match(typed string) (core.Item, bool) {
	typed = strings.ToUpper(strings.TrimSpace(typed))
	for _, r := range e.items {
		if strings.ToUpper(r.No) == typed || strings.ToUpper(itemLabel(r.Item)) == typed {
			return r.Item, true
		}
	}
	return core.Item{}, false
}

// chooseItem takes the item typed (Enter) and moves on: to the serials of a
// serialized item, otherwise to the quantity.
func (e *docEditor) chooseItem(l *docLine, typed string) {
	typed = strings.TrimSpace(typed)
	if typed == "" && l.item.ID == 0 && e.finish != nil && len(e.lines) > 1 {
		e.finish() // Enter on the empty line after the last: the document is done
		return
	}
	it, ok := e.match(typed)
	if !ok && e.kind.sells && typed != "" {
		e.sellUnit(l, typed)
		return
	}
	if !ok {
		e.itemRefused(l, Tr("There is no item {{.Typed}}; type its number, or pick it from the list", core.Values{"Typed": core.Echo(typed).Quoted()}))
		return
	}
	e.setItem(l, it)
	l.itemText.SetText(itemLabel(it))
	l.itemText.dropList()
	if it.UseSerial {
		e.serials.focus(0)
	} else {
		e.env.Window.Canvas().Focus(l.qty)
	}
}

// itemRefused says why what was typed or scanned as line l's item is
// refused, beeps, and selects it, so that the next scan replaces it.
func (e *docEditor) itemRefused(l *docLine, why string) {
	l.problem.SetText(why)
	l.problem.Show()
	if e.env.Beep != nil {
		e.env.Beep()
	}
	e.focusItem(l)
	l.itemText.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// sellUnit finds the unit in stock whose serial was scanned into the item
// field of line l and puts it on the order: on the line of its item if
// there is one, otherwise on l (or, when l was typed into meanwhile, on a
// new line), with quantity 1. The field is cleared at once, so that the
// next scan does not run into this one while the register answers; the
// cursor goes on to an empty line's item.
func (e *docEditor) sellUnit(l *docLine, serial string) {
	version := e.version
	l.itemText.SetText("")
	background(e.env, func() (core.SerialRow, error) { return e.env.Reg.UnitToSell(serial) }, func(row core.SerialRow, err error) {
		if version != e.version || !slices.Contains(e.lines, l) {
			return
		}
		free := l.item.ID == 0 && strings.TrimSpace(l.itemText.Text) == "" // nothing typed into it since
		refuse := func(why string) {
			if free {
				l.itemText.SetText(serial) // back, to be replaced by the next scan
			}
			e.itemRefused(l, why)
		}
		switch {
		case core.ErrorCode(err) == core.NotFound:
			refuse(Tr("There is no item {{.Typed}}, and no unit in stock has that serial; type the item's number or name, or pick it from the list", core.Values{"Typed": core.Echo(serial).Quoted()}))
			return
		case err != nil && core.ErrorCode(err) != core.Conflict:
			if free {
				l.itemText.SetText(serial) // kept, to try again with Enter
			}
			e.env.readFailed(err)
			return
		case err != nil:
			refuse(ErrorText(err))
			return
		}
		var target *docLine
		for i, other := range e.lines {
			if other.item.ID != row.Item {
				continue
			}
			if slices.ContainsFunc(other.serials, func(s string) bool { return serialKey(s) == row.Serial.Serial }) {
				refuse(Tr("{{.Serial}} is on this order already (line {{.Line}})", core.Values{"Serial": row.Serial.Serial, "Line": i + 1}))
				return
			}
			target = other
		}
		if target == nil {
			target = l
			if !free {
				target = e.newLine()
			}
			e.setItem(target, e.itemByID(row.Item))
			target.itemText.SetText(itemLabel(target.item))
			target.itemText.dropList()
			target.qty.SetText("1")
		}
		target.serials = append(dropBlank(target.serials), row.Serial.Serial)
		e.selectLine(target)
		e.followSerials(target)
		e.showSerialCount(target)
		e.edited()
		if target == l || free {
			e.focusItem(e.emptyLine()) // ready for the next unit
		}
	})
}

// emptyLine is the first line with nothing on it, or a new one.
func (e *docEditor) emptyLine() *docLine {
	for _, l := range e.lines {
		if l.item.ID == 0 && strings.TrimSpace(l.itemText.Text) == "" && len(dropBlank(l.serials)) == 0 {
			return l
		}
	}
	return e.newLine()
}

func (e *docEditor) setItem(l *docLine, it core.Item) {
	l.item = it
	l.problem.Hide()
	if !it.UseSerial {
		l.warranty = "" // kept by serial: nothing to keep it on now
	}
	// Propose the item's price, replacing one proposed before but never
	// one the user typed.
	if e.kind.sells && (l.amount.Text == "" || l.amount.Text == l.proposed) {
		l.proposed = ""
		if it.Price != 0 {
			l.proposed = formatMoney(it.Price)
		}
		l.amount.SetText(l.proposed)
	}
	e.selectLine(l)
}

// followSerials raises a line's quantity to its number of serials: a scan,
// a paste or a range counts the units. A larger quantity typed stays, and
// the table says how many serials are missing.
func (e *docEditor) followSerials(l *docLine) {
	n := len(dropBlank(l.serials))
	if q, err := core.ParseQuantity(l.qty.Text); err == nil && n > q {
		l.qty.SetText(strconv.Itoa(n))
	}
}

func (e *docEditor) quantityChanged(l *docLine) {
	if l == e.current {
		if n, err := core.ParseQuantity(l.qty.Text); err == nil && n >= 0 {
			e.serials.setQuantity(n)
		}
	}
	e.showSerialCount(l)
}

// selectLine shows a line's serials in the serial entry table.
func (e *docEditor) selectLine(l *docLine) {
	e.current = l
	qty, _ := core.ParseQuantity(l.qty.Text)
	e.serials.found = nil
	e.serials.bind(l.item, &l.serials, qty, e.kind.required(l.item))
	e.serials.setFound(l.found, l.warned)
	switch {
	case l.item.ID == 0:
		e.serialTitle.SetText(lang.L("Serials: choose the line's item first"))
	case !l.item.UseSerial:
		e.serialTitle.SetText(Tr("{{.Item}} does not use serial numbers", core.Values{"Item": l.item.No}))
	case len(l.back) > 0:
		e.serialTitle.SetText(Tr("Serials · {{.Item}} · came back: {{.Serials}}", core.Values{"Item": itemLabel(l.item), "Serials": strings.Join(l.back, ", ")}))
	default:
		e.serialTitle.SetText(Tr("Serials · {{.Item}}", core.Values{"Item": itemLabel(l.item)}))
	}
	e.serials.lock(!e.editable, e.editable && l.item.UseSerial)
	setVisible(e.editable && l.item.UseSerial, e.serials.fill, e.serials.load)
	e.showWarranty(l)
}

// showWarranty puts the selected line's own warranty in its field, and
// says what the item gives when the field is left empty.
func (e *docEditor) showWarranty(l *docLine) {
	if e.warranty == nil {
		return
	}
	e.warranty.SetText(l.warranty)
	e.warranty.lock(!e.editable)
	setVisible(l.item.UseSerial || l.warranty != "", e.warrantyRow) // one typed stays in sight, for its problem
	note, months := lang.L("empty: none, the item gives no warranty"), core.Values{"Months": l.item.WarrantyMonths}
	switch {
	case !e.editable:
		note = ""
	case l.item.WarrantyMonths > 0 && l.item.WarrantyFrom == core.WarrantyFromReceipt:
		note = Tr("empty: the item's own, {{.Months}} months from the receipt", months)
	case l.item.WarrantyMonths > 0:
		note = Tr("empty: the item's own, {{.Months}} months from the sale", months)
	}
	e.warrantyNote.SetText(note)
}

func (e *docEditor) showSerialCount(l *docLine) {
	n := len(dropBlank(l.serials))
	l.serialsBtn.SetText(Say(core.Count(n, "1 serial", "{{.Count}} serials")))
	if len(l.back) > 0 {
		l.serialsBtn.SetText(Tr("{{.Count}}, {{.Back}} back", core.Values{"Count": n, "Back": len(l.back)}))
	}
	if !l.item.UseSerial {
		l.serialsBtn.SetText("—")
	}
}

func dropBlank(values []string) []string {
	var out []string
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// setEditable locks a confirmed or cancelled document.
func (e *docEditor) setEditable(on bool) {
	e.editable = on
	for _, f := range []*entry{&e.party.entry, e.reference, e.date, e.note} {
		f.lock(!on)
	}
	for _, l := range e.lines {
		for _, f := range []*entry{&l.itemText.entry, l.qty, l.amount} {
			if f != nil {
				f.lock(!on)
			}
		}
		setVisible(on, l.remove)
	}
	setVisible(on, e.addLine)
	if e.current != nil {
		e.selectLine(e.current)
	}
}

// typed reads the header and lines as typed; numbers that do not read are
// problems of their line.
func (e *docEditor) typed() (date time.Time, lines []lineTyped, err error) {
	var problems []core.Problem
	e.sent = e.sent[:0]
	if date, err = parseDate(e.date.Text); err != nil {
		problems = append(problems, core.Problem{Reason: core.Say("the date: {{.Reason}}", core.Values{"Reason": core.Reason(err)})})
	}
	for _, l := range e.lines {
		if l.item.ID == 0 && strings.TrimSpace(l.itemText.Text) == "" && len(dropBlank(l.serials)) == 0 {
			continue // an empty line left over
		}
		e.sent = append(e.sent, l)
		n := len(e.sent)
		qty, err := core.ParseQuantity(l.qty.Text)
		if err != nil {
			problems = append(problems, core.Problem{Line: n, Reason: core.Reason(err)})
		}
		var amount core.Money
		if l.amount != nil {
			if amount, err = parseMoney(l.amount.Text); err != nil {
				problems = append(problems, core.Problem{Line: n, Reason: core.Say("{{.Field}}: {{.Reason}}", core.Values{"Field": core.Say(e.kind.amount), "Reason": core.Reason(err)})})
			}
		}
		warranty, err := parseDate(l.warranty)
		if err != nil {
			problems = append(problems, core.Problem{Line: n, Reason: core.Say("the warranty: {{.Reason}}", core.Values{"Reason": core.Reason(err)})})
		}
		lines = append(lines, lineTyped{item: l.item.ID, qty: qty, amount: amount, warranty: warranty, serials: dropBlank(l.serials)})
	}
	if len(problems) > 0 {
		return date, lines, &core.Error{Code: core.Invalid, Message: core.Say("{{.Document}} cannot be read; nothing was saved.", core.Values{"Document": core.Say(e.kind.the)}), Problems: problems}
	}
	return date, lines, nil
}

// maxProblemsListed is how many problems the list under the lines shows;
// each one is also beside its line or row, and All problems… lists them all.
const maxProblemsListed = 10

// showProblems shows every problem of a check: the first ones under the
// lines, each line's beside it, each serial's beside its row, and all of
// them behind All problems….
func (e *docEditor) showProblems(err error) {
	e.problems.SetText(problemsText(err, maxProblemsListed))
	e.problems.Show()
	e.allProblems.OnTapped = func() { e.env.showProblems(err) }
	setVisible(len(core.Problems(err)) > maxProblemsListed, e.allProblems)
	e.placeProblems(core.Problems(err), nil, true)
}

// placeProblems gives each line its serials' problems and warnings, for
// their rows, and, withLines, its own problems beside it.
func (e *docEditor) placeProblems(problems, warnings []core.Problem, withLines bool) {
	for _, l := range e.lines {
		l.found, l.warned = nil, nil
		var reasons []string
		ofLine := func(p core.Problem) bool { return p.Line >= 1 && p.Line <= len(e.sent) && e.sent[p.Line-1] == l }
		for _, p := range problems {
			if !ofLine(p) {
				continue
			}
			if p.Serial == "" {
				reasons = append(reasons, Say(p.Reason))
			} else {
				l.found = append(l.found, p)
			}
		}
		for _, w := range warnings {
			if ofLine(w) {
				l.warned = append(l.warned, w)
			}
		}
		if withLines {
			l.problem.SetText(strings.Join(reasons, "; "))
			l.problem.Hidden = len(reasons) == 0
			l.problem.Refresh()
		}
	}
	if e.current != nil {
		e.serials.setFound(e.current.found, e.current.warned)
	}
	e.body.Refresh()
}

// edited notes typing, and has the register check the document as typed:
// each serial's answer goes to its row at once (a scan refused there beeps
// and takes the cursor back), and a problem list on show follows the
// typing, so that it never lists what no longer holds.
func (e *docEditor) edited() {
	if e.loading {
		return
	}
	e.dirty = true
	if e.check == nil || !e.editable {
		return
	}
	e.serials.pending = true
	if e.checkRunning {
		e.checkAgain = true // one check at a time: the next takes all typed meanwhile
		return
	}
	listed := e.problems.Visible()
	ask, err := e.check()
	if err != nil && listed {
		e.serials.pending = false
		e.showProblems(err) // a number that does not read; the register is asked once it does
		return
	}
	e.checkRunning = true
	current, version, sent := e.checking.next(), e.version, slices.Clone(e.sent)
	background(e.env, ask, func(warnings []core.Problem, err error) {
		if version != e.version || !current() {
			return // another document, or a save, took over
		}
		e.checkRunning = false
		if e.checkAgain {
			e.checkAgain = false
			e.edited()
			return
		}
		e.serials.pending = false
		if err != nil && len(core.Problems(err)) == 0 {
			return // a server out of reach or a document changed elsewhere: saving says it
		}
		e.sent = sent
		switch {
		case listed && err == nil:
			e.clearProblems()
		case listed:
			e.showProblems(err)
		}
		e.placeProblems(core.Problems(err), warnings, listed) // with the warnings the list does not give
		e.serials.answered()
	})
}

// focusProblem puts the cursor on the first field or row a refused save
// names, so that the next key or scan goes there and not to the button,
// where a scanner's Enter would only be refused again.
func (e *docEditor) focusProblem(err error) {
	problems := core.Problems(err)
	if len(problems) == 0 || !e.editable {
		return
	}
	p, canvas := problems[0], e.env.Window.Canvas()
	reason := strings.ToLower(p.Reason.String()) // in English, which names the fields as the kind does
	if p.Line < 1 || p.Line > len(e.sent) {
		switch {
		case strings.Contains(reason, "date"):
			canvas.Focus(e.date)
		case strings.Contains(reason, strings.ToLower(e.kind.party)):
			canvas.Focus(e.party)
		case strings.Contains(reason, "reference"):
			canvas.Focus(e.reference)
		default:
			e.focusItem(e.lines[0])
		}
		return
	}
	l := e.sent[p.Line-1]
	if !slices.Contains(e.lines, l) {
		return // removed while the register checked it
	}
	e.selectLine(l)
	switch {
	case p.Serial != "" && e.serials.firstMarked() >= 0:
		e.serials.selectRow(e.serials.firstMarked())
	case l.item.ID == 0:
		e.focusItem(l)
	case l.amount != nil && strings.Contains(reason, strings.ToLower(e.kind.amount)):
		canvas.Focus(l.amount)
	case strings.Contains(reason, "serial") && len(l.serials) > 0:
		e.serials.focus(min(e.serials.firstEmpty(), len(l.serials)-1)) // a serial missing, or one too many
	default:
		canvas.Focus(l.qty)
	}
}

// clearProblems hides the problems of the last check.
func (e *docEditor) clearProblems() {
	e.problems.Hide()
	e.allProblems.Hide()
	e.placeProblems(nil, nil, true)
}

// working shows that the register is at work on the document (a large
// receipt takes a moment) and keeps it from being sent twice.
func (e *docEditor) working(on bool, buttons ...fyne.Disableable) {
	setEnabled(!on, buttons...)
	if on {
		e.progress.Show()
		e.progress.Start()
		return
	}
	e.progress.Stop()
	e.progress.Hide()
}

// submit sends the document to the register in the background: on
// problems the editor shows every one and keeps everything typed; on
// success done hears the saved document and whether the editor still shows
// it (the user may have moved on while a large receipt was saved).
func submit[D any](e *docEditor, typed func() (D, error), call func(D) (D, error), done func(saved D, shown bool), buttons ...fyne.Disableable) {
	doc, err := typed()
	if err != nil {
		e.showProblems(err)
		e.focusProblem(err)
		return
	}
	e.clearProblems()
	e.working(true, buttons...)
	e.checking.next() // a check on its way is older than what is saved
	e.checkRunning, e.checkAgain, e.serials.pending = false, false, false
	version := e.version
	e.dirty = false // on its way to the register; moving on needs no question
	background(e.env, func() (D, error) { return call(doc) }, func(saved D, err error) {
		e.working(false, buttons...)
		moved := e.version != version // the user opened another document meanwhile
		if err != nil && !moved && core.ErrorCode(err) == core.Unavailable {
			e.dirty = true
			e.env.offerRetry(err, func() { submit(e, typed, call, done, buttons...) })
			return
		}
		if err != nil && !moved {
			e.dirty = true
			e.showProblems(err)
			e.focusProblem(err)
			return
		}
		if err != nil {
			e.env.showError(err)
			return
		}
		done(saved, !moved)
	})
}
