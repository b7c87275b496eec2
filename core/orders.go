package core

import (
	"slices"
	"time"
)

// ReturnInput is what a customer brings back against one line of an order.
type ReturnInput struct {
	Line     int      // 1-based line of the order
	Serials  []string // the returned units' serials
	Quantity int      // units returned; 0 means one per serial
	Date     time.Time
	Note     string
}

// orderState is what is known about an order while it is checked and saved.
type orderState struct {
	order    Order
	old      Order // as stored before this save; zero for a new order
	ref      DocRef
	returned map[serialKey]bool // serials this order took back
	records  map[serialKey]Serial
	exists   map[serialKey]bool
}

// SaveOrder checks and saves a new order or an edit of a saved one. Every
// unit on it counts as sold as soon as it is saved. On any problem nothing is
// written and the error lists every problem with its line and serial.
func (r *Register) SaveOrder(in Order) (Order, error) {
	return write(r, func(tx Tx) (Order, error) {
		st, check, err := r.checkOrder(tx, in)
		if err != nil {
			return Order{}, err
		}
		o := &st.order
		if o.CustomerID, o.Customer, err = r.partyOf(tx, Customer, o.CustomerID, o.Customer); err != nil {
			return Order{}, err
		}
		if st.order.ID == 0 {
			id, err := tx.NextID(SeqOrder)
			if err != nil {
				return Order{}, err
			}
			st.order.ID = DocID(id)
			st.ref = st.order.Ref()
		}
		now := r.now()
		if st.order.SavedAt.IsZero() {
			st.order.SavedAt = now
		}
		r.change(&st.order.LastChange, now)
		if err := st.sell(tx, check.items, now); err != nil {
			return Order{}, err
		}
		return st.order, tx.PutOrder(st.order)
	})
}

// CheckOrder checks an order as SaveOrder would and writes nothing: the
// counter asks it as each serial is scanned, so that "already sold" is said
// at the row, not first at Save.
func (r *Register) CheckOrder(in Order) (warnings []Problem, err error) {
	_, err = read(r, func(tx Tx) (struct{}, error) {
		_, check, err := r.checkOrder(tx, in)
		warnings = check.warningsOf()
		return struct{}{}, err
	})
	return warnings, err
}

// checkOrder checks the header and every line of an order.
func (r *Register) checkOrder(tx Tx, in Order) (*orderState, *lineCheck, error) {
	st, err := r.startOrder(tx, in)
	if err != nil {
		return nil, nil, err
	}
	check := newLineCheck(tx)
	if err := st.checkLines(check); err != nil {
		return nil, check, err
	}
	return st, check, check.problems.err("The order has a problem; nothing was saved.", "The order has {{.Count}} problems; nothing was saved.")
}

// startOrder cleans the header of an order and loads the stored order it
// edits.
func (r *Register) startOrder(tx Tx, in Order) (*orderState, error) {
	st := &orderState{order: in, returned: map[serialKey]bool{}, records: map[serialKey]Serial{}, exists: map[serialKey]bool{}}
	o := &st.order
	o.Lines = slices.Clone(in.Lines)
	o.Returns, o.Replaced, o.SavedAt, o.CancelledAt = nil, nil, time.Time{}, time.Time{}
	o.LastChange, o.CancelledBy = LastChange{}, ""
	if in.ID != 0 {
		old, err := tx.Order(in.ID)
		if err != nil {
			return nil, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": in.Ref()})
		}
		if old.Cancelled() {
			return nil, errorf(Conflict, "{{.Doc}} was cancelled; make a new order", Values{"Doc": in.Ref()})
		}
		if err := sameRevision(Say("{{.Doc}}", Values{"Doc": in.Ref()}), old.LastChange, in.LastChange); err != nil {
			return nil, err
		}
		st.old = old
		o.LastChange = old.LastChange
		o.Returns, o.SavedAt = old.Returns, old.SavedAt
		for _, ret := range old.Returns {
			for _, s := range ret.Serials {
				st.returned[serialKey{ret.Item, s}] = true
			}
		}
	}
	st.ref = o.Ref()
	var err error
	if o.Customer, err = cleanText(Say("the customer"), in.Customer, MaxTextLength); err != nil {
		return nil, err
	}
	if err := linkParty(tx, Customer, &o.CustomerID, &o.Customer); err != nil {
		return nil, err
	}
	if o.Reference, err = cleanText(Say("the reference"), in.Reference, MaxTextLength); err != nil {
		return nil, err
	}
	o.Date = r.docDate(in.Date)
	return st, nil
}

