package sheets

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"serialdesk/assets"
	"serialdesk/core"
)

// ReadOpeningStock reads a workbook in the layout of a full export (an
// Items sheet with the cards, a Serials sheet with the serials) as opening
// stock: written in any language Serialdesk speaks, its sheets' names,
// headings and words too; amounts typed as text are read as the reader's
// language types them. Serials whose State says sold are
// history, not stock, and are left out. Cells that cannot be read, and
// cells holding formulas, go into the stock's Unreadable list, so that the
// import reports them together with every other bad row.
func ReadOpeningStock(r io.Reader, reader core.Speaker) (core.OpeningStock, error) {
	var stock core.OpeningStock
	shipped, err := assets.Speakers()
	if err != nil {
		return stock, err
	}
	in := append([]core.Speaker{spoken(reader)}, shipped...)
	wb, err := OpenWorkbook(r)
	if err != nil {
		return stock, err
	}
	defer wb.Close()
	err = wb.eachTableRow(in, ItemsSheet, ItemHeaders, []string{"Item number", "Item name"}, &stock.Unreadable, func(row tableRow) {
		it := core.Item{No: row.get("Item number"), Name: row.get("Item name"), Pattern: row.get("Pattern"), SerialParam: row.get("Serial parameter")}
		var err error
		if it.Price, err = in[0].Formats.ParseMoney(row.get("Default price")); err != nil {
			row.badIn("Default price", err)
		}
		for _, flag := range []struct {
			header string
			to     *bool
		}{{"Use serial number", &it.UseSerial}, {"Require at sale", &it.RequireAtSale}, {"Require at purchase", &it.RequireAtPurchase},
			{"Create entity", &it.CreateEntity}, {"Create on save", &it.CreateOnSave}, {"Create on stock update", &it.CreateOnStockUpdate}} {
			if *flag.to, err = yes(row.get(flag.header), in); err != nil {
				row.badIn(flag.header, err)
			}
		}
		it.GTIN = row.get("GTIN")
		if it.VIN, err = yes(row.get("VIN"), in); err != nil {
			row.badIn("VIN", err)
		}
		if it.WarrantyMonths, err = core.ParseMonths(row.get("Warranty months")); err != nil {
			row.problem(core.Reason(err))
		}
		if it.WarrantyFrom, err = warrantyStart(row.get("Warranty from"), in); err != nil {
			row.badIn("Warranty from", err)
		}
		stock.Items = append(stock.Items, core.OpeningItem{Row: row.n, Item: it, Brand: row.get("Brand"), Model: row.get("Model")})
	})
	if err != nil {
		return stock, err
	}
	err = wb.eachTableRow(in, SerialsSheet, SerialHeaders, []string{"Serial", "Item number"}, &stock.Unreadable, func(row tableRow) {
		serial := row.get("Serial")
		if state := row.get("State"); state != "" {
			st, ok := readState(state, in)
			if !ok {
				row.bad("state {{.Typed}}: use in stock, sold, returned or returned to supplier", core.Values{"Typed": core.Echo(state).Quoted()})
				return
			}
			if !st.Available() {
				return
			}
		}
		os := core.OpeningSerial{Row: row.n, ItemNo: row.get("Item number"), Serial: serial, Supplier: row.get("Supplier")}
		var err error
		if os.Received, err = date(row.get("Received")); err != nil {
			row.badIn("Received", err)
		}
		if os.Cost, err = in[0].Formats.ParseMoney(row.get("Unit cost")); err != nil {
			row.badIn("Unit cost", err)
		}
		stock.Serials = append(stock.Serials, os)
	})
	return stock, err
}

// readState reads a State cell: a state's word in English (core.ParseState)
// or in one of the languages.
func readState(v string, in []core.Speaker) (core.State, bool) {
	if st, err := core.ParseState(v); err == nil {
		return st, true
	}
	for _, st := range states {
		if is(v, st.Word(), in) {
			return st, true
		}
	}
	return 0, false
}

// table is a sheet read by its header row. Its columns are named by their
// layout's headers in English (Message.Key), whatever language the sheet
// is in.
type table struct {
	sheet  string          // as the workbook names it
	named  core.Speaker    // the language of the sheet's name
	layout map[string]bool // the headers a reader may read, in lower case
	column map[string]int  // by header in lower case
	// heading is each column's heading as the sheet writes it.
	heading map[string]string
	// formulas are the cells of the layout's columns that hold formulas.
	formulas *formulaCells
	problems *[]core.Problem
}

