package sheets

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"serialdesk/core"
)

// ReadOpeningStock reads a workbook in the layout of a full export (an
// Items sheet with the cards, a Serials sheet with the serials) as opening
// stock. Serials whose State says sold are history, not stock, and are left
// out. Cells that cannot be read, and cells holding formulas, go into the
// stock's Unreadable list, so that the import reports them together with
// every other bad row.
func ReadOpeningStock(r io.Reader) (core.OpeningStock, error) {
	var in core.OpeningStock
	wb, err := OpenWorkbook(r)
	if err != nil {
		return in, err
	}
	defer wb.Close()
	err = wb.eachTableRow(ItemsSheet, ItemHeaders, []string{"Item number", "Item name"}, &in.Unreadable, func(row tableRow) {
		it := core.Item{No: row.get("Item number"), Name: row.get("Item name"), Pattern: row.get("Pattern"), SerialParam: row.get("Serial parameter")}
		var err error
		if it.Price, err = core.ParseMoney(row.get("Default price")); err != nil {
			row.bad("default price: %s", err)
		}
		for _, flag := range []struct {
			header string
			to     *bool
		}{{"Use serial number", &it.UseSerial}, {"Require at sale", &it.RequireAtSale}, {"Require at purchase", &it.RequireAtPurchase},
			{"Create entity", &it.CreateEntity}, {"Create on save", &it.CreateOnSave}, {"Create on stock update", &it.CreateOnStockUpdate}} {
			if *flag.to, err = yes(row.get(flag.header)); err != nil {
				row.bad("%s: %s", strings.ToLower(flag.header), err)
			}
		}
		it.GTIN = row.get("GTIN")
		if it.VIN, err = yes(row.get("VIN")); err != nil {
			row.bad("VIN: %s", err)
		}
		if it.WarrantyMonths, err = core.ParseMonths(row.get("Warranty months")); err != nil {
			row.bad("%s", err)
		}
		if it.WarrantyFrom, err = warrantyStart(row.get("Warranty from")); err != nil {
			row.bad("warranty from: %s", err)
		}
		in.Items = append(in.Items, core.OpeningItem{Row: row.n, Item: it, Brand: row.get("Brand"), Model: row.get("Model")})
	})
	if err != nil {
		return in, err
	}
	err = wb.eachTableRow(SerialsSheet, SerialHeaders, []string{"Serial", "Item number"}, &in.Unreadable, func(row tableRow) {
		serial := row.get("Serial")
		if state := row.get("State"); state != "" {
			st, err := core.ParseState(state)
			if err != nil {
				row.bad("state %q: use in stock, sold, returned or returned to supplier", core.Echo(state))
				return
			}
			if !st.Available() {
				return
			}
		}
		os := core.OpeningSerial{Row: row.n, ItemNo: row.get("Item number"), Serial: serial, Supplier: row.get("Supplier")}
		var err error
		if os.Received, err = date(row.get("Received")); err != nil {
			row.bad("received: %s", err)
		}
		if os.Cost, err = core.ParseMoney(row.get("Unit cost")); err != nil {
			row.bad("unit cost: %s", err)
		}
		in.Serials = append(in.Serials, os)
	})
	return in, err
}

// table is a sheet read by its header row.
type table struct {
	sheet  string
	layout map[string]bool // the headers a reader may read, in lower case
	column map[string]int  // by header in lower case
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
		what := "values"
		if header == "Serial" {
			what = "serials"
		}
		r.bad("%s", formulaReason(at, what))
	}
	return r.value(i)
}

