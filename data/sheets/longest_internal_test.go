package sheets

import (
	"archive/zip"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// longestRow is a sold serial with every text at the longest the register
// allows, of the character that takes most room in a sheet (& is &amp;),
// and the largest numbers.
func longestRow(n int) core.SerialRow {
	text := func(length int) string { return strings.Repeat("&", length) }
	moved := func(kind core.DocKind) *core.Movement {
		return &core.Movement{Date: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), Doc: core.DocRef{Kind: kind, ID: math.MaxUint64},
			Party: text(core.MaxTextLength), Amount: -999_999_999_999_999}
	}
	r := core.SerialRow{ItemNo: text(core.MaxItemNoLength), ItemName: text(core.MaxTextLength)}
	r.Serial.Serial = fmt.Sprintf("%s%08d", strings.Repeat("9", core.MaxSerialLength-8), n)
	r.State, r.Project, r.Received, r.Sold = core.Sold, math.MaxUint64, moved(core.ReceiptDoc), moved(core.OrderDoc)
	return r
}

// writeLongestExport writes a full export of rows longest rows, through
// the export's own sheets, to a file; the last onShelf of them are units
// back in stock (without their sale), which reading as opening stock keeps.
func writeLongestExport(t testing.TB, rows, onShelf int) string {
	b, err := newWriter("All serials", core.English)
	require.NoError(t, err)
	defer b.f.Close()
	serials, err := b.sheet(SerialsSheet, "Serials", b.exported(b.title), SerialHeaders, serialWidths)
	require.NoError(t, err)
	for n := range rows {
		row := longestRow(n)
		if n >= rows-onShelf {
			row.State = core.Returned
		}
		require.NoError(t, serials.add(serials.serialRow(row)))
	}
	require.NoError(t, serials.finish())
	items, err := b.sheet(ItemsSheet, "Items", b.exported("All item cards"), ItemHeaders, itemWidths)
	require.NoError(t, err)
	require.NoError(t, items.add(items.itemRow(core.Item{No: "X", Name: "X"}, "", "")))
	require.NoError(t, items.finish())
	path := filepath.Join(t.TempDir(), "longest.xlsx")
	require.NoError(t, b.f.SaveAs(path))
	return path
}

// The size limits follow from the longest row the register allows: a row
// of an export at its longest unpacks to no more than longestExportRow,
// packs far less than a zip bomb, and a file of 10,000 of them, larger
// than excelize keeps in memory, reads as opening stock.
func TestTheLongestExportIsWithinTheLimits(t *testing.T) {
	const rows = 10_000
	path := writeLongestExport(t, rows, 1)
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer zr.Close()
	var sheet *zip.File
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			sheet = f
		}
	}
	require.NotNil(t, sheet)
	perRow := sheet.UncompressedSize64 / rows
	t.Logf("a row of %d bytes (limit %d); packed %.0f times (limit %d)", perRow, longestExportRow, float64(sheet.UncompressedSize64)/float64(sheet.CompressedSize64), maxPacking)
	assert.LessOrEqual(t, perRow, uint64(longestExportRow))
	assert.Greater(t, perRow, uint64(longestExportRow*3/4), "the limit is not far above the longest row")
	assert.Less(t, sheet.UncompressedSize64/sheet.CompressedSize64, uint64(maxPacking/2))

	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	in, err := ReadOpeningStock(f, core.English)
	require.NoError(t, err)
	require.Len(t, in.Serials, 1, "the unit in stock")
	assert.Equal(t, strings.Repeat("&", core.MaxTextLength), in.Serials[0].Supplier)
}

func TestLimitsInMessages(t *testing.T) {
	assert.Equal(t, "5.1 GB", limit(maxUnpacked).String())
	for n, want := range map[uint64]string{1_040_000_000: "1.1 GB", 1_000_000_000: "1 GB", 999_999_999: "1,000 MB", 16_000_001: "17 MB", 16_000_000: "16 MB"} {
		assert.Equal(t, want, size(n).String(), n)
	}
	assert.Equal(t, "1 GB", limit(1_040_000_000).String())
}

// BenchmarkReadingTheLargestExport reads, as opening stock, an export of
// as many serials as Excel allows under a title and a header, each row at its longest for a unit in
// stock: about 4 GB unpacked.
// Writing it takes minutes and 5 GB of temporary disk; reading it as much.
func BenchmarkReadingTheLargestExport(b *testing.B) {
	path := writeLongestExport(b, maxRows-2, maxRows-2)
	for b.Loop() {
		f, err := os.Open(path)
		require.NoError(b, err)
		in, err := ReadOpeningStock(f, core.English)
		f.Close()
		require.NoError(b, err)
		require.Len(b, in.Serials, maxRows-2)
	}
}
