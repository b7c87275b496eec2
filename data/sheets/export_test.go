package sheets_test

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"serialdesk/core"
	"serialdesk/data/datatest"
	"serialdesk/data/sheets"
)

// export writes a workbook of the register and opens it again with excelize.
func export(t *testing.T, reg *core.Register, q core.SerialQuery, cards bool) (*excelize.File, int) {
	t.Helper()
	buf, n := exportFile(t, reg, q, cards)
	f, err := excelize.OpenReader(bytes.NewReader(buf))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f, n
}

// exportFile writes a workbook of the register, titled by its query.
func exportFile(t *testing.T, reg *core.Register, q core.SerialQuery, cards bool) ([]byte, int) {
	t.Helper()
	var buf bytes.Buffer
	var last [2]int
	ex := sheets.Exporter{Reg: reg}
	title, err := ex.QueryTitle(q)
	require.NoError(t, err)
	n, err := ex.Export(&buf, title, ex.Query(q), cards, func(done, total int) { last = [2]int{done, total} })
	require.NoError(t, err)
	assert.Equal(t, [2]int{n, n}, last, "progress ends at the total")
	return buf.Bytes(), n
}

// table is a sheet's rows under its title: the header row and the rest.
func table(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	require.Len(t, rows[0], 1, "a title over the table")
	return rows[1:]
}

