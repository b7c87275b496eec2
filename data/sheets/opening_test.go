package sheets_test

import (
	"bytes"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"serialdesk/core"
	"serialdesk/data/datatest"
	"serialdesk/data/sheets"
)

// TestExportThenImportAsOpeningStock exports every serial of a store and
// imports the file as opening stock into an empty store: both list the same
// item cards and the same serials in stock.
func TestExportThenImportAsOpeningStock(t *testing.T) {
	old := datatest.NewRegister(t)
	require.NoError(t, old.LoadExamples())
	var file bytes.Buffer
	ex := sheets.Exporter{Reg: old}
	_, err := ex.Export(&file, "All serials", ex.Query(core.SerialQuery{}), true, nil)
	require.NoError(t, err)

	in, err := sheets.ReadOpeningStock(&file, core.English)
	require.NoError(t, err)
	fresh := datatest.NewRegister(t)
	res, err := fresh.ImportOpeningStock(in)
	require.NoError(t, err)
	assert.Equal(t, 5, res.NewItems)

	assert.Equal(t, cards(t, old), cards(t, fresh))
	assert.Equal(t, inStock(t, old), inStock(t, fresh))
	assert.Len(t, inStock(t, fresh), 9, "the sold serials and the one returned to the supplier are history, not stock")
}

func cards(t *testing.T, reg *core.Register) []string {
	items, err := reg.Items("")
	require.NoError(t, err)
	var out []string
	for _, it := range items {
		out = append(out, strings.Join([]string{it.No, it.Name, it.Price.String(), it.Pattern, it.Model, it.SerialParam,
			yn(it.UseSerial), yn(it.RequireAtSale), yn(it.RequireAtPurchase), yn(it.CreateEntity), yn(it.CreateOnSave), yn(it.CreateOnStockUpdate)}, "|"))
	}
	return out
}

func yn(b bool) string {
	if b {
		return "y"
	}
	return "n"
}

func inStock(t *testing.T, reg *core.Register) []string {
	page, err := reg.SearchSerials(core.SerialQuery{})
	require.NoError(t, err)
	var out []string
	for _, r := range page.Rows {
		if r.State.Available() {
			out = append(out, r.ItemNo+" "+r.Serial.Serial)
		}
	}
	sort.Strings(out)
	return out
}

func TestTemplateImportsAsItIs(t *testing.T) {
	var file bytes.Buffer
	require.NoError(t, sheets.WriteTemplate(&file, core.English))
	in, err := sheets.ReadOpeningStock(&file, core.English)
	require.NoError(t, err)
	require.Len(t, in.Items, 1)
	require.Len(t, in.Serials, 1)
	assert.Equal(t, "CS-500", in.Items[0].Item.No)
	assert.Equal(t, "2026-01-15", in.Serials[0].Received.Format("2006-01-02"))
	reg := datatest.NewRegister(t)
	_, err = reg.ImportOpeningStock(in)
	require.NoError(t, err)
	assert.Equal(t, []string{"CS-500 996A00001"}, inStock(t, reg))
}

// workbook writes sheets of rows as a workbook.
func workbook(t *testing.T, sheetRows map[string][][]any) *bytes.Buffer {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for name, rows := range sheetRows {
		_, err := f.NewSheet(name)
		require.NoError(t, err)
		for i, row := range rows {
			cell, err := excelize.CoordinatesToCellName(1, i+1)
			require.NoError(t, err)
			require.NoError(t, f.SetSheetRow(name, cell, &row))
		}
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return &buf
}

func TestOpeningStockWithUnreadableCells(t *testing.T) {
	in, err := sheets.ReadOpeningStock(workbook(t, map[string][][]any{
		"Items": {{"Item number", "Item name", "Use serial number", "Default price"},
			{"CS-500", "Chainsaw", "perhaps", "12.5.0"},
			{},
			{"DRILL", "Drill", "yes", "149"}},
		"Serials": {{"Serial", "Item number", "Received", "Unit cost", "State"},
			{"996A00001", "CS-500", "yesterday", "", "in stock"},
			{"996A00002", "CS-500", "2026-01-15", "abc", ""},
			{"996A00003", "CS-500", "", "", "lost"},
			{"996A00004", "CS-500", "", "", "sold"},
			{"bad serial", "DRILL", "", "", ""}},
	}), core.English)
	require.NoError(t, err)
	// What the reader could not read comes with what the import finds, all
	// at once, without guesses about the rows it could not read.
	_, err = datatest.NewRegister(t).ImportOpeningStock(in)
	requireSheetProblems(t, err,
		sheetProblem{Sheet: "Items", Line: 2, Reason: `default price: "12.5.0" is not an amount; write it like 1,250.00`},
		sheetProblem{Sheet: "Items", Line: 2, Reason: `use serial number: "perhaps" is not yes or no`},
		sheetProblem{Sheet: "Serials", Line: 2, Serial: "996A00001", Reason: `received: "yesterday" is not a date like 2026-11-27`},
		sheetProblem{Sheet: "Serials", Line: 3, Serial: "996A00002", Reason: `unit cost: "abc" is not an amount; write it like 1,250.00`},
		sheetProblem{Sheet: "Serials", Line: 4, Serial: "996A00003", Reason: `state "lost": use in stock, sold, returned or returned to supplier`},
		sheetProblem{Sheet: "Serials", Line: 6, Serial: "bad serial", Reason: "character 4 (a space) is not allowed; use letters, digits and - / . _"},
	)
}

// sheetProblem is a core.Problem with its reason in English.
type sheetProblem struct {
	Sheet  string
	Line   int
	Serial string
	Reason string
}

func requireSheetProblems(t *testing.T, err error, want ...sheetProblem) {
	t.Helper()
	require.Error(t, err)
	assert.Equal(t, core.Invalid, core.ErrorCode(err))
	var got []sheetProblem
	for _, p := range core.Problems(err) {
		got = append(got, sheetProblem{Sheet: p.Sheet, Line: p.Line, Serial: p.Serial, Reason: p.Reason.String()})
	}
	assert.Equal(t, want, got)
}

func TestOpeningStockFilesOfTheWrongShape(t *testing.T) {
	_, err := sheets.ReadOpeningStock(workbook(t, map[string][][]any{"Serials": {{"Serial", "Item number"}}}), core.English)
	assert.Equal(t, "The workbook has no Items sheet; use the layout of the template (Save template) or of a full export", core.English.Error(err))
	_, err = sheets.ReadOpeningStock(workbook(t, map[string][][]any{"Items": {{"Number", "Name"}}, "Serials": {{"Serial"}}}), core.English)
	assert.Equal(t, `The sheet Items has no column "Item number" in its header row (row 1)`, core.English.Error(err))
	_, err = sheets.ReadOpeningStock(strings.NewReader("PK this is not a workbook"), core.English)
	assert.Contains(t, core.English.Error(err), "cannot be read as an Excel workbook")
}