// tableRow is a row of a table.
type tableRow struct {
	*table
	n     int // row number in the sheet
	cells []string
}

// get is the value under a header of the layout, "" when the sheet has no
// such column. A cell holding a formula is reported as a bad row: its
// value was worked out, not typed.
func (r tableRow) get(header string) string {
	key := strings.ToLower(header)
	if !r.layout[key] {
		panic(fmt.Sprintf("sheets: %s is not a column of the %s sheet's layout", header, r.sheet))
	}
	i, ok := r.column[key]
	if !ok {
		return ""
	}
	if at := (cell{r.n, i + 1}); r.formulas.has(at) {
		r.problem(formulaReason(at, header == "Serial"))
	}
	return r.value(i)
}

func (r tableRow) value(i int) string {
	if i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// bad reports a problem of the row (key said with values), with its
// serial when the sheet has a Serial column.
func (r tableRow) bad(key string, values ...core.Values) { r.problem(core.Say(key, values...)) }

// badIn reports a value that cannot be read: the column it is under, by
// its heading as the sheet writes it (an abbreviation such as VIN as it
// stands, other headings in lower case), and why.
func (r tableRow) badIn(header string, err error) {
	if h, ok := r.heading[strings.ToLower(header)]; ok {
		header = h
	}
	if header != strings.ToUpper(header) {
		header = strings.ToLower(header)
	}
	r.bad("{{.Column}}: {{.Reason}}", core.Values{"Column": header, "Reason": core.Reason(err)})
}

func (r tableRow) problem(reason core.Message) {
	serial := ""
	if i, ok := r.column["serial"]; ok {
		serial = r.value(i)
	}
	*r.problems = append(*r.problems, core.Problem{Sheet: r.sheet, Line: r.n, Serial: serial, Reason: reason})
}

// eachTableRow reads the sheet code names sheet (ItemsSheet, …), named
// in English or in the speaker's language, by its header row (head), row
// by row, into problems what is wrong; the required columns (in English)
// must be there, and only the layout's columns may be read, their
// headings in either language. Blank rows are skipped. Cells are read
// raw: numbers as numbers, dates as Excel day numbers, never as a locale
// formats them.
func (w *Workbook) eachTableRow(in []core.Speaker, sheet string, layout []core.Message, required []string, problems *[]core.Problem, do func(tableRow)) error {
	name, named := w.sheetNamed(sheet, in)
	t := &table{sheet: name, named: named, layout: map[string]bool{}, problems: problems}
	// The headings the sheet may have, in lower case: English names its
	// column, whatever the other language says.
	headings := map[string]string{}
	for _, h := range layout {
		key := strings.ToLower(h.Key)
		t.layout[key] = true
		for _, s := range in {
			headings[strings.ToLower(s.Say(h))] = key
		}
	}
	for _, h := range layout {
		headings[strings.ToLower(h.Key)] = strings.ToLower(h.Key)
	}
	err := w.reading(func() error {
		top, headers, err := w.head(name, true)
		if err != nil || top == 0 {
			return err
		}
		t.column, t.heading = map[string]int{}, map[string]string{}
		for i, h := range headers {
			h = strings.TrimSpace(h)
			if key, ok := headings[strings.ToLower(core.WithoutCurrency(h))]; ok {
				t.column[key], t.heading[key] = i, h
			}
		}
		for _, h := range required {
			if _, ok := t.column[strings.ToLower(h)]; !ok {
				return &core.Error{Code: core.Invalid, Message: core.Say("the sheet {{.Sheet}} has no column {{.Column}} in its header row (row {{.Row}})", core.Values{"Sheet": name, "Column": core.Echo(named.Say(core.Say(h))).Quoted(), "Row": top})}
			}
		}
		var cols []int
		for _, i := range t.column {
			cols = append(cols, i+1)
		}
		if t.formulas, err = w.formulaCells(name, cols...); err != nil {
			return err
		}
		return w.eachRow(name, true, func(n int, cells []string) bool {
			if n > top && strings.TrimSpace(strings.Join(cells, "")) != "" {
				do(tableRow{table: t, n: n, cells: cells})
			}
			return true
		})
	})
	switch {
	case errors.Is(err, errNoSheet):
		return &core.Error{Code: core.Invalid, Message: core.Say("the workbook has no {{.Sheet}} sheet; use the layout of the template (Save template) or of a full export", core.Values{"Sheet": name})}
	case err != nil:
		return err
	case t.column == nil:
		return &core.Error{Code: core.Invalid, Message: core.Say("the sheet {{.Sheet}} is empty", core.Values{"Sheet": name})}
	}
	return nil
}

// sheetNamed is the name the workbook gives the sheet code names sheet,
// as it writes it: the sheet's name in one of the languages or in
// English, and the language of the name found. A workbook that has none
// gets the name in the first language, which it then lacks.
func (w *Workbook) sheetNamed(sheet string, in []core.Speaker) (string, core.Speaker) {
	for _, s := range append(in, core.English) {
		said := s.Say(sheetNames[sheet])
		for _, name := range w.sheets {
			if strings.EqualFold(name, said) {
				return name, s
			}
		}
	}
	return in[0].Say(sheetNames[sheet]), in[0]
}

// yes reads a yes-or-no cell: yes or no in one of the languages, or y,
// n, true, false, 1, 0, x; blank is no.
func yes(v string, in []core.Speaker) (bool, error) {
	switch {
	case is(v, yesWord, in):
		return true, nil
	case is(v, noWord, in):
		return false, nil
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "y", "true", "1", "x":
		return true, nil
	case "n", "false", "0", "":
		return false, nil
	}
	return false, &core.Error{Code: core.Invalid, Message: core.Say("{{.Typed}} is not {{.Yes}} or {{.No}}",
		core.Values{"Typed": core.Echo(v).Quoted(), "Yes": yesWord, "No": noWord})}
}

// warrantyStart reads when a warranty starts: sale (or blank) or receipt,
// in one of the languages.
func warrantyStart(v string, in []core.Speaker) (core.WarrantyStart, error) {
	for start, word := range WarrantyFromWords {
		if is(v, word, in) {
			return start, nil
		}
	}
	if strings.TrimSpace(v) == "" {
		return core.WarrantyFromSale, nil
	}
	return 0, &core.Error{Code: core.Invalid, Message: core.Say("{{.Typed}} is not {{.Sale}} or {{.Receipt}}", core.Values{"Typed": core.Echo(v).Quoted(),
		"Sale": WarrantyFromWords[core.WarrantyFromSale], "Receipt": WarrantyFromWords[core.WarrantyFromReceipt]})}
}

// date reads a date cell: an Excel day number, or text like 2026-11-27.
func date(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		t, err := excelize.ExcelDateToTime(n, false)
		if err != nil {
			return time.Time{}, &core.Error{Code: core.Invalid, Message: core.Say("{{.Typed}} is not a date", core.Values{"Typed": core.Echo(v).Quoted()})}
		}
		return core.Day(t), nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return time.Time{}, &core.Error{Code: core.Invalid, Message: core.Say("{{.Typed}} is not a date like 2026-11-27", core.Values{"Typed": core.Echo(v).Quoted()})}
	}
	return t, nil
}

