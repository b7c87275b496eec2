package core_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func TestEchoShowsTheStartOfAnOverlongValue(t *testing.T) {
	forty := strings.Repeat("A", 40)
	for _, tt := range []struct {
		value, s, q string
	}{
		{"996A00001", "996A00001", `"996A00001"`},
		{"", "", `""`},
		{"Jörg Müller", "Jörg Müller", `"Jörg Müller"`},
		{"\u202eSN1", `"\u202eSN1"`, `"\u202eSN1"`},
		{forty, forty, `"` + forty + `"`},
		{forty + "B", `"` + forty + `…" (41 characters)`, `"` + forty + `…" (41 characters)`},
		{strings.Repeat("X", 10_000), `"` + strings.Repeat("X", 40) + `…" (10,000 characters)`, `"` + strings.Repeat("X", 40) + `…" (10,000 characters)`},
		{strings.Repeat("Ä", 1_234_567), `"` + strings.Repeat("Ä", 40) + `…" (1,234,567 characters)`, `"` + strings.Repeat("Ä", 40) + `…" (1,234,567 characters)`},
		{strings.Repeat("\u200b", 50), `"` + strings.Repeat(`\u200b`, 40) + `…" (50 characters)`, `"` + strings.Repeat(`\u200b`, 40) + `…" (50 characters)`},
	} {
		e := core.Echo(tt.value)
		assert.Equal(t, tt.s, fmt.Sprintf("%s", e), "%%s of %.50q", tt.value)
		assert.Equal(t, tt.s, e.String())
		assert.Equal(t, tt.q, fmt.Sprintf("%q", e), "%%q of %.50q", tt.value)
	}
}

// A thousand serials of 10,000 characters each: the register names every
// one, and its message stays a page, not 10 MB.
func TestOverlongSerialsMakeAShortMessage(t *testing.T) {
	s := newShop(t)
	long := make([]string, 1000)
	for i := range long {
		long[i] = fmt.Sprintf("%04d", i) + strings.Repeat("X", 9_996)
	}
	_, err := s.reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: s.chainsaw.ID, Quantity: 1000, Serials: long}}})
	require.Error(t, err)
	problems := inEnglish(core.Problems(err))
	require.Len(t, problems, 1000)
	assert.Equal(t, long[7], problems[7].Serial, "the problem keeps the serial as typed")
	msg := core.English.Error(err)
	assert.Contains(t, msg, `line 1: serial "0007XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…" (10,000 characters): longer than the 64 characters a serial may have`)
	assert.Less(t, len(msg), 1000*150, "a short line per problem")
}

func TestTypedValuesInMessagesAreCut(t *testing.T) {
	long := strings.Repeat("1", 5000)
	_, err := core.ParseMoney(long + ".5.0")
	assert.Equal(t, `"`+strings.Repeat("1", 40)+`…" (5,004 characters) is not an amount; write it like 1,250.00`, err.Error())
	_, err = core.ParseState("x" + long)
	assert.Equal(t, `"x`+strings.Repeat("1", 39)+`…" (5,001 characters) is not a serial state; use in-stock, sold, returned or returned-to-supplier`, err.Error())

	a, b := strings.Repeat("A", 60)+"0001", strings.Repeat("B", 60)+"0002"
	_, err = core.SerialRange(a, b)
	assert.Equal(t, `"`+strings.Repeat("A", 40)+`…" (64 characters) and "`+strings.Repeat("B", 40)+`…" (64 characters) must differ only in the digits they end with, with as many digits`, err.Error())

	pattern, err := core.ParsePattern(strings.Repeat("#", 64))
	require.NoError(t, err)
	assert.Equal(t, `3 characters, the pattern "`+strings.Repeat("#", 40)+`…" (64 characters) needs 64`, pattern.Check("123").Error())
}

func TestOpeningStockNamesOverlongCellsShortly(t *testing.T) {
	s := newShop(t)
	long := strings.Repeat("N", 10_000)
	_, err := s.reg.ImportOpeningStock(core.OpeningStock{
		Items: []core.OpeningItem{{Row: 2, Item: core.Item{No: long, Name: "x"}}, {Row: 3, Item: core.Item{No: long, Name: "x"}}},
		Serials: []core.OpeningSerial{{Row: 2, ItemNo: "nope" + long, Serial: "996A00001"},
			{Row: 3, ItemNo: "CS-500", Serial: long}},
	})
	cut := `"` + strings.Repeat("N", 40) + `…" (10,000 characters)`
	assert.Equal(t, []said{
		{Sheet: "Items", Line: 2, Reason: "the item number has 10,000 characters, at most 40 are allowed"},
		{Sheet: "Items", Line: 3, Reason: "item number " + cut + " is there twice (first on row 2)"},
		{Sheet: "Serials", Line: 2, Serial: "996A00001", Reason: `there is no item "nopeNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN…" (10,004 characters); add its card to the Items sheet`},
		{Sheet: "Serials", Line: 3, Serial: long, Reason: "longer than the 64 characters a serial may have"},
	}, inEnglish(core.Problems(err)))
	assert.Contains(t, core.English.Error(err), "Serials sheet, row 3: serial "+cut+": longer than the 64 characters a serial may have")
	assert.Less(t, len(core.English.Error(err)), 1000)
}
