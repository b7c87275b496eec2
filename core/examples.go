package core

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"time"
)

// IsEmpty reports whether the register has no item cards yet: a new
// installation.
func (r *Register) IsEmpty() (bool, error) {
	return read(r, func(tx Tx) (bool, error) {
		items, err := tx.Items()
		return len(items) == 0, err
	})
}

// LoadExamples fills an empty register with the spec's examples, so that a
// newcomer can try every screen: a chainsaw whose serials follow 996******
// and are required at purchase and at sale, under warranty for 24 months
// from the sale, the item "NEW AUDI A6" linked to the model Audi A6
// (pattern XY123***, entities made on save and on stock update, one made in
// advance), chain oil counted by quantity, drills whose 12 months ran out,
// a used car whose serial is its VIN, and a few receipts, orders, a
// customer's return with a service note, and a return to the supplier. The
// customers and suppliers are on the register, one customer with two
// purchases. Its names and notes are English; LoadExamplesIn says them in
// another language.
func (r *Register) LoadExamples() error { return r.LoadExamplesIn(English) }

// LoadExamplesIn loads the example data with its names and notes in the
// speaker's language, as a shop of that language would have typed them.
func (r *Register) LoadExamplesIn(s Speaker) error {
	empty, err := r.IsEmpty()
	if err != nil {
		return err
	}
	if !empty {
		return errorf(Conflict, "the example data goes into an empty register only; this one already has item cards")
	}
	ex := examples{r: r, s: s, day: r.today().AddDate(0, 0, -14)}
	if err := ex.load(); err != nil {
		return err
	}
	// What the examples left, to know later whether anything else came.
	return change(r, func(tx Tx) error {
		numbers, err := numbersPrint(tx)
		if err != nil {
			return err
		}
		whole, err := wholePrint(tx)
		if err != nil {
			return err
		}
		if err := tx.SetSequence(seqExampleNumbers, numbers); err != nil {
			return err
		}
		return tx.SetSequence(seqExamples, whole)
	})
}

// The fingerprints of the register as the example data left it, kept
// among the sequences (which any new record moves on): the numbers handed
// out, and everything.
const (
	seqExampleNumbers Sequence = "examples-numbers"
	seqExamples       Sequence = "examples"
)

// RemoveExamples empties the register again, while it holds the example
// data and nothing else: a new shop that tried Serialdesk starts on its own
// items. Once anything else was entered or changed, the examples stay (they
// are then part of its history); the message says so.
func (r *Register) RemoveExamples() error {
	return change(r, func(tx Tx) error {
		seqs, err := tx.Sequences()
		if err != nil {
			return err
		}
		numbers, loaded := seqs[seqExampleNumbers]
		if !loaded {
			return errorf(Conflict, "this register holds no example data to remove")
		}
		now, err := numbersPrint(tx)
		if err != nil {
			return err
		}
		var whole uint64
		if now == numbers { // a register that grew is not read whole
			if whole, err = wholePrint(tx); err != nil {
				return err
			}
		}
		if now != numbers || whole != seqs[seqExamples] {
			return errorf(Conflict, "other work was entered or changed since the example data was loaded, so the examples stay as part of the register's history. "+
				"Delete what you do not need one by one, or start a new register")
		}
		shop, err := tx.Shop()
		if err != nil && !isNotFound(err) {
			return err
		}
		if err := tx.Clear(); err != nil {
			return err
		}
		if shop.Name == "" || isExampleShop(shop) {
			return nil
		}
		return tx.PutShop(shop) // the shop's own details are no example
	})
}

// numbersPrint is a hash of the numbers handed out, the fingerprints left
// out: any record added since moves one on.
func numbersPrint(tx Tx) (uint64, error) {
	seqs, err := tx.Sequences()
	if err != nil {
		return 0, err
	}
	delete(seqs, seqExampleNumbers)
	delete(seqs, seqExamples)
	h := fnv.New64a()
	err = json.NewEncoder(h).Encode(seqs) // sorted by name
	return h.Sum64(), err
}

