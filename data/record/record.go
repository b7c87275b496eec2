// Package record is the stored form of the register's records, shared by
// both engines: Badger keeps them as JSON values, PostgreSQL in JSON columns
// beside its own. The names here are the stored names; a field renamed in
// core changes nothing a shop has saved, and a field added there does not
// reach the disk until it is added here with its conversion.
package record

import (
	"time"

	"serialdesk/core"
)

type Item struct {
	ID                  uint64 `json:"ID"`
	No                  string `json:"No"`
	Name                string `json:"Name"`
	Price               int64  `json:"Price"`
	UseSerial           bool   `json:"UseSerial"`
	Pattern             string `json:"Pattern"`
	RequireAtSale       bool   `json:"RequireAtSale"`
	RequireAtPurchase   bool   `json:"RequireAtPurchase"`
	Model               uint64 `json:"Model"`
	CreateEntity        bool   `json:"CreateEntity"`
	CreateOnSave        bool   `json:"CreateOnSave"`
	CreateOnStockUpdate bool   `json:"CreateOnStockUpdate"`
	SerialParam         string `json:"SerialParam"`
	VIN                 bool   `json:"VIN,omitempty"`
	GTIN                string `json:"GTIN,omitempty"`
	WarrantyMonths      int    `json:"WarrantyMonths,omitempty"`
	WarrantyFrom        uint8  `json:"WarrantyFrom,omitempty"`
	LastChange
}

func FromItem(it core.Item) Item {
	return Item{ID: uint64(it.ID), No: it.No, Name: it.Name, Price: int64(it.Price), UseSerial: it.UseSerial,
		Pattern: it.Pattern, RequireAtSale: it.RequireAtSale, RequireAtPurchase: it.RequireAtPurchase,
		Model: uint64(it.Model), CreateEntity: it.CreateEntity, CreateOnSave: it.CreateOnSave,
		CreateOnStockUpdate: it.CreateOnStockUpdate, SerialParam: it.SerialParam, VIN: it.VIN, GTIN: it.GTIN,
		WarrantyMonths: it.WarrantyMonths, WarrantyFrom: uint8(it.WarrantyFrom), LastChange: fromLastChange(it.LastChange)}
}

func (r Item) Core() core.Item {
	return core.Item{ID: core.ItemID(r.ID), No: r.No, Name: r.Name, Price: core.Money(r.Price), UseSerial: r.UseSerial,
		Pattern: r.Pattern, RequireAtSale: r.RequireAtSale, RequireAtPurchase: r.RequireAtPurchase,
		Model: core.ModelID(r.Model), CreateEntity: r.CreateEntity, CreateOnSave: r.CreateOnSave,
		CreateOnStockUpdate: r.CreateOnStockUpdate, SerialParam: r.SerialParam, VIN: r.VIN, GTIN: r.GTIN,
		WarrantyMonths: r.WarrantyMonths, WarrantyFrom: core.WarrantyStart(r.WarrantyFrom), LastChange: r.LastChange.core()}
}

type Stock struct {
	Purchased  int64 `json:"Purchased"`
	Sold       int64 `json:"Sold"`
	Returned   int64 `json:"Returned"`
	ToSupplier int64 `json:"ToSupplier,omitempty"`
}

func FromStock(s core.Stock) Stock {
	return Stock{Purchased: s.Purchased, Sold: s.Sold, Returned: s.Returned, ToSupplier: s.ToSupplier}
}

func (r Stock) Core() core.Stock {
	return core.Stock{Purchased: r.Purchased, Sold: r.Sold, Returned: r.Returned, ToSupplier: r.ToSupplier}
}

type DocRef struct {
	Kind uint8  `json:"Kind"`
	ID   uint64 `json:"ID"`
}

func FromDocRef(d core.DocRef) DocRef { return DocRef{Kind: uint8(d.Kind), ID: uint64(d.ID)} }
func (r DocRef) Core() core.DocRef {
	return core.DocRef{Kind: core.DocKind(r.Kind), ID: core.DocID(r.ID)}
}

