package sheets

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"serialdesk/core"
)

// Sheet names of an export, in English: how code names a sheet. A
// workbook names it in its own language (sheetNames).
const (
	SerialsSheet   = "Serials"
	SummarySheet   = "Summary"
	ItemsSheet     = "Items"
	NotesSheet     = "Service notes"
	CustomersSheet = "Customers"
	SuppliersSheet = "Suppliers"
)

// sheetNames are the sheets' names as a workbook says them.
var sheetNames = map[string]core.Message{SerialsSheet: core.Say("Serials"), SummarySheet: core.Say("Summary"),
	ItemsSheet: core.Say("Items"), NotesSheet: core.Say("Service notes"), CustomersSheet: core.Say("Customers"),
	SuppliersSheet: core.Say("Suppliers")}

// The headings of a sheet's columns are said in the workbook's language;
// their English (Message.Key) is how code names a column.

// PartyHeaders are the columns of the Customers and Suppliers sheets.
var PartyHeaders = []core.Message{core.Say("Number"), core.Say("Name"), core.Say("Organisation number"), core.Say("Phone"),
	core.Say("E-mail"), core.Say("Address"), core.Say("Note")}

// NoteHeaders are the columns of the Service notes sheet.
var NoteHeaders = []core.Message{core.Say("Date"), core.Say("Serial"), core.Say("Item number"), core.Say("Item name"),
	core.Say("Note"), core.Say("Entered by")}

// SerialHeaders are the columns of the Serials sheet.
var SerialHeaders = []core.Message{core.Say("Serial"), core.Say("Item number"), core.Say("Item name"), core.Say("State"),
	core.Say("Project number"), core.Say("Received"), core.Say("Receipt"), core.Say("Supplier"), core.Say("Unit cost"),
	core.Say("Received by"), core.Say("Sold"), core.Say("Order"), core.Say("Customer"), core.Say("Unit price"),
	core.Say("Sold by"), core.Say("Warranty until")}

var serialWidths = []float64{22, 14, 28, 19, 14, 12, 12, 26, 11, 18, 12, 12, 26, 11, 18, 13}

// SummaryHeaders are the columns of the Summary sheet.
var SummaryHeaders = []core.Message{core.Say("Item number"), core.Say("Item name"), core.Say("Purchased"), core.Say("Sold"),
	core.Say("Returned"), core.Say("To supplier"), core.Say("In stock")}

// ItemHeaders are the columns of the Items sheet: every item card with its
// serial settings, so that a full export is a complete, readable copy.
var ItemHeaders = []core.Message{core.Say("Item number"), core.Say("Item name"), core.Say("Default price"),
	core.Say("Use serial number"), core.Say("Pattern"), core.Say("Require at sale"), core.Say("Require at purchase"),
	core.Say("Brand"), core.Say("Model"), core.Say("Create entity"), core.Say("Create on save"),
	core.Say("Create on stock update"), core.Say("Serial parameter"), core.Say("VIN"), core.Say("GTIN"),
	core.Say("Warranty months"), core.Say("Warranty from")}

var itemWidths = []float64{14, 28, 13, 10, 14, 10, 10, 14, 14, 10, 10, 10, 16, 8, 16, 10, 10}

// pageSize is how many serials are read from the register at a time.
const pageSize = 10_000

// Exporter writes serial lists of a register.
type Exporter struct {
	Reg *core.Register
	// In is the language of the workbooks: their sheets' names,
	// headings, titles and words. The zero Speaker writes English.
	In core.Speaker
}

func (e Exporter) speaker() core.Speaker { return spoken(e.In) }

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

