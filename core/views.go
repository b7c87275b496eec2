package core

import (
	"slices"
	"strings"
	"time"
)

// SerialRow is one line of the serial search and the item overview.
type SerialRow struct {
	Serial
	ItemNo   string
	ItemName string
}

// SerialPage is one page of serials and how many there are in all.
type SerialPage struct {
	Rows  []SerialRow
	Total int
}

// Overview is the "Serial numbers" tab of an item card.
type Overview struct {
	Item  Item
	Stock Stock
	SerialPage
}

// SearchSerials finds serials across all items by part of the serial (any
// case), optionally for one item and in one state, one page at a time,
// ordered by serial.
func (r *Register) SearchSerials(q SerialQuery) (SerialPage, error) {
	q.Today = r.today()
	return read(r, func(tx Tx) (SerialPage, error) { return searchSerials(tx, q) })
}

func searchSerials(tx Tx, q SerialQuery) (SerialPage, error) {
	if code, isGS1, err := ReadGS1(q.Text); isGS1 && err == nil && !q.InNotes {
		q.Text = code.Serial // a GS1 code scanned into the search
	}
	q.Text = strings.ToUpper(strings.TrimSpace(q.Text))
	if !q.InNotes && strings.ContainsFunc(q.Text, func(r rune) bool { return !isSerialRune(r) }) {
		return SerialPage{}, nil // no serial holds it
	}
	search := tx.SearchSerials
	if q.InNotes {
		search = func(q SerialQuery) ([]Serial, int, error) { return notedSerials(tx, q) }
	}
	recs, total, err := search(q)
	if err != nil {
		return SerialPage{}, err
	}
	page := SerialPage{Rows: make([]SerialRow, len(recs)), Total: total}
	items := map[ItemID]Item{}
	for i, rec := range recs {
		it, ok := items[rec.Item]
		if !ok {
			if it, err = tx.Item(rec.Item); err != nil {
				return SerialPage{}, err
			}
			items[rec.Item] = it
		}
		page.Rows[i] = SerialRow{Serial: rec, ItemNo: it.No, ItemName: it.Name}
	}
	return page, nil
}

// ItemOverview returns an item with its counts (purchased, sold, in stock)
// and one page of its serials; q.Item is set to the item.
func (r *Register) ItemOverview(id ItemID, q SerialQuery) (Overview, error) {
	q.Item, q.Today = id, r.today()
	return read(r, func(tx Tx) (ov Overview, err error) {
		if ov.Item, err = tx.Item(id); err != nil {
			return ov, notFoundAs(err, "the item was not found")
		}
		if ov.Stock, err = tx.Stock(id); err != nil {
			return ov, err
		}
		ov.SerialPage, err = searchSerials(tx, q)
		return ov, err
	})
}

// SerialHistory returns everything that happened to one serial of an item,
// oldest first, including documents that were cancelled since.
func (r *Register) SerialHistory(item ItemID, serial string) ([]HistoryLine, error) {
	serial = strings.ToUpper(strings.TrimSpace(serial))
	return read(r, func(tx Tx) ([]HistoryLine, error) {
		events, err := tx.History(item, serial)
		if err != nil {
			return nil, err
		}
		dates := map[DocRef]time.Time{}
		lines := make([]HistoryLine, len(events))
		for i, ev := range events {
			date, ok := dates[ev.Doc]
			if !ok {
				if date, err = docDate(tx, ev.Doc); err != nil {
					return nil, err
				}
				dates[ev.Doc] = date
			}
			switch ev.Kind {
			case EventReturned:
				if date, err = returnDate(tx, ev); err != nil {
					return nil, err
				}
			case EventNote:
				date = ev.Date
			}
			lines[i] = HistoryLine{Event: ev, DocDate: date}
		}
		// By the day each is about: a note written today of yesterday's
		// service comes before today's sale.
		slices.SortStableFunc(lines, func(a, b HistoryLine) int { return a.day().Compare(b.day()) })
		return lines, nil
	})
}

// HistoryLine is one event of a serial's history with the date of its
// document: the day the unit came or went, which may be before the day it
// was entered.
type HistoryLine struct {
	Event
	DocDate time.Time // zero when the event has no document
}

// day is the day a history line is about: its document's, or, for a line
// with none and for undoing one (a cancel, a unit taken off an order), the
// day it was entered.
func (l HistoryLine) day() time.Time {
	switch l.Kind {
	case EventReceiptCancelled, EventOrderCancelled, EventRemovedFromOrder, EventSupplierReturnCancelled:
	default:
		if !l.DocDate.IsZero() {
			return l.DocDate
		}
	}
	return Day(l.Time.Local())
}

// returnDate is the day the customer brought the unit back: the date of
// the return the event records, not of the order it came back on.
func returnDate(tx Tx, ev Event) (time.Time, error) {
	o, err := tx.Order(ev.Doc.ID)
	if err != nil {
		return time.Time{}, err
	}
	for _, ret := range o.Returns {
		if ret.Item == ev.Item && ret.Time.Equal(ev.Time) {
			return ret.Date, nil
		}
	}
	return o.Date, nil
}

// docDate is the date of a receipt or an order.
func docDate(tx Tx, doc DocRef) (time.Time, error) {
	switch doc.Kind {
	case ReceiptDoc:
		rc, err := tx.Receipt(doc.ID)
		return rc.Date, err
	case OrderDoc:
		o, err := tx.Order(doc.ID)
		return o.Date, err
	case SupplierReturnDoc:
		sr, err := tx.SupplierReturn(doc.ID)
		return sr.Date, err
	}
	return time.Time{}, nil
}

