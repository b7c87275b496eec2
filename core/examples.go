package core

import (
	"fmt"
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
// and are required at purchase and at sale, the item "NEW AUDI A6" linked to
// the model Audi A6 (pattern XY123***, entities made on save and on stock
// update, one made in advance), bolts counted by quantity, and a few
// receipts, orders and a return.
func (r *Register) LoadExamples() error {
	empty, err := r.IsEmpty()
	if err != nil {
		return err
	}
	if !empty {
		return errorf(Conflict, "the example data goes into an empty register only; this one already has item cards")
	}
	ex := examples{r: r, day: r.today().AddDate(0, 0, -14)}
	return ex.load()
}

// examples loads the example data step by step through the register's own
// calls, so that it obeys every rule; the first failure stops it.
type examples struct {
	r   *Register
	day time.Time
	err error
}

func (ex *examples) load() error {
	r := ex.r
	husqvarna := must(ex, func() (Brand, error) { return r.SaveBrand(Brand{Name: "Husqvarna"}) })
	audi := must(ex, func() (Brand, error) { return r.SaveBrand(Brand{Name: "Audi"}) })
	must(ex, func() (Model, error) { return r.SaveModel(Model{Brand: husqvarna.ID, Name: "550 XP"}) })
	a6 := must(ex, func() (Model, error) { return r.SaveModel(Model{Brand: audi.ID, Name: "A6"}) })
	must(ex, func() (Model, error) { return r.SaveModel(Model{Brand: audi.ID, Name: "A4"}) })

	saw := must(ex, func() (Item, error) {
		return r.SaveItem(Item{No: "CS-500", Name: "Chainsaw 500", Price: 599_00, UseSerial: true, Pattern: "996******",
			RequireAtSale: true, RequireAtPurchase: true})
	})
	car := must(ex, func() (Item, error) {
		return r.SaveItem(Item{No: "NEW-A6", Name: "NEW AUDI A6", Price: 64_990_00, UseSerial: true, Pattern: "XY123***",
			RequireAtSale: true, Model: a6.ID, CreateEntity: true, CreateOnSave: true, CreateOnStockUpdate: true,
			SerialParam: DefaultSerialParam})
	})
	oil := must(ex, func() (Item, error) { return r.SaveItem(Item{No: "OIL-1L", Name: "Chain oil 1 l", Price: 9_90}) })
	must(ex, func() (Item, error) {
		return r.SaveItem(Item{No: "DRILL-18V", Name: "Cordless drill 18 V", Price: 149_00, UseSerial: true, Pattern: "DR-######"})
	})
	must(ex, func() (Entity, error) {
		return r.SaveEntity(Entity{Model: a6.ID, Params: []Param{
			{Name: DefaultSerialParam, Value: "XY123K01"}, {Name: "colour", Value: "Mythos black"}, {Name: "ordered for", Value: "Kari Hansen"}}})
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
		return r.SaveOrder(Order{Date: ex.day.AddDate(0, 0, 8), Customer: "Kari Hansen", Reference: "Contract 2026-117", Lines: []OrderLine{
			{Item: car.ID, Quantity: 1, Serials: []string{"XY123K01"}, UnitPrice: 64_990_00},
		}})
	})
	must(ex, func() (Order, error) {
		return r.ReturnToStock(first.ID, ReturnInput{Line: 1, Serials: []string{"996A1B2C2"}, Date: ex.day.AddDate(0, 0, 10), Note: "Chain brake sticks"})
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
