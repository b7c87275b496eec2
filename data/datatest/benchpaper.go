package datatest

import (
	"context"
	"io"
	"testing"
	"time"

	"serialdesk/core"
	"serialdesk/data/paper"
)

// LabelRows is how many labels the label benchmark prints: a big delivery.
const LabelRows = 10_000

// Labels10k prints a label for each serial of a receipt of 10,000, read
// from the register as the Labels button does; the receipt is made before
// the timer starts.
func (f *Bench) Labels10k(b *testing.B) {
	it := f.Item(b, 1)
	serials := f.FreshSerials(1, LabelRows)
	rc, err := f.Reg.ConfirmReceipt(core.Receipt{Supplier: "Bench supplier", Lines: []core.ReceiptLine{
		{Item: it.ID, Quantity: len(serials), Serials: serials, UnitCost: 700_00}}})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		page, err := f.Reg.DocumentSerials(rc.Ref(), 0, 0)
		if err != nil {
			b.Fatal(err)
		}
		printed, err := paper.Labels(context.Background(), io.Discard, paper.LabelsOf(page.Rows), paper.LabelOptions{Size: paper.Brother62x29},
			nil, time.Now())
		if err != nil || printed.Labels != LabelRows {
			b.Fatalf("%d labels: %v", printed.Labels, err)
		}
	}
}

// StockRows is how many units the stock list benchmark lists at least.
const StockRows = 100_000

// StockList100k prints the stock list of the busy item once deliveries
// (before the timer starts) have brought it over 100,000 units in stock.
func (f *Bench) StockList100k(b *testing.B) {
	busy := f.Item(b, 0)
	for {
		st, err := f.Reg.Stock(busy.ID)
		if err != nil {
			b.Fatal(err)
		}
		if st.InStock() >= StockRows {
			break
		}
		f.Receive(b, 0, busy, 10_000)
	}
	b.ResetTimer()
	for b.Loop() {
		n, err := paper.StockList(context.Background(), io.Discard, f.Reg, busy.ID, core.English, nil, time.Now())
		if err != nil || n < StockRows {
			b.Fatalf("%d units listed: %v", n, err)
		}
	}
}