// checkLines checks every line and what the edit takes away from the stored
// order; problems go to check.
func (st *orderState) checkLines(check *lineCheck) error {
	o := &st.order
	if len(o.Lines) == 0 {
		check.problems.add(0, "", "add at least one line")
	}
	units := map[ItemID]int{}
	onOrder := map[serialKey]bool{}
	for i, l := range o.Lines {
		n := i + 1
		it, ok, err := check.item(n, l.Item)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if l.UnitPrice < 0 {
			check.problems.add(n, "", "the unit price cannot be negative")
		}
		if !l.Warranty.IsZero() {
			o.Lines[i].Warranty = Day(l.Warranty)
			switch {
			case !it.UseSerial:
				check.problems.add(n, "", "{{.Item}} does not use serial numbers, and a warranty is kept by serial", Values{"Item": it.Label()})
			case o.Lines[i].Warranty.Before(o.Date):
				check.problems.add(n, "", "the warranty cannot end before the sale on {{.Date}}", Values{"Date": o.Date})
			}
		}
		units[it.ID] += l.Quantity
		serials := check.serials(n, it, l.Quantity, l.Serials, it.SerialsRequiredAtSale())
		registered, err := check.tx.Serials(it.ID, serials)
		if err != nil {
			return err
		}
		for _, s := range serials {
			k := serialKey{it.ID, s}
			onOrder[k] = true
			rec, exists := registered[s]
			st.checkSerial(check, n, it, k, rec, exists)
		}
		o.Lines[i].Serials = serials
	}
	for _, l := range st.old.Lines {
		for _, s := range l.Serials {
			if k := (serialKey{l.Item, s}); st.returned[k] && !onOrder[k] {
				check.problems.add(0, s, "was returned by the customer; it stays on the order")
			}
		}
	}
	for _, ret := range st.returnedUnits() {
		if units[ret.item] < ret.units {
			it := check.items[ret.item]
			check.problems.addReason("", 0, "", Count(ret.units, "1 unit of {{.Item}} was returned; the order must keep at least 1",
				"{{.Count}} units of {{.Item}} were returned; the order must keep at least {{.Count}}").With(Values{"Item": it.Label()}))
		}
	}
	return nil
}

// checkSerial checks that one serial, with its record if it exists, can be
// on this order.
func (st *orderState) checkSerial(check *lineCheck, n int, it Item, k serialKey, rec Serial, exists bool) {
	if st.returned[k] {
		return // sold and taken back on this very order
	}
	st.records[k], st.exists[k] = rec, exists
	switch {
	case exists && rec.State == Sold && rec.Sold.Doc == st.ref:
	case exists && rec.State == Sold:
		check.problems.add(n, k.serial, "already {{.Whereabouts}}; a serial can be sold only once", Values{"Whereabouts": rec.whereabouts()})
	case exists && rec.State == ToSupplier:
		check.problems.add(n, k.serial, "{{.Whereabouts}}; receive it again before it is sold", Values{"Whereabouts": rec.whereabouts()})
	case !exists && it.SerialsRequiredAtPurchase() && !it.createsOnSave():
		check.problems.add(n, k.serial, "never received; {{.Item}} needs its serials registered at purchase, so receive it first", Values{"Item": it.Label()})
	}
}

// warranty is the warranty of a unit sold on the line: the line's own,
// else counted from the sale, else what the unit had before it was sold
// (from its receipt).
func (l OrderLine) warranty(it Item, sold, had time.Time) time.Time {
	switch {
	case !l.Warranty.IsZero():
		return l.Warranty
	case it.WarrantyFrom == WarrantyFromSale:
		return it.warrantyFrom(sold)
	}
	return had
}

