package core

import (
	"strings"
	"time"
)

// DefaultSerialParam is the entity parameter that holds the serial unless
// the item card names another.
const DefaultSerialParam = "serial number"

// Item is the item card.
type Item struct {
	ID    ItemID
	No    string // what staff type; unique regardless of case
	Name  string
	Price Money // default sale price; 0 when none is set

	// Serial settings.
	UseSerial         bool
	Pattern           string
	RequireAtSale     bool
	RequireAtPurchase bool

	// Capital goods: the model this item sells, and when entities are made.
	Model               ModelID
	CreateEntity        bool // master switch for the two below
	CreateOnSave        bool // on saving an order
	CreateOnStockUpdate bool // on confirming a goods receipt
	SerialParam         string

	// VIN: every serial is a vehicle identification number (17 characters,
	// no I, O or Q) instead of fitting Pattern.
	VIN bool
	// GTIN is the item's GS1 number, 14 digits, "" when it has none: a
	// scanned GS1 code must name it.
	GTIN string

	// Warranty: how many months a unit is under warranty (0: none),
	// counted from its sale or from its receipt.
	WarrantyMonths int
	WarrantyFrom   WarrantyStart

	LastChange
}

// WarrantyStart is the day a unit's warranty starts counting.
type WarrantyStart uint8

const (
	WarrantyFromSale WarrantyStart = iota
	WarrantyFromReceipt
)

// MaxWarrantyMonths is the longest warranty an item card gives: 50 years.
const MaxWarrantyMonths = 600

// warrantyFrom is the warranty of a unit whose warranty starts on day:
// the day it ends, zero when the item gives none.
func (it Item) warrantyFrom(day time.Time) time.Time {
	if it.WarrantyMonths <= 0 {
		return time.Time{}
	}
	return Day(day).AddDate(0, it.WarrantyMonths, 0)
}

// SerialsRequiredAtSale reports whether every unit sold needs its serial.
func (it Item) SerialsRequiredAtSale() bool { return it.UseSerial && it.RequireAtSale }

// SerialsRequiredAtPurchase reports whether every unit received needs its serial.
func (it Item) SerialsRequiredAtPurchase() bool { return it.UseSerial && it.RequireAtPurchase }

func (it Item) createsOnStockUpdate() bool {
	return it.UseSerial && it.Model != 0 && it.CreateEntity && it.CreateOnStockUpdate
}

func (it Item) createsOnSave() bool {
	return it.UseSerial && it.Model != 0 && it.CreateEntity && it.CreateOnSave
}

// serialParam is the entity parameter that carries this item's serials.
func (it Item) serialParam() string {
	if it.SerialParam == "" {
		return DefaultSerialParam
	}
	return it.SerialParam
}

// pattern returns the item's parsed pattern; patterns are checked when the
// card is saved, so a stored one always parses.
func (it Item) pattern() Pattern {
	p, _ := ParsePattern(it.Pattern)
	return p
}

// Label is how an item is named in messages: "CS-500 Chainsaw 500".
func (it Item) Label() string { return it.No + " " + it.Name }

// Stock counts the units of one item. Cancelled documents count nothing.
type Stock struct {
	Purchased  int64 // units on confirmed receipts
	Sold       int64 // units on orders
	Returned   int64 // units customers brought back
	ToSupplier int64 // units returned to the supplier
}

// InStock is what is on the shelf.
func (s Stock) InStock() int64 { return s.Purchased - s.Sold + s.Returned - s.ToSupplier }

// Movement is one step of a serial: received, sold or returned.
type Movement struct {
	Date   time.Time
	Doc    DocRef
	Party  string // supplier or customer
	Amount Money  // unit cost or unit price, 0 when not given
	By     string // who entered it, "" before Serialdesk recorded that
}

// sameAs compares what the document says; who entered it is not part of
// that, so another clerk saving the order again changes nothing.
func (m *Movement) sameAs(o *Movement) bool {
	return m.Date.Equal(o.Date) && m.Doc == o.Doc && m.Party == o.Party && m.Amount == o.Amount
}

// Serial is one registered unit of an item.
type Serial struct {
	Item     ItemID
	Serial   string
	State    State
	Project  ProjectNo
	Received *Movement
	Sold     *Movement
	Returned *Movement
	// ToSupplier is the unit's return to the supplier, while it is away.
	ToSupplier *Movement
	// Warranty is the day the unit's warranty ends, zero when it has
	// none. It is set when the warranty is given (at the receipt or the
	// sale), so a later change of the item card leaves it as promised.
	Warranty time.Time
}

// UnderWarranty reports whether the unit is under warranty on day.
func (s Serial) UnderWarranty(day time.Time) bool { return warrantyRuns(s.Warranty, day) }

