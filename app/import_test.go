package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/sheets"
)

func TestImportCommand(t *testing.T) {
	// A full export of the example data is good opening stock for a new register.
	file := filepath.Join(t.TempDir(), "all.xlsx")
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, Main([]string{"export", "--data", exampleDir(t), "--out", file}, &stdout, &stderr), stderr.String())

	fresh := filepath.Join(t.TempDir(), "new shop")
	stdout.Reset()
	require.Equal(t, 0, Main([]string{"import", "--data", fresh, "--in", file}, &stdout, &stderr), stderr.String())
	assert.Equal(t, "Imported 5 item cards (0 already there, kept as they were) and 9 serial numbers in stock on GR-000001, GR-000002, GR-000003.\n", stdout.String())

	// The same file again: every serial is already in stock, and each is named.
	stdout.Reset()
	stderr.Reset()
	assert.Equal(t, 1, Main([]string{"import", "--data", fresh, "--in", file}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "The opening stock has 9 problems; nothing was imported.")
	assert.Contains(t, stderr.String(), "Serials sheet, row 5: serial 996A1B2C2: already in stock (received on GR-000002)", "rows as the spreadsheet numbers them, under the title")
	assert.Empty(t, stdout.String())
}

func TestImportCommandMistakes(t *testing.T) {
	dir := t.TempDir()
	template := filepath.Join(dir, "template.xlsx")
	f, err := os.Create(template)
	require.NoError(t, err)
	require.NoError(t, sheets.WriteTemplate(f, core.English))
	require.NoError(t, f.Close())
	notes := filepath.Join(dir, "notes.xlsx")
	require.NoError(t, os.WriteFile(notes, []byte("serials: 996A1, 996A2"), 0o644))
	for _, tt := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"import", "--data", dir}, 2, "say which workbook to read with --in FILE.xlsx"},
		{[]string{"import", "--data", dir, "--in", filepath.Join(dir, "missing.xlsx")}, 1, "cannot open"},
		{[]string{"import", "--data", dir, "--in", notes}, 1, "cannot be read as an Excel workbook"},
	} {
		var stdout, stderr bytes.Buffer
		assert.Equal(t, tt.code, Main(tt.args, &stdout, &stderr), "%v", tt.args)
		assert.Contains(t, stderr.String(), tt.says)
	}
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, Main([]string{"import", "--data", dir, "--in", template}, &stdout, &stderr), stderr.String())
	assert.Contains(t, stdout.String(), "Imported 1 item card (0 already there")
}