// keptWarranty is the warranty of a unit an edit keeps on the order: as
// it was promised, whatever the item card says now, unless the edit gives
// the line a warranty of its own, takes one away, or moves the sale's
// date (a warranty counted from the sale moves with it).
func (st *orderState) keptWarranty(it Item, l OrderLine, rec Serial) time.Time {
	had := time.Time{}
	for _, old := range st.old.Lines {
		if old.Item == rec.Item && slices.Contains(old.Serials, rec.Serial) {
			had = old.Warranty
		}
	}
	switch {
	case !l.Warranty.IsZero():
		return l.Warranty
	case !had.IsZero():
		prior, _ := replacedRecord(st.order.Replaced, serialKey{rec.Item, rec.Serial})
		return l.warranty(it, st.order.Date, prior.Warranty)
	case it.WarrantyFrom == WarrantyFromSale && !rec.Warranty.IsZero() && !st.order.Date.Equal(st.old.Date):
		return rec.Warranty.AddDate(0, 0, int(st.order.Date.Sub(st.old.Date).Hours()/24))
	}
	return rec.Warranty
}

type itemUnits struct {
	item  ItemID
	units int
}

// returnedUnits adds up per item what customers brought back on this order.
func (st *orderState) returnedUnits() []itemUnits {
	sum := map[ItemID]int{}
	for _, ret := range st.order.Returns {
		sum[ret.Item] += ret.Quantity
	}
	out := make([]itemUnits, 0, len(sum))
	for id, n := range sum {
		out = append(out, itemUnits{id, n})
	}
	return out
}

// sell writes what a checked order (or edit) does: serials taken off the
// order go back to what they were, new ones become sold, kept ones follow the
// order's date, customer and price.
func (st *orderState) sell(tx Tx, items map[ItemID]Item, now time.Time) error {
	o, ref := &st.order, st.ref
	onOrder := map[serialKey]bool{}
	for _, l := range o.Lines {
		for _, s := range l.Serials {
			onOrder[serialKey{l.Item, s}] = true
		}
	}
	delta := stockDelta{}
	for _, l := range st.old.Lines {
		delta.add(l.Item, 0, -l.Quantity, 0)
		for _, s := range l.Serials {
			if k := (serialKey{l.Item, s}); !onOrder[k] {
				if err := unsell(tx, st.old, k, EventRemovedFromOrder, now); err != nil {
					return err
				}
			}
		}
	}
	o.Replaced = slices.DeleteFunc(slices.Clone(st.old.Replaced), func(s Serial) bool { return !onOrder[serialKey{s.Item, s.Serial}] })
	for _, l := range o.Lines {
		delta.add(l.Item, 0, l.Quantity, 0)
		for _, s := range l.Serials {
			k := serialKey{l.Item, s}
			if st.returned[k] {
				continue
			}
			sold := &Movement{Date: o.Date, Doc: ref, Party: o.Customer, Amount: l.UnitPrice, By: o.By}
			rec := st.records[k]
			it := items[l.Item]
			if st.exists[k] && rec.State == Sold && rec.Sold.Doc == ref {
				warranty := st.keptWarranty(it, l, rec)
				if !rec.Sold.sameAs(sold) || !rec.Warranty.Equal(warranty) {
					rec.Sold, rec.Warranty = sold, warranty
					if err := tx.PutSerial(rec); err != nil {
						return err
					}
				}
				continue
			}
			if st.exists[k] {
				o.Replaced = append(o.Replaced, rec)
			}
			rec = Serial{Item: l.Item, Serial: s, State: Sold, Project: rec.Project, Received: rec.Received, Sold: sold,
				Warranty: l.warranty(it, o.Date, rec.Warranty)}
			ev := Event{Time: now, Item: l.Item, Serial: s, Doc: ref, Party: o.Customer}
			entityEvents, err := attachEntity(tx, it, &rec, ref, it.createsOnSave(), ev)
			if err != nil {
				return err
			}
			ev.Kind, ev.Project = EventSold, rec.Project
			if err := putSerial(tx, rec, append([]Event{ev}, entityEvents...)); err != nil {
				return err
			}
		}
	}
	return delta.write(tx)
}

// unsell takes a serial off an order: when the order still holds it (sold,
// or returned against it), its record goes back to what it was before the
// sale and the order lets go of its entity.
func unsell(tx Tx, o Order, k serialKey, kind EventKind, now time.Time) error {
	rec, exists, err := serialOrNone(tx, k.item, k.serial)
	if err != nil || !exists {
		return err
	}
	ref := o.Ref()
	held := (rec.State == Sold && rec.Sold != nil && rec.Sold.Doc == ref) ||
		(rec.State == Returned && rec.Returned != nil && rec.Returned.Doc == ref)
	if !held {
		return nil // it has moved on to another document, which now owns it
	}
	if err := detachEntity(tx, rec.Project, ref); err != nil {
		return err
	}
	left, keep := o.withoutSale(rec)
	if keep {
		if left, keep, err = withoutCancelledSale(tx, left); err != nil {
			return err
		}
	}
	if err := putOrDelete(tx, k, left, keep); err != nil {
		return err
	}
	return tx.AddEvent(Event{Time: now, Kind: kind, Item: k.item, Serial: k.serial, Doc: ref, Party: o.Customer, Project: rec.Project})
}

