package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// Receipts is the list of goods receipts beside the receipt editor.
type Receipts struct {
	env      *Env
	list     *rowList
	receipts []core.ReceiptHead
	query    newest
	opening  newest       // the receipt being read to be shown
	receipt  core.Receipt // the one in the editor; ID 0 for a new one
	editor   *docEditor
	title    *widget.Label
	message  *widget.Label

	confirm, saveDraft, cancel *button
	add                        *button // New receipt
	remove                     *button // Delete draft…
	export, print, labels      *button
	view                       fyne.CanvasObject
}

var receiptKind = docKind{the: words("The receipt"), party: words("Supplier"), partyKind: core.Supplier, amount: words("Unit cost"), grow: true,
	required: func(it core.Item) bool { return it.SerialsRequiredAtPurchase() }}

// NewReceipts builds the Goods receipts screen.
func NewReceipts(env *Env) *Receipts {
	s := &Receipts{env: env, title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), message: widget.NewLabel("")}
	s.message.Importance = widget.SuccessImportance
	s.message.Wrapping = fyne.TextWrapWord // a long message wraps; the window keeps its size
	s.confirm = newButton(lang.L("Confirm receipt"), theme.ConfirmIcon(), s.confirmReceipt)
	s.confirm.Importance = widget.HighImportance
	s.saveDraft = newButton(lang.L("Save draft"), theme.DocumentSaveIcon(), s.saveAsDraft)
	s.cancel = newButton(lang.L("Cancel receipt"), theme.CancelIcon(), s.askCancel)
	s.export = newButton(lang.L("Export serials…"), theme.DocumentSaveIcon(), func() { env.exportDocument(s.receipt.Ref()) })
	s.print = newButton(lang.L("Print list"), theme.DocumentPrintIcon(), func() {
		if !s.editor.unsaved(lang.L("Save them, or open it again to drop them, before printing.")) {
			env.printDocument(s.receipt.Ref())
		}
	})
	s.labels = newButton(lang.L("Labels"), theme.DocumentPrintIcon(), func() {
		if s.editor.unsaved(lang.L("Save them, or open it again to drop them, before printing labels.")) {
			return
		}
		ref := s.receipt.Ref()
		env.printLabels(Tr("Labels {{.Doc}}", core.Values{"Doc": ref}), func() ([]core.SerialRow, error) {
			page, err := env.Reg.DocumentSerials(ref, 0, 0)
			return page.Rows, err
		})
	})
	s.editor = newDocEditor(env, receiptKind, container.NewBorder(nil, nil, container.NewHBox(s.confirm, s.saveDraft), nil, s.message))
	s.editor.check = func() (func() ([]core.Problem, error), error) {
		rc, err := s.typed()
		return func() ([]core.Problem, error) { return env.Reg.CheckReceipt(rc) }, err
	}
	s.list = newList(
		func() int { return len(s.receipts) },
		newTwoLineItem,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			rc := s.receipts[id]
			setTwoLineItem(o, rc.Ref().String()+" · "+Say(rc.Status.Word()), docSummary(rc.Date, rc.Units, rc.Supplier))
		},
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		no := s.receipts[id].ID
		s.editor.leave(func() {
			latest(env, &s.opening, func() (core.Receipt, error) { return env.Reg.Receipt(no) }, s.show)
		}, s.list.UnselectAll)
	}
	s.add = newButton(lang.L("New receipt"), theme.ContentAddIcon(), s.New)
	left := container.NewBorder(s.add, nil, nil, nil, s.list)
	s.remove = newButton(lang.L("Delete draft…"), theme.DeleteIcon(), s.askDelete)
	right := container.NewBorder(container.NewBorder(nil, nil, nil, container.NewHBox(s.print, s.labels, s.export, s.remove, s.cancel), s.title), nil, nil, nil, s.editor.view)
	split := container.NewHSplit(left, right)
	split.Offset = 0.2
	s.view = split
	s.editor.loadItems()
	s.reload()
	s.show(core.Receipt{Status: core.Draft})
	return s
}

// Content is the screen's canvas object.
func (s *Receipts) Content() fyne.CanvasObject { return s.view }

func (s *Receipts) reload() {
	refill(s.env, &s.query, s.env.Reg.Receipts, &s.receipts, s.list)
}

// New starts a new receipt, once what was typed on the one shown is saved
// or given up.
func (s *Receipts) New() { s.editor.leave(s.startNew, func() {}) }

func (s *Receipts) startNew() {
	s.list.UnselectAll()
	s.show(core.Receipt{Status: core.Draft})
	s.editor.loadItems()
	s.Focus()
}

// Focus puts the cursor where work starts: the item of a new receipt.
func (s *Receipts) Focus() { s.editor.focusStart() }

