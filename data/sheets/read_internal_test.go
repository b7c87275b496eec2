package sheets

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"serialdesk/core"
)

// TempFolder points the temporary files of a test at a folder of its own
// and returns what lists the files left there.
func TempFolder(t *testing.T) (left func() []string) {
	dir := t.TempDir()
	for _, name := range []string{"TMPDIR", "TMP", "TEMP"} {
		t.Setenv(name, dir)
	}
	return func() []string {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
}

func smallWorkbook(t *testing.T) []byte {
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetCol("Sheet1", "A1", &[]string{"Serial", "996A1"}))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

// A panic inside excelize, once it has made its temporary files, is an
// unreadable workbook, not a crash, and leaves nothing behind.
func TestAPanicInExcelizeIsAnUnreadableWorkbook(t *testing.T) {
	left := TempFolder(t)
	defer func(open func(string, ...excelize.Options) (*excelize.File, error)) { openFile = open }(openFile)
	openFile = func(name string, opts ...excelize.Options) (*excelize.File, error) {
		require.NoError(t, os.WriteFile(filepath.Join(opts[0].TmpDir, "excelize-1"), []byte("a sheet"), 0o600))
		panic("index out of range")
	}
	_, err := OpenWorkbook(bytes.NewReader(smallWorkbook(t)))
	assert.Contains(t, core.English.Error(err), "cannot be read as an Excel workbook")
	assert.Empty(t, left())
}

// Reading a workbook removes the temporary folders that a Serialdesk
// stopped while reading one left behind, once they are a day old; a
// younger one may be another Serialdesk's, reading now.
func TestStaleTemporaryFoldersAreRemoved(t *testing.T) {
	left := TempFolder(t)
	old, recent, other := filepath.Join(os.TempDir(), tempPrefix+"1"), filepath.Join(os.TempDir(), tempPrefix+"2"), filepath.Join(os.TempDir(), "other")
	for _, dir := range []string{old, recent, other} {
		require.NoError(t, os.MkdirAll(dir, 0o700))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "excelize-1"), []byte("a sheet"), 0o600))
	}
	for _, dir := range []string{old, other} {
		day := time.Now().Add(-25 * time.Hour)
		require.NoError(t, os.Chtimes(dir, day, day))
	}
	wb, err := OpenWorkbook(bytes.NewReader(smallWorkbook(t)))
	require.NoError(t, err)
	require.NoError(t, wb.Close())
	assert.ElementsMatch(t, []string{tempPrefix + "2", "other"}, left())
}

// Close stops a read under way and waits for it; the read says the
// workbook was closed, and closing again does nothing.
func TestCloseStopsARead(t *testing.T) {
	left := TempFolder(t)
	wb, err := OpenWorkbook(bytes.NewReader(smallWorkbook(t)))
	require.NoError(t, err)
	reading, closed := make(chan struct{}), make(chan error)
	go func() {
		closed <- wb.reading(func() error {
			close(reading)
			return wb.eachRow("Sheet1", false, func(int, []string) bool {
				for !wb.closed.Load() {
					time.Sleep(time.Millisecond)
				}
				return true
			})
		})
	}()
	<-reading
	require.NoError(t, wb.Close())
	assert.Equal(t, errClosed, <-closed)
	assert.Empty(t, left())
	require.NoError(t, wb.Close())
	_, err = wb.Values("Sheet1", 0)
	assert.Equal(t, errClosed, err)
}