func docRefs(in []core.DocRef) []DocRef  { return convert(in, FromDocRef) }
func coreRefs(in []DocRef) []core.DocRef { return convert(in, DocRef.Core) }

type Movement struct {
	Date   time.Time `json:"Date"`
	Doc    DocRef    `json:"Doc"`
	Party  string    `json:"Party"`
	Amount int64     `json:"Amount"`
	By     string    `json:"By,omitempty"`
}

func FromMovement(m *core.Movement) *Movement {
	if m == nil {
		return nil
	}
	return &Movement{Date: m.Date, Doc: FromDocRef(m.Doc), Party: m.Party, Amount: int64(m.Amount), By: m.By}
}

func (r *Movement) Core() *core.Movement {
	if r == nil {
		return nil
	}
	return &core.Movement{Date: r.Date, Doc: r.Doc.Core(), Party: r.Party, Amount: core.Money(r.Amount), By: r.By}
}

type Serial struct {
	Item       uint64    `json:"Item"`
	Serial     string    `json:"Serial"`
	State      uint8     `json:"State"`
	Project    uint64    `json:"Project,omitempty"`
	Received   *Movement `json:"Received,omitempty"`
	Sold       *Movement `json:"Sold,omitempty"`
	Returned   *Movement `json:"Returned,omitempty"`
	ToSupplier *Movement `json:"ToSupplier,omitempty"`
	Warranty   time.Time `json:"Warranty,omitzero"`
}

func FromSerial(s core.Serial) Serial {
	return Serial{Item: uint64(s.Item), Serial: s.Serial, State: uint8(s.State), Project: uint64(s.Project),
		Received: FromMovement(s.Received), Sold: FromMovement(s.Sold), Returned: FromMovement(s.Returned),
		ToSupplier: FromMovement(s.ToSupplier), Warranty: s.Warranty}
}

func (r Serial) Core() core.Serial {
	return core.Serial{Item: core.ItemID(r.Item), Serial: r.Serial, State: core.State(r.State),
		Project: core.ProjectNo(r.Project), Received: r.Received.Core(), Sold: r.Sold.Core(), Returned: r.Returned.Core(),
		ToSupplier: r.ToSupplier.Core(), Warranty: r.Warranty}
}

func serials(in []core.Serial) []Serial     { return convert(in, FromSerial) }
func coreSerials(in []Serial) []core.Serial { return convert(in, Serial.Core) }

// LastChange is a document's revision and who changed it last, stored
// among the document's own fields.
type LastChange struct {
	Revision int       `json:"Revision,omitempty"`
	Changed  time.Time `json:"Changed,omitzero"`
	By       string    `json:"By,omitempty"`
}

func fromLastChange(c core.LastChange) LastChange {
	return LastChange{Revision: c.Revision, Changed: c.Changed, By: c.By}
}

func (r LastChange) core() core.LastChange {
	return core.LastChange{Revision: r.Revision, Changed: r.Changed, By: r.By}
}

type ReceiptLine struct {
	Item     uint64   `json:"Item"`
	Quantity int      `json:"Quantity"`
	Serials  []string `json:"Serials,omitempty"`
	UnitCost int64    `json:"UnitCost,omitempty"`
}

type Receipt struct {
	ID          uint64        `json:"ID"`
	Status      uint8         `json:"Status"`
	Date        time.Time     `json:"Date"`
	Supplier    string        `json:"Supplier"`
	SupplierID  uint64        `json:"SupplierID,omitempty"`
	Reference   string        `json:"Reference"`
	Lines       []ReceiptLine `json:"Lines"`
	ConfirmedAt time.Time     `json:"ConfirmedAt,omitzero"`
	CancelledAt time.Time     `json:"CancelledAt,omitzero"`
	LastChange
	CancelledBy string   `json:"CancelledBy,omitempty"`
	Replaced    []Serial `json:"Replaced,omitempty"`
}