func (r tableRow) value(i int) string {
	if i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// bad reports a problem of the row, with its serial when the sheet has a
// Serial column.
func (r tableRow) bad(format string, args ...any) {
	serial := ""
	if i, ok := r.column["serial"]; ok {
		serial = r.value(i)
	}
	*r.problems = append(*r.problems, core.Problem{Sheet: r.sheet, Line: r.n, Serial: serial, Reason: fmt.Sprintf(format, args...)})
}

// eachTableRow reads a sheet by its header row (head), row by row, into
// problems what is wrong; the required columns must be there, and only
// the layout's columns may be read. Blank rows are skipped. Cells are read
// raw: numbers as numbers, dates as Excel day numbers, never as a locale
// formats them.
func (w *Workbook) eachTableRow(sheet string, layout, required []string, problems *[]core.Problem, do func(tableRow)) error {
	t := &table{sheet: sheet, layout: map[string]bool{}, problems: problems}
	for _, h := range layout {
		t.layout[strings.ToLower(h)] = true
	}
	err := w.reading(func() error {
		top, headers, err := w.head(sheet, true)
		if err != nil || top == 0 {
			return err
		}
		t.column = map[string]int{}
		for i, h := range headers {
			t.column[strings.ToLower(strings.TrimSpace(h))] = i
		}
		for _, h := range required {
			if _, ok := t.column[strings.ToLower(h)]; !ok {
				return &core.Error{Code: core.Invalid, Message: fmt.Sprintf("the sheet %s has no column %q in its header row (row %d)", sheet, h, top)}
			}
		}
		var cols []int
		for h, i := range t.column {
			if t.layout[h] {
				cols = append(cols, i+1)
			}
		}
		if t.formulas, err = w.formulaCells(sheet, cols...); err != nil {
			return err
		}
		return w.eachRow(sheet, true, func(n int, cells []string) bool {
			if n > top && strings.TrimSpace(strings.Join(cells, "")) != "" {
				do(tableRow{table: t, n: n, cells: cells})
			}
			return true
		})
	})
	switch {
	case errors.Is(err, errNoSheet):
		return &core.Error{Code: core.Invalid, Message: fmt.Sprintf("the workbook has no %s sheet; use the layout of the template (Save template) or of a full export", sheet)}
	case err != nil:
		return err
	case t.column == nil:
		return &core.Error{Code: core.Invalid, Message: fmt.Sprintf("the sheet %s is empty", sheet)}
	}
	return nil
}

func yes(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "yes", "y", "true", "1", "x":
		return true, nil
	case "no", "n", "false", "0", "":
		return false, nil
	}
	return false, fmt.Errorf("%q is not yes or no", core.Echo(v))
}

// warrantyStart reads when a warranty starts: sale (or blank) or receipt.
func warrantyStart(v string) (core.WarrantyStart, error) {
	for start, word := range WarrantyFromWords {
		if strings.EqualFold(strings.TrimSpace(v), word) {
			return start, nil
		}
	}
	if strings.TrimSpace(v) == "" {
		return core.WarrantyFromSale, nil
	}
	return 0, fmt.Errorf("%q is not sale or receipt", core.Echo(v))
}

// date reads a date cell: an Excel day number, or text like 2026-11-27.
func date(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		t, err := excelize.ExcelDateToTime(n, false)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q is not a date", core.Echo(v))
		}
		return core.Day(t), nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date like 2026-11-27", core.Echo(v))
	}
	return t, nil
}

// WriteTemplate writes an empty opening-stock workbook with one filled
// example row on each sheet, for a shop to fill in.
func WriteTemplate(w io.Writer) error {
	b, err := newWriter("Opening stock")
	if err != nil {
		return err
	}
	defer b.f.Close()
	serials, err := b.sheet(SerialsSheet, "Serials", "Opening stock: the serials in stock, one a row; put yours in place of the example", SerialHeaders, serialWidths)
	if err != nil {
		return err
	}
	received := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	if err := serials.add([]any{text("996A00001"), text("CS-500"), text("Chainsaw 500"), text("in stock"), nil,
		serials.date(received), nil, text("Husqvarna Nordic AB"), serials.money(385_00)}); err != nil {
		return err
	}
	if err := serials.finish(); err != nil {
		return err
	}
	items, err := b.sheet(ItemsSheet, "Items", "Opening stock: the item cards, one a row; put yours in place of the example", ItemHeaders, itemWidths)
	if err != nil {
		return err
	}
	example := core.Item{No: "CS-500", Name: "Chainsaw 500", Price: 599_00, UseSerial: true, Pattern: "996******",
		RequireAtSale: true, RequireAtPurchase: true, SerialParam: core.DefaultSerialParam}
	if err := items.add(items.itemRow(example, "", "")); err != nil {
		return err
	}
	if err := items.finish(); err != nil {
		return err
	}
	return b.write(w)
}
