package core

import (
	"slices"
	"time"
)

// SaveReceiptDraft keeps a goods receipt as typed, without checking its
// lines, so that nothing entered is lost before it is confirmed.
func (r *Register) SaveReceiptDraft(in Receipt) (Receipt, error) {
	return write(r, func(tx Tx) (Receipt, error) {
		rc, err := r.receiptHeader(tx, in)
		if err != nil {
			return Receipt{}, err
		}
		for i := range rc.Lines {
			rc.Lines[i].Serials = dropBlank(rc.Lines[i].Serials)
		}
		if rc.SupplierID, rc.Supplier, err = r.partyOf(tx, Supplier, rc.SupplierID, rc.Supplier); err != nil {
			return Receipt{}, err
		}
		if rc.ID == 0 {
			id, err := tx.NextID(SeqReceipt)
			if err != nil {
				return Receipt{}, err
			}
			rc.ID = DocID(id)
		}
		r.change(&rc.LastChange, r.now())
		return rc, tx.PutReceipt(rc)
	})
}

// receiptHeader starts a receipt from what was typed: a new draft, or an
// existing draft being edited. It cleans the header fields.
func (r *Register) receiptHeader(tx Tx, in Receipt) (Receipt, error) {
	rc := in
	rc.Status = Draft
	rc.Lines = slices.Clone(in.Lines)
	rc.Replaced = nil
	rc.LastChange, rc.CancelledBy = LastChange{}, ""
	if in.ID != 0 {
		old, err := tx.Receipt(in.ID)
		if err != nil {
			return rc, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": in.Ref()})
		}
		if old.Status != Draft {
			return rc, errorf(Conflict, "{{.Doc}} is {{.Status}}; only a draft can be changed", Values{"Doc": in.Ref(), "Status": old.Status.Word()})
		}
		if err := sameRevision(Say("{{.Doc}}", Values{"Doc": in.Ref()}), old.LastChange, in.LastChange); err != nil {
			return rc, err
		}
		rc.LastChange = old.LastChange
	}
	var err error
	if rc.Supplier, err = cleanText(Say("the supplier"), in.Supplier, MaxTextLength); err != nil {
		return rc, err
	}
	if err := linkParty(tx, Supplier, &rc.SupplierID, &rc.Supplier); err != nil {
		return rc, err
	}
	if rc.Reference, err = cleanText(Say("the reference"), in.Reference, MaxTextLength); err != nil {
		return rc, err
	}
	rc.Date = r.docDate(in.Date)
	return rc, nil
}

// docDate is the calendar day of a document, today when none is given.
func (r *Register) docDate(t time.Time) time.Time {
	if t.IsZero() {
		return r.today()
	}
	return Day(t)
}

// ConfirmReceipt checks every line of a receipt (new or a saved draft) and,
// when all is well, receives its units in one operation: stock goes up, each
// serial is registered in stock, and entities are created or linked. On any
// problem nothing is written and the error lists every problem.
func (r *Register) ConfirmReceipt(in Receipt) (Receipt, error) {
	return write(r, func(tx Tx) (Receipt, error) { return r.confirm(tx, in) })
}

// CheckReceipt checks a receipt as ConfirmReceipt would and writes
// nothing: the counter asks it as each serial is scanned, so that "already
// in stock" is said at the row, not first at Confirm. It returns what the
// user may accept (a VIN without the North American check digit) beside
// the problems that keep the receipt from being confirmed.
func (r *Register) CheckReceipt(in Receipt) (warnings []Problem, err error) {
	_, err = read(r, func(tx Tx) (struct{}, error) {
		_, check, _, err := r.checkReceipt(tx, in)
		warnings = check.warningsOf()
		return struct{}{}, err
	})
	return warnings, err
}

