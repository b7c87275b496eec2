package sheets

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A sheet's XML gives the same cells however it is cut into the pieces it
// unpacks in.
func TestPartScanFollowsTheCellsAcrossPieces(t *testing.T) {
	xml := `<?xml version="1.0"?><!-- the shop's list, don't edit --><x:worksheet xmlns:x="main">` +
		`<x:sheetData><x:row r="2" spans="1:3"><x:c r="B2" t="str"><x:f>IF(A2&gt;1,"a>b",'c')</x:f><x:v>a&gt;b</x:v></x:c>` +
		`<x:c t="str"><x:f t="shared" si="0"/><x:v>&#x1F600;x</x:v></x:c></x:row>` +
		`<x:row><x:c s="1"><x:v>1</x:v></x:c><x:c r = 'E3' title="r=&quot;A1&quot;>"><x:f>1</x:f></x:c></x:row>` +
		`</x:sheetData><x:extLst><xm:f>Sheet1!A1</xm:f></x:extLst></x:worksheet>`
	want := map[cell]bool{{2, 2}: true, {2, 3}: true, {3, 5}: true}
	for cut := range len(xml) {
		s := &partScan{sheet: "Sheet1", cells: true, formulas: map[cell]bool{}}
		require.NoError(t, s.feed([]byte(xml[:cut])))
		require.NoError(t, s.feed([]byte(xml[cut:])))
		assert.Equal(t, want, s.formulas, "cut at %d", cut)
		assert.Equal(t, 2, s.rows)
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
		s := &partScan{cells: true}
		require.NoError(t, s.feed([]byte("<t>"+tt.text)))
		assert.Equal(t, tt.n, s.text, tt.text)
	}
}

// Texts outside the cells, such as many data validations, are not added
// up as if they were one cell.
func TestPartScanCountsTextsOutsideCellsOneByOne(t *testing.T) {
	s := &partScan{sheet: "Sheet1", cells: true}
	require.NoError(t, s.feed([]byte(`<worksheet><sheetData><row><c><v>1</v></c></row></sheetData><dataValidations>`)))
	for range 10_000 {
		require.NoError(t, s.feed([]byte(`<dataValidation><formula1>$A$1:$A$10</formula1></dataValidation>`)))
	}
	require.NoError(t, s.feed([]byte(`</dataValidations></worksheet>`)))
}
