package screens

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// ChangedElsewhere shows what another counter changed on a shared
// register: every list and the item's counts and serials afresh, and a
// document open here that it changed.
func (s *Screens) ChangedElsewhere(docs []core.DocRef, by string) {
	s.Reload()
	ov := s.Items.card.overview
	ov.show(ov.item)
	changedElsewhere(s.Receipts.editor, s.Receipts.message, s.Receipts.receipt.Ref(), docs, by, &s.Receipts.opening,
		func(id core.DocID) (core.Receipt, error) { return s.Receipts.env.Reg.Receipt(id) }, s.Receipts.show)
	changedElsewhere(s.Orders.editor, s.Orders.message, s.Orders.order.Ref(), docs, by, &s.Orders.opening,
		func(id core.DocID) (core.Order, error) { return s.Orders.env.Reg.Order(id) }, s.Orders.show)
}

// changedElsewhere shows the document in an editor afresh when another
// counter changed it and nothing is typed into it here; what is typed is
// kept, with a note, since saving it would be refused.
func changedElsewhere[D any](e *docEditor, message *widget.Label, shown core.DocRef, docs []core.DocRef, by string,
	opening *newest, read func(core.DocID) (D, error), show func(D)) {
	if shown.IsZero() || !slices.Contains(docs, shown) {
		return
	}
	who := "on another counter"
	if by != "" {
		who += " by " + by
	}
	kept := func() {
		warn(message, fmt.Sprintf("%s was just changed %s. What you typed is kept, but saving it will be refused: note it, then open %s again.", shown, who, shown))
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
		say(message, fmt.Sprintf("%s was just changed %s; it is shown as it is now.", shown, who))
	})
}

// say and warn put a message beside a document's buttons: how the work
// went, or what to look out for.
func say(message *widget.Label, text string) {
	message.Importance = widget.SuccessImportance
	message.SetText(text)
}

func warn(message *widget.Label, text string) {
	message.Importance = widget.WarningImportance
	message.SetText(text)
}
