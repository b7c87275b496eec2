package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// Orders is the list of orders beside the order editor.
type Orders struct {
	env     *Env
	list    *rowList
	orders  []core.OrderHead
	query   newest
	opening newest     // the order being read to be shown
	order   core.Order // the one in the editor; ID 0 for a new one
	editor  *docEditor
	title   *widget.Label
	message *widget.Label

	save           *enterButton
	cancel, retour *button
	add            *button // New order
	export, print  *button
	view           fyne.CanvasObject
}

var orderKind = docKind{the: words("The order"), party: words("Customer"), partyKind: core.Customer, amount: words("Unit price"), sells: true,
	required: func(it core.Item) bool { return it.SerialsRequiredAtSale() }}

// NewOrders builds the Orders screen.
func NewOrders(env *Env) *Orders {
	s := &Orders{env: env, title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), message: widget.NewLabel("")}
	s.message.Importance = widget.SuccessImportance
	s.message.Wrapping = fyne.TextWrapWord // a long message wraps; the window keeps its size
	s.save = newEnterButton(lang.L("Save order"), theme.DocumentSaveIcon(), s.saveOrder)
	s.save.Importance = widget.HighImportance
	s.cancel = newButton(lang.L("Cancel order"), theme.CancelIcon(), s.askCancel)
	s.retour = newButton(lang.L("Return…"), theme.MailReplyIcon(), s.askReturn)
	s.export = newButton(lang.L("Export serials…"), theme.DocumentSaveIcon(), func() { env.exportDocument(s.order.Ref()) })
	s.print = newButton(lang.L("Print slip"), theme.DocumentPrintIcon(), func() {
		if !s.editor.unsaved(lang.L("Save them, or open it again to drop them, before printing.")) {
			env.printDocument(s.order.Ref())
		}
	})
	s.editor = newDocEditor(env, orderKind, container.NewBorder(nil, nil, s.save, nil, s.message))
	s.editor.check = func() (func() ([]core.Problem, error), error) {
		o, err := s.typed()
		return func() ([]core.Problem, error) { return env.Reg.CheckOrder(o) }, err
	}
	// After the last serial or the quantity, Enter goes to Save: a counter
	// sale needs no mouse.
	s.editor.finish = func() { env.Window.Canvas().Focus(s.save) }
	s.editor.serials.onEnd = s.editor.finish
	s.list = newList(
		func() int { return len(s.orders) },
		newTwoLineItem,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			ord := s.orders[id]
			setTwoLineItem(o, ord.Ref().String()+" · "+orderStatus(ord), docSummary(ord.Date, ord.Units, ord.Customer))
		},
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		no := s.orders[id].ID
		s.editor.leave(func() {
			latest(env, &s.opening, func() (core.Order, error) { return env.Reg.Order(no) }, s.show)
		}, s.list.UnselectAll)
	}
	s.add = newButton(lang.L("New order"), theme.ContentAddIcon(), s.New)
	left := container.NewBorder(s.add, nil, nil, nil, s.list)
	right := container.NewBorder(container.NewBorder(nil, nil, nil, container.NewHBox(s.print, s.export, s.retour, s.cancel), s.title), nil, nil, nil, s.editor.view)
	split := container.NewHSplit(left, right)
	split.Offset = 0.2
	s.view = split
	s.editor.loadItems()
	s.reload()
	s.show(core.Order{})
	return s
}

// Content is the screen's canvas object.
func (s *Orders) Content() fyne.CanvasObject { return s.view }

func orderStatus(o core.OrderHead) string {
	switch {
	case o.Cancelled():
		return lang.L("cancelled")
	case o.Returns > 0:
		return lang.L("saved, with returns")
	}
	return lang.L("saved")
}

func (s *Orders) reload() {
	refill(s.env, &s.query, s.env.Reg.Orders, &s.orders, s.list)
}

// New starts a new order, with the cursor in the first line's item, once
// what was typed on the one shown is saved or given up.
func (s *Orders) New() { s.editor.leave(s.startNew, func() {}) }

func (s *Orders) startNew() {
	s.list.UnselectAll()
	s.show(core.Order{})
	s.editor.loadItems()
	s.Focus()
}

// Focus puts the cursor where work starts: the item of a new order.
func (s *Orders) Focus() { s.editor.focusStart() }

// show puts an order in the editor, with no message of the one before; a
// cancelled one cannot be changed.
func (s *Orders) show(o core.Order) {
	tell(s.message, "")
	s.opening.next() // an order still being read is not wanted now
	s.order = o
	lines := make([]lineTyped, len(o.Lines))
	for i, l := range o.Lines {
		lines[i] = lineTyped{item: l.Item, qty: l.Quantity, amount: l.UnitPrice, warranty: l.Warranty, serials: l.Serials}
		for _, serial := range l.Serials {
			if o.CameBack(l.Item, serial) {
				lines[i].back = append(lines[i].back, serial)
			}
		}
	}
	s.editor.load(docHead{date: o.Date, party: o.Customer, partyID: o.CustomerID, reference: o.Reference}, lines, !o.Cancelled())
	if o.ID == 0 {
		s.title.SetText(lang.L("New order"))
	} else {
		s.title.SetText(o.Ref().String() + " · " + orderStatus(o.Head()))
	}
	setVisible(!o.Cancelled(), s.save)
	setVisible(o.ID != 0 && !o.Cancelled(), s.cancel, s.retour)
	setVisible(o.ID != 0, s.export, s.print)
	s.view.Refresh() // lay out the buttons shown
}

