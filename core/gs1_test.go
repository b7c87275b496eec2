package core_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// withCheckDigit appends the GS1 check digit to the 13 digits before it,
// worked out here from the left (odd positions weigh 3) rather than from
// the right as the code under test does.
func withCheckDigit(t *testing.T, body string) string {
	t.Helper()
	require.Len(t, body, 13)
	sum := 0
	for i, c := range body {
		w := 1
		if i%2 == 0 {
			w = 3
		}
		sum += int(c-'0') * w
	}
	return body + string(rune('0'+(10-sum%10)%10))
}

const gs = "\x1d"

func TestGTINExamplesHaveTheirCheckDigits(t *testing.T) {
	// Public examples: GS1's own GTIN, and the EAN-13 on a Faber-Castell pencil.
	assert.Equal(t, "09501101020917", withCheckDigit(t, "0950110102091"))
	assert.Equal(t, "04006381333931", withCheckDigit(t, "0400638133393"))
}

func TestReadGS1(t *testing.T) {
	gtin := withCheckDigit(t, "0950110102091")
	badGTIN := gtin[:13] + string(rune('0'+(gtin[13]-'0'+1)%10))
	ean := withCheckDigit(t, "0400638133393")
	tests := []struct {
		name, raw    string
		gtin, serial string
		reason       string
		notGS1       bool
	}{
		{name: "GTIN then serial, no separator", raw: "01" + gtin + "21ABC123", gtin: gtin, serial: "ABC123"},
		{name: "an EAN-13 as GTIN, no separator", raw: "01" + ean + "21SN1", gtin: ean, serial: "SN1"},
		{name: "DataMatrix identifier", raw: "]d201" + gtin + "21ABC123", gtin: gtin, serial: "ABC123"},
		{name: "GS1-128 identifier", raw: "]C101" + gtin + "21ABC123", gtin: gtin, serial: "ABC123"},
		{name: "QR identifier", raw: "]Q301" + gtin + "21ABC123", gtin: gtin, serial: "ABC123"},
		{name: "DataBar identifier", raw: "]e001" + gtin + "21ABC123", gtin: gtin, serial: "ABC123"},
		{name: "leading separator", raw: gs + "01" + gtin + "21ABC123", gtin: gtin, serial: "ABC123"},
		{name: "identifier and leading separator", raw: "]d2" + gs + "01" + gtin + "21ABC123", gtin: gtin, serial: "ABC123"},
		{name: "line break and spaces around", raw: "  ]d201" + gtin + "21ABC123\r\n", gtin: gtin, serial: "ABC123"},
		{name: "expiry and batch before the serial", raw: "]d201" + gtin + "17270101" + "10LOT7" + gs + "21ABC123", gtin: gtin, serial: "ABC123"},
		{name: "serial then separator and expiry", raw: "]d201" + gtin + "21ABC123" + gs + "17270101", gtin: gtin, serial: "ABC123"},
		{name: "separator after a fixed-length value", raw: "01" + gtin + gs + "21ABC123", gtin: gtin, serial: "ABC123"},
		{name: "serial only", raw: "]C121ABC123", serial: "ABC123"},
		{name: "SSCC, weight and location before the serial",
			raw:    "]C1" + "00" + "106141411234567897" + "3103" + "001500" + "414" + "9501101020917" + "21X1",
			serial: "X1"},
		{name: "serial kept as read", raw: "]d201" + gtin + "21ab-12/c", gtin: gtin, serial: "ab-12/c"},
		{name: "GS1 punctuation in the serial", raw: "]d221" + `A!"%&'()*+,-./:;<=>?_`[:20], serial: `A!"%&'()*+,-./:;<=>?`},
		{name: "bracket form", raw: "(01)" + gtin + "(17)270101(21)ABC123", gtin: gtin, serial: "ABC123"},
		{name: "bracket form, serial first", raw: "(21)ABC123(01)" + gtin, gtin: gtin, serial: "ABC123"},
		{name: "bracket form, a ( in the serial", raw: "(01)" + gtin + "(21)AB(C)1(17)270101", gtin: gtin, serial: "AB(C)1"},
		{name: "20-character serial", raw: "]d201" + gtin + "21" + strings.Repeat("7", 20), gtin: gtin, serial: strings.Repeat("7", 20)},

		{name: "21-character serial", raw: "]d201" + gtin + "21" + strings.Repeat("7", 21),
			reason: "the serial (AI 21) has 21 characters; GS1 allows at most 20"},
		{name: "no serial", raw: "]d201" + gtin + "17270101",
			reason: "the GS1 code has no serial (AI 21); scan the barcode that carries the serial"},
		{name: "no serial, bracket form", raw: "(01)" + gtin,
			reason: "the GS1 code has no serial (AI 21); scan the barcode that carries the serial"},
		{name: "a separator and nothing else", raw: gs,
			reason: "the GS1 code has no serial (AI 21); scan the barcode that carries the serial"},
		{name: "wrong GTIN check digit", raw: "]d201" + badGTIN + "21ABC123",
			reason: "the last digit of the GTIN (AI 01) is its check digit: " + badGTIN[13:] + " here, " + gtin[13:] + " expected; scan the code again"},
		{name: "wrong EAN-13 check digit", raw: "(01)" + ean[:13] + "7(21)SN1",
			reason: "the last digit of the GTIN (AI 01) is its check digit: 7 here, " + ean[13:] + " expected; scan the code again"},
		{name: "GTIN cut short", raw: "]d201" + gtin[:13] + gs + "21ABC123",
			reason: "AI 01 is cut short: it has 14 digits, the code gives 13"},
		{name: "GTIN too long in brackets", raw: "(01)0" + gtin + "(21)ABC123",
			reason: "AI 01 has 14 digits; the code gives 0" + gtin},
		{name: "GTIN with a letter", raw: "(01)0950110102091A(21)ABC123",
			reason: "AI 01 has 14 digits; the code gives 0950110102091A"},
		{name: "expiry cut short", raw: "]d201" + gtin + "172701" + gs + "21ABC123",
			reason: "AI 17 is cut short: it has 6 digits, the code gives 4"},
		{name: "code ends inside a fixed-length value", raw: "]C121ABC" + gs + "1727",
			reason: "AI 17 is cut short: it has 6 digits, the code gives 2"},
		{name: "unknown AI", raw: "]d201" + gtin + "7003" + "2701011200" + gs + "21ABC123",
			reason: "the code has AI 70 which Serialdesk does not read; scan the serial's own barcode"},
		{name: "unknown AI in brackets", raw: "(01)" + gtin + "(7003)2701011200(21)ABC123",
			reason: "the code has AI 7003 which Serialdesk does not read; scan the serial's own barcode"},
		{name: "text where an AI should be", raw: "]C1ABC",
			reason: `the GS1 code has "ABC" where an AI (2 to 4 digits) should be; scan the serial's own barcode`},
		{name: "empty serial", raw: "]d221" + gs + "17270101",
			reason: "the serial (AI 21) in the GS1 code is empty; scan the code again"},
		{name: "empty serial in brackets", raw: "(01)" + gtin + "(21)",
			reason: "the serial (AI 21) in the GS1 code is empty; scan the code again"},
		{name: "serial with a #", raw: "]d221AB#1",
			reason: `character 3 of the serial (AI 21) is '#', which GS1 does not allow; a GS1 serial has letters, digits and !"%&'()*+,-./:;<=>?_`},
		{name: "serial with a space", raw: "(21)AB 1",
			reason: `character 3 of the serial (AI 21) is (a space), which GS1 does not allow; a GS1 serial has letters, digits and !"%&'()*+,-./:;<=>?_`},
		{name: "two serials", raw: "]d221A" + gs + "21B",
			reason: "the code has AI 21 twice, with different values; scan the serial's own barcode"},

		{name: "plain serial", raw: "996A00012", notGS1: true},
		{name: "plain digits", raw: "0123", notGS1: true},
		{name: "nothing", raw: "  ", notGS1: true},
		{name: "GTIN without a serial, no separator", raw: "01" + gtin, notGS1: true},
		{name: "GTIN and expiry, no separator", raw: "01" + gtin + "17270101", notGS1: true},
		{name: "wrong check digit, no separator", raw: "01" + badGTIN + "21ABC123", notGS1: true},
		{name: "non-GS1 DataMatrix identifier", raw: "]d1ABC123", notGS1: true},
		{name: "brackets without an AI", raw: "(1)23", notGS1: true},
		{name: "brackets with letters", raw: "(AB)123", notGS1: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, isGS1, err := core.ReadGS1(tt.raw)
			assert.Equal(t, !tt.notGS1, isGS1, "isGS1")
			if tt.reason != "" {
				require.Error(t, err)
				assert.Equal(t, tt.reason, err.Error())
				assert.Equal(t, core.Invalid, core.ErrorCode(err))
				assert.Zero(t, code)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, core.GS1{GTIN: tt.gtin, Serial: tt.serial}, code)
		})
	}
}

