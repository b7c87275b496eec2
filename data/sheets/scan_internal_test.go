package sheets

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// A sheet's XML gives the same cells however it is cut into the pieces it
// unpacks in.
func TestPartScanFollowsTheCellsAcrossPieces(t *testing.T) {
	xml := `<?xml version="1.0"?><!-- the shop's list, don't edit --><x:worksheet xmlns:x="main">` +
		`<x:sheetData><x:row r="2" spans="1:3"><x:c r="B2" t="str"><x:f>IF(A2&gt;1,"a>b",'c')</x:f><x:v>a&gt;b</x:v></x:c>` +
		`<x:c t="str"><x:f t="shared" si="0"/><x:v>&#x1F600;x</x:v></x:c></x:row>` +
		`<x:row><x:c s="1"><x:v>1</x:v></x:c><x:c r = 'E3' title="r=&quot;A1&quot;>"><x:f>1</x:f></x:c></x:row>` +
		`</x:sheetData><x:extLst><xm:f>Sheet1!A1</xm:f></x:extLst></x:worksheet>`
	want := []cell{{2, 2}, {2, 3}, {3, 5}}
	for cut := range len(xml) {
		s := &partScan{name: "Sheet1", kind: sheetPart, formulas: newFormulaCells("Sheet1", []int{1, 2, 3, 4, 5})}
		require.NoError(t, s.feed([]byte(xml[:cut])))
		require.NoError(t, s.feed([]byte(xml[cut:])))
		var got []cell
		for row := 1; row <= 3; row++ {
			for col := 1; col <= 5; col++ {
				if s.formulas.has(cell{row, col}) {
					got = append(got, cell{row, col})
				}
			}
		}
		assert.Equal(t, want, got, "cut at %d", cut)
		assert.Equal(t, 2, s.rows)
		assert.Equal(t, 0, s.depth, "every element closed")
	}
}

func TestPartScanCountsCharactersNotBytes(t *testing.T) {
	for _, tt := range []struct {
		text string
		n    int
	}{
		{"abc", 3},
		{"Jörg", 4},
		{"&amp;&lt;&#x1F600;😀", 4},
		{"&no entity here", 15},
		{"&abcdefghijklmnopqrstuvwxyz;", 28},
	} {
		s := &partScan{kind: sheetPart}
		require.NoError(t, s.feed([]byte("<t>"+tt.text)))
		assert.Equal(t, tt.n, s.text, tt.text)
	}
}

// Texts outside the cells, such as many data validations, are not added
// up as if they were one cell.
func TestPartScanCountsTextsOutsideCellsOneByOne(t *testing.T) {
	s := &partScan{name: "Sheet1", kind: sheetPart}
	require.NoError(t, s.feed([]byte(`<worksheet><sheetData><row><c><v>1</v></c></row></sheetData><dataValidations>`)))
	for range 10_000 {
		require.NoError(t, s.feed([]byte(`<dataValidation><formula1>$A$1:$A$10</formula1></dataValidation>`)))
	}
	require.NoError(t, s.feed([]byte(`</dataValidations></worksheet>`)))
}

// feedCut feeds xml to a fresh scan in two pieces cut at every place, and
// hands each scan and its error to check.
func feedCut(t *testing.T, kind partKind, xml string, check func(s *partScan, err error, cut int)) {
	t.Helper()
	for cut := range len(xml) + 1 {
		s := &partScan{name: "Sheet1", kind: kind}
		err := s.feed([]byte(xml[:cut]))
		if err == nil {
			err = s.feed([]byte(xml[cut:]))
		}
		check(s, err, cut)
	}
}

// XML may nest 16 deep, however the tags are cut; the 17th level is
// refused in a sheet and in the other parts excelize reads. A self-closing
// tag longer than what is kept of it opens nothing.
func TestPartScanBoundsNesting(t *testing.T) {
	long := `<x:b ` + strings.Repeat(`a="1" `, 200) + `/>`
	for _, kind := range []partKind{sheetPart, sharedStringsPart, otherPart} {
		feedCut(t, kind, strings.Repeat("<a>", 16)+long+strings.Repeat("</a>", 16), func(s *partScan, err error, cut int) {
			require.NoError(t, err, "cut at %d", cut)
			assert.Equal(t, 0, s.depth, "cut at %d", cut)
		})
		feedCut(t, kind, strings.Repeat("<a>", 17), func(_ *partScan, err error, cut int) {
			require.Error(t, err, "cut at %d", cut)
			assert.Contains(t, core.English.Error(err), "nests its XML more than 16 deep", "cut at %d", cut)
		})
	}
}

