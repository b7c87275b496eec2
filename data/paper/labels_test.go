package paper_test

import (
	"bytes"
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/paper"
	"serialdesk/data/paper/papertest"
)

func labels(t *testing.T, list []paper.Label, opt paper.LabelOptions) ([]byte, paper.Printed) {
	t.Helper()
	var buf bytes.Buffer
	var last [2]int
	printed, err := paper.Labels(context.Background(), &buf, list, opt, func(done, total int) { last = [2]int{done, total} }, printedAt)
	require.NoError(t, err)
	assert.Equal(t, [2]int{len(list), len(list)}, last, "progress ends at the total")
	assert.Equal(t, len(list), printed.Labels)
	return buf.Bytes(), printed
}

// Printed at a label printer's 300 dpi, every label's barcode scans back
// to its serial, on every size, with and without a QR code beside it.
func TestLabelsScanOnEverySize(t *testing.T) {
	list := []paper.Label{
		{ItemNo: "CS-500", ItemName: "Chainsaw 500", Serial: "996A1B2C3"},
		{ItemNo: "USED-CAR", ItemName: "Used car", Serial: "1HGCM82633A004352"},
		{ItemNo: "DRILL-18V", ItemName: "Cordless drill 18 V with two batteries and a charger in a case", Serial: "DR-990101"},
	}
	for _, size := range paper.LabelSizes {
		for _, qr := range []bool{false, true} {
			pdf, printed := labels(t, list, paper.LabelOptions{Size: size, QR: qr})
			assert.Empty(t, printed.QRInstead, "%s: every serial here has room for its barcode", size)
			var want [][]string
			for _, l := range list {
				codes := []string{"CODE-128:" + l.Serial}
				if qr {
					codes = append(codes, "QR-Code:"+l.Serial)
				}
				want = append(want, codes)
			}
			if size == paper.A4Sheet3x8 {
				var all []string
				for _, codes := range want {
					all = append(all, codes...)
				}
				sort.Strings(all)
				want = [][]string{all}
			}
			assert.Equal(t, want, papertest.Scanned(t, pdf, "300"), "%s, QR code %v", size, qr)
			got := papertest.Text(t, pdf)
			for _, l := range list {
				assert.Contains(t, got, l.ItemNo)
				assert.Contains(t, got, l.Serial)
			}
		}
	}
}

// The longest serial the register takes is too long for a barcode that
// scans on any label: its label carries a QR code in its place, which
// scans, and the serial in full as text. The longest serial that still
// gets a barcode scans too.
func TestTheLongestSerialScans(t *testing.T) {
	longest := strings.Repeat("AB12CD34EF", 7)[:core.MaxSerialLength]
	for _, size := range paper.LabelSizes {
		pdf, printed := labels(t, []paper.Label{{ItemNo: "PART", ItemName: "Spare part", Serial: longest}}, paper.LabelOptions{Size: size})
		assert.Equal(t, []string{longest}, printed.QRInstead, "%s", size)
		assert.Equal(t, [][]string{{"QR-Code:" + longest}}, papertest.Scanned(t, pdf, "300"), "%s", size)
		assert.Contains(t, strings.Join(strings.Fields(papertest.Text(t, pdf)), ""), longest, "%s: the serial in full as text", size)

		// The longest that still gets its barcode on this size.
		n := 1
		for ; n < core.MaxSerialLength; n++ {
			_, printed := labels(t, []paper.Label{{ItemNo: "PART", Serial: longest[:n+1]}}, paper.LabelOptions{Size: size})
			if len(printed.QRInstead) > 0 {
				break
			}
		}
		assert.GreaterOrEqual(t, n, 17, "%s: a VIN has room for its barcode", size)
		t.Logf("%s: a barcode for up to %d letters and digits", size, n)
		pdf, _ = labels(t, []paper.Label{{ItemNo: "PART", Serial: longest[:n]}}, paper.LabelOptions{Size: size})
		assert.Equal(t, [][]string{{"CODE-128:" + longest[:n]}}, papertest.Scanned(t, pdf, "300"), "%s: %d characters", size, n)
	}
}

func TestAnA4SheetHoldsTwentyFourLabels(t *testing.T) {
	list := make([]paper.Label, 25)
	for i := range list {
		list[i] = paper.Label{ItemNo: "CS-500", ItemName: "Chainsaw 500", Serial: "996A1B" + string(rune('A'+i)) + "00"}
	}
	pdf, _ := labels(t, list, paper.LabelOptions{Size: paper.A4Sheet3x8})
	pages := papertest.Scanned(t, pdf, "300")
	require.Len(t, pages, 2)
	assert.Len(t, pages[0], 24)
	assert.Equal(t, []string{"CODE-128:996A1BY00"}, pages[1])
	assert.Contains(t, papertest.Info(t, pdf), "595.28 x 841.89 pts (A4)")
}

func TestLabelSizesAreReadAsTheCommandLineNamesThem(t *testing.T) {
	for _, size := range paper.LabelSizes {
		got, err := paper.ParseLabelSize(" " + strings.ToUpper(string(size)) + " ")
		require.NoError(t, err)
		assert.Equal(t, size, got)
	}
	_, err := paper.ParseLabelSize("100x50")
	assert.Equal(t, core.Invalid, core.ErrorCode(err))
	assert.Contains(t, core.English.Error(err), "62x29, 57x32, 89x36, a4-3x8")
	_, err = paper.Labels(context.Background(), &bytes.Buffer{}, nil, paper.LabelOptions{Size: paper.Dymo57x32}, nil, printedAt)
	assert.Equal(t, core.Invalid, core.ErrorCode(err), "no serials, no labels")
}