func (s *Orders) typed() (core.Order, error) {
	date, lines, err := s.editor.typed()
	o := core.Order{ID: s.order.ID, LastChange: s.order.LastChange, Date: date, Customer: s.editor.party.Text, CustomerID: s.editor.partyID,
		Reference: s.editor.reference.Text}
	for _, l := range lines {
		o.Lines = append(o.Lines, core.OrderLine{Item: l.item, Quantity: l.qty, Serials: l.serials, UnitPrice: l.amount, Warranty: l.warranty})
	}
	return o, err
}

// saveOrder checks and saves the order; on problems every one is shown and
// everything typed stays.
func (s *Orders) saveOrder() {
	submit(s.editor, s.typed, s.env.Reg.SaveOrder, func(saved core.Order, shown bool) {
		if shown {
			s.show(saved)
		}
		tell(s.message, Say(core.Count(saved.Units(), "{{.Doc}} saved: 1 unit sold.", "{{.Doc}} saved: {{.Count}} units sold.").With(core.Values{"Doc": saved.Ref()})))
		s.reload()
	}, s.save)
}

func (s *Orders) askCancel() {
	if s.editor.unsaved(lang.L("Save them, or open it again to drop them, before you cancel it.")) {
		return
	}
	o := s.order
	values := core.Values{"Doc": o.Ref(), "Customer": o.Customer}
	question := core.Count(o.Units(), "Cancel {{.Doc}} for {{.Customer}}? Its unit is no longer sold; its serial goes back to stock.",
		"Cancel {{.Doc}} for {{.Customer}}? Its {{.Count}} units are no longer sold; their serials go back to stock.")
	if o.Customer == "" {
		question = core.Count(o.Units(), "Cancel {{.Doc}}, a cash sale? Its unit is no longer sold; its serial goes back to stock.",
			"Cancel {{.Doc}}, a cash sale? Its {{.Count}} units are no longer sold; their serials go back to stock.")
	}
	s.env.askCancel(o.Ref(), question.With(values), lang.L("Cancel the order"), func() {
		s.apply(func() (core.Order, error) { return s.env.Reg.CancelOrder(o.ID) }, cancelledText)
	})
}

// askReturn records what the customer brings back from the selected line.
func (s *Orders) askReturn() {
	if s.editor.unsaved(lang.L("Save them, or open it again to drop them, before a return.")) {
		return
	}
	line := s.editor.current
	index := 0
	for i, l := range s.editor.lines {
		if l == line {
			index = i
		}
	}
	if index >= len(s.order.Lines) {
		return
	}
	ol := s.order.Lines[index]
	var sold []string // the line's serials that did not come back yet
	for _, serial := range ol.Serials {
		if !s.order.CameBack(ol.Item, serial) {
			sold = append(sold, serial)
		}
	}
	without := ol.Quantity - len(ol.Serials) // units sold without a serial
	values := core.Values{"Line": index + 1, "Doc": s.order.Ref()}
	title := Tr("Return from line {{.Line}} of {{.Doc}}", values)
	if len(sold) == 0 && without <= 0 {
		s.env.ShowMessage(title, Tr("Every unit of line {{.Line}} came back already: there is nothing left to return.", values))
		return
	}
	serials := widget.NewCheckGroup(sold, nil)
	qty := newEntry()
	note := newEntry()
	var items []*widget.FormItem
	if len(sold) > 0 {
		items = append(items, widget.NewFormItem(lang.L("Serials"), serials))
	}
	if without > 0 {
		label := lang.L("Quantity")
		if len(ol.Serials) > 0 {
			label = lang.L("Units without a serial")
		}
		qty.SetPlaceHolder(Tr("up to {{.Count}}", core.Values{"Count": without}))
		items = append(items, widget.NewFormItem(label, qty))
	}
	items = append(items, widget.NewFormItem(lang.L("Note"), note))
	s.env.askForm(title, lang.L("Return to stock"), 0, items, func() {
		n := 0
		if strings.TrimSpace(qty.Text) != "" {
			var err error
			if n, err = core.ParseQuantity(qty.Text); err != nil {
				s.env.showError(err)
				return
			}
		}
		in := core.ReturnInput{Line: index + 1, Serials: serials.Selected, Quantity: len(serials.Selected) + n, Note: note.Text}
		id := s.order.ID
		s.apply(func() (core.Order, error) { return s.env.Reg.ReturnToStock(id, in) }, func(o core.Order) string {
			return Say(core.Count(in.Quantity, "Return taken on {{.Doc}}: 1 unit back in stock.", "Return taken on {{.Doc}}: {{.Count}} units back in stock.").With(core.Values{"Doc": o.Ref()}))
		})
	})
}

// cancelledText says what cancelling an order did, as a person would.
func cancelledText(o core.Order) string {
	n := o.Units()
	for _, ret := range o.Returns {
		n -= ret.Quantity // back in stock already
	}
	values := core.Values{"Doc": o.Ref(), "Count": n}
	switch {
	case n == 1:
		return Tr("{{.Doc}} cancelled: 1 unit is no longer sold; it is back in stock.", values)
	case n > 1:
		return Tr("{{.Doc}} cancelled: {{.Count}} units are no longer sold; they are back in stock.", values)
	}
	return Tr("{{.Doc}} cancelled.", values)
}

// apply runs a change to the order and shows the order as it then is,
// unless the user has opened another meanwhile.
func (s *Orders) apply(call func() (core.Order, error), done func(core.Order) string) {
	version := s.editor.version
	background(s.env, call, func(o core.Order, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		if version == s.editor.version {
			s.show(o)
		}
		tell(s.message, done(o))
		s.reload()
	})
}