// QueryTitle says which serials a query selects, for the title of their
// export, in the exporter's language: "All serials", or "Serials — item
// CS-500, state in stock, text "99"".
func (e Exporter) QueryTitle(q core.SerialQuery) (string, error) {
	var about []core.Message
	if q.Item != 0 {
		it, err := e.Reg.Item(q.Item)
		if err != nil {
			return "", err
		}
		about = append(about, core.Say("item {{.Item}}", core.Values{"Item": it.No}))
	}
	if q.State != 0 {
		about = append(about, core.Say("state {{.State}}", core.Values{"State": q.State.Word()}))
	}
	switch {
	case q.Text != "" && q.InNotes:
		about = append(about, core.Say("note text {{.Text}}", core.Values{"Text": core.Echo(q.Text).Quoted()}))
	case q.Text != "":
		about = append(about, core.Say("text {{.Text}}", core.Values{"Text": core.Echo(q.Text).Quoted()}))
	}
	day := q.Today
	if day.IsZero() {
		day = time.Now() // as the search takes it
	}
	day = core.Day(day) // said as a day, without the time
	switch q.Warranty {
	case core.UnderWarranty:
		about = append(about, core.Say("under warranty on {{.Date}}", core.Values{"Date": day}))
	case core.WarrantyExpired:
		about = append(about, core.Say("warranty ended before {{.Date}}", core.Values{"Date": day}))
	}
	if len(about) == 0 {
		return e.speaker().Say(core.Say("All serials")), nil
	}
	return e.speaker().Say(core.Say("Serials — {{.About}}", core.Values{"About": core.Sentences(", ", about...)})), nil
}

// Export writes the serials fetch brings to w as a workbook: the Serials
// sheet, a Summary of their items, and, with cards, the Items sheet with
// every item card. title says what the serials are (QueryTitle, or e.g.
// "Serials of GR-000004"); it heads the sheets, with the time of the
// export. progress, when given, hears how far it is. It returns the number
// of serial rows written.
func (e Exporter) Export(w io.Writer, title string, fetch Fetch, cards bool, progress func(done, total int)) (int, error) {
	b, err := newWriter(title, e.speaker())
	if err != nil {
		return 0, err
	}
	defer b.f.Close()
	shop, err := e.Reg.Shop()
	if err != nil {
		return 0, err
	}
	b.currency = shop.CurrencyIn(b.in.Formats)
	notes, err := e.Reg.Notes()
	if err != nil {
		return 0, err
	}
	noted := map[unit]bool{} // the units with notes: exported or not yet
	for _, n := range notes {
		noted[unit{n.Item, n.Serial}] = false
	}
	rows, seen, err := b.writeSerials(fetch, progress, noted)
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
	if err := b.writeSummary(summary); err != nil {
		return 0, err
	}
	if err := b.writeNotes(notes, noted); err != nil {
		return 0, err
	}
	if cards {
		if err := e.writeItems(b, items); err != nil {
			return 0, err
		}
		if err := e.writeParties(b); err != nil {
			return 0, err
		}
	}
	if err := b.write(w); err != nil {
		return 0, fmt.Errorf("writing the workbook: %w", err)
	}
	return rows, nil
}

// writer is a workbook being written: an export or the template.
type writer struct {
	f        *excelize.File
	st       styles
	in       core.Speaker // the workbook's language
	title    string       // what the workbook holds
	at       time.Time    // when it was written
	currency string       // the shop's, after the headings of amounts
}