// confirm is ConfirmReceipt within a transaction.
func (r *Register) confirm(tx Tx, in Receipt) (Receipt, error) {
	rc, check, known, err := r.checkReceipt(tx, in)
	if err != nil {
		return Receipt{}, err
	}
	if rc.SupplierID, rc.Supplier, err = r.partyOf(tx, Supplier, rc.SupplierID, rc.Supplier); err != nil {
		return Receipt{}, err
	}
	if rc.ID == 0 {
		id, err := tx.NextID(SeqReceipt)
		if err != nil {
			return Receipt{}, err
		}
		rc.ID = DocID(id)
	}
	now := r.now()
	rc.Status, rc.ConfirmedAt = Confirmed, now
	r.change(&rc.LastChange, now)
	if err := r.receive(tx, &rc, check.items, known, now); err != nil {
		return Receipt{}, err
	}
	return rc, tx.PutReceipt(rc)
}

// checkReceipt checks every line of a receipt; known holds the records of
// its serials that exist before it (received and sold, or cancelled).
func (r *Register) checkReceipt(tx Tx, in Receipt) (rc Receipt, check *lineCheck, known map[serialKey]Serial, err error) {
	if rc, err = r.receiptHeader(tx, in); err != nil {
		return rc, nil, nil, err
	}
	check = newLineCheck(tx)
	known = map[serialKey]Serial{}
	if len(rc.Lines) == 0 {
		check.problems.add(0, "", "add at least one line")
	}
	for i, l := range rc.Lines {
		n := i + 1
		it, ok, err := check.item(n, l.Item)
		if err != nil {
			return rc, nil, nil, err
		}
		if !ok {
			continue
		}
		if l.UnitCost < 0 {
			check.problems.add(n, "", "the unit cost cannot be negative")
		}
		serials := check.serials(n, it, l.Quantity, l.Serials, it.SerialsRequiredAtPurchase())
		registered, err := tx.Serials(it.ID, serials)
		if err != nil {
			return rc, nil, nil, err
		}
		for _, s := range serials {
			rec, exists := registered[s]
			if exists && rec.State.Available() {
				check.problems.add(n, s, "already in stock ({{.Whereabouts}})", Values{"Whereabouts": rec.whereabouts()})
			} else if exists {
				known[serialKey{it.ID, s}] = rec
			}
		}
		rc.Lines[i].Serials = serials
	}
	return rc, check, known, check.problems.err("The receipt has a problem; nothing was saved.", "The receipt has {{.Count}} problems; nothing was saved.")
}

// receive writes what a checked receipt does to stock, serials and entities.
func (r *Register) receive(tx Tx, rc *Receipt, items map[ItemID]Item, known map[serialKey]Serial, now time.Time) error {
	ref := rc.Ref()
	delta := stockDelta{}
	for _, l := range rc.Lines {
		it := items[l.Item]
		delta.add(l.Item, l.Quantity, 0, 0)
		for _, s := range l.Serials {
			prior, existed := known[serialKey{l.Item, s}]
			if existed {
				rc.Replaced = append(rc.Replaced, prior)
			}
			received := &Movement{Date: rc.Date, Doc: ref, Party: rc.Supplier, Amount: l.UnitCost, By: rc.By}
			rec := Serial{Item: l.Item, Serial: s, State: InStock, Project: prior.Project, Received: received}
			if it.WarrantyFrom == WarrantyFromReceipt {
				rec.Warranty = it.warrantyFrom(rc.Date)
			}
			if prior.soldBeforeReceived() {
				// The paperwork follows the sale: the unit stays sold, with
				// a warranty from the receipt if it has none of its own.
				rec = prior
				rec.Received = received
				if it.WarrantyFrom == WarrantyFromReceipt && rec.Warranty.IsZero() {
					rec.Warranty = it.warrantyFrom(rc.Date)
				}
			}
			ev := Event{Time: now, Item: l.Item, Serial: s, Doc: ref, Party: rc.Supplier}
			entityEvents, err := attachEntity(tx, it, &rec, ref, it.createsOnStockUpdate(), ev)
			if err != nil {
				return err
			}
			ev.Kind, ev.Project = EventReceived, rec.Project
			if err := putSerial(tx, rec, append([]Event{ev}, entityEvents...)); err != nil {
				return err
			}
		}
	}
	return delta.write(tx)
}

// putSerial stores a serial record and the events that changed it.
func putSerial(tx Tx, rec Serial, events []Event) error {
	if err := tx.PutSerial(rec); err != nil {
		return err
	}
	for _, ev := range events {
		if err := tx.AddEvent(ev); err != nil {
			return err
		}
	}
	return nil
}

