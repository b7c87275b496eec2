package sheets

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"serialdesk/core"
)

// Sheet names of an export.
const (
	SerialsSheet   = "Serials"
	SummarySheet   = "Summary"
	ItemsSheet     = "Items"
	NotesSheet     = "Service notes"
	CustomersSheet = "Customers"
	SuppliersSheet = "Suppliers"
)

// PartyHeaders are the columns of the Customers and Suppliers sheets.
var PartyHeaders = []string{"Number", "Name", "Organisation number", "Phone", "E-mail", "Address", "Note"}

// NoteHeaders are the columns of the Service notes sheet.
var NoteHeaders = []string{"Date", "Serial", "Item number", "Item name", "Note", "Entered by"}

// SerialHeaders are the columns of the Serials sheet.
var SerialHeaders = []string{"Serial", "Item number", "Item name", "State", "Project number",
	"Received", "Receipt", "Supplier", "Unit cost", "Received by", "Sold", "Order", "Customer", "Unit price", "Sold by",
	"Warranty until"}

var serialWidths = []float64{18, 14, 28, 10, 14, 12, 12, 26, 11, 18, 12, 12, 26, 11, 18, 13}

// SummaryHeaders are the columns of the Summary sheet.
var SummaryHeaders = []string{"Item number", "Item name", "Purchased", "Sold", "Returned", "To supplier", "In stock"}

// ItemHeaders are the columns of the Items sheet: every item card with its
// serial settings, so that a full export is a complete, readable copy.
var ItemHeaders = []string{"Item number", "Item name", "Default price", "Use serial number", "Pattern",
	"Require at sale", "Require at purchase", "Brand", "Model", "Create entity", "Create on save",
	"Create on stock update", "Serial parameter", "VIN", "GTIN", "Warranty months", "Warranty from"}

var itemWidths = []float64{14, 28, 13, 10, 14, 10, 10, 14, 14, 10, 10, 10, 16, 8, 16, 10, 10}

// pageSize is how many serials are read from the register at a time.
const pageSize = 10_000

// Exporter writes serial lists of a register.
type Exporter struct {
	Reg *core.Register
}

// Fetch brings one page of the serials to export and how many there are:
// a search (Register.SearchSerials) or a document (Register.DocumentSerials).
type Fetch = func(offset, limit int) (core.SerialPage, error)

// Query fetches the serials a query selects.
func (e Exporter) Query(q core.SerialQuery) Fetch {
	return func(offset, limit int) (core.SerialPage, error) {
		q.Offset, q.Limit = offset, limit
		return e.Reg.SearchSerials(q)
	}
}

// Export writes the serials fetch brings to w as a workbook: the Serials
// sheet, a Summary of their items, and, with cards, the Items sheet with
// every item card. progress, when given, hears how far it is. It returns the
// number of serial rows written.
func (e Exporter) Export(w io.Writer, fetch Fetch, cards bool, progress func(done, total int)) (int, error) {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return 0, err
	}
	if err := f.SetSheetName("Sheet1", SerialsSheet); err != nil {
		return 0, err
	}
	notes, err := e.Reg.Notes()
	if err != nil {
		return 0, err
	}
	noted := map[unit]bool{} // the units with notes: exported or not yet
	for _, n := range notes {
		noted[unit{n.Item, n.Serial}] = false
	}
	rows, seen, err := writeSerials(f, st, fetch, progress, noted)
	if err != nil {
		return 0, err
	}
	items, err := e.Reg.Items("")
	if err != nil {
		return 0, err
	}
	var summary []core.ItemRow
	for _, it := range items {
		if cards || seen[it.ID] {
			summary = append(summary, it)
		}
	}
	if err := writeSummary(f, st, summary); err != nil {
		return 0, err
	}
	if err := writeNotes(f, st, notes, noted); err != nil {
		return 0, err
	}
	if cards {
		if err := e.writeItems(f, st, items); err != nil {
			return 0, err
		}
		if err := e.writeParties(f, st); err != nil {
			return 0, err
		}
	}
	if err := f.Write(w); err != nil {
		return 0, fmt.Errorf("writing the workbook: %w", err)
	}
	return rows, nil
}

