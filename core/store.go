package core

import (
	"strings"
	"time"
)

// Store keeps the register's records. Package data implements it with
// Badger; a shared database for shops with several counters can implement it
// again.
//
// Update runs one business operation: everything fn writes lands whole or
// not at all, and is durable when Update returns nil. fn may be run more than
// once (after a write conflict), so it must not change anything outside the
// store but its own results. View sees one consistent state. Times are
// kept to the microsecond, and come back in UTC.
type Store interface {
	View(fn func(Tx) error) error
	Update(fn func(Tx) error) error
	Close() error
}

// ItemNoKey is what an item number is found by: any case.
func ItemNoKey(no string) string { return strings.ToUpper(no) }

// ParamKey is what an entity parameter is found by (EntitiesWith): the name
// and the value in any case, without surrounding spaces.
func ParamKey(name, value string) (string, string) {
	return strings.ToLower(strings.TrimSpace(name)), strings.ToUpper(strings.TrimSpace(value))
}

// Sequence names a counter that hands out identifiers.
type Sequence string

const (
	SeqItem    Sequence = "item"
	SeqReceipt Sequence = "receipt"
	SeqOrder   Sequence = "order"
	SeqBrand   Sequence = "brand"
	SeqModel   Sequence = "model"
	SeqProject Sequence = "project"
	// SeqSupplierReturn numbers the returns to the supplier.
	SeqSupplierReturn Sequence = "supplier-return"
	// SeqParty numbers the customer and supplier cards; SeqCustomer and
	// SeqSupplier give the numbers staff see, C-00001 and S-00001.
	SeqParty    Sequence = "party"
	SeqCustomer Sequence = "customer"
	SeqSupplier Sequence = "supplier"
)

// SerialQuery selects serials for the search and the item overview.
type SerialQuery struct {
	Text  string // part of the serial, any case; empty for all
	Item  ItemID // 0 for every item
	State State  // 0 for every state
	// InNotes: Text is looked for in the units' service notes, not in
	// their serials.
	InNotes bool
	// Warranty selects units under warranty or out of it on Today.
	Warranty WarrantyFilter
	Today    time.Time
	Offset   int
	Limit    int // 0 for no limit
}

// WarrantyFilter selects serials by their warranty.
type WarrantyFilter uint8

const (
	AnyWarranty     WarrantyFilter = iota
	UnderWarranty                  // ends on Today or later
	WarrantyExpired                // ended before Today
)

// Selects reports whether a serial's warranty is one the query selects.
func (q SerialQuery) Selects(warranty time.Time) bool {
	switch q.Warranty {
	case UnderWarranty:
		return warrantyRuns(warranty, q.Today)
	case WarrantyExpired:
		return !warranty.IsZero() && !warrantyRuns(warranty, q.Today)
	}
	return true
}

// States are the states the query's State selects: a returned unit is back
// on the shelf, so "in stock" selects it too, as the counts do; nil for
// every state.
func (q SerialQuery) States() []State {
	switch q.State {
	case 0:
		return nil
	case InStock:
		return []State{InStock, Returned}
	}
	return []State{q.State}
}

// Tx is one transaction on the store. Single-record reads return an error
// for which ErrorCode is NotFound when the record does not exist. Writes in
// a View fail.
type Tx interface {
	NextID(Sequence) (uint64, error)
	// Sequences returns the last number each counter handed out, and
	// SetSequence sets one, for copying a register.
	Sequences() (map[Sequence]uint64, error)
	SetSequence(Sequence, uint64) error

	Item(ItemID) (Item, error)
	ItemByNo(no string) (Item, error) // any case
	ItemOfModel(ModelID) (ItemID, error)
	Items() ([]Item, error)
	PutItem(Item) error // keeps the number and model links unique to this item
	// DeleteItem removes an item card with its number, its model link and
	// its counts.
	DeleteItem(ItemID) error
	// ItemListed reports whether a line of any receipt, order or supplier
	// return (draft, confirmed or cancelled) has the item.
	ItemListed(ItemID) (bool, error)

	Stock(ItemID) (Stock, error) // zero for an item never moved
	PutStock(ItemID, Stock) error

	Serial(item ItemID, serial string) (Serial, error)
	// Serials returns the records of those of these serials of one item
	// that are registered, in one read: a delivery's thousands of serials
	// cost one question to a database server, not one each.
	Serials(item ItemID, serials []string) (map[string]Serial, error)
	// SerialOfEveryItem returns every item's record of this (normalized)
	// serial, by item: a unit scanned with no item named.
	SerialOfEveryItem(serial string) ([]Serial, error)
	PutSerial(Serial) error
	DeleteSerial(item ItemID, serial string) error
	// SearchSerials returns the page of serials the query selects, ordered
	// by serial and then item, and how many it selects in all.
	SearchSerials(SerialQuery) ([]Serial, int, error)
	// EachSerial calls fn for every serial record, by item and then serial,
	// reading them in one pass.
	EachSerial(fn func(Serial) error) error

	AddEvent(Event) error
	History(item ItemID, serial string) ([]Event, error) // oldest first
	// Notes returns the service notes (events of kind EventNote) whose
	// text holds text in any case, every note for "", by item, serial and
	// time: they are few beside the serials, and looked up on their own.
	Notes(text string) ([]Event, error)
	// EachEvent calls fn for every event, each serial's oldest first.
	EachEvent(fn func(Event) error) error

	Receipt(DocID) (Receipt, error)
	ReceiptHeads() ([]ReceiptHead, error) // by number
	PutReceipt(Receipt) error
	DeleteReceipt(DocID) error // with its head

	Order(DocID) (Order, error)
	OrderHeads() ([]OrderHead, error) // by number
	PutOrder(Order) error

	SupplierReturn(DocID) (SupplierReturn, error)
	SupplierReturnHeads() ([]SupplierReturnHead, error) // by number
	PutSupplierReturn(SupplierReturn) error

	Brand(BrandID) (Brand, error)
	Brands() ([]Brand, error)
	PutBrand(Brand) error
	DeleteBrand(BrandID) error
	Model(ModelID) (Model, error)
	Models() ([]Model, error)
	PutModel(Model) error
	DeleteModel(ModelID) error

	Party(PartyID) (Party, error)
	Parties() ([]Party, error) // customers and suppliers, by ID
	PutParty(Party) error
	DeleteParty(PartyID) error

	// Shop is the shop's details (NotFound until they are saved).
	Shop() (Shop, error)
	PutShop(Shop) error

	// Clear removes every record and sequence: the register is empty.
	Clear() error

	Entity(ProjectNo) (Entity, error)
	Entities() ([]Entity, error)
	// EntitiesWith returns the entities of a model whose parameter (any case)
	// has the value (any case).
	EntitiesWith(model ModelID, param, value string) ([]ProjectNo, error)
	PutEntity(Entity) error
	DeleteEntity(ProjectNo) error
}
