package core

import (
	"slices"
	"time"
)

// Paper is a goods receipt or an order as its printed list shows it: the
// shop, the other party, and each line with its serials and the warranty
// the register gives them, read in one go so that they agree.
type Paper struct {
	Shop Shop
	Doc  DocRef
	Date time.Time
	// Party is the customer's or supplier's card; a document from before
	// the cards has only the name, and a cash sale none.
	Party     Party
	Reference string
	// Status is the word the paper is stamped with: none for a saved
	// order or a confirmed receipt, else draft or cancelled.
	Status Message
	By     string // who entered it last
	Lines  []PaperLine
}

// PaperLine is one line of a printed document.
type PaperLine struct {
	ItemNo, ItemName string
	Quantity         int
	Price            Money // the unit price of a sale, the unit cost of a receipt
	Serials          []PaperSerial
}

// Amount is what the line's units come to.
func (l PaperLine) Amount() Money { return l.Price * Money(l.Quantity) }

// PaperSerial is one unit on a printed document; Warranty is zero when the
// unit has none from this document (or has moved on since), Returned the
// day a customer brought it back against this order.
type PaperSerial struct {
	Serial   string
	Warranty time.Time
	Returned time.Time
}

// PaperTitle is what a document's paper is called: a sales slip for an
// order, a goods receipt for a receipt.
func (k DocKind) PaperTitle() Message {
	if k == ReceiptDoc {
		return Say("Goods receipt")
	}
	return Say("Sales slip")
}

// Total is what the document's lines come to.
func (p Paper) Total() Money {
	var sum Money
	for _, l := range p.Lines {
		sum += l.Amount()
	}
	return sum
}

// Units is how many units the document lists.
func (p Paper) Units() int { return sumQuantity(p.Lines, func(l PaperLine) int { return l.Quantity }) }

// OrderPaper is an order as its sales slip shows it.
func (r *Register) OrderPaper(id DocID) (Paper, error) {
	return read(r, func(tx Tx) (Paper, error) {
		o, err := tx.Order(id)
		if err != nil {
			return Paper{}, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": DocRef{OrderDoc, id}})
		}
		p := Paper{Doc: o.Ref(), Date: o.Date, Reference: o.Reference, By: o.By}
		if o.Cancelled() {
			p.Status = Cancelled.Word()
		}
		lines := make([]paperLine, len(o.Lines))
		for i, l := range o.Lines {
			lines[i] = paperLine{l.Item, l.Quantity, l.UnitPrice, l.Serials}
		}
		if err := p.fill(tx, Customer, o.CustomerID, o.Customer, lines, func(_ Item, s Serial) *Movement { return s.Sale() }); err != nil {
			return p, err
		}
		for _, ret := range o.Returns {
			for i, l := range o.Lines {
				if l.Item != ret.Item {
					continue
				}
				for k, u := range p.Lines[i].Serials {
					if slices.Contains(ret.Serials, u.Serial) {
						p.Lines[i].Serials[k].Returned = ret.Date
					}
				}
			}
		}
		return p, nil
	})
}

// ReceiptPaper is a goods receipt as its printed list shows it.
func (r *Register) ReceiptPaper(id DocID) (Paper, error) {
	return read(r, func(tx Tx) (Paper, error) {
		rc, err := tx.Receipt(id)
		if err != nil {
			return Paper{}, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": DocRef{ReceiptDoc, id}})
		}
		p := Paper{Doc: rc.Ref(), Date: rc.Date, Reference: rc.Reference, By: rc.By}
		if rc.Status != Confirmed {
			p.Status = rc.Status.Word()
		}
		lines := make([]paperLine, len(rc.Lines))
		for i, l := range rc.Lines {
			lines[i] = paperLine{l.Item, l.Quantity, l.UnitCost, l.Serials}
		}
		// A warranty counted from the sale is the customer's, not this
		// delivery's; so is one a sale may have extended.
		return p, p.fill(tx, Supplier, rc.SupplierID, rc.Supplier, lines, func(it Item, s Serial) *Movement {
			if it.WarrantyFrom != WarrantyFromReceipt || s.Sold != nil {
				return nil
			}
			return s.Received
		})
	})
}

// paperLine is a document's line as every kind has it.
type paperLine struct {
	item     ItemID
	quantity int
	price    Money
	serials  []string
}

// fill reads the shop, the party and the lines' items and serials; a
// unit's warranty shows when moved says its warranty came with it through
// this document.
func (p *Paper) fill(tx Tx, kind PartyKind, partyID PartyID, name string, lines []paperLine, moved func(Item, Serial) *Movement) error {
	var err error
	if p.Shop, err = tx.Shop(); err != nil && !isNotFound(err) {
		return err
	}
	p.Party = Party{Kind: kind, Name: name}
	if partyID != 0 {
		if card, err := tx.Party(partyID); err == nil {
			p.Party = card
		} else if !isNotFound(err) {
			return err
		}
	}
	items := map[ItemID]Item{}
	for _, l := range lines {
		it, ok := items[l.item]
		if !ok {
			if it, err = tx.Item(l.item); err != nil {
				return err
			}
			items[l.item] = it
		}
		recs, err := tx.Serials(l.item, l.serials)
		if err != nil {
			return err
		}
		line := PaperLine{ItemNo: it.No, ItemName: it.Name, Quantity: l.quantity, Price: l.price}
		for _, s := range l.serials {
			unit := PaperSerial{Serial: s}
			if rec, ok := recs[s]; ok {
				if m := moved(it, rec); m != nil && m.Doc == p.Doc {
					unit.Warranty = rec.Warranty
				}
			}
			line.Serials = append(line.Serials, unit)
		}
		p.Lines = append(p.Lines, line)
	}
	return nil
}
