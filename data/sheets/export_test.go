package sheets_test

import (
	"bytes"
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
	var buf bytes.Buffer
	var last [2]int
	ex := sheets.Exporter{Reg: reg}
	n, err := ex.Export(&buf, ex.Query(q), cards, func(done, total int) { last = [2]int{done, total} })
	require.NoError(t, err)
	assert.Equal(t, [2]int{n, n}, last, "progress ends at the total")
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f, n
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

	f, n := export(t, reg, core.SerialQuery{}, true)
	assert.Equal(t, 14, n, "the examples' thirteen serials and the one received here")
	assert.Equal(t, []string{sheets.SerialsSheet, sheets.SummarySheet, sheets.NotesSheet, sheets.ItemsSheet, sheets.CustomersSheet, sheets.SuppliersSheet},
		f.GetSheetList(), "an example unit has a service note")

	rows, err := f.GetRows(sheets.SerialsSheet)
	require.NoError(t, err)
	require.Len(t, rows, 15, "a header and one row per serial")
	assert.Equal(t, sheets.SerialHeaders, rows[0])
	today := time.Now().Format("2006-01-02")
	assert.Equal(t, []string{"0012", "007", "=SUM(A1:A9)", "sold", "", today, "GR-000005", "+47 Parts", "12.50", "kari@COUNTER-1",
		today, "SO-000004", "@evil -2+3", "", "kari@COUNTER-1"}, rows[1],
		"serials keep their zeros, text stays text, and who received and sold each unit is there")
	for _, cell := range []string{"A2", "C2", "H2", "M2"} {
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
			assert.Equal(t, r.Received.Date.Format("2006-01-02"), row[5], "dates shown as dates")
		}
	}

	// Dates are real Excel dates: numbers with a date format.
	raw, err := f.GetCellValue(sheets.SerialsSheet, "F3", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Regexp(t, `^\d{5}$`, raw)

	panes, err := f.GetPanes(sheets.SerialsSheet)
	require.NoError(t, err)
	assert.True(t, panes.Freeze, "the header row stays in view")
	tables, err := f.GetTables(sheets.SerialsSheet)
	require.NoError(t, err)
	require.Len(t, tables, 1, "filter buttons on the header")
	assert.Equal(t, "A1:P15", tables[0].Range)

	summary, err := f.GetRows(sheets.SummarySheet)
	require.NoError(t, err)
	assert.Equal(t, sheets.SummaryHeaders, summary[0])
	assert.Contains(t, summary, []string{"CS-500", "Chainsaw 500", "6", "2", "1", "0", "5"})
	assert.Contains(t, summary, []string{"DRILL-18V", "Cordless drill 18 V", "3", "1", "0", "1", "1"}, "a drill went back to the supplier")

	items, err := f.GetRows(sheets.ItemsSheet)
	require.NoError(t, err)
	assert.Len(t, items, 7, "a header and every item card")
	assert.Contains(t, items, []string{"CS-500", "Chainsaw 500", "599.00", "yes", "996******", "yes", "yes", "", "", "no", "no", "no", "serial number", "no", "", "24", "sale"})
	assert.Contains(t, items, []string{"NEW-A6", "NEW AUDI A6", "64,990.00", "yes", "XY123***", "yes", "no", "Audi", "A6", "yes", "yes", "yes", "serial number", "no"})

	customers, err := f.GetRows(sheets.CustomersSheet)
	require.NoError(t, err)
	assert.Equal(t, sheets.PartyHeaders, customers[0])
	assert.Contains(t, customers, []string{"C-00003", "@evil -2+3"}, "the names on the orders are customers")
	formula, err := f.GetCellFormula(sheets.CustomersSheet, "B2")
	require.NoError(t, err)
	assert.Empty(t, formula, "a name stays text")
	suppliers, err := f.GetRows(sheets.SuppliersSheet)
	require.NoError(t, err)
	assert.Contains(t, suppliers, []string{"S-00004", "+47 Parts"}, "after the examples' three suppliers")
}

func TestExportOfASearch(t *testing.T) {
	reg := datatest.NewRegister(t)
	require.NoError(t, reg.LoadExamples())
	f, n := export(t, reg, core.SerialQuery{State: core.Sold}, false)
	assert.Equal(t, 3, n)
	rows, err := f.GetRows(sheets.SerialsSheet)
	require.NoError(t, err)
	require.Len(t, rows, 4)
	assert.Equal(t, "996A1B2C1", rows[1][0])
	assert.Equal(t, "DR-990101", rows[2][0])
	assert.Equal(t, "XY123K01", rows[3][0])
	summary, err := f.GetRows(sheets.SummarySheet)
	require.NoError(t, err)
	assert.Len(t, summary, 4, "the summary covers the items in the list")
	assert.Equal(t, []string{sheets.SerialsSheet, sheets.SummarySheet}, f.GetSheetList(), "no item cards unless asked")
}

func TestExportOfNothingIsAValidWorkbook(t *testing.T) {
	f, n := export(t, datatest.NewRegister(t), core.SerialQuery{Text: "NONE"}, false)
	assert.Zero(t, n)
	rows, err := f.GetRows(sheets.SerialsSheet)
	require.NoError(t, err)
	assert.Equal(t, [][]string{sheets.SerialHeaders}, rows)
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
	notes, err := f.GetRows(sheets.NotesSheet)
	require.NoError(t, err)
	assert.Equal(t, [][]string{sheets.NoteHeaders, {"2026-06-01", "S1", "SAW", "Saw", "Chain brake replaced"}}, notes)
	rows, err := f.GetRows(sheets.SerialsSheet)
	require.NoError(t, err)
	assert.Equal(t, "2028-05-04", rows[1][len(sheets.SerialHeaders)-1], "the warranty's end")
}