// styles are the cell styles an export uses.
type styles struct{ header, date, money int }

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	var err error
	if st.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return st, err
	}
	dateFormat := "yyyy-mm-dd"
	if st.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat}); err != nil {
		return st, err
	}
	st.money, err = f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	return st, err
}

// sheet starts a streamed sheet with a bold, frozen header row and column
// widths; finish adds the filter buttons and writes it out.
type sheet struct {
	sw    *excelize.StreamWriter
	cols  int
	rows  int
	st    styles
	table string
}

func newSheet(f *excelize.File, name, table string, st styles, headers []string, widths []float64) (*sheet, error) {
	if name != SerialsSheet {
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	s := &sheet{sw: sw, cols: len(headers), st: st, table: table}
	header := make([]any, len(headers))
	for i, h := range headers {
		header[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	return s, s.add(header)
}

func (s *sheet) add(values []any) error {
	s.rows++
	cell, err := excelize.CoordinatesToCellName(1, s.rows)
	if err != nil {
		return err
	}
	return s.sw.SetRow(cell, values)
}

func (s *sheet) finish() error {
	last, err := excelize.CoordinatesToCellName(s.cols, max(s.rows, 2))
	if err != nil {
		return err
	}
	noStripes := false
	if err := s.sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: s.table, StyleName: "TableStyleLight1", ShowRowStripes: &noStripes}); err != nil {
		return err
	}
	return s.sw.Flush()
}

// text keeps a value as text: a serial like 0012 keeps its zeros and a
// name starting with = stays a name, never a formula.
func text(s string) any { return s }

func (s *sheet) date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return excelize.Cell{StyleID: s.st.date, Value: t}
}

func (s *sheet) money(m core.Money) any {
	if m == 0 {
		return nil
	}
	return excelize.Cell{StyleID: s.st.money, Value: float64(m) / 100}
}

// unit is one serial of one item.
type unit struct {
	item   core.ItemID
	serial string
}

// writeSerials writes the Serials sheet; noted learns which of the units
// with notes it wrote.
func writeSerials(f *excelize.File, st styles, fetch Fetch, progress func(done, total int), noted map[unit]bool) (int, map[core.ItemID]bool, error) {
	s, err := newSheet(f, SerialsSheet, "Serials", st, SerialHeaders, serialWidths)
	if err != nil {
		return 0, nil, err
	}
	seen := map[core.ItemID]bool{}
	written := 0
	// The next page is read while this one is written: reading the
	// register and building the sheet each take about half the time.
	type fetched struct {
		page core.SerialPage
		err  error
	}
	ahead := make(chan fetched, 1)
	readAt := func(offset int) {
		page, err := fetch(offset, pageSize)
		ahead <- fetched{page, err}
	}
	go readAt(0)
	for {
		next := <-ahead
		if next.err != nil {
			return 0, nil, next.err
		}
		page := next.page
		full := len(page.Rows) == pageSize
		if full {
			go readAt(written + pageSize)
		}
		for _, r := range page.Rows {
			seen[r.Item] = true
			if _, ok := noted[unit{r.Item, r.Serial.Serial}]; ok {
				noted[unit{r.Item, r.Serial.Serial}] = true
			}
			if err := s.add(s.serialRow(r)); err != nil {
				if full {
					<-ahead // let the reader finish before the register may close
				}
				return 0, nil, err
			}
		}
		written += len(page.Rows)
		if progress != nil {
			progress(written, page.Total)
		}
		if !full {
			break
		}
	}
	return written, seen, s.finish()
}

func (s *sheet) serialRow(r core.SerialRow) []any {
	row := []any{text(r.Serial.Serial), text(r.ItemNo), text(r.ItemName), text(r.State.String()), text(r.Project.String())}
	for _, m := range []*core.Movement{r.Received, r.Sale()} {
		if m == nil {
			row = append(row, nil, nil, nil, nil, nil)
			continue
		}
		row = append(row, s.date(m.Date), text(m.Doc.String()), text(m.Party), s.money(m.Amount), text(m.By))
	}
	return append(row, s.date(r.Warranty))
}

