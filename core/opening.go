package core

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// The two parts of an opening-stock list, named as the sheets of a workbook.
const (
	ItemsPart   = "Items"
	SerialsPart = "Serials"
)

// OpeningStock brings the stock of a shop into a new installation: the
// item cards and the serials on the shelf, each with the row it came from.
type OpeningStock struct {
	Items   []OpeningItem
	Serials []OpeningSerial
	// Unreadable lists cells the reader could not make sense of; they are
	// reported with everything the import finds, and nothing is stored.
	Unreadable []Problem
}

// OpeningItem is an item card; Brand and Model name its model, which is
// added to the registry when missing.
type OpeningItem struct {
	Row          int
	Item         Item
	Brand, Model string
}

// OpeningSerial is a unit in stock.
type OpeningSerial struct {
	Row      int
	ItemNo   string
	Serial   string
	Received time.Time // zero for today
	Supplier string
	Cost     Money
}

// OpeningResult says what an import did.
type OpeningResult struct {
	NewItems  int // item cards added
	KeptItems int // item numbers the register already had, left as they are
	Serials   int
	Receipts  []DocRef // one per supplier and date
}

// Message says in a sentence what the import did.
func (res OpeningResult) Message() Message {
	docs := make([]string, len(res.Receipts))
	for i, d := range res.Receipts {
		docs[i] = d.String()
	}
	values := Values{"Items": Count(res.NewItems, "1 item card", "{{.Count}} item cards"), "Kept": res.KeptItems,
		"Serials": Count(res.Serials, "1 serial number", "{{.Count}} serial numbers"), "Receipts": strings.Join(docs, ", ")}
	if len(docs) == 0 {
		return Say("Imported {{.Items}} ({{.Kept}} already there, kept as they were) and {{.Serials}} in stock.", values)
	}
	return Say("Imported {{.Items}} ({{.Kept}} already there, kept as they were) and {{.Serials}} in stock on {{.Receipts}}.", values)
}

// String is the message in English.
func (res OpeningResult) String() string { return res.Message().String() }

// openingReference marks the receipts an import makes.
const openingReference = "Opening stock"

// ImportOpeningStock checks the whole list first and stores it in one
// operation: on any problem nothing is stored and the error lists every bad
// row by sheet, row and reason. Item numbers the register already has are
// kept as they are; the serials go in stock through one receipt per
// supplier and date.
func (r *Register) ImportOpeningStock(in OpeningStock) (OpeningResult, error) {
	return write(r, func(tx Tx) (OpeningResult, error) {
		var res OpeningResult
		var problems problemList
		itemRows, serialRows := in.readable()
		items, err := r.openingItems(tx, itemRows, &res, &problems)
		if err != nil {
			return res, err
		}
		groups, err := openingSerials(tx, serialRows, items, &problems)
		if err != nil {
			return res, err
		}
		if len(problems)+len(in.Unreadable) > 0 {
			all := append(slices.Clone(in.Unreadable), problems...)
			sort.SliceStable(all, func(i, j int) bool {
				return all[i].Sheet < all[j].Sheet || (all[i].Sheet == all[j].Sheet && all[i].Line < all[j].Line)
			})
			return res, problemList(all).errAs(Say("The opening stock has a problem; nothing was imported."),
				Say("The opening stock has {{.Count}} problems; nothing was imported."))
		}
		for _, g := range groups {
			rc, err := r.confirm(tx, g)
			if err != nil {
				return res, err
			}
			res.Receipts = append(res.Receipts, rc.Ref())
			res.Serials += rc.Units()
		}
		return res, nil
	})
}

// readable leaves out the rows with unreadable cells, and the serials of
// items whose row is one of them, so that the import does not add guesses
// to what the reader reported.
func (in OpeningStock) readable() ([]OpeningItem, []OpeningSerial) {
	bad := map[string]map[int]bool{ItemsPart: {}, SerialsPart: {}}
	for _, p := range in.Unreadable {
		if bad[p.Sheet] != nil {
			bad[p.Sheet][p.Line] = true
		}
	}
	var items []OpeningItem
	doubtful := map[string]bool{}
	for _, oi := range in.Items {
		if bad[ItemsPart][oi.Row] {
			doubtful[strings.ToUpper(strings.TrimSpace(oi.Item.No))] = true
			continue
		}
		items = append(items, oi)
	}
	var serials []OpeningSerial
	for _, os := range in.Serials {
		if !bad[SerialsPart][os.Row] && !doubtful[strings.ToUpper(strings.TrimSpace(os.ItemNo))] {
			serials = append(serials, os)
		}
	}
	return items, serials
}

// openingItems adds the item cards the register does not have yet and
// returns every item of the list by number.
func (r *Register) openingItems(tx Tx, list []OpeningItem, res *OpeningResult, problems *problemList) (map[string]Item, error) {
	items := map[string]Item{}
	rows := map[string]int{}
	for _, oi := range list {
		no := strings.ToUpper(strings.TrimSpace(oi.Item.No))
		if first, twice := rows[no]; twice && no != "" {
			problems.addIn(ItemsPart, oi.Row, "", "item number {{.Item}} is there twice (first on row {{.First}})", Values{"Item": Echo(oi.Item.No), "First": first})
			continue
		}
		rows[no] = oi.Row
		if existing, err := tx.ItemByNo(no); err == nil {
			items[no] = existing
			res.KeptItems++
			continue
		} else if !isNotFound(err) {
			return nil, err
		}
		it := oi.Item
		if oi.Model != "" {
			id, err := findOrAddModel(tx, oi.Brand, oi.Model)
			if err != nil {
				problems.addReason(ItemsPart, oi.Row, "", Reason(err))
				continue
			}
			it.Model = id
		}
		it, err := checkItem(it)
		if err != nil {
			for _, p := range Problems(err) {
				problems.addReason(ItemsPart, oi.Row, "", p.Reason)
			}
			continue
		}
		if it.Model != 0 {
			if err := checkModelFree(tx, it.Model, 0); err != nil {
				problems.addReason(ItemsPart, oi.Row, "", Reason(err))
				continue
			}
		}
		id, err := tx.NextID(SeqItem)
		if err != nil {
			return nil, err
		}
		it.ID = ItemID(id)
		if err := tx.PutItem(it); err != nil {
			return nil, err
		}
		items[no] = it
		res.NewItems++
	}
	return items, nil
}