func TestExportReadsBackAsStored(t *testing.T) {
	reg := datatest.NewRegister(t)
	require.NoError(t, reg.LoadExamples())
	reg.SetUser("kari@COUNTER-1")
	chip, err := reg.SaveItem(core.Item{No: "007", Name: "=SUM(A1:A9)", UseSerial: true})
	require.NoError(t, err)
	_, err = reg.ConfirmReceipt(core.Receipt{Supplier: "+47 Parts", Lines: []core.ReceiptLine{{Item: chip.ID, Quantity: 1, Serials: []string{"0012"}, UnitCost: 1250}}})
	require.NoError(t, err)
	_, err = reg.SaveOrder(core.Order{Customer: "@evil -2+3", Lines: []core.OrderLine{{Item: chip.ID, Quantity: 1, Serials: []string{"0012"}}}})
	require.NoError(t, err)

	before := time.Now().Truncate(time.Minute)
	f, n := export(t, reg, core.SerialQuery{}, true)
	assert.Equal(t, 14, n, "the examples' thirteen serials and the one received here")
	assert.Equal(t, []string{sheets.SerialsSheet, sheets.SummarySheet, sheets.NotesSheet, sheets.ItemsSheet, sheets.CustomersSheet, sheets.SuppliersSheet},
		f.GetSheetList(), "an example unit has a service note")

	title, err := f.GetCellValue(sheets.SerialsSheet, "A1")
	require.NoError(t, err)
	at, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimPrefix(title, "All serials — exported "), time.Local)
	require.NoError(t, err, "the title says what was exported and when: %s", title)
	assert.WithinRange(t, at, before, time.Now())
	rows := table(t, f, sheets.SerialsSheet)
	require.Len(t, rows, 15, "a header and one row per serial")
	assert.Equal(t, sayAll(core.English, sheets.SerialHeaders), rows[0])
	today := shortDate(time.Now())
	assert.Equal(t, []string{"0012", "007", "=SUM(A1:A9)", "sold", "", today, "GR-000005", "+47 Parts", "12.50", "kari@COUNTER-1",
		today, "SO-000004", "@evil -2+3", "", "kari@COUNTER-1"}, rows[1],
		"serials keep their zeros, text stays text, and who received and sold each unit is there")
	for _, cell := range []string{"A3", "C3", "H3", "M3"} {
		formula, err := f.GetCellFormula(sheets.SerialsSheet, cell)
		require.NoError(t, err)
		assert.Empty(t, formula, "%s is not a formula", cell)
		typ, err := f.GetCellType(sheets.SerialsSheet, cell)
		require.NoError(t, err)
		assert.NotEqual(t, excelize.CellTypeNumber, typ, "%s is text", cell)
	}

	// Every serial of the store is there, as the store has it.
	page, err := reg.SearchSerials(core.SerialQuery{})
	require.NoError(t, err)
	for i, r := range page.Rows {
		row := rows[i+1]
		assert.Equal(t, r.Serial.Serial, row[0])
		assert.Equal(t, r.ItemNo, row[1])
		assert.Equal(t, r.State.String(), row[3])
		assert.Equal(t, r.Project.String(), row[4])
		if r.Received != nil {
			assert.Equal(t, r.Received.Doc.String(), row[6])
			assert.Equal(t, shortDate(r.Received.Date), row[5], "dates shown as dates")
		}
	}

	// Dates are real Excel dates: numbers with the built-in short date,
	// which the reader's Excel or LibreOffice shows in its own way.
	raw, err := f.GetCellValue(sheets.SerialsSheet, "F4", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Regexp(t, `^\d{5}$`, raw)
	styleID, err := f.GetCellStyle(sheets.SerialsSheet, "F4")
	require.NoError(t, err)
	style, err := f.GetStyle(styleID)
	require.NoError(t, err)
	assert.Equal(t, 14, style.NumFmt, "the short date")
	assert.Nil(t, style.CustomNumFmt)

	panes, err := f.GetPanes(sheets.SerialsSheet)
	require.NoError(t, err)
	assert.True(t, panes.Freeze, "the title and the header row stay in view")
	assert.Equal(t, "A3", panes.TopLeftCell)
	tables, err := f.GetTables(sheets.SerialsSheet)
	require.NoError(t, err)
	require.Len(t, tables, 1, "filter buttons on the header")
	assert.Equal(t, "A2:P16", tables[0].Range)

	summary := table(t, f, sheets.SummarySheet)
	assert.Equal(t, sayAll(core.English, sheets.SummaryHeaders), summary[0])
	assert.Contains(t, summary, []string{"CS-500", "Chainsaw 500", "6", "2", "1", "0", "5"})
	assert.Contains(t, summary, []string{"DRILL-18V", "Cordless drill 18 V", "3", "1", "0", "1", "1"}, "a drill went back to the supplier")
	total := []string{"Total", ""}
	for col := 2; col < len(sheets.SummaryHeaders); col++ {
		sum := 0
		for _, row := range summary[1 : len(summary)-1] {
			n, err := strconv.Atoi(row[col])
			require.NoError(t, err)
			sum += n
		}
		total = append(total, strconv.Itoa(sum))
	}
	assert.Equal(t, total, summary[len(summary)-1], "the totals of the items' stock")
	tables, err = f.GetTables(sheets.SummarySheet)
	require.NoError(t, err)
	require.Len(t, tables, 1)
	assert.Equal(t, fmt.Sprintf("A2:G%d", len(summary)), tables[0].Range, "the total is below the table, out of its sorting and filters")

	items := table(t, f, sheets.ItemsSheet)
	assert.Len(t, items, 7, "a header and every item card")
	assert.Contains(t, items, []string{"CS-500", "Chainsaw 500", "599.00", "yes", "996******", "yes", "yes", "", "", "no", "no", "no", "serial number", "no", "", "24", "sale"})
	assert.Contains(t, items, []string{"NEW-A6", "NEW AUDI A6", "64,990.00", "yes", "XY123***", "yes", "no", "Audi", "A6", "yes", "yes", "yes", "serial number", "no"})

	customers := table(t, f, sheets.CustomersSheet)
	assert.Equal(t, sayAll(core.English, sheets.PartyHeaders), customers[0])
	assert.Contains(t, customers, []string{"C-00003", "@evil -2+3"}, "the names on the orders are customers")
	formula, err := f.GetCellFormula(sheets.CustomersSheet, "B3")
	require.NoError(t, err)
	assert.Empty(t, formula, "a name stays text")
	suppliers := table(t, f, sheets.SuppliersSheet)
	assert.Contains(t, suppliers, []string{"S-00004", "+47 Parts"}, "after the examples' three suppliers")
}

func TestExportOfASearch(t *testing.T) {
	reg := datatest.NewRegister(t)
	require.NoError(t, reg.LoadExamples())
	f, n := export(t, reg, core.SerialQuery{State: core.Sold}, false)
	assert.Equal(t, 3, n)
	rows := table(t, f, sheets.SerialsSheet)
	require.Len(t, rows, 4)
	assert.Equal(t, "996A1B2C1", rows[1][0])
	assert.Equal(t, "DR-990101", rows[2][0])
	assert.Equal(t, "XY123K01", rows[3][0])
	summary := table(t, f, sheets.SummarySheet)
	assert.Len(t, summary, 5, "the summary covers the items in the list, and their total")
	assert.Equal(t, []string{sheets.SerialsSheet, sheets.SummarySheet}, f.GetSheetList(), "no item cards unless asked")
}

