package app

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

// On a full disk every command and the window say so in those words,
// never that the register is damaged, change nothing, and leave no
// working file behind; what only reads works, writing elsewhere included.
func TestFullDiskEveryWay(t *testing.T) {
	disk := datatest.SmallDisk(t, 200)
	dir := filepath.Join(disk, "register")
	copyRegister(t, backedUpExampleDir(t), dir)
	stock := bulkWorkbook(t, 50_000)
	elsewhere := t.TempDir()
	require.Equal(t, 0, Main([]string{"backup", "--data", dir, "--out", filepath.Join(elsewhere, "for restore.backup")}, io.Discard, io.Discard))
	want := digest(t, dir)
	datatest.Fill(t, disk, 3<<20)
	full := fmt.Sprintf("The disk that holds %s is full (", dir)

	for _, c := range []struct {
		name     string
		args     []string
		code     int
		says     string
		nowhere  string // a file or folder that must not be there after
		elsewise string // a file that must be there after
		noRoom   bool   // not even the 3 MB the others have
	}{
		{"check", []string{"check", "--data", dir}, 0, "is in order", "", "", false},
		{"export elsewhere", []string{"export", "--data", dir, "--out", filepath.Join(elsewhere, "all.xlsx")}, 0, "serials written to", "", filepath.Join(elsewhere, "all.xlsx"), false},
		{"backup elsewhere", []string{"backup", "--data", dir, "--out", filepath.Join(elsewhere, "shop.backup")}, 0, "is backed up to", "", filepath.Join(elsewhere, "shop.backup"), false},
		{"backup onto the full disk", []string{"backup", "--data", dir, "--out", filepath.Join(disk, "shop.backup")}, 1, "The disk that holds " + disk + " is full (", filepath.Join(disk, "shop.backup"), "", true},
		{"export onto the full disk", []string{"export", "--data", dir, "--out", filepath.Join(disk, "all.xlsx")}, 1, "The disk that holds " + disk + " is full (", filepath.Join(disk, "all.xlsx"), "", true},
		{"import", []string{"import", "--data", dir, "--in", stock}, 1, full, "", "", false},
		{"restore", []string{"restore", "--in", filepath.Join(elsewhere, "for restore.backup"), "--data", filepath.Join(disk, "restored")}, 1, fmt.Sprintf("The disk that holds %s is full (", filepath.Join(disk, "restored")), filepath.Join(disk, "restored"), "", false},
		{"demo", []string{"demo", "--serials", "1000", "--data", filepath.Join(disk, "demo")}, 1, fmt.Sprintf("The disk that holds %s is full (", filepath.Join(disk, "demo")), filepath.Join(disk, "demo", "MANIFEST"), "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.noRoom {
				defer datatest.FillUp(t, disk)()
			}
			before := hashes(t, dir)
			var stdout, stderr bytes.Buffer
			code := Main(c.args, &stdout, &stderr)
			told := stdout.String() + stderr.String()
			assert.Equal(t, c.code, code, told)
			assert.Contains(t, told, c.says)
			assert.NotContains(t, told, "damaged")
			assert.NotContains(t, told, "restore --in", "a full disk is not answered with a restore")
			assert.Equal(t, before, hashes(t, dir), "nothing changed, no working file left")
			if c.nowhere != "" {
				assert.NoFileExists(t, c.nowhere)
				assert.NoDirExists(t, c.nowhere)
			}
			if c.elsewise != "" {
				assert.FileExists(t, c.elsewise)
			}
		})
	}

	t.Run("window", func(t *testing.T) {
		before := hashes(t, dir)
		e, err := open(place{dir: dir}, io.Discard)
		require.NoError(t, err)
		ro := core.English.Error(e.store.(folder).ReadOnly())
		assert.Contains(t, ro, full)
		assert.Contains(t, ro, "so the register was opened read-only")
		_, err = e.reg.SaveBrand(core.Brand{Name: "On a full disk"})
		assert.Equal(t, ro, core.English.Error(err))
		assert.False(t, e.store.(folder).BackupDue(dir), "no closing backup on a disk that cannot take it")
		e.autoBackup()
		e.close()
		assert.Equal(t, before, hashes(t, dir), "nothing changed, no working file left")
	})
	assert.Equal(t, want, digest(t, dir))
}

// bulkWorkbook is opening stock of n serials of one item.
func bulkWorkbook(t *testing.T, n int) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", "Items"))
	require.NoError(t, f.SetSheetRow("Items", "A1", &[]any{"Item number", "Item name", "Use serial number"}))
	require.NoError(t, f.SetSheetRow("Items", "A2", &[]any{"BULK", "Bulk", "yes"}))
	_, err := f.NewSheet("Serials")
	require.NoError(t, err)
	sw, err := f.NewStreamWriter("Serials")
	require.NoError(t, err)
	require.NoError(t, sw.SetRow("A1", []any{"Serial", "Item number"}))
	for i := range n {
		require.NoError(t, sw.SetRow(fmt.Sprintf("A%d", i+2), []any{fmt.Sprintf("BK-%07d", i), "BULK"}))
	}
	require.NoError(t, sw.Flush())
	path := filepath.Join(t.TempDir(), "bulk.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}
