package core

import (
	"slices"
	"sort"
	"strings"
)

// ItemRow is an item card with what the item list shows beside it.
type ItemRow struct {
	Item
	Stock Stock
	Model string // "Audi A6", empty when not linked
}

// checkItem normalizes an item card and lists everything wrong with it.
func checkItem(in Item) (Item, error) {
	var problems problemList
	it := in
	var err error
	if it.No, err = cleanText(Say("the item number"), in.No, MaxItemNoLength); err != nil {
		problems.addErr(0, "", err)
	} else if it.No == "" {
		problems.add(0, "", "the item number is empty")
	}
	if it.Name, err = cleanText(Say("the name"), in.Name, MaxTextLength); err != nil {
		problems.addErr(0, "", err)
	} else if it.Name == "" {
		problems.add(0, "", "the name is empty")
	}
	if it.Price < 0 {
		problems.add(0, "", "the price cannot be negative")
	}
	if p, err := ParsePattern(in.Pattern); err != nil {
		problems.addErr(0, "", err)
	} else {
		it.Pattern = p.String()
	}
	if it.SerialParam, err = cleanText(Say("the serial parameter"), in.SerialParam, 60); err != nil {
		problems.addErr(0, "", err)
	} else if it.SerialParam == "" {
		it.SerialParam = DefaultSerialParam
	}
	switch {
	case it.WarrantyMonths < 0:
		problems.add(0, "", "the warranty cannot be negative; give 0 months for none")
	case it.WarrantyMonths > MaxWarrantyMonths:
		problems.add(0, "", "a warranty of {{.Months}} months is more than {{.Years}} years", Values{"Months": it.WarrantyMonths, "Years": MaxWarrantyMonths / 12})
	}
	if it.WarrantyFrom > WarrantyFromReceipt {
		problems.add(0, "", "choose whether the warranty starts at the sale or at the receipt")
	}
	if it.VIN && !it.UseSerial {
		problems.add(0, "", "VIN needs Use serial number: the VIN is the unit's serial")
	}
	if it.VIN && it.Pattern != "" {
		problems.add(0, "", "a VIN has its own rule; clear the pattern, or turn VIN off")
	}
	if it.GTIN, err = NormalizeGTIN(in.GTIN); err != nil {
		problems.addErr(0, "", err)
	}
	if it.CreateEntity && it.Model == 0 {
		problems.add(0, "", "Create entity needs a model: link the item to a model of the brand/model registry")
	}
	if it.CreateEntity && !it.UseSerial {
		problems.add(0, "", "Create entity needs Use serial number: the entity keeps the unit's serial")
	}
	return it, problems.err("The item card has a problem; nothing was saved.", "The item card has {{.Count}} problems; nothing was saved.")
}

// SaveItem creates an item card (ID 0) or updates one.
func (r *Register) SaveItem(in Item) (Item, error) {
	it, err := checkItem(in)
	if err != nil {
		return Item{}, err
	}
	unwarranted, err := r.withoutWarranty(it)
	if err != nil {
		return Item{}, err
	}
	return write(r, func(tx Tx) (Item, error) {
		other, err := tx.ItemByNo(it.No)
		switch {
		case err == nil && other.ID != it.ID:
			return it, errorf(Conflict, "item number {{.Item}} is already used by {{.Other}}", Values{"Item": it.No, "Other": other.Label()})
		case err != nil && !isNotFound(err):
			return it, err
		}
		saved := it
		var stored Item
		id, err := numberFor(tx, SeqItem, uint64(it.ID), func() (err error) {
			stored, err = tx.Item(it.ID)
			if err != nil {
				return notFoundAs(err, "the item was not found; it may have been removed")
			}
			if err := sameRevision(Say("The item card {{.Number}}", Values{"Number": stored.No}), stored.LastChange, it.LastChange); err != nil {
				return err
			}
			saved.LastChange = stored.LastChange
			return nil
		})
		if err != nil {
			return it, err
		}
		saved.ID = ItemID(id)
		r.change(&saved.LastChange, r.now())
		if it.Model != 0 {
			if err := checkModelFree(tx, it.Model, saved.ID); err != nil {
				return it, err
			}
		}
		if stored.WarrantyMonths != saved.WarrantyMonths || stored.WarrantyFrom != saved.WarrantyFrom {
			if err := giveWarranty(tx, saved, unwarranted); err != nil {
				return it, err
			}
		}
		return saved, tx.PutItem(saved)
	})
}

// withoutWarranty lists the serials of an item that have no warranty, when
// its card gives one: the units a new warranty on the card reaches.
func (r *Register) withoutWarranty(it Item) ([]string, error) {
	if it.ID == 0 || it.WarrantyMonths == 0 {
		return nil, nil
	}
	return read(r, func(tx Tx) ([]string, error) {
		recs, _, err := tx.SearchSerials(SerialQuery{Item: it.ID})
		var out []string
		for _, rec := range recs {
			if rec.Warranty.IsZero() {
				out = append(out, rec.Serial)
			}
		}
		return out, err
	})
}