// show puts a receipt in the editor, with no message of the one before;
// only a draft can be changed.
func (s *Receipts) show(rc core.Receipt) {
	tell(s.message, "")
	s.opening.next() // a receipt still being read is not wanted now
	s.receipt = rc
	lines := make([]lineTyped, len(rc.Lines))
	for i, l := range rc.Lines {
		lines[i] = lineTyped{item: l.Item, qty: l.Quantity, amount: l.UnitCost, serials: l.Serials}
	}
	draft := rc.Status == core.Draft
	s.editor.load(docHead{date: rc.Date, party: rc.Supplier, partyID: rc.SupplierID, reference: rc.Reference}, lines, draft)
	if rc.ID == 0 {
		s.title.SetText(lang.L("New goods receipt"))
	} else {
		s.title.SetText(rc.Ref().String() + " · " + Say(rc.Status.Word()))
	}
	setVisible(draft, s.confirm, s.saveDraft)
	setVisible(rc.Status == core.Confirmed, s.cancel)
	setVisible(draft && rc.ID != 0, s.remove)
	setVisible(rc.ID != 0, s.export, s.print, s.labels)
	s.view.Refresh() // lay out the buttons shown
}

// typed is the receipt as the editor holds it.
func (s *Receipts) typed() (core.Receipt, error) {
	date, lines, err := s.editor.typed()
	rc := core.Receipt{ID: s.receipt.ID, LastChange: s.receipt.LastChange, Date: date, Supplier: s.editor.party.Text, SupplierID: s.editor.partyID,
		Reference: s.editor.reference.Text}
	for _, l := range lines {
		rc.Lines = append(rc.Lines, core.ReceiptLine{Item: l.item, Quantity: l.qty, Serials: l.serials, UnitCost: l.amount})
	}
	return rc, err
}

func (s *Receipts) confirmReceipt() {
	s.submit(s.env.Reg.ConfirmReceipt, func(n int) core.Message {
		return core.Count(n, "{{.Doc}} received: 1 unit.", "{{.Doc}} received: {{.Count}} units.")
	})
}

func (s *Receipts) saveAsDraft() {
	s.submit(s.env.Reg.SaveReceiptDraft, func(n int) core.Message {
		return core.Count(n, "{{.Doc}} saved as a draft: 1 unit.", "{{.Doc}} saved as a draft: {{.Count}} units.")
	})
}

// submit sends the receipt to the register and says what was done with
// its units; on problems the editor shows them all and keeps everything
// typed.
func (s *Receipts) submit(call func(core.Receipt) (core.Receipt, error), done func(units int) core.Message) {
	submit(s.editor, s.typed, call, func(saved core.Receipt, shown bool) {
		if shown {
			s.show(saved)
		}
		tell(s.message, Say(done(saved.Units()).With(core.Values{"Doc": saved.Ref()})))
		s.reload()
	}, s.confirm, s.saveDraft)
}

// askDelete deletes the draft shown, once the user agrees, and starts a
// new receipt.
func (s *Receipts) askDelete() {
	rc := s.receipt
	s.env.askDelete(Tr("the draft {{.Doc}}", core.Values{"Doc": rc.Ref()}), func() error { return s.env.Reg.DeleteReceiptDraft(rc.ID) }, func() {
		s.reload()
		s.show(core.Receipt{Status: core.Draft})
		tell(s.message, Tr("{{.Doc}} deleted.", core.Values{"Doc": rc.Ref()}))
	})
}

// askCancel asks before cancelling the receipt, once the register has said
// it can be: a receipt whose units moved on is refused before any question.
func (s *Receipts) askCancel() {
	rc := s.receipt
	background(s.env, func() (struct{}, error) { return struct{}{}, s.env.Reg.CheckCancelReceipt(rc.ID) }, func(_ struct{}, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		s.confirmCancel(rc)
	})
}

func (s *Receipts) confirmCancel(rc core.Receipt) {
	values := core.Values{"Doc": rc.Ref(), "Supplier": rc.Supplier}
	question := core.Count(rc.Units(), "Cancel {{.Doc}} from {{.Supplier}}? Its unit leaves stock and its serial is no longer registered as received.",
		"Cancel {{.Doc}} from {{.Supplier}}? Its {{.Count}} units leave stock and their serials are no longer registered as received.")
	if rc.Supplier == "" {
		question = core.Count(rc.Units(), "Cancel {{.Doc}}? Its unit leaves stock and its serial is no longer registered as received.",
			"Cancel {{.Doc}}? Its {{.Count}} units leave stock and their serials are no longer registered as received.")
	}
	s.env.askCancel(rc.Ref(), question.With(values), lang.L("Cancel the receipt"), func() { s.cancelReceipt(rc.ID) })
}

func (s *Receipts) cancelReceipt(id core.DocID) {
	background(s.env, func() (core.Receipt, error) { return s.env.Reg.CancelReceipt(id) }, func(rc core.Receipt, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		s.show(rc)
		tell(s.message, Say(core.Count(rc.Units(), "{{.Doc}} cancelled: its unit left stock.", "{{.Doc}} cancelled: its {{.Count}} units left stock.").With(core.Values{"Doc": rc.Ref()})))
		s.reload()
	})
}
