package core

import (
	"fmt"
	"time"
)

// A demo register: a dealership's worth of generated serials on top of the
// examples, so that anyone can feel the app at scale and the benchmarks
// have a realistic store. Everything goes through the register's own calls.
const (
	DemoItems        = 200
	demoReceiptSize  = 10_000 // serials per delivery
	demoOrderSize    = 500    // serials per fleet sale
	demoSoldOneIn    = 10     // every tenth unit received is sold
	demoSerialDigits = 100_000_000
)

// DemoItemNo is the item number of the i-th generated item (0-based).
func DemoItemNo(i int) string { return fmt.Sprintf("GEN-%03d", i+1) }

// DemoSerial is the n-th serial of the i-th generated item: a prefix per item
// and digits scattered over the range, so that searches hit many items.
func DemoSerial(i, n int) string {
	return fmt.Sprintf("%s%08d", demoPrefix(i), (n*7919+i*104729)%demoSerialDigits)
}

func demoPrefix(i int) string {
	const letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
	return fmt.Sprintf("%c%c%d", letters[i%len(letters)], letters[i/len(letters)%len(letters)], i%10)
}

// DemoBusyShare is the part of the generated serials that the first item
// holds: the busiest card (50,000 of a million).
const DemoBusyShare = 20

// demoShare is how many of n serials go to the i-th generated item: the
// first one is the busy item, the rest share what is left evenly.
func demoShare(i, n int) int {
	busy := n / DemoBusyShare
	if i == 0 {
		return busy
	}
	rest, others := n-busy, DemoItems-1
	share := rest / others
	if i <= rest%others {
		share++
	}
	return share
}

// FillDemo fills an empty register with the example data and n generated
// serials over DemoItems items, received in deliveries of up to 10,000 and
// one in ten sold in fleet orders. progress is told how many serials are in
// after each delivery. Its names are in the speaker's language.
func (r *Register) FillDemo(n int, in Speaker, progress func(done int)) error {
	if n < 0 || n > DemoItems*MaxQuantity {
		return errorf(Invalid, "the number of serials must be between 0 and {{.Max}}", Values{"Max": DemoItems * MaxQuantity})
	}
	if err := r.LoadExamplesIn(in); err != nil {
		return err
	}
	day := r.today().AddDate(-1, 0, 0)
	done := 0
	for i := range DemoItems {
		it, err := r.SaveItem(Item{No: DemoItemNo(i), Name: in.Say(Say("Generated machine {{.N}}", Values{"N": i + 1})), Price: Money(1000_00 + 10_00*i),
			UseSerial: true, Pattern: demoPrefix(i) + "########", RequireAtPurchase: true, RequireAtSale: true})
		if err != nil {
			return err
		}
		share := demoShare(i, n)
		for from := 0; from < share; from += demoReceiptSize {
			serials := make([]string, min(demoReceiptSize, share-from))
			for k := range serials {
				serials[k] = DemoSerial(i, from+k)
			}
			date := day.AddDate(0, 0, (i+from/demoReceiptSize)%300)
			if _, err := r.ConfirmReceipt(Receipt{Date: date, Supplier: in.Say(Say("Factory {{.N}}", Values{"N": i%7 + 1})), Reference: fmt.Sprintf("DN-%d-%d", i+1, from/demoReceiptSize+1),
				Lines: []ReceiptLine{{Item: it.ID, Quantity: len(serials), Serials: serials, UnitCost: Money(700_00 + 5_00*i)}}}); err != nil {
				return err
			}
			if err := r.sellDemo(it, serials, date, in); err != nil {
				return err
			}
			done += len(serials)
			if progress != nil {
				progress(done)
			}
		}
	}
	return nil
}

// sellDemo sells one in ten of a delivery in fleet orders.
func (r *Register) sellDemo(it Item, received []string, date time.Time, in Speaker) error {
	var sold []string
	for k := 0; k < len(received); k += demoSoldOneIn {
		sold = append(sold, received[k])
	}
	for from := 0; from < len(sold); from += demoOrderSize {
		serials := sold[from:min(from+demoOrderSize, len(sold))]
		if _, err := r.SaveOrder(Order{Date: date.AddDate(0, 0, 30), Customer: in.Say(Say("Fleet customer {{.N}}", Values{"N": from/demoOrderSize + 1})),
			Lines: []OrderLine{{Item: it.ID, Quantity: len(serials), Serials: serials, UnitPrice: it.Price}}}); err != nil {
			return err
		}
	}
	return nil
}
