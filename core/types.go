package core

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Identifiers are sequential numbers handed out by the store.
type (
	ItemID    uint64
	DocID     uint64
	BrandID   uint64
	ModelID   uint64
	ProjectNo uint64 // an entity's project number
)

func (n ProjectNo) String() string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("P-%06d", uint64(n))
}

// DocKind tells goods receipts, orders and returns to the supplier apart.
type DocKind uint8

const (
	ReceiptDoc DocKind = iota + 1
	OrderDoc
	SupplierReturnDoc
)

// DocRef points at one receipt or order.
type DocRef struct {
	Kind DocKind
	ID   DocID
}

// String is the document number staff see: GR-000001, SO-000001 or
// SR-000001.
func (d DocRef) String() string {
	switch d.Kind {
	case ReceiptDoc:
		return fmt.Sprintf("GR-%06d", uint64(d.ID))
	case OrderDoc:
		return fmt.Sprintf("SO-%06d", uint64(d.ID))
	case SupplierReturnDoc:
		return fmt.Sprintf("SR-%06d", uint64(d.ID))
	}
	return ""
}

func (d DocRef) IsZero() bool { return d.ID == 0 }

// ParseDocRef reads a document number of the given kind as staff type it:
// SO-000003, so-3 or 3 for the third order.
func ParseDocRef(kind DocKind, s string) (DocRef, error) {
	prefix := strings.TrimSuffix(DocRef{Kind: kind, ID: 1}.String(), "000001")
	digits := strings.TrimSpace(s)
	if len(digits) >= len(prefix) && strings.EqualFold(digits[:len(prefix)], prefix) {
		digits = digits[len(prefix):]
	}
	id, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || id == 0 {
		return DocRef{}, errorf(Invalid, "{{.Typed}} is not a document number like {{.Example}}", Values{"Typed": Echo(s), "Example": DocRef{Kind: kind, ID: 1}})
	}
	return DocRef{Kind: kind, ID: DocID(id)}, nil
}

// Money is an amount in hundredths (cents, øre, pence).
type Money int64

func (m Money) String() string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s%d.%02d", sign, int64(m)/100, int64(m)%100)
}

// ParseMoney reads an amount written in English or typed with a decimal
// comma (12, 12.5, 1,250.00, 12,50), as workbooks and the command line
// give them.
func ParseMoney(s string) (Money, error) { return EnglishFormats.ParseMoney(s) }

// ParseQuantity reads a typed number of units; blank is 0, which the
// checks of a line or a return then judge.
func ParseQuantity(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errorf(Invalid, "the quantity {{.Typed}} is not a whole number", Values{"Typed": Echo(s).Quoted()})
	}
	return n, nil
}

// ParseMonths reads a warranty typed in months; blank is none (0), which
// the item card's check then judges with any other number.
func ParseMonths(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errorf(Invalid, "the warranty {{.Typed}} is not a whole number of months", Values{"Typed": Echo(s).Quoted()})
	}
	return n, nil
}

// State is where a serial is in its life.
type State uint8

const (
	InStock    State = iota + 1 // received and not sold
	Sold                        // placed in an order
	Returned                    // brought back by the customer; in stock again
	ToSupplier                  // returned to the supplier: gone, until received again
)

var stateNames = map[State]string{InStock: "in stock", Sold: "sold", Returned: "returned", ToSupplier: "returned to supplier"}

func (s State) String() string { return stateNames[s] }

// Word is the state as the screens and papers say it.
func (s State) Word() Message {
	return map[State]Message{InStock: Say("in stock"), Sold: Say("sold"), Returned: Say("returned"), ToSupplier: Say("returned to supplier")}[s]
}

// Available reports whether a unit in this state is on the shelf.
func (s State) Available() bool { return s == InStock || s == Returned }

// ParseState reads "in stock", "in-stock", "sold", "returned" or
// "returned to supplier".
func ParseState(s string) (State, error) {
	s = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", " ")
	for st, name := range stateNames {
		if name == s {
			return st, nil
		}
	}
	return 0, errorf(Invalid, "{{.Typed}} is not a serial state; use in-stock, sold, returned or returned-to-supplier", Values{"Typed": Echo(s).Quoted()})
}

// Day is the calendar day of t, as the midnight UTC that stands for it, so
// that a document date does not move with the time zone.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
