package app

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// A workbook of a thousand serials of 10,000 characters each: the command
// names every bad row, with the start of its serial, in a line each.
func TestImportCommandCutsOverlongSerials(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", "Items"))
	for i, row := range [][]any{{"Item number", "Item name", "Use serial number"}, {"CS-500", "Chainsaw 500", "yes"}} {
		require.NoError(t, f.SetSheetRow("Items", fmt.Sprintf("A%d", i+1), &row))
	}
	_, err := f.NewSheet("Serials")
	require.NoError(t, err)
	require.NoError(t, f.SetSheetRow("Serials", "A1", &[]any{"Serial", "Item number"}))
	for i := range 1000 {
		serial := fmt.Sprintf("996%04d", i) + strings.Repeat("X", 9_993)
		require.NoError(t, f.SetSheetRow("Serials", fmt.Sprintf("A%d", i+2), &[]any{serial, "CS-500"}))
	}
	file := filepath.Join(t.TempDir(), "long serials.xlsx")
	require.NoError(t, f.SaveAs(file))

	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, Main([]string{"import", "--data", filepath.Join(t.TempDir(), "shop"), "--in", file}, &stdout, &stderr))
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	assert.Equal(t, "serialdesk import: The opening stock has 1,000 problems; nothing was imported.", lines[0])
	assert.Len(t, lines, 1001, "every bad row is named")
	assert.Equal(t, `  Serials sheet, row 2: serial "9960000XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…" (10,000 characters): longer than the 64 characters a serial may have`, lines[1])
	assert.Less(t, stderr.Len(), 1000*150, "a short line per row, not 10 MB")
	assert.Empty(t, stdout.String())
}