func TestExportOfNothingIsAValidWorkbook(t *testing.T) {
	f, n := export(t, datatest.NewRegister(t), core.SerialQuery{Text: "NONE"}, false)
	assert.Zero(t, n)
	assert.Equal(t, [][]string{sayAll(core.English, sheets.SerialHeaders)}, table(t, f, sheets.SerialsSheet))
	assert.Equal(t, [][]string{sayAll(core.English, sheets.SummaryHeaders), nil, {"Total", "", "0", "0", "0", "0", "0"}}, table(t, f, sheets.SummarySheet),
		"the total stays out of the empty table's row")
}

// The service notes of the units exported come on a sheet of their own;
// a unit left out of the export leaves its notes out.
func TestExportHasTheNotesOfItsUnits(t *testing.T) {
	reg := datatest.NewRegister(t)
	saw, err := reg.SaveItem(core.Item{No: "SAW", Name: "Saw", UseSerial: true, WarrantyMonths: 24})
	require.NoError(t, err)
	_, err = reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: saw.ID, Quantity: 2, Serials: []string{"S1", "S2"}}}})
	require.NoError(t, err)
	_, err = reg.SaveOrder(core.Order{Date: time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC), Lines: []core.OrderLine{{Item: saw.ID, Quantity: 1, Serials: []string{"S1"}}}})
	require.NoError(t, err)
	day := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	_, err = reg.AddNote(saw.ID, "S1", day, "Chain brake replaced")
	require.NoError(t, err)
	_, err = reg.AddNote(saw.ID, "S2", day, "Scratched in the shop")
	require.NoError(t, err)

	f, _ := export(t, reg, core.SerialQuery{State: core.Sold}, false)
	assert.Equal(t, []string{sheets.SerialsSheet, sheets.SummarySheet, sheets.NotesSheet}, f.GetSheetList())
	assert.Equal(t, [][]string{sayAll(core.English, sheets.NoteHeaders), {shortDate(day), "S1", "SAW", "Saw", "Chain brake replaced"}}, table(t, f, sheets.NotesSheet))
	rows := table(t, f, sheets.SerialsSheet)
	assert.Equal(t, shortDate(time.Date(2028, 5, 4, 0, 0, 0, 0, time.UTC)), rows[1][len(sheets.SerialHeaders)-1], "the warranty's end")
}

func TestQueryTitleSaysWhichSerials(t *testing.T) {
	reg := datatest.NewRegister(t)
	require.NoError(t, reg.LoadExamples())
	saw, err := reg.ItemByNo("CS-500")
	require.NoError(t, err)
	day := time.Date(2026, 5, 4, 0, 0, 0, 0, time.Local)
	ex := sheets.Exporter{Reg: reg}
	for _, tt := range []struct {
		q    core.SerialQuery
		want string
	}{
		{core.SerialQuery{}, "All serials"},
		{core.SerialQuery{Item: saw.ID, State: core.InStock, Text: "99"}, `Serials — item CS-500, state in stock, text "99"`},
		{core.SerialQuery{Text: "brake", InNotes: true}, `Serials — note text "brake"`},
		{core.SerialQuery{Warranty: core.UnderWarranty, Today: day}, "Serials — under warranty on 2026-05-04"},
		{core.SerialQuery{State: core.Sold, Warranty: core.WarrantyExpired, Today: day}, "Serials — state sold, warranty ended before 2026-05-04"},
		// The search screen leaves the day to the register: today.
		{core.SerialQuery{Warranty: core.UnderWarranty}, "Serials — under warranty on " + time.Now().Format("2006-01-02")},
	} {
		title, err := ex.QueryTitle(tt.q)
		require.NoError(t, err)
		assert.Equal(t, tt.want, title)
	}
	_, err = ex.QueryTitle(core.SerialQuery{Item: 999})
	assert.Equal(t, core.NotFound, core.ErrorCode(err))
}

// shortDate is a date as excelize shows the built-in short date: the
// American way, where Excel and LibreOffice show it in the reader's own.
func shortDate(t time.Time) string { return t.Format("01-02-06") }
