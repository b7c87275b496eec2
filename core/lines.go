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
	warnings problemList // what the user is told and may accept
	seen     map[serialKey]int
	items    map[ItemID]Item
}

func newLineCheck(tx Tx) *lineCheck {
	return &lineCheck{tx: tx, seen: map[serialKey]int{}, items: map[ItemID]Item{}}
}

// warningsOf is what the check warned of; none when it did not get to
// the lines.
func (c *lineCheck) warningsOf() []Problem {
	if c == nil {
		return nil
	}
	return c.warnings
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
// normalized. required says whether every unit needs a serial here.
func (c *lineCheck) serials(n int, it Item, qty int, typed []string, required bool) []string {
	switch {
	case qty < 1:
		c.problems.add(n, "", "the quantity must be at least 1")
	case qty > MaxQuantity:
		c.problems.add(n, "", "a quantity of {{.Quantity}} is more than one line can hold ({{.Max}})", Values{"Quantity": qty, "Max": MaxQuantity})
	}
	typed = dropBlank(typed)
	if !it.UseSerial {
		if len(typed) > 0 {
			c.problems.add(n, "", "{{.Item}} does not use serial numbers; remove the serials or turn on Use serial number on the item card", Values{"Item": it.Label()})
		}
		return nil
	}
	if len(typed) > qty && qty >= 1 {
		c.problems.add(n, "", "{{.Serials}} serials for a quantity of {{.Quantity}}; one serial goes with one unit", Values{"Serials": len(typed), "Quantity": qty})
	}
	if required && len(typed) < qty && qty <= MaxQuantity {
		c.problems.add(n, "", "{{.Item}} needs a serial for every unit: {{.Serials}} of {{.Quantity}} entered", Values{"Item": it.Label(), "Serials": len(typed), "Quantity": qty})
	}
	out := make([]string, 0, len(typed))
	for _, raw := range typed {
		s, err := it.ReadSerial(raw)
		if err == nil {
			err = c.fitsShape(it, n, s)
		}
		if err != nil {
			c.problems.addErr(n, raw, err)
			continue
		}
		k := serialKey{it.ID, s}
		if first, twice := c.seen[k]; twice {
			c.problems.add(n, s, "entered twice (first on line {{.First}})", Values{"First": first})
			continue
		}
		c.seen[k] = n
		out = append(out, s)
	}
	return out
}

// ReadSerial reads a serial as typed or scanned for this item and returns
// it as the register keeps it. A GS1 code gives the serial it carries (AI
// 21), and must be of this item when the card has a GTIN. Whether the
// serial has the item's shape (pattern or VIN) is checked with the
// document, which knows the units already registered.
func (it Item) ReadSerial(raw string) (string, error) {
	code, isGS1, err := ReadGS1(raw)
	switch {
	case err != nil:
		return "", err
	case !isGS1:
		return NormalizeSerial(raw)
	case it.GTIN != "" && code.GTIN != "" && code.GTIN != it.GTIN:
		return "", errorf(Invalid, "the scanned GS1 code is of GTIN {{.Scanned}}, but {{.Item}} has GTIN {{.GTIN}}", Values{"Scanned": code.GTIN, "Item": it.Label(), "GTIN": it.GTIN})
	}
	return NormalizeSerial(code.Serial)
}

// shape checks a serial against what the item card asks of each: a VIN,
// or its pattern.
func (it Item) shape(serial string) error {
	if it.VIN {
		return CheckVIN(serial)
	}
	return it.pattern().Check(serial)
}

// fitsShape checks a serial against the item's pattern or VIN rule, and
// warns of a VIN whose check digit is not the North American one. A unit
// already registered passes whatever the card says now: a new pattern
// applies to new serials and must not strand the stock on the shelf, and
// a VIN accepted when the car came in is not questioned again.
func (c *lineCheck) fitsShape(it Item, n int, serial string) error {
	err := it.shape(serial)
	var warning Message
	if err == nil && it.VIN {
		warning = VINWarning(serial)
	}
	if err == nil && warning.Empty() {
		return nil
	}
	if _, exists, lookupErr := serialOrNone(c.tx, it.ID, serial); lookupErr != nil || exists {
		return lookupErr
	}
	if !warning.Empty() {
		c.warnings.addReason("", n, serial, warning)
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

// toSupplier counts units that went back to the supplier (negative: came
// back from a cancelled return).
func (d stockDelta) toSupplier(id ItemID, n int) {
	s := d[id]
	s.ToSupplier += int64(n)
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
		st.ToSupplier += delta.ToSupplier
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