func newWriter(title string, in core.Speaker) (*writer, error) {
	f := excelize.NewFile()
	b := &writer{f: f, in: in, title: title, at: time.Now()}
	st, err := newStyles(f)
	if err == nil {
		err = f.SetSheetName("Sheet1", b.say(sheetNames[SerialsSheet]))
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	b.st = st
	return b, nil
}

// say is m in the workbook's language.
func (b *writer) say(m core.Message) string { return b.in.Say(m) }

// exported heads a sheet of an export: what it holds and when.
func (b *writer) exported(what string) string {
	return b.say(core.Say("{{.Title}} — exported {{.At}}", core.Values{"Title": what, "At": core.Moment(b.at)}))
}

// write writes the workbook out, under Serialdesk's name and the time it
// was made rather than excelize's.
func (b *writer) write(w io.Writer) error {
	at := b.at.UTC().Format(time.RFC3339)
	if err := b.f.SetDocProps(&excelize.DocProperties{Creator: "Serialdesk", LastModifiedBy: "Serialdesk", Created: at, Modified: at,
		Title: b.title}); err != nil {
		return err
	}
	return b.f.Write(w)
}

// styles are the cell styles a workbook uses. Every one has the body's
// font, the workbook's default: a bold header in no font of its own came
// out in a serif in LibreOffice.
type styles struct{ title, bold, boldRight, date, money int }

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	body, err := f.GetStyle(0)
	if err != nil {
		return st, err
	}
	bold := *body.Font
	bold.Bold = true
	large := bold
	large.Size = titleSize
	for _, style := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: &large}},
		{&st.bold, excelize.Style{Font: &bold}},
		// Dates and amounts keep a space on their right, or they run into
		// the text of the column after them (2026-11-18GR-000001).
		{&st.boldRight, excelize.Style{Font: &bold, Alignment: &rightIndented}},
		// Built-in formats, which Excel and LibreOffice show in the
		// reader's own way: 31.12.2026 and 64 990,00 in Norway,
		// 12/31/2026 and 64,990.00 in the United States, from one file.
		{&st.date, excelize.Style{NumFmt: 14, Alignment: &rightIndented}}, // the short date
		{&st.money, excelize.Style{NumFmt: 4, Alignment: &rightIndented}}, // #,##0.00
	} {
		if *style.id, err = f.NewStyle(&style.style); err != nil {
			return st, err
		}
	}
	return st, nil
}

// rightIndented stands a number right, a space short of its column's edge.
var rightIndented = excelize.Alignment{Horizontal: "right", Indent: 1}

// titleSize is the size of a sheet's title; titleHeight its row's height
// in points, room for it.
const (
	titleSize   = 14
	titleHeight = 20
)

// amountHeadings are the columns of money, whose headings say the
// shop's currency.
var amountHeadings = map[string]bool{"Unit cost": true, "Unit price": true, "Default price": true}

// numberHeadings are the headings over numbers (amounts, counts, dates),
// which stand right as their numbers do, by their English.
var numberHeadings = map[string]bool{"Received": true, "Unit cost": true, "Sold": true, "Unit price": true, "Warranty until": true,
	"Purchased": true, "Returned": true, "To supplier": true, "In stock": true, "Default price": true, "Warranty months": true, "Date": true}

// headingWidth is about as wide as a heading shows in the bold header
// font, with the filter button beside it, in Excel's widths (of a digit):
// a little more rather than less, for a cut heading cannot be read.
func headingWidth(heading string) float64 {
	const boldLower, boldUpper, filterButton = 1.05, 1.35, 3.0
	w := filterButton
	for _, r := range heading {
		if unicode.IsUpper(r) {
			w += boldUpper
		} else {
			w += boldLower
		}
	}
	return math.Ceil(w)
}

// A sheet's title is its first row, the table's header row the next.
const (
	titleRow  = 1
	headerRow = 2
)

// sheet is a streamed sheet: a title, a bold, frozen header row that is
// printed on every page, and columns at least as wide as their headings;
// finish adds the filter buttons and writes it out.
type sheet struct {
	sw    *excelize.StreamWriter
	cols  int
	rows  int
	st    styles
	in    core.Speaker
	table string
}