func FromReceipt(rc core.Receipt) Receipt {
	return Receipt{ID: uint64(rc.ID), Status: uint8(rc.Status), Date: rc.Date, Supplier: rc.Supplier, SupplierID: uint64(rc.SupplierID),
		Reference: rc.Reference, ConfirmedAt: rc.ConfirmedAt, CancelledAt: rc.CancelledAt, Replaced: serials(rc.Replaced),
		LastChange: fromLastChange(rc.LastChange), CancelledBy: rc.CancelledBy,
		Lines: convert(rc.Lines, func(l core.ReceiptLine) ReceiptLine {
			return ReceiptLine{Item: uint64(l.Item), Quantity: l.Quantity, Serials: l.Serials, UnitCost: int64(l.UnitCost)}
		})}
}

func (r Receipt) Core() core.Receipt {
	return core.Receipt{ID: core.DocID(r.ID), Status: core.DocStatus(r.Status), Date: r.Date, Supplier: r.Supplier,
		SupplierID: core.PartyID(r.SupplierID), Reference: r.Reference, ConfirmedAt: r.ConfirmedAt, CancelledAt: r.CancelledAt, Replaced: coreSerials(r.Replaced),
		LastChange: r.LastChange.core(), CancelledBy: r.CancelledBy,
		Lines: convert(r.Lines, func(l ReceiptLine) core.ReceiptLine {
			return core.ReceiptLine{Item: core.ItemID(l.Item), Quantity: l.Quantity, Serials: l.Serials, UnitCost: core.Money(l.UnitCost)}
		})}
}

type ReceiptHead struct {
	ID         uint64    `json:"ID"`
	Status     uint8     `json:"Status"`
	Date       time.Time `json:"Date"`
	Supplier   string    `json:"Supplier"`
	SupplierID uint64    `json:"SupplierID,omitempty"`
	Reference  string    `json:"Reference"`
	Units      int       `json:"Units"`
}

func FromReceiptHead(h core.ReceiptHead) ReceiptHead {
	return ReceiptHead{ID: uint64(h.ID), Status: uint8(h.Status), Date: h.Date, Supplier: h.Supplier, SupplierID: uint64(h.SupplierID),
		Reference: h.Reference, Units: h.Units}
}

func (r ReceiptHead) Core() core.ReceiptHead {
	return core.ReceiptHead{ID: core.DocID(r.ID), Status: core.DocStatus(r.Status), Date: r.Date, Supplier: r.Supplier,
		SupplierID: core.PartyID(r.SupplierID), Reference: r.Reference, Units: r.Units}
}

type OrderLine struct {
	Item      uint64    `json:"Item"`
	Quantity  int       `json:"Quantity"`
	Serials   []string  `json:"Serials,omitempty"`
	UnitPrice int64     `json:"UnitPrice,omitempty"`
	Warranty  time.Time `json:"Warranty,omitzero"`
}

type Return struct {
	Time     time.Time `json:"Time"`
	Date     time.Time `json:"Date"`
	Item     uint64    `json:"Item"`
	Serials  []string  `json:"Serials,omitempty"`
	Quantity int       `json:"Quantity"`
	Note     string    `json:"Note,omitempty"`
	By       string    `json:"By,omitempty"`
}

type Order struct {
	ID          uint64      `json:"ID"`
	Date        time.Time   `json:"Date"`
	Customer    string      `json:"Customer"`
	CustomerID  uint64      `json:"CustomerID,omitempty"`
	Reference   string      `json:"Reference"`
	Lines       []OrderLine `json:"Lines"`
	Returns     []Return    `json:"Returns,omitempty"`
	SavedAt     time.Time   `json:"SavedAt,omitzero"`
	CancelledAt time.Time   `json:"CancelledAt,omitzero"`
	LastChange
	CancelledBy string   `json:"CancelledBy,omitempty"`
	Replaced    []Serial `json:"Replaced,omitempty"`
}

