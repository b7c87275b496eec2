package sheets_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"serialdesk/core"
	"serialdesk/data/datatest"
	"serialdesk/data/sheets"
)

// supplierList is a workbook as suppliers send them: a title row of
// columns, the serials in one of them, blank rows between.
func supplierList(t testing.TB, rows [][]any) *bytes.Buffer {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &row))
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return &buf
}

func TestReadSerialsFromASuppliersList(t *testing.T) {
	buf := supplierList(t, [][]any{
		{"Pos", "Article", "Serial No.", "Remark"},
		{1, "MS 500i", "996A00001", ""},
		{},
		{2, "MS 500i", " 996a00002 ", "scratched"},
		{3, "MS 500i", "0012", ""},
	})
	wb, err := sheets.OpenWorkbook(buf)
	require.NoError(t, err)
	defer wb.Close()
	assert.Equal(t, []string{"Sheet1"}, wb.Sheets())
	headers, guess, err := wb.Columns("Sheet1")
	require.NoError(t, err)
	assert.Equal(t, []string{"A: Pos", "B: Article", "C: Serial No.", "D: Remark"}, headers)
	assert.Equal(t, 2, guess, "the column whose header says serial")
	values, err := wb.Values("Sheet1", guess)
	require.NoError(t, err)
	assert.Equal(t, []string{"996A00001", "996a00002", "0012"}, values, "the header and blank rows are skipped")

	_, err = wb.Values("Sheet1", 3)
	require.NoError(t, err)
	_, err = wb.Values("Sheet1", 7)
	assert.Equal(t, "Column H of sheet Sheet1 holds no serials", core.English.Error(err))
}

func TestAListWithoutHeader(t *testing.T) {
	wb, err := sheets.OpenWorkbook(supplierList(t, [][]any{{"SN-1"}, {"SN-2"}}))
	require.NoError(t, err)
	defer wb.Close()
	_, guess, err := wb.Columns("Sheet1")
	require.NoError(t, err)
	assert.Equal(t, 0, guess, "a single column is the serials")
	values, err := wb.Values("Sheet1", 0)
	require.NoError(t, err)
	assert.Equal(t, []string{"SN-1", "SN-2"}, values, "a first row that is a serial is kept")
}

func TestFilesThatAreNotSerialLists(t *testing.T) {
	_, err := sheets.OpenWorkbook(strings.NewReader("serial\n996A00001\n"))
	assert.Equal(t, "The file cannot be read as an Excel workbook (.xlsx): it is another kind of file, or damaged. Save it from the spreadsheet program as .xlsx and try again", core.English.Error(err))

	good := supplierList(t, [][]any{{"Serial"}, {"A1"}}).Bytes()
	_, err = sheets.OpenWorkbook(bytes.NewReader(good[:len(good)/2]))
	assert.Contains(t, core.English.Error(err), "cannot be read as an Excel workbook", "a damaged file")

	huge, err := os.Create(filepath.Join(t.TempDir(), "huge.xlsx"))
	require.NoError(t, err)
	defer huge.Close()
	require.NoError(t, huge.Truncate(sheets.MaxFileSize+1)) // sparse: no disk taken
	_, err = sheets.OpenWorkbook(huge)
	assert.Equal(t, "The file is larger than 5.1 GB; a serial list is much smaller, so this is probably not the right file", core.English.Error(err))

	wb, err := sheets.OpenWorkbook(supplierList(t, nil))
	require.NoError(t, err)
	defer wb.Close()
	_, _, err = wb.Columns("Sheet1")
	assert.Equal(t, "The sheet Sheet1 is empty", core.English.Error(err))
}

// A list with a title over its table, as a supplier may send and as an
// export has, is read by the header under the title.
func TestAListWithATitle(t *testing.T) {
	wb, err := sheets.OpenWorkbook(supplierList(t, [][]any{
		{"Delivery 4711 of 2026-05-04"},
		{},
		{"Article", "Serial No."},
		{"MS 500i", "996A00001"},
		{"MS 500i", "996A00002"},
	}))
	require.NoError(t, err)
	defer wb.Close()
	headers, guess, err := wb.Columns("Sheet1")
	require.NoError(t, err)
	assert.Equal(t, []string{"A: Article", "B: Serial No."}, headers)
	values, err := wb.Values("Sheet1", guess)
	require.NoError(t, err)
	assert.Equal(t, []string{"996A00001", "996A00002"}, values)
	values, err = wb.Values("Sheet1", 0)
	require.NoError(t, err)
	assert.NotContains(t, values, "Delivery 4711 of 2026-05-04", "the title is no value")

	// A first serial alone in its row is a serial, not a title.
	wb, err = sheets.OpenWorkbook(supplierList(t, [][]any{{"996A00001"}, {"996A00002", "scratched"}}))
	require.NoError(t, err)
	defer wb.Close()
	values, err = wb.Values("Sheet1", 0)
	require.NoError(t, err)
	assert.Equal(t, []string{"996A00001", "996A00002"}, values)
}

func TestAnExportReadsAsASerialList(t *testing.T) {
	reg := datatest.NewRegister(t)
	require.NoError(t, reg.LoadExamples())
	file, n := exportFile(t, reg, core.SerialQuery{State: core.Sold}, false)
	wb, err := sheets.OpenWorkbook(bytes.NewReader(file))
	require.NoError(t, err)
	defer wb.Close()
	headers, guess, err := wb.Columns(sheets.SerialsSheet)
	require.NoError(t, err)
	assert.Equal(t, "A: Serial", headers[0])
	assert.Len(t, headers, len(sheets.SerialHeaders))
	assert.Equal(t, 0, guess)
	values, err := wb.Values(sheets.SerialsSheet, guess)
	require.NoError(t, err)
	assert.Equal(t, []string{"996A1B2C1", "DR-990101", "XY123K01"}, values, "no title, no header")
	assert.Len(t, values, n)
}