func TestNormalizeGTIN(t *testing.T) {
	tests := []struct {
		in, want, reason string
	}{
		{in: "96385074", want: "00000096385074"},                           // EAN-8
		{in: "036000291452", want: "00036000291452"},                       // UPC-A
		{in: "4006381333931", want: "04006381333931"},                      // EAN-13
		{in: " 09501101020917 ", want: withCheckDigit(t, "0950110102091")}, // GTIN-14, typed with spaces
		{in: "10614141000415", want: withCheckDigit(t, "1061414100041")},
		{in: "", want: ""},
		{in: "   ", want: ""},
		{in: "4006381333935", reason: "the last digit of a GTIN is its check digit: 5 here, 1 expected"},
		{in: "96385075", reason: "the last digit of a GTIN is its check digit: 5 here, 4 expected"},
		{in: "40063813339", reason: "a GTIN has 8, 12, 13 or 14 digits; this has 11"},
		{in: "400638133393100", reason: "a GTIN has 8, 12, 13 or 14 digits; this has 15"},
		{in: "4006381-333931", reason: "character 8 '-' is not a digit; a GTIN has digits only"},
		{in: "4006381 333931", reason: "character 8 (a space) is not a digit; a GTIN has digits only"},
	}
	for _, tt := range tests {
		got, err := core.NormalizeGTIN(tt.in)
		if tt.reason != "" {
			require.Error(t, err, tt.in)
			assert.Equal(t, tt.reason, err.Error(), "input %q", tt.in)
			assert.Equal(t, core.Invalid, core.ErrorCode(err))
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, "input %q", tt.in)
		if got != "" {
			assert.Equal(t, withCheckDigit(t, got[:13]), got, "the test's own check digit agrees")
		}
	}
}
