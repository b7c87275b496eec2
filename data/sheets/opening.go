package sheets

import (
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
	bad := func(sheet string, row int, serial, format string, args ...any) {
		in.Unreadable = append(in.Unreadable, core.Problem{Sheet: sheet, Line: row, Serial: serial, Reason: fmt.Sprintf(format, args...)})
	}
	err = wb.eachTableRow(ItemsSheet, []string{"Item number", "Item name"}, func(row tableRow) {
		for _, at := range row.formulas(ItemHeaders...) {
			bad(ItemsSheet, row.n, "", "%s", formulaReason(at, "values"))
		}
		it := core.Item{No: row.get("Item number"), Name: row.get("Item name"), Pattern: row.get("Pattern"), SerialParam: row.get("Serial parameter")}
		var err error
		if it.Price, err = core.ParseMoney(row.get("Default price")); err != nil {
			bad(ItemsSheet, row.n, "", "default price: %s", err)
		}
		for _, flag := range []struct {
			header string
			to     *bool
		}{{"Use serial number", &it.UseSerial}, {"Require at sale", &it.RequireAtSale}, {"Require at purchase", &it.RequireAtPurchase},
			{"Create entity", &it.CreateEntity}, {"Create on save", &it.CreateOnSave}, {"Create on stock update", &it.CreateOnStockUpdate}} {
			if *flag.to, err = yes(row.get(flag.header)); err != nil {
				bad(ItemsSheet, row.n, "", "%s: %s", strings.ToLower(flag.header), err)
			}
		}
		in.Items = append(in.Items, core.OpeningItem{Row: row.n, Item: it, Brand: row.get("Brand"), Model: row.get("Model")})
	})
	if err != nil {
		return in, err
	}
	err = wb.eachTableRow(SerialsSheet, []string{"Serial", "Item number"}, func(row tableRow) {
		serial := row.get("Serial")
		for _, at := range row.formulas("Serial") {
			bad(SerialsSheet, row.n, serial, "%s", formulaReason(at, "serials"))
		}
		for _, at := range row.formulas("Item number", "State", "Received", "Supplier", "Unit cost") {
			bad(SerialsSheet, row.n, serial, "%s", formulaReason(at, "values"))
		}
		if state := row.get("State"); state != "" {
			st, err := core.ParseState(state)
			if err != nil {
				bad(SerialsSheet, row.n, serial, "state %q: use in stock, sold or returned", core.Echo(state))
				return
			}
			if !st.Available() {
				return
			}
		}
		os := core.OpeningSerial{Row: row.n, ItemNo: row.get("Item number"), Serial: serial, Supplier: row.get("Supplier")}
		var err error
		if os.Received, err = date(row.get("Received")); err != nil {
			bad(SerialsSheet, row.n, serial, "received: %s", err)
		}
		if os.Cost, err = core.ParseMoney(row.get("Unit cost")); err != nil {
			bad(SerialsSheet, row.n, serial, "unit cost: %s", err)
		}
		in.Serials = append(in.Serials, os)
	})
	return in, err
}

// tableRow is a row of a sheet read by its header row.
type tableRow struct {
	n      int // row number in the sheet
	cells  []string
	column map[string]int
	// formula tells the cells of the row that hold a formula, by column.
	formula func(col int) bool
}

func (r tableRow) get(header string) string {
	i, ok := r.column[strings.ToLower(header)]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// formulas are the cells of the given columns that hold a formula.
func (r tableRow) formulas(headers ...string) []cell {
	var out []cell
	for _, h := range headers {
		if i, ok := r.column[strings.ToLower(h)]; ok && r.formula(i+1) {
			out = append(out, cell{r.n, i + 1})
		}
	}
	return out
}

// eachTableRow reads a sheet whose first row names the columns, row by
// row; the required columns must be there. Blank rows are skipped. Cells
// are read raw: numbers as numbers, dates as Excel day numbers, never as a
// locale formats them.
func (w *Workbook) eachTableRow(sheet string, required []string, do func(tableRow)) error {
	if i, _ := w.f.GetSheetIndex(sheet); i < 0 {
		return &core.Error{Code: core.Invalid, Message: fmt.Sprintf("the workbook has no %s sheet; use the layout of the template (Save template) or of a full export", sheet)}
	}
	var column map[string]int
	var missing string
	err := w.eachRow(sheet, true, func(n int, cells []string) bool {
		if column == nil {
			column = map[string]int{}
			for i, h := range cells {
				column[strings.ToLower(strings.TrimSpace(h))] = i
			}
			for _, h := range required {
				if _, ok := column[strings.ToLower(h)]; !ok && missing == "" {
					missing = h
				}
			}
			return missing == ""
		}
		if strings.TrimSpace(strings.Join(cells, "")) != "" {
			do(tableRow{n: n, cells: cells, column: column, formula: func(col int) bool { return w.holdsFormula(sheet, cell{n, col}) }})
		}
		return true
	})
	switch {
	case err != nil:
		return err
	case column == nil:
		return &core.Error{Code: core.Invalid, Message: fmt.Sprintf("the sheet %s is empty", sheet)}
	case missing != "":
		return &core.Error{Code: core.Invalid, Message: fmt.Sprintf("the sheet %s has no column %q in its first row", sheet, missing)}
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
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SerialsSheet); err != nil {
		return err
	}
	serials, err := newSheet(f, SerialsSheet, "Serials", st, SerialHeaders, serialWidths)
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
	items, err := newSheet(f, ItemsSheet, "Items", st, ItemHeaders, itemWidths)
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
	return f.Write(w)
}