// CancelReceipt reverses a confirmed receipt: its units leave stock, its
// serials go back to what they were before, and entities it created go away
// unless someone has worked on them. It is refused while any of its serials
// has been sold since. A draft is simply marked cancelled.
func (r *Register) CancelReceipt(id DocID) (Receipt, error) {
	return write(r, func(tx Tx) (Receipt, error) {
		rc, err := tx.Receipt(id)
		if err != nil {
			return Receipt{}, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": DocRef{ReceiptDoc, id}})
		}
		ref := rc.Ref()
		if rc.Status == Cancelled {
			return Receipt{}, errorf(Conflict, "{{.Doc}} is already cancelled", Values{"Doc": ref})
		}
		now := r.now()
		if rc.Status == Confirmed {
			if err := r.unreceive(tx, rc, now); err != nil {
				return Receipt{}, err
			}
		}
		rc.Status, rc.CancelledAt, rc.CancelledBy = Cancelled, now, r.user
		r.change(&rc.LastChange, now)
		return rc, tx.PutReceipt(rc)
	})
}

// CheckCancelReceipt says, writing nothing, why a receipt cannot be
// cancelled (nil when it can), so that the screen says it before asking.
func (r *Register) CheckCancelReceipt(id DocID) error {
	_, err := read(r, func(tx Tx) (struct{}, error) {
		rc, err := tx.Receipt(id)
		if err != nil {
			return struct{}{}, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": DocRef{ReceiptDoc, id}})
		}
		if rc.Status == Cancelled {
			return struct{}{}, errorf(Conflict, "{{.Doc}} is already cancelled", Values{"Doc": rc.Ref()})
		}
		if rc.Status == Confirmed {
			_, err = movedOn(tx, rc)
		}
		return struct{}{}, err
	})
	return err
}

// movedOn checks that every serial of a confirmed receipt is still as the
// receipt left it, and returns their records.
func movedOn(tx Tx, rc Receipt) (map[serialKey]Serial, error) {
	var problems problemList
	records := map[serialKey]Serial{}
	for i, l := range rc.Lines {
		registered, err := tx.Serials(l.Item, l.Serials)
		if err != nil {
			return nil, err
		}
		for _, s := range l.Serials {
			rec, exists := registered[s]
			if !exists || !rc.leftAsIs(rec) {
				problems.add(i+1, s, "{{.Whereabouts}} since", Values{"Whereabouts": rec.whereabouts()})
				continue
			}
			records[serialKey{l.Item, s}] = rec
		}
	}
	return records, problems.conflict("{{.Doc}} cannot be cancelled: some of its units have moved on. Cancel or undo those documents first.", Values{"Doc": rc.Ref()})
}

func (r *Register) unreceive(tx Tx, rc Receipt, now time.Time) error {
	ref := rc.Ref()
	records, err := movedOn(tx, rc)
	if err != nil {
		return err
	}
	delta := stockDelta{}
	for _, l := range rc.Lines {
		delta.add(l.Item, -l.Quantity, 0, 0)
		for _, s := range l.Serials {
			rec := records[serialKey{l.Item, s}]
			if err := detachEntity(tx, rec.Project, ref); err != nil {
				return err
			}
			left, keep := rc.withoutReceipt(rec)
			if keep {
				var err error
				if left, keep, err = withoutCancelledSale(tx, left); err != nil {
					return err
				}
			}
			if err := putOrDelete(tx, serialKey{l.Item, s}, left, keep); err != nil {
				return err
			}
			ev := Event{Time: now, Kind: EventReceiptCancelled, Item: l.Item, Serial: s, Doc: ref, Party: rc.Supplier, Project: rec.Project}
			if err := tx.AddEvent(ev); err != nil {
				return err
			}
		}
	}
	return delta.write(tx)
}

// leftAsIs reports whether a serial is still as this receipt left it: in
// stock from it, or sold before it arrived and still on that same sale.
func (rc Receipt) leftAsIs(rec Serial) bool {
	if rec.Received == nil || rec.Received.Doc != rc.Ref() {
		return false
	}
	if rec.State == InStock {
		return true
	}
	prior, had := replacedRecord(rc.Replaced, serialKey{rec.Item, rec.Serial})
	return had && prior.soldBeforeReceived() && rec.State == Sold && rec.Sold.sameAs(prior.Sold)
}