// warrantyRuns reports whether a warranty that ends on end covers day: it
// covers its last day too.
func warrantyRuns(end, day time.Time) bool { return !end.IsZero() && !end.Before(Day(day)) }

// Sale is the sale that stands: nil for a unit not sold, and for one the
// customer brought back, whose sale its history keeps.
func (s Serial) Sale() *Movement {
	if s.State != Sold {
		return nil
	}
	return s.Sold
}

// DocStatus is where a goods receipt is in its life.
type DocStatus uint8

const (
	Draft DocStatus = iota + 1
	Confirmed
	Cancelled
)

func (s DocStatus) String() string { return s.Word().String() }

// Word is the status as a message says it: "is draft".
func (s DocStatus) Word() Message {
	return map[DocStatus]Message{Draft: Say("draft"), Confirmed: Say("confirmed"), Cancelled: Say("cancelled")}[s]
}

// LastChange is when a document was last changed, by whom, and how many
// times: a counter saves a document only over the revision it opened, so
// that two counters never overwrite each other's work unseen.
type LastChange struct {
	Revision int
	Changed  time.Time
	By       string // who changed it last
}

// ReceiptLine is one received item: its quantity and the serials of the units.
type ReceiptLine struct {
	Item     ItemID
	Quantity int
	Serials  []string
	UnitCost Money
}

// Receipt is a goods receipt.
type Receipt struct {
	ID          DocID
	Status      DocStatus
	Date        time.Time
	Supplier    string
	SupplierID  PartyID // 0 for a receipt from before parties, found by its name
	Reference   string
	Lines       []ReceiptLine
	ConfirmedAt time.Time
	CancelledAt time.Time
	LastChange
	CancelledBy string
	// Replaced keeps the serial records this receipt overwrote (units sold
	// earlier and received again), so cancelling can put them back.
	Replaced []Serial
}

func (rc Receipt) Ref() DocRef { return DocRef{ReceiptDoc, rc.ID} }

// Units is the total quantity of all lines.
func (rc Receipt) Units() int {
	return sumQuantity(rc.Lines, func(l ReceiptLine) int { return l.Quantity })
}

// ReceiptHead is a receipt as the list of receipts shows it: without its
// lines, which in a big delivery hold thousands of serials.
type ReceiptHead struct {
	ID         DocID
	Status     DocStatus
	Date       time.Time
	Supplier   string
	SupplierID PartyID
	Reference  string
	Units      int
}

func (h ReceiptHead) Ref() DocRef { return DocRef{ReceiptDoc, h.ID} }

// Head is the receipt as its list shows it.
func (rc Receipt) Head() ReceiptHead {
	return ReceiptHead{ID: rc.ID, Status: rc.Status, Date: rc.Date, Supplier: rc.Supplier, SupplierID: rc.SupplierID, Reference: rc.Reference,
		Units: rc.Units()}
}

// OrderLine is one sold item: its quantity and the serials of the units.
type OrderLine struct {
	Item      ItemID
	Quantity  int
	Serials   []string
	UnitPrice Money
	// Warranty is the day the warranty of the units sold on this line
	// ends, when it is not the item's own: an extended warranty sold
	// with them. Zero for the item's own.
	Warranty time.Time
}

// Return records units a customer brought back against this order.
type Return struct {
	Time     time.Time
	Date     time.Time
	Item     ItemID
	Serials  []string
	Quantity int
	Note     string
	By       string // who took the units back
}

// Order is a sale. A unit counts as sold as soon as it is on a saved order.
type Order struct {
	ID          DocID
	Date        time.Time
	Customer    string  // "" for a cash sale
	CustomerID  PartyID // 0 for a cash sale, and for an order from before parties, found by its name
	Reference   string
	Lines       []OrderLine
	Returns     []Return
	SavedAt     time.Time
	CancelledAt time.Time
	LastChange
	CancelledBy string
	// Replaced keeps each sold serial's record as it was before the sale,
	// so removing it from the order or cancelling puts it back exactly.
	Replaced []Serial
}

func (o Order) Ref() DocRef { return DocRef{OrderDoc, o.ID} }

// Cancelled reports whether the order was cancelled.
func (o Order) Cancelled() bool { return !o.CancelledAt.IsZero() }

// OrderHead is an order as the list of orders shows it.
type OrderHead struct {
	ID          DocID
	Date        time.Time
	Customer    string
	CustomerID  PartyID
	Reference   string
	Units       int
	Returns     int // how many times units came back
	CancelledAt time.Time
}

func (h OrderHead) Ref() DocRef     { return DocRef{OrderDoc, h.ID} }
func (h OrderHead) Cancelled() bool { return !h.CancelledAt.IsZero() }

// Head is the order as its list shows it.
func (o Order) Head() OrderHead {
	return OrderHead{ID: o.ID, Date: o.Date, Customer: o.Customer, CustomerID: o.CustomerID, Reference: o.Reference, Units: o.Units(),
		Returns: len(o.Returns), CancelledAt: o.CancelledAt}
}

