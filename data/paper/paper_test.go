package paper_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
	"serialdesk/data/paper"
	"serialdesk/data/paper/papertest"
)

var printedAt = time.Date(2026, 12, 2, 14, 30, 0, 0, time.Local)

// examples is a register with the example data, and the shop's own
// details.
func examples(t *testing.T) *core.Register {
	t.Helper()
	reg := datatest.NewRegister(t)
	require.NoError(t, reg.LoadExamples())
	return reg
}

func document(t *testing.T, p core.Paper) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, paper.Document(&buf, p, core.English, printedAt))
	return buf.Bytes()
}

// warrantyOf is the day the register says a unit's warranty ends.
func warrantyOf(t *testing.T, reg *core.Register, serial string) string {
	t.Helper()
	page, err := reg.SearchSerials(core.SerialQuery{Text: serial})
	require.NoError(t, err)
	require.Len(t, page.Rows, 1)
	require.False(t, page.Rows[0].Warranty.IsZero(), "%s has a warranty", serial)
	return page.Rows[0].Warranty.Format("2006-01-02")
}

func TestTheSalesSlipListsTheOrderWithItsSerialsAndWarranty(t *testing.T) {
	reg := examples(t)
	p, err := reg.OrderPaper(1)
	require.NoError(t, err)
	pdf := document(t, p)
	got := papertest.Text(t, pdf)
	for _, want := range []string{"Nordby Motor & Sag AS", "Industriveien 12, 2000 Lillestrøm", "Org. no. 999 888 777 MVA",
		"Sales slip", "SO-000001", "Customer", "Ola Nordmann", "C-00001", "Storgata 1, 0155 Oslo", "+47 912 34 567 · ola@example.no",
		"CS-500", "Chainsaw 500", "599.00", "1,198.00", "996A1B2C1", "996A1B2C2", "OIL-1L", "39.60", "1,237.60",
		"warranty until " + warrantyOf(t, reg, "996A1B2C1"), "Received by the customer", "Name in capitals", "Page 1 of 1"} {
		assert.Contains(t, got, want)
	}
	assert.Equal(t, 1, strings.Count(got, "warranty until"), "the unit the customer brought back has no warranty from this sale")
	assert.Regexp(t, `996A1B2C2 +returned \d{4}-\d\d-\d\d`, got, "and says when it came back")
	meta := papertest.Info(t, pdf)
	assert.Contains(t, meta, "Sales slip SO-000001")
	assert.Contains(t, meta, "Serialdesk")
	assert.Contains(t, meta, "Nordby Motor & Sag AS")
	assert.NotContains(t, meta, "FPDF")
}

func TestTheGoodsReceiptListNamesTheSupplierAndEveryUnit(t *testing.T) {
	reg := examples(t)
	p, err := reg.ReceiptPaper(4)
	require.NoError(t, err)
	got := papertest.Text(t, document(t, p))
	for _, want := range []string{"Goods receipt", "GR-000004", "Supplier", "Oslo Auction House", "Lot 17", "Unit cost",
		"DR-990101", "DR-990102", "DR-990103", "1HGCM82633A004352", "41,000.00", "Goods checked by"} {
		assert.Contains(t, got, want)
	}
	assert.NotContains(t, got, "warranty", "the drill's warranty runs from its sale: the customer's, not the delivery's")
	assert.NotContains(t, got, "CANCELLED")
	assert.NotContains(t, got, "DRAFT")

	draft, err := reg.ReceiptPaper(3)
	require.NoError(t, err)
	assert.Contains(t, papertest.Text(t, document(t, draft)), "DRAFT", "a draft is printed to unpack by, and says it is one")
}

func TestACancelledOrderSaysSoAndACashSaleNamesNoCustomer(t *testing.T) {
	reg := examples(t)
	saw, err := reg.ItemByNo("CS-500")
	require.NoError(t, err)
	o, err := reg.SaveOrder(core.Order{Lines: []core.OrderLine{{Item: saw.ID, Quantity: 1, Serials: []string{"996A1B2C3"}, UnitPrice: 599_00}}})
	require.NoError(t, err)
	_, err = reg.CancelOrder(o.ID)
	require.NoError(t, err)
	p, err := reg.OrderPaper(o.ID)
	require.NoError(t, err)
	got := papertest.Text(t, document(t, p))
	assert.Contains(t, got, "CANCELLED")
	assert.Contains(t, got, "Cash sale: no customer named")
	assert.Contains(t, got, "996A1B2C3")
}

func TestALongOrderRunsOnOverPagesWithItsHeadingsRepeated(t *testing.T) {
	reg := datatest.NewRegister(t)
	_, err := reg.SaveShop(core.Shop{Name: "Sykkelhuset"})
	require.NoError(t, err)
	bike, err := reg.SaveItem(core.Item{No: "BIKE", Name: "Bicycle", UseSerial: true, WarrantyMonths: 24})
	require.NoError(t, err)
	serials := make([]string, 400)
	for i := range serials {
		serials[i] = fmt.Sprintf("WTU%07d", i)
	}
	_, err = reg.ConfirmReceipt(core.Receipt{Supplier: "Shimano", Lines: []core.ReceiptLine{{Item: bike.ID, Quantity: len(serials), Serials: serials}}})
	require.NoError(t, err)
	o, err := reg.SaveOrder(core.Order{Customer: "Oslo Bysykkel", Lines: []core.OrderLine{{Item: bike.ID, Quantity: len(serials), Serials: serials, UnitPrice: 4990_00}}})
	require.NoError(t, err)
	p, err := reg.OrderPaper(o.ID)
	require.NoError(t, err)
	got := papertest.Text(t, document(t, p))
	pages := strings.Split(got, "\f")
	require.Greater(t, len(pages), 2, "400 units with their warranty take pages")
	for _, serial := range serials {
		assert.Contains(t, got, serial)
	}
	n := len(pages) - 1 // pdftotext ends each page with a form feed
	for i, pg := range pages[:n] {
		assert.Contains(t, pg, fmt.Sprintf("Page %d of %d", i+1, n))
		assert.Contains(t, pg, "Sykkelhuset · Sales slip SO-000001")
	}
	assert.Contains(t, pages[n-1], "1,996,000.00", "the total is on the last page")
}

