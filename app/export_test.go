package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
)

// exampleDir is a data directory holding the example data, closed again.
func exampleDir(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "my shop")
	store, err := data.Open(dir, datatest.Logger())
	require.NoError(t, err)
	require.NoError(t, core.New(store).LoadExamples())
	require.NoError(t, store.Close())
	return dir
}

func TestExportCommand(t *testing.T) {
	dir := exampleDir(t)
	out := filepath.Join(t.TempDir(), "sold chainsaws.xlsx")
	var stdout, stderr bytes.Buffer
	code := Main([]string{"export", "--data", dir, "--out", out, "--item", "cs-500", "--state", "sold"}, &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())
	assert.Equal(t, "1 serial written to "+out+"\n", stdout.String())
	f, err := excelize.OpenFile(out)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("Serials")
	require.NoError(t, err)
	require.Len(t, rows, 3, "a title, the header and the serial")
	assert.Regexp(t, `^Serials — item CS-500, state sold — exported `, rows[0][0])
	assert.Equal(t, "996A1B2C1", rows[2][0])
	assert.NotContains(t, f.GetSheetList(), "Items", "the item cards come with a full export only")

	all := filepath.Join(t.TempDir(), "all.xlsx")
	stdout.Reset()
	require.Equal(t, 0, Main([]string{"export", "--data", dir, "--out", all}, &stdout, &stderr))
	assert.Equal(t, "13 serials written to "+all+"\n", stdout.String())
	g, err := excelize.OpenFile(all)
	require.NoError(t, err)
	defer g.Close()
	assert.Contains(t, g.GetSheetList(), "Items")
}

func TestExportCommandMistakes(t *testing.T) {
	dir := exampleDir(t)
	out := filepath.Join(t.TempDir(), "x.xlsx")
	for _, tt := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"export", "--data", dir}, 2, "say where to write the workbook with --out FILE.xlsx"},
		{[]string{"export", "--data", dir, "--out", out, "--state", "lost"}, 2, `"lost" is not a serial state`},
		{[]string{"export", "--data", dir, "--out", out, "--item", "NOPE"}, 1, "There is no item with number NOPE"},
		{[]string{"export", "--data", dir, "--out", filepath.Join(dir, "missing", "x.xlsx")}, 1, "annot write in"},
		{[]string{"export", "--data", dir, "--out", out, "extra"}, 2, `unexpected "extra"`},
	} {
		var stdout, stderr bytes.Buffer
		assert.Equal(t, tt.code, Main(tt.args, &stdout, &stderr), "%v", tt.args)
		assert.Contains(t, stderr.String(), tt.says, "%v", tt.args)
		_, err := os.Stat(out)
		assert.True(t, os.IsNotExist(err), "nothing is written on a mistake")
	}
}
