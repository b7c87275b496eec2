package core

// Copied counts what CopyRegister copied.
type Copied struct {
	Items, Receipts, Orders, Serials, Events, Entities int
}

// Message says what was copied.
func (c Copied) Message() Message {
	return Say("{{.Items}} item cards, {{.Receipts}} goods receipts, {{.Orders}} orders, {{.Serials}} serials with {{.Events}} history lines, {{.Entities}} entities",
		Values{"Items": c.Items, "Receipts": c.Receipts, "Orders": c.Orders, "Serials": c.Serials, "Events": c.Events, "Entities": c.Entities})
}

// String is the message in English.
func (c Copied) String() string { return c.Message().String() }

// copyPart is how many serials or history lines one write of a copy holds.
const copyPart = 20_000

// CopyRegister copies every record of the register in from into to, which
// must hold none, as they are: numbers, states and history included, and
// the counters that number new documents. It reads one consistent state of
// from and changes nothing there. The records go to the new place in parts;
// should the copy stop, the new place holds part of the register, which
// the caller empties. progress, if set, hears how many serials are done.
func CopyRegister(from, to Store, progress func(serials int)) (Copied, error) {
	var n Copied
	if err := mustBeEmpty(to); err != nil {
		return n, err
	}
	err := from.View(func(src Tx) error {
		if err := copyRecords(src, to, &n); err != nil {
			return err
		}
		var part []Serial
		flush := func() error {
			err := to.Update(func(dst Tx) error {
				for _, rec := range part {
					if err := dst.PutSerial(rec); err != nil {
						return err
					}
				}
				return nil
			})
			n.Serials += len(part)
			part = part[:0]
			if progress != nil {
				progress(n.Serials)
			}
			return err
		}
		if err := src.EachSerial(func(rec Serial) error {
			if part = append(part, rec); len(part) == copyPart {
				return flush()
			}
			return nil
		}); err != nil {
			return err
		}
		if err := flush(); err != nil {
			return err
		}
		var events []Event
		flushEvents := func() error {
			err := to.Update(func(dst Tx) error {
				for _, ev := range events {
					if err := dst.AddEvent(ev); err != nil {
						return err
					}
				}
				return nil
			})
			n.Events += len(events)
			events = events[:0]
			return err
		}
		if err := src.EachEvent(func(ev Event) error {
			if events = append(events, ev); len(events) == copyPart {
				return flushEvents()
			}
			return nil
		}); err != nil {
			return err
		}
		return flushEvents()
	})
	return n, asError(err)
}

// mustBeEmpty refuses to copy over a register that holds anything.
func mustBeEmpty(to Store) error {
	return asError(to.View(func(tx Tx) error {
		items, err := tx.Items()
		if err != nil {
			return err
		}
		receipts, err := tx.ReceiptHeads()
		if err != nil {
			return err
		}
		orders, err := tx.OrderHeads()
		if err != nil {
			return err
		}
		brands, err := tx.Brands()
		if err != nil {
			return err
		}
		_, serials, err := tx.SearchSerials(SerialQuery{Limit: 1})
		if err != nil {
			return err
		}
		parties, err := tx.Parties()
		if err != nil {
			return err
		}
		if len(items)+len(receipts)+len(orders)+len(brands)+len(parties)+serials > 0 {
			return errorf(Conflict, "the register to copy into is not empty: it has {{.Items}} item cards, {{.Receipts}} receipts, {{.Orders}} orders and {{.Serials}} serials. Copy into a new, empty one.", Values{"Items": len(items), "Receipts": len(receipts), "Orders": len(orders), "Serials": serials})
		}
		return nil
	}))
}

// copyRecords copies everything but serials and history in one write.
func copyRecords(src Tx, to Store, n *Copied) error {
	items, err := src.Items()
	if err != nil {
		return err
	}
	stock := map[ItemID]Stock{}
	for _, it := range items {
		if stock[it.ID], err = src.Stock(it.ID); err != nil {
			return err
		}
	}
	brands, err := src.Brands()
	if err != nil {
		return err
	}
	models, err := src.Models()
	if err != nil {
		return err
	}
	entities, err := src.Entities()
	if err != nil {
		return err
	}
	seqs, err := src.Sequences()
	if err != nil {
		return err
	}
	receipts, err := src.ReceiptHeads()
	if err != nil {
		return err
	}
	orders, err := src.OrderHeads()
	if err != nil {
		return err
	}
	supplierReturns, err := src.SupplierReturnHeads()
	if err != nil {
		return err
	}
	parties, err := src.Parties()
	if err != nil {
		return err
	}
	shop, err := src.Shop()
	if err != nil && !isNotFound(err) {
		return err
	}
	n.Items, n.Entities, n.Receipts, n.Orders = len(items), len(entities), len(receipts), len(orders)
	return to.Update(func(dst Tx) error {
		for _, it := range items {
			if err := dst.PutItem(it); err != nil {
				return err
			}
			if st := stock[it.ID]; st != (Stock{}) {
				if err := dst.PutStock(it.ID, st); err != nil {
					return err
				}
			}
		}
		for _, b := range brands {
			if err := dst.PutBrand(b); err != nil {
				return err
			}
		}
		for _, p := range parties {
			if err := dst.PutParty(p); err != nil {
				return err
			}
		}
		if shop != (Shop{}) {
			if err := dst.PutShop(shop); err != nil {
				return err
			}
		}
		for _, m := range models {
			if err := dst.PutModel(m); err != nil {
				return err
			}
		}
		for _, e := range entities {
			if err := dst.PutEntity(e); err != nil {
				return err
			}
		}
		for seq, last := range seqs {
			if err := dst.SetSequence(seq, last); err != nil {
				return err
			}
		}
		// Documents are read one at a time: a delivery can hold 50,000
		// serials.
		for _, h := range receipts {
			rc, err := src.Receipt(h.ID)
			if err != nil {
				return err
			}
			if err := dst.PutReceipt(rc); err != nil {
				return err
			}
		}
		for _, h := range orders {
			o, err := src.Order(h.ID)
			if err != nil {
				return err
			}
			if err := dst.PutOrder(o); err != nil {
				return err
			}
		}
		for _, h := range supplierReturns {
			sr, err := src.SupplierReturn(h.ID)
			if err != nil {
				return err
			}
			if err := dst.PutSupplierReturn(sr); err != nil {
				return err
			}
		}
		return nil
	})
}