// wholePrint is a hash of every record: an edit changes it too.
func wholePrint(tx Tx) (uint64, error) {
	h := fnv.New64a()
	enc := json.NewEncoder(h)
	parts := []func() (any, error){
		func() (any, error) { return tx.Items() },
		func() (any, error) { return tx.Brands() },
		func() (any, error) { return tx.Models() },
		func() (any, error) { return tx.Entities() },
		func() (any, error) { return documents(tx) },
		func() (any, error) { return tx.Notes("") }, // a note moves no number
		func() (any, error) { return tx.Parties() },
		func() (any, error) {
			var serials []Serial
			err := tx.EachSerial(func(s Serial) error { serials = append(serials, s); return nil })
			return serials, err
		},
	}
	for _, part := range parts {
		v, err := part()
		if err != nil {
			return 0, err
		}
		if err := enc.Encode(v); err != nil {
			return 0, err
		}
	}
	return h.Sum64(), nil
}

// documents are every receipt and order, whole.
func documents(tx Tx) ([]any, error) {
	var docs []any
	err := eachDocument(tx, func(rc Receipt) error {
		docs = append(docs, rc)
		return nil
	}, func(o Order) error {
		docs = append(docs, o)
		return nil
	}, func(sr SupplierReturn) error {
		docs = append(docs, sr)
		return nil
	})
	return docs, err
}

// examples loads the example data step by step through the register's own
// calls, so that it obeys every rule; the first failure stops it.
type examples struct {
	r   *Register
	s   Speaker // the language of its names
	day time.Time
	err error
}

// say is a name or note of the examples in their language.
func (ex *examples) say(key string) string { return ex.s.Say(Say(key)) }

// exampleShop is the shop the example data prints as, where the shop's
// own details are not saved yet.
var exampleShop = Shop{Name: "Nordby Motor & Sag AS", Address: "Industriveien 12, 2000 Lillestrøm", Phone: "+47 63 80 00 00",
	Email: "post@nordbymotor.example", OrgNo: "999 888 777 MVA"}

// isExampleShop reports whether s is the examples' shop, unchanged.
func isExampleShop(s Shop) bool {
	s.LastChange = LastChange{}
	return s == exampleShop
}