func FromOrder(o core.Order) Order {
	return Order{ID: uint64(o.ID), Date: o.Date, Customer: o.Customer, CustomerID: uint64(o.CustomerID), Reference: o.Reference,
		SavedAt: o.SavedAt, CancelledAt: o.CancelledAt, Replaced: serials(o.Replaced),
		LastChange: fromLastChange(o.LastChange), CancelledBy: o.CancelledBy,
		Lines: convert(o.Lines, func(l core.OrderLine) OrderLine {
			return OrderLine{Item: uint64(l.Item), Quantity: l.Quantity, Serials: l.Serials, UnitPrice: int64(l.UnitPrice), Warranty: l.Warranty}
		}),
		Returns: convert(o.Returns, func(r core.Return) Return {
			return Return{Time: r.Time, Date: r.Date, Item: uint64(r.Item), Serials: r.Serials, Quantity: r.Quantity, Note: r.Note, By: r.By}
		})}
}

func (r Order) Core() core.Order {
	return core.Order{ID: core.DocID(r.ID), Date: r.Date, Customer: r.Customer, CustomerID: core.PartyID(r.CustomerID), Reference: r.Reference,
		SavedAt: r.SavedAt, CancelledAt: r.CancelledAt, Replaced: coreSerials(r.Replaced),
		LastChange: r.LastChange.core(), CancelledBy: r.CancelledBy,
		Lines: convert(r.Lines, func(l OrderLine) core.OrderLine {
			return core.OrderLine{Item: core.ItemID(l.Item), Quantity: l.Quantity, Serials: l.Serials, UnitPrice: core.Money(l.UnitPrice), Warranty: l.Warranty}
		}),
		Returns: convert(r.Returns, func(r Return) core.Return {
			return core.Return{Time: r.Time, Date: r.Date, Item: core.ItemID(r.Item), Serials: r.Serials, Quantity: r.Quantity, Note: r.Note, By: r.By}
		})}
}

type OrderHead struct {
	ID          uint64    `json:"ID"`
	Date        time.Time `json:"Date"`
	Customer    string    `json:"Customer"`
	CustomerID  uint64    `json:"CustomerID,omitempty"`
	Reference   string    `json:"Reference"`
	Units       int       `json:"Units"`
	Returns     int       `json:"Returns,omitempty"`
	CancelledAt time.Time `json:"CancelledAt,omitzero"`
}

func FromOrderHead(h core.OrderHead) OrderHead {
	return OrderHead{ID: uint64(h.ID), Date: h.Date, Customer: h.Customer, CustomerID: uint64(h.CustomerID), Reference: h.Reference, Units: h.Units,
		Returns: h.Returns, CancelledAt: h.CancelledAt}
}

func (r OrderHead) Core() core.OrderHead {
	return core.OrderHead{ID: core.DocID(r.ID), Date: r.Date, Customer: r.Customer, CustomerID: core.PartyID(r.CustomerID), Reference: r.Reference, Units: r.Units,
		Returns: r.Returns, CancelledAt: r.CancelledAt}
}

type SupplierReturnLine struct {
	Item     uint64   `json:"Item"`
	Quantity int      `json:"Quantity"`
	Serials  []string `json:"Serials,omitempty"`
}

type SupplierReturn struct {
	ID          uint64               `json:"ID"`
	Date        time.Time            `json:"Date"`
	Supplier    string               `json:"Supplier"`
	SupplierID  uint64               `json:"SupplierID,omitempty"`
	Reference   string               `json:"Reference"`
	Reason      string               `json:"Reason,omitempty"`
	Lines       []SupplierReturnLine `json:"Lines"`
	SavedAt     time.Time            `json:"SavedAt,omitzero"`
	CancelledAt time.Time            `json:"CancelledAt,omitzero"`
	LastChange
	CancelledBy string   `json:"CancelledBy,omitempty"`
	Replaced    []Serial `json:"Replaced,omitempty"`
}

