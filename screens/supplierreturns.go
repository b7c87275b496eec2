package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// SupplierReturns is the list of returns to the supplier beside the
// return being made or looked at. A return is saved whole; to change one,
// cancel it and make another.
type SupplierReturns struct {
	env     *Env
	list    *rowList
	returns []core.SupplierReturnHead
	query   newest
	opening newest
	shown   core.SupplierReturn // ID 0 for a new one
	editor  *docEditor
	title   *widget.Label
	message *widget.Label
	save    *enterButton
	cancel  *button
	add     *button
	view    fyne.CanvasObject
}

// Every unit that goes back is named: the supplier credits those serials.
var supplierReturnKind = docKind{the: words("The supplier return"), party: words("Supplier"), partyKind: core.Supplier, note: words("Reason"),
	required: func(it core.Item) bool { return it.UseSerial }}

// NewSupplierReturns builds the Supplier returns screen.
func NewSupplierReturns(env *Env) *SupplierReturns {
	s := &SupplierReturns{env: env, title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), message: widget.NewLabel("")}
	s.message.Importance = widget.SuccessImportance
	s.message.Wrapping = fyne.TextWrapWord
	s.save = newEnterButton(lang.L("Save return"), theme.DocumentSaveIcon(), s.saveReturn)
	s.save.Importance = widget.HighImportance
	s.cancel = newButton(lang.L("Cancel return…"), theme.CancelIcon(), s.askCancel)
	s.editor = newDocEditor(env, supplierReturnKind, container.NewBorder(nil, nil, s.save, nil, s.message))
	s.editor.check = func() (func() ([]core.Problem, error), error) {
		sr, err := s.typed()
		return func() ([]core.Problem, error) { return env.Reg.CheckSupplierReturn(sr) }, err
	}
	s.editor.finish = func() { env.Window.Canvas().Focus(s.save) }
	s.editor.serials.onEnd = s.editor.finish
	s.editor.note.SetPlaceHolder(lang.L("defective, wrong delivery…"))
	s.list = newList(
		func() int { return len(s.returns) },
		newTwoLineItem,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			h := s.returns[id]
			setTwoLineItem(o, h.Ref().String()+" · "+returnStatus(h), docSummary(h.Date, h.Units, h.Supplier))
		},
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		no := s.returns[id].ID
		s.editor.leave(func() {
			latest(env, &s.opening, func() (core.SupplierReturn, error) { return env.Reg.SupplierReturn(no) }, s.show)
		}, s.list.UnselectAll)
	}
	s.add = newButton(lang.L("New return"), theme.ContentAddIcon(), s.New)
	left := container.NewBorder(s.add, nil, nil, nil, s.list)
	right := container.NewBorder(container.NewBorder(nil, nil, nil, s.cancel, s.title), nil, nil, nil, s.editor.view)
	split := container.NewHSplit(left, right)
	split.Offset = 0.2
	s.view = split
	s.editor.loadItems()
	s.reload()
	s.show(core.SupplierReturn{})
	return s
}

// Content is the screen's canvas object.
func (s *SupplierReturns) Content() fyne.CanvasObject { return s.view }

func returnStatus(h core.SupplierReturnHead) string {
	if h.Cancelled() {
		return lang.L("cancelled")
	}
	return lang.L("saved")
}

func (s *SupplierReturns) reload() {
	refill(s.env, &s.query, s.env.Reg.SupplierReturns, &s.returns, s.list)
}

// New starts a new return, once what was typed on the one shown is saved
// or given up.
func (s *SupplierReturns) New() {
	s.editor.leave(func() {
		s.list.UnselectAll()
		s.show(core.SupplierReturn{})
		s.editor.loadItems()
		s.Focus()
	}, func() {})
}

// Focus puts the cursor in the supplier of a new return.
func (s *SupplierReturns) Focus() {
	if s.shown.ID == 0 {
		s.env.Window.Canvas().Focus(s.editor.party)
	}
}

// show puts a return in the editor; a saved one is read, not changed.
func (s *SupplierReturns) show(sr core.SupplierReturn) {
	tell(s.message, "")
	s.opening.next()
	s.shown = sr
	lines := make([]lineTyped, len(sr.Lines))
	for i, l := range sr.Lines {
		lines[i] = lineTyped{item: l.Item, qty: l.Quantity, serials: l.Serials}
	}
	s.editor.load(docHead{date: sr.Date, party: sr.Supplier, partyID: sr.SupplierID, reference: sr.Reference, note: sr.Reason}, lines, sr.ID == 0)
	if sr.ID == 0 {
		s.title.SetText(lang.L("New return to the supplier"))
	} else {
		s.title.SetText(sr.Ref().String() + " · " + returnStatus(sr.Head()))
	}
	setVisible(sr.ID == 0, s.save)
	setVisible(sr.ID != 0 && !sr.Cancelled(), s.cancel)
	s.view.Refresh()
}

func (s *SupplierReturns) typed() (core.SupplierReturn, error) {
	date, lines, err := s.editor.typed()
	sr := core.SupplierReturn{Date: date, Supplier: s.editor.party.Text, SupplierID: s.editor.partyID, Reference: s.editor.reference.Text,
		Reason: s.editor.note.Text}
	for _, l := range lines {
		sr.Lines = append(sr.Lines, core.SupplierReturnLine{Item: l.item, Quantity: l.qty, Serials: l.serials})
	}
	return sr, err
}

// saveReturn checks and saves the return; on problems every one is shown
// and everything typed stays.
func (s *SupplierReturns) saveReturn() {
	submit(s.editor, s.typed, s.env.Reg.SaveSupplierReturn, func(saved core.SupplierReturn, shown bool) {
		if shown {
			s.show(saved)
		}
		tell(s.message, Say(core.Count(saved.Units(), "{{.Doc}} saved: 1 unit back to {{.Supplier}}, out of stock.",
			"{{.Doc}} saved: {{.Count}} units back to {{.Supplier}}, out of stock.").With(core.Values{"Doc": saved.Ref(), "Supplier": saved.Supplier})))
		s.reload()
	}, s.save)
}

func (s *SupplierReturns) askCancel() {
	sr := s.shown
	values := core.Values{"Doc": sr.Ref(), "Supplier": sr.Supplier}
	question := core.Count(sr.Units(), "Cancel {{.Doc}} to {{.Supplier}}? Its unit is back in stock, as it was before.",
		"Cancel {{.Doc}} to {{.Supplier}}? Its {{.Count}} units are back in stock, as they were before.")
	s.env.askCancel(sr.Ref(), question.With(values), lang.L("Cancel the return"), func() {
		background(s.env, func() (core.SupplierReturn, error) { return s.env.Reg.CancelSupplierReturn(sr.ID) },
			func(done core.SupplierReturn, err error) {
				if err != nil {
					s.env.showError(err)
					return
				}
				if s.shown.ID == done.ID {
					s.show(done)
				}
				tell(s.message, Say(core.Count(done.Units(), "{{.Doc}} cancelled: 1 unit back in stock.", "{{.Doc}} cancelled: {{.Count}} units back in stock.").With(core.Values{"Doc": done.Ref()})))
				s.reload()
			})
	})
}
