package core

import "strings"

// serialKey identifies a unit: the same serial may exist for two items made
// by different manufacturers.
type serialKey struct {
	item   ItemID
	serial string
}

// lineCheck holds what the checks of one document share: the problems found
// so far and where each serial was first seen, to catch doubles.
type lineCheck struct {
	tx       Tx
	problems problemList
	seen     map[serialKey]int
	items    map[ItemID]Item
}

func newLineCheck(tx Tx) *lineCheck {
	return &lineCheck{tx: tx, seen: map[serialKey]int{}, items: map[ItemID]Item{}}
}

// item looks up a line's item once per document.
func (c *lineCheck) item(n int, id ItemID) (Item, bool, error) {
	if it, ok := c.items[id]; ok {
		return it, true, nil
	}
	it, err := c.tx.Item(id)
	if isNotFound(err) {
		c.problems.add(n, "", "choose an item for the line")
		return Item{}, false, nil
	}
	if err != nil {
		return Item{}, false, err
	}
	c.items[id] = it
	return it, true, nil
}

// serials checks the quantity and serials of line n and returns the serials
// normalized. required says whether every unit needs a serial here; doc
// names the document in messages ("receipt", "order").
func (c *lineCheck) serials(n int, it Item, qty int, typed []string, required bool, doc string) []string {
	switch {
	case qty < 1:
		c.problems.add(n, "", "the quantity must be at least 1")
	case qty > MaxQuantity:
		c.problems.add(n, "", "a quantity of %d is more than one line can hold (%d)", qty, MaxQuantity)
	}
	typed = dropBlank(typed)
	if !it.UseSerial {
		if len(typed) > 0 {
			c.problems.add(n, "", "%s does not use serial numbers; remove the serials or turn on Use serial number on the item card", it.Label())
		}
		return nil
	}
	if len(typed) > qty && qty >= 1 {
		c.problems.add(n, "", "%d serials for a quantity of %d; one serial goes with one unit", len(typed), qty)
	}
	if required && len(typed) < qty && qty <= MaxQuantity {
		c.problems.add(n, "", "%s needs a serial for every unit: %d of %d entered", it.Label(), len(typed), qty)
	}
	out := make([]string, 0, len(typed))
	for _, raw := range typed {
		s, err := NormalizeSerial(raw)
		if err == nil {
			err = c.fitsPattern(it, s)
		}
		if err != nil {
			c.problems.add(n, raw, "%s", reasonOf(err))
			continue
		}
		k := serialKey{it.ID, s}
		if first, twice := c.seen[k]; twice {
			c.problems.add(n, s, "entered twice in this %s (first on line %d)", doc, first)
			continue
		}
		c.seen[k] = n
		out = append(out, s)
	}
	return out
}

// fitsPattern checks a serial against the item's pattern. A unit already
// registered passes whatever the pattern is now: a new pattern on the item
// card applies to new serials and must not strand the stock on the shelf.
func (c *lineCheck) fitsPattern(it Item, serial string) error {
	err := it.pattern().Check(serial)
	if err == nil {
		return nil
	}
	if _, exists, lookupErr := serialOrNone(c.tx, it.ID, serial); lookupErr != nil || exists {
		return lookupErr
	}
	return err
}

// dropBlank removes empty rows, as left by a scanner's extra Enter.
func dropBlank(serials []string) []string {
	out := make([]string, 0, len(serials))
	for _, s := range serials {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// stockDelta adds up per item what one operation does to the counts.
type stockDelta map[ItemID]Stock

func (d stockDelta) add(id ItemID, purchased, sold, returned int) {
	s := d[id]
	s.Purchased += int64(purchased)
	s.Sold += int64(sold)
	s.Returned += int64(returned)
	d[id] = s
}

// write adds the deltas to the stored counts.
func (d stockDelta) write(tx Tx) error {
	for id, delta := range d {
		st, err := tx.Stock(id)
		if err != nil {
			return err
		}
		st.Purchased += delta.Purchased
		st.Sold += delta.Sold
		st.Returned += delta.Returned
		if err := tx.PutStock(id, st); err != nil {
			return err
		}
	}
	return nil
}

// serialOrNone reads a serial record; ok is false when none exists.
func serialOrNone(tx Tx, item ItemID, serial string) (Serial, bool, error) {
	rec, err := tx.Serial(item, serial)
	if isNotFound(err) {
		return Serial{}, false, nil
	}
	return rec, err == nil, err
}

// replacedRecord finds a serial's record as it was before a document
// replaced it; ok is false when the document created the serial.
func replacedRecord(replaced []Serial, k serialKey) (prior Serial, ok bool) {
	for _, prior := range replaced {
		if prior.Item == k.item && prior.Serial == k.serial {
			return prior, true
		}
	}
	return Serial{}, false
}

// putOrDelete stores what is left of a serial, or removes the serial when
// nothing is.
func putOrDelete(tx Tx, k serialKey, left Serial, keep bool) error {
	if keep {
		return tx.PutSerial(left)
	}
	return tx.DeleteSerial(k.item, k.serial)
}