func FromSupplierReturn(sr core.SupplierReturn) SupplierReturn {
	return SupplierReturn{ID: uint64(sr.ID), Date: sr.Date, Supplier: sr.Supplier, SupplierID: uint64(sr.SupplierID), Reference: sr.Reference, Reason: sr.Reason,
		SavedAt: sr.SavedAt, CancelledAt: sr.CancelledAt, LastChange: fromLastChange(sr.LastChange), CancelledBy: sr.CancelledBy,
		Replaced: serials(sr.Replaced),
		Lines: convert(sr.Lines, func(l core.SupplierReturnLine) SupplierReturnLine {
			return SupplierReturnLine{Item: uint64(l.Item), Quantity: l.Quantity, Serials: l.Serials}
		})}
}

func (r SupplierReturn) Core() core.SupplierReturn {
	return core.SupplierReturn{ID: core.DocID(r.ID), Date: r.Date, Supplier: r.Supplier, SupplierID: core.PartyID(r.SupplierID), Reference: r.Reference, Reason: r.Reason,
		SavedAt: r.SavedAt, CancelledAt: r.CancelledAt, LastChange: r.LastChange.core(), CancelledBy: r.CancelledBy,
		Replaced: coreSerials(r.Replaced),
		Lines: convert(r.Lines, func(l SupplierReturnLine) core.SupplierReturnLine {
			return core.SupplierReturnLine{Item: core.ItemID(l.Item), Quantity: l.Quantity, Serials: l.Serials}
		})}
}

type SupplierReturnHead struct {
	ID          uint64    `json:"ID"`
	Date        time.Time `json:"Date"`
	Supplier    string    `json:"Supplier"`
	SupplierID  uint64    `json:"SupplierID,omitempty"`
	Reference   string    `json:"Reference"`
	Units       int       `json:"Units"`
	CancelledAt time.Time `json:"CancelledAt,omitzero"`
}

func FromSupplierReturnHead(h core.SupplierReturnHead) SupplierReturnHead {
	return SupplierReturnHead{ID: uint64(h.ID), Date: h.Date, Supplier: h.Supplier, SupplierID: uint64(h.SupplierID), Reference: h.Reference,
		Units: h.Units, CancelledAt: h.CancelledAt}
}

func (r SupplierReturnHead) Core() core.SupplierReturnHead {
	return core.SupplierReturnHead{ID: core.DocID(r.ID), Date: r.Date, Supplier: r.Supplier, SupplierID: core.PartyID(r.SupplierID),
		Reference: r.Reference, Units: r.Units, CancelledAt: r.CancelledAt}
}

type Party struct {
	ID       uint64   `json:"ID"`
	Kind     uint8    `json:"Kind"`
	No       string   `json:"No"`
	Name     string   `json:"Name"`
	OrgNo    string   `json:"OrgNo,omitempty"`
	Phone    string   `json:"Phone,omitempty"`
	Email    string   `json:"Email,omitempty"`
	Address  string   `json:"Address,omitempty"`
	Note     string   `json:"Note,omitempty"`
	OldNames []string `json:"OldNames,omitempty"`
	LastChange
}

func FromParty(p core.Party) Party {
	return Party{ID: uint64(p.ID), Kind: uint8(p.Kind), No: p.No, Name: p.Name, OrgNo: p.OrgNo, Phone: p.Phone, Email: p.Email,
		Address: p.Address, Note: p.Note, OldNames: p.OldNames, LastChange: fromLastChange(p.LastChange)}
}

func (r Party) Core() core.Party {
	return core.Party{ID: core.PartyID(r.ID), Kind: core.PartyKind(r.Kind), No: r.No, Name: r.Name, OrgNo: r.OrgNo, Phone: r.Phone,
		Email: r.Email, Address: r.Address, Note: r.Note, OldNames: r.OldNames, LastChange: r.LastChange.core()}
}

type Shop struct {
	Name     string `json:"Name"`
	Address  string `json:"Address,omitempty"`
	Phone    string `json:"Phone,omitempty"`
	Email    string `json:"Email,omitempty"`
	OrgNo    string `json:"OrgNo,omitempty"`
	Currency string `json:"Currency,omitempty"`
	LastChange
}

func FromShop(s core.Shop) Shop {
	return Shop{Name: s.Name, Address: s.Address, Phone: s.Phone, Email: s.Email, OrgNo: s.OrgNo, Currency: s.Currency,
		LastChange: fromLastChange(s.LastChange)}
}

