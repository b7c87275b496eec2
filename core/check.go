package core

import (
	"errors"
	"slices"
	"strconv"
)

// RecordChecker is a Store that can check its own records and indexes:
// every index entry points to a record and every record is in its indexes.
// Register.Check runs it before checking the business rules.
type RecordChecker interface {
	CheckRecords() ([]Message, error)
}

// Check reads the whole register and reports every way it disagrees with
// itself: stock that is not what the documents add up to, a serial on a
// standing document that is not registered, a serial whose state no
// document backs, and whatever the store finds wrong with its own records.
// An empty list means all is well. It is what `serialdesk check` and the
// crash tests run.
func (r *Register) Check() ([]Message, error) {
	var found []Message
	if c, ok := r.store.(RecordChecker); ok {
		var err error
		if found, err = c.CheckRecords(); err != nil {
			return nil, err
		}
	}
	rules, err := read(r, checkRules)
	if err != nil && len(found) > 0 {
		// The damage found above can keep the rules from being read.
		if inner := errors.Unwrap(err); inner != nil {
			err = inner
		}
		return append(found, Say("stock and serial states could not be checked against the documents: {{.Cause}}", Values{"Cause": err.Error()})), nil
	}
	return append(found, rules...), err
}

// onDocs is, for each serial, the documents that list it.
type onDocs map[serialKey][]DocRef

func (m onDocs) add(item ItemID, serials []string, doc DocRef) {
	for _, s := range serials {
		m[serialKey{item, s}] = append(m[serialKey{item, s}], doc)
	}
}

func (m onDocs) lists(item ItemID, serial string, doc DocRef) bool {
	return slices.Contains(m[serialKey{item, serial}], doc)
}