// Comments, CDATA and instructions end where an XML decoder ends them, so
// an end tag inside one does not hide how deep the XML is.
func TestPartScanReadsCommentsAsXMLDoes(t *testing.T) {
	for _, hiding := range []string{`<!-- > </a> -- > -->`, `<![CDATA[ > </a> ]> ]]>`, `<?pi > </a> ?>`} {
		feedCut(t, sheetPart, `<?xml version="1.0"?><r>`+strings.Repeat("<a>"+hiding, 16), func(_ *partScan, err error, cut int) {
			require.Error(t, err, "%s cut at %d", hiding, cut)
			assert.Contains(t, core.English.Error(err), "nests its XML more than 16 deep")
		})
	}
	for _, refused := range []string{`<!DOCTYPE a [<!ENTITY e "</a>">]>`, "<a>\x00<\x00/\x00a\x00>"} {
		feedCut(t, otherPart, "<r>"+refused+"</r>", func(_ *partScan, err error, cut int) {
			require.Error(t, err, "%q cut at %d", refused, cut)
			assert.Contains(t, core.English.Error(err), "cannot be read as an Excel workbook")
		})
	}
}

// A row or cell tag longer than what is kept of it is refused: its
// attributes would count or not depending on where the XML was cut.
func TestPartScanRefusesLongCellTags(t *testing.T) {
	for _, tag := range []string{`<row r="3" x="` + strings.Repeat("a", 600) + `">`, `<row><c r="B3" x="` + strings.Repeat("a", 600) + `">`} {
		feedCut(t, sheetPart, `<worksheet><sheetData>`+tag, func(_ *partScan, err error, cut int) {
			require.Error(t, err, "cut at %d", cut)
			assert.Equal(t, "The sheet Sheet1 has a row or cell tag of more than 512 bytes, longer than a spreadsheet program writes; the file is damaged or not a list of serials", core.English.Error(err))
		})
	}
}

// An array formula or a data table writes values into its whole range;
// every cell of it in the columns read holds a formula.
func TestPartScanMarksTheRangeOfArrayFormulas(t *testing.T) {
	xml := `<worksheet><sheetData><row r="2"><c r="A2"><f t="array" ref="A2:B101">ROW()</f><v>2</v></c><c r="C2"><f t="dataTable" ref="C2:C3" dt2D="0"/></c></row>` +
		`<row r="3"><c r="D3"><f t="array" ref="D3">1</f></c></row></sheetData></worksheet>`
	s := &partScan{name: "Sheet1", kind: sheetPart, formulas: newFormulaCells("Sheet1", []int{1, 3, 4, 5})}
	require.NoError(t, s.feed([]byte(xml)))
	for _, at := range []cell{{2, 1}, {101, 1}, {2, 3}, {3, 3}, {3, 4}} {
		assert.True(t, s.formulas.has(at), at.ref())
	}
	for _, at := range []cell{{1, 1}, {102, 1}, {2, 2}, {4, 3}, {2, 4}, {3, 5}} {
		assert.False(t, s.formulas.has(at), at.ref())
	}

	overlapping := `<worksheet><sheetData><row r="1"><c r="A1"><f t="array" ref="A1:A1048576">1</f></c><c r="B1"><f t="array" ref="A1:B1048576">1</f></c></row></sheetData></worksheet>`
	s = &partScan{name: "Sheet1", kind: sheetPart, formulas: newFormulaCells("Sheet1", []int{1})}
	assert.Equal(t, "The array formulas of sheet Sheet1 overlap in column A; the file is damaged or not a list of serials", core.English.Error(s.feed([]byte(overlapping))))
}
