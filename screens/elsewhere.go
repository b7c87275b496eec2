package screens

import (
	"slices"

	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// Changed is what other counters changed on a shared register: these
// documents, or everything (after the server could not be reached, or a
// whole register copied in).
type Changed struct {
	Docs       []core.DocRef
	Everything bool
	By         string
}

// ChangedElsewhere shows what another counter changed on a shared
// register: every list, the item card shown (its settings too when nothing
// is typed into them) and a document open here that it changed.
func (s *Screens) ChangedElsewhere(c Changed) {
	s.Reload()
	s.Items.card.changedElsewhere()
	changedElsewhere(s.Receipts.editor, s.Receipts.message, s.Receipts.receipt.Ref(), c, &s.Receipts.opening,
		func(id core.DocID) (core.Receipt, error) { return s.Receipts.env.Reg.Receipt(id) }, s.Receipts.show)
	changedElsewhere(s.Orders.editor, s.Orders.message, s.Orders.order.Ref(), c, &s.Orders.opening,
		func(id core.DocID) (core.Order, error) { return s.Orders.env.Reg.Order(id) }, s.Orders.show)
}

// changedElsewhere shows the document in an editor afresh when another
// counter may have changed it and nothing is typed into it here; what is
// typed is kept, with a note, since saving it would be refused if it was.
func changedElsewhere[D any](e *docEditor, message *widget.Label, shown core.DocRef, c Changed,
	opening *newest, read func(core.DocID) (D, error), show func(D)) {
	if shown.IsZero() || !(c.Everything || slices.Contains(c.Docs, shown)) {
		return
	}
	values := core.Values{"Doc": shown, "By": c.By}
	// When everything may have changed, typing is left alone unsaid: saving
	// tells whether the document changed meanwhile.
	kept := func() {
		if !c.Everything {
			if c.By == "" {
				warn(message, Tr("{{.Doc}} was just changed on another counter. What you typed is kept, but saving it will be refused: note it, then open {{.Doc}} again.", values))
			} else {
				warn(message, Tr("{{.Doc}} was just changed on another counter by {{.By}}. What you typed is kept, but saving it will be refused: note it, then open {{.Doc}} again.", values))
			}
		}
	}
	if e.dirty {
		kept()
		return
	}
	latest(e.env, opening, func() (D, error) { return read(shown.ID) }, func(d D) {
		if e.dirty { // typed into while it was read
			kept()
			return
		}
		show(d)
		if !c.Everything {
			if c.By == "" {
				tell(message, Tr("{{.Doc}} was just changed on another counter; it is shown as it is now.", values))
			} else {
				tell(message, Tr("{{.Doc}} was just changed on another counter by {{.By}}; it is shown as it is now.", values))
			}
		}
	})
}

// tell and warn put a message beside a document's buttons: how the work
// went, or what to look out for.
func tell(message *widget.Label, text string) {
	message.Importance = widget.SuccessImportance
	message.SetText(text)
}

func warn(message *widget.Label, text string) {
	message.Importance = widget.WarningImportance
	message.SetText(text)
}

// changedElsewhere shows the item card afresh: its counts and serials, and
// its settings unless something is typed into them (saving those is
// refused if another counter changed the card meanwhile).
func (c *itemCard) changedElsewhere() {
	id := c.item.ID
	if id == 0 || c.dirty {
		c.overview.show(c.overview.item)
		return
	}
	background(c.env, func() (core.Item, error) { return c.env.Reg.Item(id) }, func(it core.Item, err error) {
		if err != nil || c.item.ID != id || c.dirty {
			c.overview.show(c.overview.item)
			return
		}
		c.edit(it)
	})
}