// checkRules checks stock and serials against the documents in one
// snapshot.
func checkRules(tx Tx) ([]Message, error) {
	var found []Message
	report := func(key string, values Values) { found = append(found, Say(key, values)) }
	want := map[ItemID]Stock{}
	received, sold, returned, toSupplier := onDocs{}, onDocs{}, onDocs{}, onDocs{}

	err := eachDocument(tx, func(rc Receipt) error {
		if rc.Status != Confirmed {
			return nil
		}
		for _, l := range rc.Lines {
			st := want[l.Item]
			st.Purchased += int64(l.Quantity)
			want[l.Item] = st
			received.add(l.Item, l.Serials, rc.Ref())
		}
		return nil
	}, func(o Order) error {
		if o.Cancelled() {
			return nil
		}
		for _, l := range o.Lines {
			st := want[l.Item]
			st.Sold += int64(l.Quantity)
			want[l.Item] = st
			sold.add(l.Item, l.Serials, o.Ref())
		}
		for _, ret := range o.Returns {
			st := want[ret.Item]
			st.Returned += int64(ret.Quantity)
			want[ret.Item] = st
			returned.add(ret.Item, ret.Serials, o.Ref())
		}
		return nil
	}, func(sr SupplierReturn) error {
		if sr.Cancelled() {
			return nil
		}
		for _, l := range sr.Lines {
			st := want[l.Item]
			st.ToSupplier += int64(l.Quantity)
			want[l.Item] = st
			toSupplier.add(l.Item, l.Serials, sr.Ref())
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	items, err := tx.Items()
	if err != nil {
		return nil, err
	}
	label := map[ItemID]string{}
	for _, it := range items {
		label[it.ID] = it.No
		st, err := tx.Stock(it.ID)
		if err != nil {
			return nil, err
		}
		if w := want[it.ID]; st != w {
			report("item {{.Item}}: stock says {{.Purchased}} purchased, {{.Sold}} sold, {{.Returned}} returned, {{.ToSupplier}} to the supplier; "+
				"the documents add up to {{.WantPurchased}}, {{.WantSold}}, {{.WantReturned}}, {{.WantToSupplier}}",
				Values{"Item": it.No, "Purchased": st.Purchased, "Sold": st.Sold, "Returned": st.Returned, "ToSupplier": st.ToSupplier,
					"WantPurchased": w.Purchased, "WantSold": w.Sold, "WantReturned": w.Returned, "WantToSupplier": w.ToSupplier})
		}
		delete(want, it.ID)
	}
	for id := range want {
		report("item {{.ID}} is on documents but has no item card", Values{"ID": strconv.FormatUint(uint64(id), 10)})
	}

	err = tx.EachSerial(func(rec Serial) error {
		unit := Values{"Item": label[rec.Item], "Serial": rec.Serial}
		if rec.Received != nil && !received.lists(rec.Item, rec.Serial, rec.Received.Doc) {
			report("item {{.Item}}, serial {{.Serial}}: received on {{.Doc}}, which does not list it as confirmed", unit.with("Doc", rec.Received.Doc))
		}
		switch rec.State {
		case InStock:
			if rec.Received == nil {
				report("item {{.Item}}, serial {{.Serial}}: in stock without a receipt", unit)
			}
			if rec.Sold != nil {
				report("item {{.Item}}, serial {{.Serial}}: in stock, yet sold on {{.Doc}}", unit.with("Doc", rec.Sold.Doc))
			}
		case Sold:
			if rec.Sold == nil || !sold.lists(rec.Item, rec.Serial, rec.Sold.Doc) {
				report("item {{.Item}}, serial {{.Serial}}: sold, but no standing order that it names lists it", unit)
			}
		case Returned:
			if rec.Returned == nil || !returned.lists(rec.Item, rec.Serial, rec.Returned.Doc) {
				report("item {{.Item}}, serial {{.Serial}}: returned, but no order that it names records the return", unit)
			}
		case ToSupplier:
			if rec.ToSupplier == nil || !toSupplier.lists(rec.Item, rec.Serial, rec.ToSupplier.Doc) {
				report("item {{.Item}}, serial {{.Serial}}: returned to the supplier, but no standing supplier return that it names lists it", unit)
			}
		default:
			report("item {{.Item}}, serial {{.Serial}}: has no state", unit)
		}
		if rec.Project != 0 {
			if _, err := tx.Entity(rec.Project); ErrorCode(err) == NotFound {
				report("item {{.Item}}, serial {{.Serial}}: belongs to {{.Project}}, which does not exist", unit.with("Project", rec.Project))
			} else if err != nil {
				return err
			}
		}
		// What is left of these when all records are read is not registered.
		delete(received, serialKey{rec.Item, rec.Serial})
		delete(sold, serialKey{rec.Item, rec.Serial})
		delete(toSupplier, serialKey{rec.Item, rec.Serial})
		return nil
	})
	if err != nil {
		return nil, err
	}
	// A serial on a standing document stays registered.
	for _, docs := range []onDocs{received, sold, toSupplier} {
		for k, refs := range docs {
			report("{{.Doc}} lists item {{.Item}}, serial {{.Serial}}, which is not registered", Values{"Doc": refs[0], "Item": label[k.item], "Serial": k.serial})
		}
	}
	SortMessages(found)
	return found, nil
}

// eachDocument reads every receipt, every order and every supplier
// return, whole.
func eachDocument(tx Tx, receipt func(Receipt) error, order func(Order) error, supplierReturn func(SupplierReturn) error) error {
	receipts, err := tx.ReceiptHeads()
	if err != nil {
		return err
	}
	for _, h := range receipts {
		rc, err := tx.Receipt(h.ID)
		if err != nil {
			return err
		}
		if err := receipt(rc); err != nil {
			return err
		}
	}
	orders, err := tx.OrderHeads()
	if err != nil {
		return err
	}
	for _, h := range orders {
		o, err := tx.Order(h.ID)
		if err != nil {
			return err
		}
		if err := order(o); err != nil {
			return err
		}
	}
	returns, err := tx.SupplierReturnHeads()
	if err != nil {
		return err
	}
	for _, h := range returns {
		sr, err := tx.SupplierReturn(h.ID)
		if err != nil {
			return err
		}
		if err := supplierReturn(sr); err != nil {
			return err
		}
	}
	return nil
}