func (ex *examples) load() error {
	r := ex.r
	if shop, err := r.Shop(); err != nil || shop.Name == "" {
		must(ex, func() (Shop, error) { return r.SaveShop(exampleShop) })
	}
	husqvarna := must(ex, func() (Brand, error) { return r.SaveBrand(Brand{Name: "Husqvarna"}) })
	audi := must(ex, func() (Brand, error) { return r.SaveBrand(Brand{Name: "Audi"}) })
	must(ex, func() (Model, error) { return r.SaveModel(Model{Brand: husqvarna.ID, Name: "550 XP"}) })
	a6 := must(ex, func() (Model, error) { return r.SaveModel(Model{Brand: audi.ID, Name: "A6"}) })
	must(ex, func() (Model, error) { return r.SaveModel(Model{Brand: audi.ID, Name: "A4"}) })

	saw := must(ex, func() (Item, error) {
		return r.SaveItem(Item{No: "CS-500", Name: ex.say("Chainsaw 500"), Price: 599_00, UseSerial: true, Pattern: "996******",
			RequireAtSale: true, RequireAtPurchase: true, WarrantyMonths: 24})
	})
	car := must(ex, func() (Item, error) {
		return r.SaveItem(Item{No: "NEW-A6", Name: "NEW AUDI A6", Price: 64_990_00, UseSerial: true, Pattern: "XY123***",
			RequireAtSale: true, Model: a6.ID, CreateEntity: true, CreateOnSave: true, CreateOnStockUpdate: true,
			SerialParam: DefaultSerialParam})
	})
	oil := must(ex, func() (Item, error) {
		return r.SaveItem(Item{No: "OIL-1L", Name: ex.say("Chain oil 1 l"), Price: 9_90})
	})
	drill := must(ex, func() (Item, error) {
		return r.SaveItem(Item{No: "DRILL-18V", Name: ex.say("Cordless drill 18 V"), Price: 149_00, UseSerial: true, Pattern: "DR-######",
			GTIN: "04006381333931", WarrantyMonths: 12})
	})
	usedCar := must(ex, func() (Item, error) {
		return r.SaveItem(Item{No: "USED-CAR", Name: ex.say("Used car"), UseSerial: true, VIN: true, RequireAtSale: true, WarrantyMonths: 3})
	})
	must(ex, func() (Party, error) {
		return r.SaveParty(Party{Kind: Customer, Name: "Ola Nordmann", Phone: "+47 912 34 567", Email: "ola@example.no",
			Address: "Storgata 1, 0155 Oslo"})
	})
	must(ex, func() (Entity, error) {
		return r.SaveEntity(Entity{Model: a6.ID, Params: []Param{
			{Name: DefaultSerialParam, Value: "XY123K01"}, {Name: ex.say("colour"), Value: ex.say("Mythos black")}, {Name: ex.say("ordered for"), Value: "Kari Hansen"}}})
	})

	sawSerials := make([]string, 6)
	for i := range sawSerials {
		sawSerials[i] = fmt.Sprintf("996A1B2C%d", i+1)
	}
	must(ex, func() (Receipt, error) {
		return r.ConfirmReceipt(Receipt{Date: ex.day, Supplier: "Husqvarna Nordic AB", Reference: "DN-44812", Lines: []ReceiptLine{
			{Item: saw.ID, Quantity: 6, Serials: sawSerials, UnitCost: 385_00},
			{Item: oil.ID, Quantity: 48, UnitCost: 4_10},
		}})
	})
	must(ex, func() (Receipt, error) {
		return r.ConfirmReceipt(Receipt{Date: ex.day.AddDate(0, 0, 3), Supplier: "Audi AG", Reference: "FZ-2026-0917", Lines: []ReceiptLine{
			{Item: car.ID, Quantity: 3, Serials: []string{"XY123AAA", "XY123AAB", "XY123K01"}, UnitCost: 52_300_00},
		}})
	})
	must(ex, func() (Receipt, error) {
		return r.SaveReceiptDraft(Receipt{Date: ex.day.AddDate(0, 0, 13), Supplier: "Husqvarna Nordic AB", Reference: "DN-45020", Lines: []ReceiptLine{
			{Item: saw.ID, Quantity: 2, Serials: []string{"996A1B2C7"}},
		}})
	})
	first := must(ex, func() (Order, error) {
		return r.SaveOrder(Order{Date: ex.day.AddDate(0, 0, 5), Customer: "Ola Nordmann", Lines: []OrderLine{
			{Item: saw.ID, Quantity: 2, Serials: []string{"996A1B2C1", "996A1B2C2"}, UnitPrice: 599_00},
			{Item: oil.ID, Quantity: 4, UnitPrice: 9_90},
		}})
	})
	must(ex, func() (Order, error) {
		return r.SaveOrder(Order{Date: ex.day.AddDate(0, 0, 8), Customer: "Kari Hansen", Reference: ex.say("Contract 2026-117"), Lines: []OrderLine{
			{Item: car.ID, Quantity: 1, Serials: []string{"XY123K01"}, UnitPrice: 64_990_00},
		}})
	})
	must(ex, func() (Order, error) {
		return r.ReturnToStock(first.ID, ReturnInput{Line: 1, Serials: []string{"996A1B2C2"}, Date: ex.day.AddDate(0, 0, 10), Note: ex.say("Chain brake sticks")})
	})
	must(ex, func() (Event, error) {
		return r.AddNote(saw.ID, "996A1B2C2", ex.day.AddDate(0, 0, 11), ex.say("Chain brake replaced and tested"))
	})
	// Entered late, from two years back: drills out of warranty, and a car
	// taken in.
	long := ex.day.AddDate(-2, 0, -20)
	must(ex, func() (Receipt, error) {
		return r.ConfirmReceipt(Receipt{Date: long, Supplier: ex.say("Oslo Auction House"), Reference: ex.say("Lot 17"), Lines: []ReceiptLine{
			{Item: drill.ID, Quantity: 3, Serials: []string{"DR-990101", "DR-990102", "DR-990103"}, UnitCost: 70_00},
			{Item: usedCar.ID, Quantity: 1, Serials: []string{"1HGCM82633A004352"}, UnitCost: 41_000_00},
		}})
	})
	must(ex, func() (Order, error) {
		return r.SaveOrder(Order{Date: long.AddDate(0, 0, 6), Customer: "Ola Nordmann", Lines: []OrderLine{
			{Item: drill.ID, Quantity: 1, Serials: []string{"DR-990101"}, UnitPrice: 149_00},
		}})
	})
	must(ex, func() (SupplierReturn, error) {
		return r.SaveSupplierReturn(SupplierReturn{Date: ex.day.AddDate(0, 0, 12), Supplier: ex.say("Oslo Auction House"), Reference: ex.say("Claim 4411"),
			Reason: ex.say("defective: does not charge"), Lines: []SupplierReturnLine{{Item: drill.ID, Quantity: 1, Serials: []string{"DR-990103"}}}})
	})
	return ex.err
}

// must runs one step unless an earlier one failed.
func must[T any](ex *examples, step func() (T, error)) T {
	var v T
	if ex.err == nil {
		v, ex.err = step()
	}
	return v
}