// Registered reports which of these (normalized) serials the item has a
// record of. A serial registered before the item's pattern changed is still
// accepted on documents; the serial table asks, so as not to mark it.
func (r *Register) Registered(item ItemID, serials []string) (map[string]bool, error) {
	return read(r, func(tx Tx) (map[string]bool, error) {
		registered, err := tx.Serials(item, serials)
		out := map[string]bool{}
		for s := range registered {
			out[s] = true
		}
		return out, err
	})
}

// DocumentSerials returns one page of the serials on a receipt or an order
// as they stand now, in the document's order, and how many it has. A serial
// that is no longer registered (its receipt was cancelled) comes with its
// item and no state.
func (r *Register) DocumentSerials(doc DocRef, offset, limit int) (SerialPage, error) {
	return read(r, func(tx Tx) (SerialPage, error) {
		keys, err := documentSerials(tx, doc)
		if err != nil {
			return SerialPage{}, err
		}
		page := SerialPage{Total: len(keys)}
		end := len(keys)
		if limit > 0 {
			end = min(end, offset+limit)
		}
		page.Rows, err = serialRows(tx, keys[min(max(offset, 0), end):end])
		return page, err
	})
}

// serialRows reads these serials as they stand now, in this order, with
// their items. A serial that is no longer registered (its receipt was
// cancelled) comes with its item and no state.
func serialRows(tx Tx, keys []serialKey) ([]SerialRow, error) {
	onPage := map[ItemID][]string{}
	for _, k := range keys {
		onPage[k.item] = append(onPage[k.item], k.serial)
	}
	registered := map[serialKey]Serial{}
	for item, serials := range onPage {
		recs, err := tx.Serials(item, serials)
		if err != nil {
			return nil, err
		}
		for s, rec := range recs {
			registered[serialKey{item, s}] = rec
		}
	}
	items := map[ItemID]Item{}
	rows := make([]SerialRow, 0, len(keys))
	for _, k := range keys {
		rec := registered[k]
		rec.Item, rec.Serial = k.item, k.serial
		it, ok := items[k.item]
		if !ok {
			var err error
			if it, err = tx.Item(k.item); err != nil {
				return nil, err
			}
			items[k.item] = it
		}
		rows = append(rows, SerialRow{Serial: rec, ItemNo: it.No, ItemName: it.Name})
	}
	return rows, nil
}

// documentSerials lists the serials on a document, in its order.
func documentSerials(tx Tx, doc DocRef) ([]serialKey, error) {
	var keys []serialKey
	add := func(item ItemID, serials []string) {
		for _, s := range serials {
			keys = append(keys, serialKey{item, s})
		}
	}
	switch doc.Kind {
	case ReceiptDoc:
		rc, err := tx.Receipt(doc.ID)
		if err != nil {
			return nil, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": doc})
		}
		for _, l := range rc.Lines {
			add(l.Item, l.Serials)
		}
	case OrderDoc:
		o, err := tx.Order(doc.ID)
		if err != nil {
			return nil, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": doc})
		}
		for _, l := range o.Lines {
			add(l.Item, l.Serials)
		}
	case SupplierReturnDoc:
		sr, err := tx.SupplierReturn(doc.ID)
		if err != nil {
			return nil, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": doc})
		}
		for _, l := range sr.Lines {
			add(l.Item, l.Serials)
		}
	default:
		return nil, errorf(Invalid, "choose a receipt, an order or a supplier return")
	}
	return keys, nil
}

// UnitToSell finds the unit in stock with this serial, whatever its item:
// a unit scanned into an order's item field starts its line, as a barcode
// screen does. The error says why none can be sold: no unit has the serial,
// it is not in stock (and where it is), or two items have it in stock.
func (r *Register) UnitToSell(serial string) (SerialRow, error) {
	if code, isGS1, err := ReadGS1(serial); isGS1 && err == nil {
		serial = code.Serial // the unit's GS1 code scanned
	}
	s, err := NormalizeSerial(serial)
	if err != nil {
		return SerialRow{}, errorf(NotFound, "no unit has the serial {{.Serial}}", Values{"Serial": Echo(strings.TrimSpace(serial))})
	}
	return read(r, func(tx Tx) (SerialRow, error) {
		recs, err := tx.SerialOfEveryItem(s)
		if err != nil {
			return SerialRow{}, err
		}
		var available, gone []SerialRow
		for _, rec := range recs {
			it, err := tx.Item(rec.Item)
			if err != nil {
				return SerialRow{}, err
			}
			row := SerialRow{Serial: rec, ItemNo: it.No, ItemName: it.Name}
			if rec.State.Available() {
				available = append(available, row)
			} else {
				gone = append(gone, row)
			}
		}
		switch {
		case len(available) == 1:
			return available[0], nil
		case len(available) > 1:
			labels := make([]string, len(available))
			for i, row := range available {
				labels[i] = row.ItemNo
			}
			return SerialRow{}, errorf(Conflict, "{{.Serial}} is in stock for {{.Items}}; type the item first", Values{"Serial": s, "Items": strings.Join(labels, ", ")})
		case len(gone) > 0:
			return SerialRow{}, errorf(Conflict, "{{.Serial}} ({{.Item}}) is not in stock: {{.Whereabouts}}", Values{"Serial": s, "Item": gone[0].ItemNo, "Whereabouts": gone[0].Serial.whereabouts()})
		}
		return SerialRow{}, errorf(NotFound, "no unit has the serial {{.Serial}}", Values{"Serial": s})
	})
}
