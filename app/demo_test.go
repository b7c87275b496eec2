package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
)

func TestDemoCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "big shop")
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, Main([]string{"demo", "--serials", "5000", "--data", dir}, &stdout, &stderr), stderr.String())
	assert.Contains(t, stdout.String(), "5,000 serial numbers over 200 items in ")
	assert.Contains(t, stdout.String(), `Open it with: serialdesk --data "`+dir+`"`)

	// Backed up like a day's work, and the redo log no longer holds it.
	require.Len(t, data.Backups(dir), 1)
	info, err := os.Stat(filepath.Join(dir, "redo.log"))
	require.NoError(t, err)
	assert.Less(t, info.Size(), int64(100), "only the log's header is left")

	s := datatest.MustOpen(t, dir)
	reg := core.New(s)
	page, err := reg.SearchSerials(core.SerialQuery{Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, 5000+13, page.Total, "the generated serials and the examples'")
	assert.False(t, s.BackupDue(dir), "nothing changed since")
}

func TestDemoCommandLeavesARegisterInUseAlone(t *testing.T) {
	dir := exampleDir(t)
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, Main([]string{"demo", "--serials", "10", "--data", dir}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "serialdesk demo: The example data goes into an empty register only")
	assert.Empty(t, stdout.String())
}
