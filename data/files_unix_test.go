//go:build unix

package data_test

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/data"
)

// A workbook for the accountant is readable like any file the user saves,
// not only by its owner as a temporary file is.
func TestWriteFileTakesTheUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	path := filepath.Join(t.TempDir(), "serials.xlsx")
	require.NoError(t, data.WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "serials"); return err }))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), info.Mode().Perm())
}