// sheet starts the sheet code names name (SerialsSheet, …), in the
// workbook's language; table names its table, for formulas.
func (b *writer) sheet(name, table, title string, headers []core.Message, widths []float64) (*sheet, error) {
	first := name == SerialsSheet // the sheet the workbook starts with
	name = b.say(sheetNames[name])
	if !first {
		if _, err := b.f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	// The stream writer writes the sheet's properties when it starts.
	if err := b.setUpPages(name); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	said := make([]string, len(headers))
	for i, h := range headers {
		said[i] = b.say(h)
		if amountHeadings[h.Key] {
			said[i] = core.WithCurrency(said[i], b.currency)
		}
		if err := sw.SetColWidth(i+1, i+1, max(widths[i], headingWidth(said[i]))); err != nil {
			return nil, err
		}
	}
	below := fmt.Sprintf("A%d", headerRow+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: below, ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", titleRow), []any{excelize.Cell{StyleID: b.st.title, Value: title}},
		excelize.RowOpts{Height: titleHeight}); err != nil {
		return nil, err
	}
	s := &sheet{sw: sw, cols: len(headers), rows: titleRow, st: b.st, in: b.in, table: table}
	header := make([]any, len(headers))
	for i, h := range headers {
		style := b.st.bold
		if numberHeadings[h.Key] {
			style = b.st.boldRight
		}
		header[i] = excelize.Cell{StyleID: style, Value: said[i]}
	}
	return s, s.add(header)
}

// setUpPages has a sheet print on A4 paper across, one page wide, with its
// header row on every page and the page numbers at the foot.
func (b *writer) setUpPages(name string) error {
	a4, across, oneWide, anyLength, fit := 9, "landscape", 1, 0, true
	if err := b.f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &across, FitToWidth: &oneWide, FitToHeight: &anyLength}); err != nil {
		return err
	}
	if err := b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := b.f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: "&C" + b.pageNumbers()}); err != nil {
		return err
	}
	return b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(name, "'", "''"), headerRow, headerRow)})
}

// pageNumbers is a footer's "Page 2 of 5", in the codes of a header or
// footer: &P and &N are the numbers, && an ampersand of the words.
func (b *writer) pageNumbers() string {
	const page, pages = "\x00P", "\x00N" // no text has them; an & would be taken for a code
	said := b.say(core.Say("Page {{.Page}} of {{.Pages}}", core.Values{"Page": page, "Pages": pages}))
	return strings.NewReplacer("&", "&&", page, "&P", pages, "&N").Replace(said)
}

func (s *sheet) add(values []any) error {
	s.rows++
	cell, err := excelize.CoordinatesToCellName(1, s.rows)
	if err != nil {
		return err
	}
	return s.sw.SetRow(cell, values)
}

// finish makes the rows so far a table with filter buttons, adds the rows
// below it, such as a total, and writes the sheet out.
func (s *sheet) finish(below ...[]any) error {
	s.rows = max(s.rows, headerRow+1) // a table has a row under its header
	first, err := excelize.CoordinatesToCellName(1, headerRow)
	if err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(s.cols, s.rows)
	if err != nil {
		return err
	}
	noStripes := false
	if err := s.sw.AddTable(&excelize.Table{Range: first + ":" + last, Name: s.table, StyleName: "TableStyleLight1", ShowRowStripes: &noStripes}); err != nil {
		return err
	}
	for _, row := range below {
		if err := s.add(row); err != nil {
			return err
		}
	}
	return s.sw.Flush()
}