// withoutReceipt is a serial left as is by this receipt (see leftAsIs) with
// the receipt taken away, and whether anything is left of it.
func (rc Receipt) withoutReceipt(rec Serial) (Serial, bool) {
	prior, had := replacedRecord(rc.Replaced, serialKey{rec.Item, rec.Serial})
	switch {
	case rec.State == Sold: // sold before the receipt, and still sold
		rec.Received = nil
		return rec, true
	case had && !prior.soldBeforeReceived(): // sold earlier, then bought back
		return prior, true
	}
	return rec, false
}

// withoutCancelledSale is a record put back as it was before a document,
// with the sale or return of an order cancelled since, or edited to leave
// the unit off, taken away: that change left the unit alone, which had
// moved on meanwhile (bought back, sold again). ok is false when nothing is
// left of it.
func withoutCancelledSale(tx Tx, rec Serial) (left Serial, ok bool, err error) {
	sale := rec.Sold
	if rec.State == Returned {
		sale = rec.Returned
	}
	// A unit away at the supplier is the supplier return's, whatever
	// became of the sale before it.
	if rec.State == InStock || rec.State == ToSupplier || sale == nil || sale.Doc.Kind != OrderDoc {
		return rec, true, nil
	}
	o, err := tx.Order(sale.Doc.ID)
	if err != nil || (!o.Cancelled() && o.lists(rec.Item, rec.Serial)) {
		return rec, true, err
	}
	left, ok = o.withoutSale(rec)
	return left, ok, nil
}

// soldBeforeReceived reports whether a unit was sold before any receipt
// registered it, as when the delivery note is entered after the sale.
func (s Serial) soldBeforeReceived() bool { return s.State == Sold && s.Received == nil }

// Receipt returns one goods receipt.
func (r *Register) Receipt(id DocID) (Receipt, error) {
	return read(r, func(tx Tx) (Receipt, error) {
		rc, err := tx.Receipt(id)
		return rc, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": DocRef{ReceiptDoc, id}})
	})
}

// Receipts lists all goods receipts, newest first, without their lines.
func (r *Register) Receipts() ([]ReceiptHead, error) {
	return read(r, func(tx Tx) ([]ReceiptHead, error) {
		list, err := tx.ReceiptHeads()
		slices.Reverse(list)
		return list, err
	})
}

// whereabouts says where a serial record stands, for messages:
// "received on GR-000003", "sold on SO-000004 to Jane Doe".
func (s Serial) whereabouts() Message {
	switch {
	case s.State == Sold && s.Sold != nil && s.Sold.Party != "":
		return Say("sold on {{.Doc}} to {{.Party}}", Values{"Doc": s.Sold.Doc, "Party": s.Sold.Party})
	case s.State == Sold && s.Sold != nil:
		return Say("sold on {{.Doc}}", Values{"Doc": s.Sold.Doc})
	case s.State == Returned && s.Returned != nil && s.Returned.Party != "":
		return Say("returned on {{.Doc}} by {{.Party}}", Values{"Doc": s.Returned.Doc, "Party": s.Returned.Party})
	case s.State == Returned && s.Returned != nil:
		return Say("returned on {{.Doc}}", Values{"Doc": s.Returned.Doc})
	case s.State == ToSupplier && s.ToSupplier != nil && s.ToSupplier.Party != "":
		return Say("returned to {{.Party}} on {{.Doc}}", Values{"Doc": s.ToSupplier.Doc, "Party": s.ToSupplier.Party})
	case s.State == ToSupplier && s.ToSupplier != nil:
		return Say("returned to the supplier on {{.Doc}}", Values{"Doc": s.ToSupplier.Doc})
	case s.State == InStock && s.Received != nil:
		return Say("received on {{.Doc}}", Values{"Doc": s.Received.Doc})
	case s.State == InStock:
		return Say("in stock")
	}
	return Say("no longer registered")
}
