package data_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/data"
)

func TestWriteFileWritesWholeOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "serials.xlsx")
	require.NoError(t, data.WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "first"); return err }))

	broken := errors.New("the register closed")
	err := data.WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "half of the sec")
		return broken
	})
	assert.ErrorIs(t, err, broken)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "first", string(b), "a failed write leaves the file as it was")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "and no temporary file beside it")

	require.NoError(t, data.WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "second"); return err }))
	b, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "second", string(b))
}