// writeNotes writes the service notes of the units exported, when any has
// one.
func writeNotes(f *excelize.File, st styles, notes []core.NoteRow, exported map[unit]bool) error {
	var s *sheet
	for _, n := range notes {
		if !exported[unit{n.Item, n.Serial}] {
			continue
		}
		if s == nil {
			var err error
			if s, err = newSheet(f, NotesSheet, "Notes", st, NoteHeaders, []float64{12, 18, 14, 28, 48, 18}); err != nil {
				return err
			}
		}
		if err := s.add([]any{s.date(n.Date), text(n.Serial), text(n.ItemNo), text(n.ItemName), text(n.Note), text(n.By)}); err != nil {
			return err
		}
	}
	if s == nil {
		return nil
	}
	return s.finish()
}

func writeSummary(f *excelize.File, st styles, items []core.ItemRow) error {
	s, err := newSheet(f, SummarySheet, "Summary", st, SummaryHeaders, []float64{14, 28, 11, 11, 11, 11, 11})
	if err != nil {
		return err
	}
	for _, it := range items {
		if err := s.add([]any{text(it.No), text(it.Name), it.Stock.Purchased, it.Stock.Sold, it.Stock.Returned, it.Stock.ToSupplier,
			it.Stock.InStock()}); err != nil {
			return err
		}
	}
	return s.finish()
}

func (e Exporter) writeItems(f *excelize.File, st styles, items []core.ItemRow) error {
	models, err := e.Reg.Models(0)
	if err != nil {
		return err
	}
	byID := map[core.ModelID]core.ModelRow{}
	for _, m := range models {
		byID[m.ID] = m
	}
	s, err := newSheet(f, ItemsSheet, "Items", st, ItemHeaders, itemWidths)
	if err != nil {
		return err
	}
	for _, it := range items {
		m := byID[it.Item.Model]
		if err := s.add(s.itemRow(it.Item, m.BrandName, m.Name)); err != nil {
			return err
		}
	}
	return s.finish()
}

// writeParties writes the Customers and the Suppliers sheets.
func (e Exporter) writeParties(f *excelize.File, st styles) error {
	for _, kind := range []struct {
		kind         core.PartyKind
		sheet, table string
	}{{core.Customer, CustomersSheet, "Customers"}, {core.Supplier, SuppliersSheet, "Suppliers"}} {
		parties, err := e.Reg.Parties(kind.kind, "")
		if err != nil {
			return err
		}
		s, err := newSheet(f, kind.sheet, kind.table, st, PartyHeaders, []float64{12, 28, 16, 16, 26, 34, 30})
		if err != nil {
			return err
		}
		for _, p := range parties {
			if err := s.add([]any{text(p.No), text(p.Name), text(p.OrgNo), text(p.Phone), text(p.Email), text(p.Address), text(p.Note)}); err != nil {
				return err
			}
		}
		if err := s.finish(); err != nil {
			return err
		}
	}
	return nil
}

func (s *sheet) itemRow(it core.Item, brand, model string) []any {
	return []any{text(it.No), text(it.Name), s.money(it.Price), yesNo(it.UseSerial), text(it.Pattern),
		yesNo(it.RequireAtSale), yesNo(it.RequireAtPurchase), text(brand), text(model), yesNo(it.CreateEntity), yesNo(it.CreateOnSave),
		yesNo(it.CreateOnStockUpdate), text(it.SerialParam), yesNo(it.VIN), text(it.GTIN), warrantyMonths(it), text(warrantyFrom(it))}
}

// WarrantyFromWords are how the Items sheet says when a warranty starts.
var WarrantyFromWords = map[core.WarrantyStart]string{core.WarrantyFromSale: "sale", core.WarrantyFromReceipt: "receipt"}

func warrantyMonths(it core.Item) any {
	if it.WarrantyMonths == 0 {
		return nil
	}
	return it.WarrantyMonths
}

func warrantyFrom(it core.Item) string {
	if it.WarrantyMonths == 0 {
		return ""
	}
	return WarrantyFromWords[it.WarrantyFrom]
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