// findOrAddModel finds a model of the registry by brand and name (any
// case), adding what is missing.
func findOrAddModel(tx Tx, brandName, modelName string) (ModelID, error) {
	brandName, err := requiredText(Say("the brand"), brandName)
	if err != nil {
		return 0, err
	}
	modelName, err = requiredText(Say("the model"), modelName)
	if err != nil {
		return 0, err
	}
	brands, err := tx.Brands()
	if err != nil {
		return 0, err
	}
	var brand Brand
	for _, b := range brands {
		if strings.EqualFold(b.Name, brandName) {
			brand = b
		}
	}
	if brand.ID == 0 {
		id, err := tx.NextID(SeqBrand)
		if err != nil {
			return 0, err
		}
		brand = Brand{ID: BrandID(id), Name: brandName}
		if err := tx.PutBrand(brand); err != nil {
			return 0, err
		}
	}
	models, err := tx.Models()
	if err != nil {
		return 0, err
	}
	for _, m := range models {
		if m.Brand == brand.ID && strings.EqualFold(m.Name, modelName) {
			return m.ID, nil
		}
	}
	id, err := tx.NextID(SeqModel)
	if err != nil {
		return 0, err
	}
	return ModelID(id), tx.PutModel(Model{ID: ModelID(id), Brand: brand.ID, Name: modelName})
}

// openingSerials checks the serials and groups them into receipts, one
// per supplier and date, a line per item and cost.
func openingSerials(tx Tx, list []OpeningSerial, items map[string]Item, problems *problemList) ([]Receipt, error) {
	type group struct {
		supplier string
		date     time.Time
	}
	type line struct {
		item ItemID
		cost Money
	}
	receipts := map[group]map[line][]string{}
	seen := map[serialKey]int{}
	check := &lineCheck{tx: tx}
	for _, os := range list {
		no := strings.ToUpper(strings.TrimSpace(os.ItemNo))
		it, ok := items[no]
		if !ok {
			found, err := tx.ItemByNo(no)
			if err != nil && !isNotFound(err) {
				return nil, err
			}
			if err != nil {
				problems.addIn(SerialsPart, os.Row, os.Serial, "there is no item {{.Item}}; add its card to the Items sheet", Values{"Item": Echo(strings.TrimSpace(os.ItemNo)).Quoted()})
				continue
			}
			it = found
		}
		if !it.UseSerial {
			problems.addIn(SerialsPart, os.Row, os.Serial, "{{.Item}} does not use serial numbers", Values{"Item": it.Label()})
			continue
		}
		s, err := it.ReadSerial(os.Serial)
		if err == nil {
			err = check.fitsShape(it, os.Row, s) // a VIN's warning is taken as read: the stock is there
		}
		if err != nil {
			problems.addReason(SerialsPart, os.Row, os.Serial, Reason(err))
			continue
		}
		k := serialKey{it.ID, s}
		if first, twice := seen[k]; twice {
			problems.addIn(SerialsPart, os.Row, s, "there twice (first on row {{.First}})", Values{"First": first})
			continue
		}
		seen[k] = os.Row
		rec, exists, err := serialOrNone(tx, it.ID, s)
		if err != nil {
			return nil, err
		}
		if exists && rec.State.Available() {
			problems.addIn(SerialsPart, os.Row, s, "already in stock ({{.Whereabouts}})", Values{"Whereabouts": rec.whereabouts()})
			continue
		}
		if os.Cost < 0 {
			problems.addIn(SerialsPart, os.Row, s, "the unit cost cannot be negative")
			continue
		}
		supplier, err := cleanText(Say("the supplier"), os.Supplier, MaxTextLength)
		if err != nil {
			problems.addReason(SerialsPart, os.Row, s, Reason(err))
			continue
		}
		g := group{supplier, Day(os.Received)}
		if receipts[g] == nil {
			receipts[g] = map[line][]string{}
		}
		l := line{it.ID, os.Cost}
		receipts[g][l] = append(receipts[g][l], s)
	}
	var out []Receipt
	for g, lines := range receipts {
		rc := Receipt{Date: g.date, Supplier: g.supplier, Reference: openingReference}
		if rc.Supplier == "" {
			rc.Supplier = openingReference
		}
		for l, serials := range lines {
			rc.Lines = append(rc.Lines, ReceiptLine{Item: l.item, Quantity: len(serials), Serials: serials, UnitCost: l.cost})
		}
		sort.Slice(rc.Lines, func(i, j int) bool {
			a, b := rc.Lines[i], rc.Lines[j]
			return a.Item < b.Item || (a.Item == b.Item && a.UnitCost < b.UnitCost)
		})
		out = append(out, rc)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return a.Date.Before(b.Date) || (a.Date.Equal(b.Date) && a.Supplier < b.Supplier)
	})
	return out, nil
}
