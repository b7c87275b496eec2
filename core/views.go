package core

import "strings"

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
	return read(r, func(tx Tx) (SerialPage, error) { return searchSerials(tx, q) })
}

func searchSerials(tx Tx, q SerialQuery) (SerialPage, error) {
	q.Text = strings.ToUpper(strings.TrimSpace(q.Text))
	recs, total, err := tx.SearchSerials(q)
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
	q.Item = id
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
func (r *Register) SerialHistory(item ItemID, serial string) ([]Event, error) {
	serial = strings.ToUpper(strings.TrimSpace(serial))
	return read(r, func(tx Tx) ([]Event, error) { return tx.History(item, serial) })
}