// text keeps a value as text: a serial like 0012 keeps its zeros and a
// name starting with = stays a name, never a formula. No text is a blank
// cell, not an empty text.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

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
func (b *writer) writeSerials(fetch Fetch, progress func(done, total int), noted map[unit]bool) (int, map[core.ItemID]bool, error) {
	s, err := b.sheet(SerialsSheet, "Serials", b.exported(b.title), SerialHeaders, serialWidths)
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
	row := []any{text(r.Serial.Serial), text(r.ItemNo), text(r.ItemName), text(s.say(r.State.Word())), text(r.Project.String())}
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
func (b *writer) writeNotes(notes []core.NoteRow, exported map[unit]bool) error {
	var s *sheet
	for _, n := range notes {
		if !exported[unit{n.Item, n.Serial}] {
			continue
		}
		if s == nil {
			var err error
			title := b.say(core.Say("Service notes: {{.Title}}", core.Values{"Title": b.title}))
			if s, err = b.sheet(NotesSheet, "Notes", b.exported(title), NoteHeaders, []float64{12, 18, 14, 28, 48, 18}); err != nil {
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

// writeSummary writes the Summary sheet: the stock of the items, and their
// totals below the table, as numbers rather than formulas, which a reader
// would have to work out.
func (b *writer) writeSummary(items []core.ItemRow) error {
	title := b.say(core.Say("Summary: {{.Title}}", core.Values{"Title": b.title}))
	s, err := b.sheet(SummarySheet, "Summary", b.exported(title), SummaryHeaders, []float64{14, 28, 11, 11, 11, 11, 11})
	if err != nil {
		return err
	}
	var total core.Stock
	for _, it := range items {
		if err := s.add([]any{text(it.No), text(it.Name), it.Stock.Purchased, it.Stock.Sold, it.Stock.Returned, it.Stock.ToSupplier,
			it.Stock.InStock()}); err != nil {
			return err
		}
		total.Purchased += it.Stock.Purchased
		total.Sold += it.Stock.Sold
		total.Returned += it.Stock.Returned
		total.ToSupplier += it.Stock.ToSupplier
	}
	row := []any{b.say(core.Say("Total")), nil, total.Purchased, total.Sold, total.Returned, total.ToSupplier, total.InStock()}
	for i, v := range row {
		if v != nil {
			row[i] = excelize.Cell{StyleID: b.st.bold, Value: v}
		}
	}
	return s.finish(row)
}

func (e Exporter) writeItems(b *writer, items []core.ItemRow) error {
	models, err := e.Reg.Models(0)
	if err != nil {
		return err
	}
	byID := map[core.ModelID]core.ModelRow{}
	for _, m := range models {
		byID[m.ID] = m
	}
	s, err := b.sheet(ItemsSheet, "Items", b.exported(b.say(core.Say("All item cards"))), ItemHeaders, itemWidths)
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
func (e Exporter) writeParties(b *writer) error {
	for _, kind := range []struct {
		kind         core.PartyKind
		sheet, table string
		title        core.Message
	}{{core.Customer, CustomersSheet, "Customers", core.Say("All customers")}, {core.Supplier, SuppliersSheet, "Suppliers", core.Say("All suppliers")}} {
		parties, err := e.Reg.Parties(kind.kind, "")
		if err != nil {
			return err
		}
		s, err := b.sheet(kind.sheet, kind.table, b.exported(b.say(kind.title)), PartyHeaders, []float64{12, 28, 16, 16, 26, 34, 30})
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
	return []any{text(it.No), text(it.Name), s.money(it.Price), s.yesNo(it.UseSerial), text(it.Pattern),
		s.yesNo(it.RequireAtSale), s.yesNo(it.RequireAtPurchase), text(brand), text(model), s.yesNo(it.CreateEntity), s.yesNo(it.CreateOnSave),
		s.yesNo(it.CreateOnStockUpdate), text(it.SerialParam), s.yesNo(it.VIN), text(it.GTIN), warrantyMonths(it), text(s.warrantyFrom(it))}
}

// say is m in the workbook's language.
func (s *sheet) say(m core.Message) string { return s.in.Say(m) }

// WarrantyFromWords are how the Items sheet says when a warranty starts.
var WarrantyFromWords = map[core.WarrantyStart]core.Message{core.WarrantyFromSale: core.Say("sale"), core.WarrantyFromReceipt: core.Say("receipt")}

func warrantyMonths(it core.Item) any {
	if it.WarrantyMonths == 0 {
		return nil
	}
	return it.WarrantyMonths
}

func (s *sheet) warrantyFrom(it core.Item) string {
	if it.WarrantyMonths == 0 {
		return ""
	}
	return s.say(WarrantyFromWords[it.WarrantyFrom])
}

func (s *sheet) yesNo(b bool) string {
	if b {
		return s.say(yesWord)
	}
	return s.say(noWord)
}