// CameBack reports whether the customer brought back the unit with this
// serial on a return against the order.
func (o Order) CameBack(item ItemID, serial string) bool {
	for _, ret := range o.Returns {
		if ret.Item == item && slices.Contains(ret.Serials, serial) {
			return true
		}
	}
	return false
}

// lists reports whether a line of the order has the serial.
func (o Order) lists(item ItemID, serial string) bool {
	for _, l := range o.Lines {
		if l.Item == item && slices.Contains(l.Serials, serial) {
			return true
		}
	}
	return false
}

// withoutSale is a serial held by this order (sold or returned against it)
// with the sale taken away: as it was before the sale, or on the shelf when
// a receipt registered it after the sale. ok is false when nothing is left.
func (o Order) withoutSale(rec Serial) (Serial, bool) {
	prior, had := replacedRecord(o.Replaced, serialKey{rec.Item, rec.Serial})
	if rec.Received != nil && (!had || prior.Received == nil || prior.Received.Doc != rec.Received.Doc) {
		return Serial{Item: rec.Item, Serial: rec.Serial, State: InStock, Project: rec.Project, Received: rec.Received}, true
	}
	return prior, had
}

// CancelOrder reverses an order: its units are no longer sold, and its
// serials (sold or returned against it) go back to what they were before.
func (r *Register) CancelOrder(id DocID) (Order, error) {
	return write(r, func(tx Tx) (Order, error) {
		o, err := tx.Order(id)
		if err != nil {
			return Order{}, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": DocRef{OrderDoc, id}})
		}
		if o.Cancelled() {
			return Order{}, errorf(Conflict, "{{.Doc}} is already cancelled", Values{"Doc": o.Ref()})
		}
		now := r.now()
		delta := stockDelta{}
		for _, l := range o.Lines {
			delta.add(l.Item, 0, -l.Quantity, 0)
			for _, s := range l.Serials {
				if err := unsell(tx, o, serialKey{l.Item, s}, EventOrderCancelled, now); err != nil {
					return Order{}, err
				}
			}
		}
		for _, ret := range o.Returns {
			delta.add(ret.Item, 0, 0, -ret.Quantity)
		}
		if err := delta.write(tx); err != nil {
			return Order{}, err
		}
		o.CancelledAt, o.CancelledBy = now, r.user
		r.change(&o.LastChange, now)
		return o, tx.PutOrder(o)
	})
}

// ReturnToStock records units a customer brings back against one line of
// the order they were sold on: their serials are back in stock as returned,
// against the original order and customer.
func (r *Register) ReturnToStock(id DocID, in ReturnInput) (Order, error) {
	return write(r, func(tx Tx) (Order, error) {
		o, err := tx.Order(id)
		if err != nil {
			return Order{}, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": DocRef{OrderDoc, id}})
		}
		if o.Cancelled() {
			return Order{}, errorf(Conflict, "{{.Doc}} was cancelled; there is nothing to return", Values{"Doc": o.Ref()})
		}
		if in.Line < 1 || in.Line > len(o.Lines) {
			return Order{}, errorf(Invalid, "choose the line of {{.Doc}} the units are returned from", Values{"Doc": o.Ref()})
		}
		note, err := cleanText(Say("the note"), in.Note, MaxTextLength)
		if err != nil {
			return Order{}, err
		}
		l := o.Lines[in.Line-1]
		it, err := tx.Item(l.Item)
		if err != nil {
			return Order{}, err
		}
		ret := Return{Time: r.now(), Date: r.docDate(in.Date), Item: l.Item, Quantity: in.Quantity, Note: note, By: r.user}
		records, problems, err := checkReturn(tx, o, in, it, &ret)
		if err != nil {
			return Order{}, err
		}
		if err := problems.err("The return has a problem; nothing was saved.", "The return has {{.Count}} problems; nothing was saved."); err != nil {
			return Order{}, err
		}
		for _, rec := range records {
			// Back on the shelf with the warranty it had before the sale:
			// none when the next sale gives it one.
			prior, _ := replacedRecord(o.Replaced, serialKey{rec.Item, rec.Serial})
			rec.State, rec.Warranty = Returned, prior.Warranty
			rec.Returned = &Movement{Date: ret.Date, Doc: o.Ref(), Party: o.Customer, Amount: l.UnitPrice, By: ret.By}
			ev := Event{Time: ret.Time, Kind: EventReturned, Item: rec.Item, Serial: rec.Serial, Doc: o.Ref(), Party: o.Customer, Project: rec.Project}
			if err := putSerial(tx, rec, []Event{ev}); err != nil {
				return Order{}, err
			}
		}
		delta := stockDelta{}
		delta.add(l.Item, 0, 0, ret.Quantity)
		if err := delta.write(tx); err != nil {
			return Order{}, err
		}
		o.Returns = append(o.Returns, ret)
		r.change(&o.LastChange, ret.Time)
		return o, tx.PutOrder(o)
	})
}