func (r Shop) Core() core.Shop {
	return core.Shop{Name: r.Name, Address: r.Address, Phone: r.Phone, Email: r.Email, OrgNo: r.OrgNo, Currency: r.Currency,
		LastChange: r.LastChange.core()}
}

type Brand struct {
	ID   uint64 `json:"ID"`
	Name string `json:"Name"`
}

func FromBrand(b core.Brand) Brand { return Brand{ID: uint64(b.ID), Name: b.Name} }
func (r Brand) Core() core.Brand   { return core.Brand{ID: core.BrandID(r.ID), Name: r.Name} }

type Model struct {
	ID    uint64 `json:"ID"`
	Brand uint64 `json:"Brand"`
	Name  string `json:"Name"`
}

func FromModel(m core.Model) Model {
	return Model{ID: uint64(m.ID), Brand: uint64(m.Brand), Name: m.Name}
}
func (r Model) Core() core.Model {
	return core.Model{ID: core.ModelID(r.ID), Brand: core.BrandID(r.Brand), Name: r.Name}
}

type Param struct {
	Name  string `json:"Name"`
	Value string `json:"Value"`
}

func FromParam(p core.Param) Param { return Param{Name: p.Name, Value: p.Value} }
func (r Param) Core() core.Param   { return core.Param{Name: r.Name, Value: r.Value} }

type Entity struct {
	No        uint64    `json:"No"`
	Model     uint64    `json:"Model"`
	Params    []Param   `json:"Params"`
	Docs      []DocRef  `json:"Docs,omitempty"`
	CreatedBy DocRef    `json:"CreatedBy,omitzero"`
	Created   time.Time `json:"Created,omitzero"`
	Edited    time.Time `json:"Edited,omitzero"`
}

func FromEntity(e core.Entity) Entity {
	return Entity{No: uint64(e.No), Model: uint64(e.Model), Params: convert(e.Params, FromParam), Docs: docRefs(e.Docs),
		CreatedBy: FromDocRef(e.CreatedBy), Created: e.Created, Edited: e.Edited}
}

func (r Entity) Core() core.Entity {
	return core.Entity{No: core.ProjectNo(r.No), Model: core.ModelID(r.Model), Params: convert(r.Params, Param.Core),
		Docs: coreRefs(r.Docs), CreatedBy: r.CreatedBy.Core(), Created: r.Created, Edited: r.Edited}
}

type Event struct {
	Time    time.Time `json:"Time"`
	Kind    uint8     `json:"Kind"`
	Item    uint64    `json:"Item"`
	Serial  string    `json:"Serial"`
	Doc     DocRef    `json:"Doc,omitzero"`
	Party   string    `json:"Party,omitempty"`
	Project uint64    `json:"Project,omitempty"`
	By      string    `json:"By,omitempty"`
	Note    string    `json:"Note,omitempty"`
	Date    time.Time `json:"Date,omitzero"`
}

func FromEvent(ev core.Event) Event {
	return Event{Time: ev.Time, Kind: uint8(ev.Kind), Item: uint64(ev.Item), Serial: ev.Serial, Doc: FromDocRef(ev.Doc),
		Party: ev.Party, Project: uint64(ev.Project), By: ev.By, Note: ev.Note, Date: ev.Date}
}

func (r Event) Core() core.Event {
	return core.Event{Time: r.Time, Kind: core.EventKind(r.Kind), Item: core.ItemID(r.Item), Serial: r.Serial,
		Doc: r.Doc.Core(), Party: r.Party, Project: core.ProjectNo(r.Project), By: r.By, Note: r.Note, Date: r.Date}
}

// convert maps a list, keeping nil as nil so that an absent list stays
// absent in the stored form.
func convert[A, B any](in []A, fn func(A) B) []B {
	if in == nil {
		return nil
	}
	out := make([]B, len(in))
	for i, a := range in {
		out[i] = fn(a)
	}
	return out
}