// giveWarranty gives the units that have no warranty the one the item card
// now gives, counted from their sale or receipt, so that a shop that starts
// keeping warranties sees them on what it sold before. A warranty already
// given stays as it was promised.
func giveWarranty(tx Tx, it Item, serials []string) error {
	recs, err := tx.Serials(it.ID, serials)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		from := rec.Sale()
		if it.WarrantyFrom == WarrantyFromReceipt {
			from = rec.Received
		}
		if !rec.Warranty.IsZero() || from == nil {
			continue
		}
		rec.Warranty = it.warrantyFrom(from.Date)
		if err := tx.PutSerial(rec); err != nil {
			return err
		}
	}
	return nil
}

// checkModelFree makes sure a model exists and no other item holds it: the
// spec needs one item per model.
func checkModelFree(tx Tx, model ModelID, item ItemID) error {
	m, err := tx.Model(model)
	if err != nil {
		return notFoundAs(err, "the model was not found in the brand/model registry")
	}
	holder, err := tx.ItemOfModel(model)
	switch {
	case err == nil && holder != item:
		other, err := tx.Item(holder)
		if err != nil {
			return err
		}
		name, err := modelName(tx, m)
		if err != nil {
			return err
		}
		return errorf(Conflict, "model {{.Name}} is already linked to item {{.Other}}; each model can have only one item", Values{"Name": name, "Other": other.Label()})
	case err != nil && !isNotFound(err):
		return err
	}
	return nil
}

// Item returns one item card.
func (r *Register) Item(id ItemID) (Item, error) {
	return read(r, func(tx Tx) (Item, error) {
		it, err := tx.Item(id)
		return it, notFoundAs(err, "the item was not found")
	})
}

// ItemByNo returns the item with that number, in any case.
func (r *Register) ItemByNo(no string) (Item, error) {
	no = strings.TrimSpace(no)
	return read(r, func(tx Tx) (Item, error) {
		it, err := tx.ItemByNo(no)
		return it, notFoundAs(err, "there is no item with number {{.Item}}", Values{"Item": no})
	})
}

// Items lists the item cards whose number or name contains filter (any
// case), ordered by item number, with their stock.
func (r *Register) Items(filter string) ([]ItemRow, error) {
	filter = strings.ToUpper(strings.TrimSpace(filter))
	return read(r, func(tx Tx) ([]ItemRow, error) {
		return itemRows(tx, func(it Item) bool {
			return filter == "" || strings.Contains(strings.ToUpper(it.No), filter) || strings.Contains(strings.ToUpper(it.Name), filter)
		})
	})
}

// itemRows are the items keep selects with their counts, by number.
func itemRows(tx Tx, keep func(Item) bool) ([]ItemRow, error) {
	items, err := tx.Items()
	if err != nil {
		return nil, err
	}
	names, err := modelNames(tx)
	if err != nil {
		return nil, err
	}
	var rows []ItemRow
	for _, it := range items {
		if !keep(it) {
			continue
		}
		st, err := tx.Stock(it.ID)
		if err != nil {
			return nil, err
		}
		rows = append(rows, ItemRow{Item: it, Stock: st, Model: names[it.Model]})
	}
	sort.Slice(rows, func(i, j int) bool { return strings.ToUpper(rows[i].No) < strings.ToUpper(rows[j].No) })
	return rows, nil
}

// stockPage is how many units a stock count reads at a time.
const stockPage = 10_000

// CountStock reads what is on the shelves for a stock count, in one
// consistent read, so that the counts and the units listed agree: first
// the items with units in stock (item 0: every item), by number, to
// items; then each serialized one's units in stock, by serial, to units, a
// page at a time. An item kept without serials has its count only.
func (r *Register) CountStock(item ItemID, items func([]ItemRow) error, units func(ItemRow, []SerialRow) error) error {
	q := SerialQuery{State: InStock, Limit: stockPage, Today: r.today()}
	return asError(r.store.View(func(tx Tx) error {
		rows, err := itemRows(tx, func(it Item) bool { return item == 0 || it.ID == item })
		if err != nil {
			return err
		}
		rows = slices.DeleteFunc(rows, func(it ItemRow) bool { return it.Stock.InStock() <= 0 })
		if item != 0 && len(rows) == 0 {
			if _, err := tx.Item(item); err != nil {
				return notFoundAs(err, "the item was not found; it may have been deleted")
			}
		}
		if err := items(rows); err != nil {
			return err
		}
		for _, it := range rows {
			if !it.UseSerial {
				continue
			}
			q.Item = it.ID
			for q.Offset = 0; ; q.Offset += stockPage {
				page, err := searchSerials(tx, q)
				if err != nil {
					return err
				}
				if err := units(it, page.Rows); err != nil {
					return err
				}
				if len(page.Rows) < stockPage {
					break
				}
			}
		}
		return nil
	}))
}

// Stock returns the unit counts of one item.
func (r *Register) Stock(id ItemID) (Stock, error) {
	return read(r, func(tx Tx) (Stock, error) { return tx.Stock(id) })
}