// checkReturn checks the serials and quantity of a return and fills in the
// return's serials and quantity.
func checkReturn(tx Tx, o Order, in ReturnInput, it Item, ret *Return) ([]Serial, problemList, error) {
	var problems problemList
	l := o.Lines[in.Line-1]
	var records []Serial
	seen := map[string]bool{}
	for _, raw := range dropBlank(in.Serials) {
		s, err := NormalizeSerial(raw)
		if err != nil {
			problems.addErr(in.Line, raw, err)
			continue
		}
		if seen[s] {
			problems.add(in.Line, s, "entered twice in this return")
			continue
		}
		seen[s] = true
		rec, exists, err := serialOrNone(tx, l.Item, s)
		if err != nil {
			return nil, nil, err
		}
		switch {
		case !slices.Contains(l.Serials, s):
			problems.add(in.Line, s, "is not on line {{.Line}} of {{.Doc}}", Values{"Line": in.Line, "Doc": o.Ref()})
		case exists && rec.State == Sold && rec.Sold.Doc == o.Ref():
			records = append(records, rec)
			ret.Serials = append(ret.Serials, s)
		default:
			problems.add(in.Line, s, "cannot come back on {{.Doc}}: it is {{.Whereabouts}}", Values{"Doc": o.Ref(), "Whereabouts": rec.whereabouts()})
		}
	}
	if ret.Quantity == 0 {
		ret.Quantity = len(seen)
	}
	switch {
	case ret.Quantity < 1:
		problems.add(in.Line, "", "enter the serials or the quantity returned")
	case ret.Quantity < len(seen):
		problems.add(in.Line, "", "{{.Serials}} serials for a quantity of {{.Quantity}}", Values{"Serials": len(seen), "Quantity": ret.Quantity})
	case it.SerialsRequiredAtSale() && ret.Quantity != len(seen):
		problems.add(in.Line, "", "{{.Item}} needs the serial of every unit returned", Values{"Item": it.Label()})
	}
	left := -ret.Quantity
	for _, ol := range o.Lines {
		if ol.Item == l.Item {
			left += ol.Quantity
		}
	}
	for _, r := range o.Returns {
		if r.Item == l.Item {
			left -= r.Quantity
		}
	}
	if ret.Quantity >= 1 && left < 0 {
		problems.addReason("", in.Line, "", Count(left+ret.Quantity, "only 1 unit of {{.Item}} is left to return on {{.Doc}}",
			"only {{.Count}} units of {{.Item}} are left to return on {{.Doc}}").With(Values{"Item": it.Label(), "Doc": o.Ref()}))
	}
	return records, problems, nil
}

// Order returns one order.
func (r *Register) Order(id DocID) (Order, error) {
	return read(r, func(tx Tx) (Order, error) {
		o, err := tx.Order(id)
		return o, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": DocRef{OrderDoc, id}})
	})
}

// Orders lists all orders, newest first, without their lines.
func (r *Register) Orders() ([]OrderHead, error) {
	return read(r, func(tx Tx) ([]OrderHead, error) {
		list, err := tx.OrderHeads()
		slices.Reverse(list)
		return list, err
	})
}