// WriteTemplate writes an empty opening-stock workbook with one filled
// example row on each sheet, for a shop to fill in, in the language in
// speaks.
func WriteTemplate(w io.Writer, in core.Speaker) error {
	in = spoken(in)
	b, err := newWriter(in.Say(core.Say("Opening stock")), in)
	if err != nil {
		return err
	}
	defer b.f.Close()
	serials, err := b.sheet(SerialsSheet, "Serials", b.say(core.Say("Opening stock: the serials in stock, one a row; put yours in place of the example")), SerialHeaders, serialWidths)
	if err != nil {
		return err
	}
	received := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	name := b.say(core.Say("Chainsaw 500")) // as the example data names it
	if err := serials.add([]any{text("996A00001"), text("CS-500"), text(name), text(serials.say(core.InStock.Word())), nil,
		serials.date(received), nil, text("Husqvarna Nordic AB"), serials.money(385_00)}); err != nil {
		return err
	}
	if err := serials.finish(); err != nil {
		return err
	}
	items, err := b.sheet(ItemsSheet, "Items", b.say(core.Say("Opening stock: the item cards, one a row; put yours in place of the example")), ItemHeaders, itemWidths)
	if err != nil {
		return err
	}
	example := core.Item{No: "CS-500", Name: name, Price: 599_00, UseSerial: true, Pattern: "996******",
		RequireAtSale: true, RequireAtPurchase: true, SerialParam: core.DefaultSerialParam}
	if err := items.add(items.itemRow(example, "", "")); err != nil {
		return err
	}
	if err := items.finish(); err != nil {
		return err
	}
	return b.write(w)
}