func TestTheStockListHasEveryUnitOnTheShelfToTick(t *testing.T) {
	reg := examples(t)
	var buf bytes.Buffer
	var last [2]int
	n, err := paper.StockList(context.Background(), &buf, reg, 0, core.English, func(done, total int) { last = [2]int{done, total} }, printedAt)
	require.NoError(t, err)
	got := papertest.Text(t, buf.Bytes())
	inStock, err := reg.SearchSerials(core.SerialQuery{State: core.InStock})
	require.NoError(t, err)
	assert.Equal(t, inStock.Total, n)
	assert.Equal(t, [2]int{n, n}, last, "progress ends at the total")
	for _, r := range inStock.Rows {
		assert.Contains(t, got, r.Serial.Serial)
	}
	sold, err := reg.SearchSerials(core.SerialQuery{State: core.Sold})
	require.NoError(t, err)
	require.NotEmpty(t, sold.Rows)
	for _, r := range sold.Rows {
		assert.NotContains(t, got, r.Serial.Serial, "a sold unit is not on the shelf")
	}
	for _, want := range []string{"Stock list", "2026-12-02 14:30", "All items", "CS-500", "Chainsaw 500", "back from a customer",
		"OIL-1L", "no serials are kept of this item", "Counted:", "GR-000001"} {
		assert.Contains(t, got, want)
	}

	saw, err := reg.ItemByNo("CS-500")
	require.NoError(t, err)
	buf.Reset()
	_, err = paper.StockList(context.Background(), &buf, reg, saw.ID, core.English, nil, printedAt)
	require.NoError(t, err)
	one := papertest.Text(t, buf.Bytes())
	assert.Contains(t, one, "CS-500 Chainsaw 500")
	assert.NotContains(t, one, "OIL-1L")
}

func TestALongJobCanBeCancelled(t *testing.T) {
	reg := examples(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	_, err := paper.StockList(ctx, &buf, reg, 0, core.English, nil, printedAt)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, buf.Len(), "nothing written")

	labels := make([]paper.Label, 1200)
	for i := range labels {
		labels[i] = paper.Label{ItemNo: "X", Serial: fmt.Sprint(i)}
	}
	_, err = paper.Labels(ctx, &buf, labels, paper.LabelOptions{Size: paper.Brother62x29}, nil, printedAt)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, buf.Len(), "nothing written")
}

// A serial of any length is listed whole, and units received without a
// serial are counted too.
func TestTheStockListShowsLongSerialsWholeAndUnitsWithoutSerials(t *testing.T) {
	reg := datatest.NewRegister(t)
	part, err := reg.SaveItem(core.Item{No: "PART", Name: "Spare part", UseSerial: true})
	require.NoError(t, err)
	longest := strings.Repeat("AB12CD34EF", 7)[:core.MaxSerialLength]
	_, err = reg.ConfirmReceipt(core.Receipt{Supplier: "Parts AS", Lines: []core.ReceiptLine{{Item: part.ID, Quantity: 3, Serials: []string{longest}}}})
	require.NoError(t, err)
	var buf bytes.Buffer
	n, err := paper.StockList(context.Background(), &buf, reg, 0, core.English, nil, printedAt)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	got := papertest.Text(t, buf.Bytes())
	assert.Contains(t, strings.Join(strings.Fields(got), ""), longest)
	assert.Contains(t, got, "3 in stock")
	assert.Contains(t, got, "2 units have no serial in the register: count them too")
}

// Cancel pressed as the last unit is done still writes nothing.
func TestACancelAtTheEndWritesNothing(t *testing.T) {
	reg := examples(t)
	ctx, cancel := context.WithCancel(context.Background())
	var buf bytes.Buffer
	_, err := paper.StockList(ctx, &buf, reg, 0, core.English, func(done, total int) {
		if done == total {
			cancel()
		}
	}, printedAt)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, buf.Len())
}

// A receipt names no supplier in its own words, and shows the warranty a
// delivery gives while its units are the shop's.
func TestAReceiptListShowsTheWarrantyOfTheDelivery(t *testing.T) {
	reg := datatest.NewRegister(t)
	mower, err := reg.SaveItem(core.Item{No: "MOWER", Name: "Lawn mower", UseSerial: true, WarrantyMonths: 12, WarrantyFrom: core.WarrantyFromReceipt})
	require.NoError(t, err)
	rc, err := reg.ConfirmReceipt(core.Receipt{Date: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Lines: []core.ReceiptLine{
		{Item: mower.ID, Quantity: 2, Serials: []string{"M-1", "M-2"}}}})
	require.NoError(t, err)
	_, err = reg.SaveOrder(core.Order{Customer: "Kari", Lines: []core.OrderLine{{Item: mower.ID, Quantity: 1, Serials: []string{"M-2"},
		Warranty: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}}})
	require.NoError(t, err)
	p, err := reg.ReceiptPaper(rc.ID)
	require.NoError(t, err)
	got := papertest.Text(t, document(t, p))
	assert.Contains(t, got, "No supplier named")
	assert.Regexp(t, `M-1 +warranty until 2027-03-02`, got)
	assert.Equal(t, 1, strings.Count(got, "warranty until"), "the unit sold with an extended warranty has the customer's, not the delivery's")
}