// Units is the total quantity of all lines.
func (o Order) Units() int { return sumQuantity(o.Lines, func(l OrderLine) int { return l.Quantity }) }

func sumQuantity[L any](lines []L, qty func(L) int) int {
	n := 0
	for _, l := range lines {
		n += qty(l)
	}
	return n
}

// SupplierReturnLine is units of one item going back to the supplier.
type SupplierReturnLine struct {
	Item     ItemID
	Quantity int
	Serials  []string
}

// SupplierReturn takes units in stock back to the supplier they came from
// (defective, wrong delivery). It is saved whole and can be cancelled,
// which puts its units back on the shelf.
type SupplierReturn struct {
	ID          DocID
	Date        time.Time
	Supplier    string
	SupplierID  PartyID
	Reference   string // the supplier's RMA number, say
	Reason      string // defective, wrong delivery
	Lines       []SupplierReturnLine
	SavedAt     time.Time
	CancelledAt time.Time
	LastChange
	CancelledBy string
	// Replaced keeps each serial's record as it was before, so that
	// cancelling puts it back exactly.
	Replaced []Serial
}

func (sr SupplierReturn) Ref() DocRef     { return DocRef{SupplierReturnDoc, sr.ID} }
func (sr SupplierReturn) Cancelled() bool { return !sr.CancelledAt.IsZero() }
func (sr SupplierReturn) Units() int {
	return sumQuantity(sr.Lines, func(l SupplierReturnLine) int { return l.Quantity })
}

// SupplierReturnHead is a supplier return as its list shows it.
type SupplierReturnHead struct {
	ID          DocID
	Date        time.Time
	Supplier    string
	SupplierID  PartyID
	Reference   string
	Units       int
	CancelledAt time.Time
}

func (h SupplierReturnHead) Ref() DocRef     { return DocRef{SupplierReturnDoc, h.ID} }
func (h SupplierReturnHead) Cancelled() bool { return !h.CancelledAt.IsZero() }

// Head is the supplier return as its list shows it.
func (sr SupplierReturn) Head() SupplierReturnHead {
	return SupplierReturnHead{ID: sr.ID, Date: sr.Date, Supplier: sr.Supplier, SupplierID: sr.SupplierID, Reference: sr.Reference, Units: sr.Units(),
		CancelledAt: sr.CancelledAt}
}

// Brand and Model make up the brand/model registry.
type Brand struct {
	ID   BrandID
	Name string
}

type Model struct {
	ID    ModelID
	Brand BrandID
	Name  string
}

// Param is one named property of an entity, e.g. "serial number", "colour".
type Param struct {
	Name  string
	Value string
}

// Entity is an individual item (a car, a machine) with its project number.
type Entity struct {
	No        ProjectNo
	Model     ModelID
	Params    []Param
	Docs      []DocRef // receipts and orders it was on
	CreatedBy DocRef   // zero when made by hand
	Created   time.Time
	Edited    time.Time // last change by hand
}

// Param returns the value of the named parameter, ignoring case.
func (e Entity) Param(name string) (string, bool) {
	for _, p := range e.Params {
		if strings.EqualFold(p.Name, name) {
			return p.Value, true
		}
	}
	return "", false
}

// EventKind names what happened to a serial.
type EventKind uint8

const (
	EventReceived EventKind = iota + 1
	EventSold
	EventReturned
	EventReceiptCancelled
	EventOrderCancelled
	EventRemovedFromOrder
	EventEntityCreated
	EventEntityLinked
	EventNote // a service note: "chain brake replaced"
	EventToSupplier
	EventSupplierReturnCancelled
)

func (k EventKind) String() string { return k.Word().String() }

// Word is what happened, as a serial's history says it.
func (k EventKind) Word() Message {
	return map[EventKind]Message{
		EventReceived:                Say("received"),
		EventSold:                    Say("sold"),
		EventReturned:                Say("returned"),
		EventReceiptCancelled:        Say("receipt cancelled"),
		EventOrderCancelled:          Say("order cancelled"),
		EventRemovedFromOrder:        Say("removed from order"),
		EventEntityCreated:           Say("entity created"),
		EventEntityLinked:            Say("entity linked"),
		EventNote:                    Say("note"),
		EventToSupplier:              Say("returned to supplier"),
		EventSupplierReturnCancelled: Say("supplier return cancelled"),
	}[k]
}

// Event is one line of a serial's history.
type Event struct {
	Time    time.Time
	Kind    EventKind
	Item    ItemID
	Serial  string
	Doc     DocRef
	Party   string
	Project ProjectNo
	By      string // who did it: the user and the computer, "kari@COUNTER-2"
	// A service note's text and the day it is about (Time is when it was
	// written down).
	Note string
	Date time.Time
}
