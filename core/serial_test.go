package core_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func TestNormalizeSerial(t *testing.T) {
	tests := []struct {
		in, want, reason string
	}{
		{in: "996a1b2c3", want: "996A1B2C3"},
		{in: "  xy123abc \t", want: "XY123ABC"},
		{in: "SN-12/34.5_6", want: "SN-12/34.5_6"},
		{in: "0012", want: "0012"},
		{in: strings.Repeat("A", 64), want: strings.Repeat("A", 64)},
		{in: strings.Repeat("A", 65), reason: "longer than the 64 characters a serial may have"},
		{in: strings.Repeat("9", 10000), reason: "longer than the 64 characters a serial may have"},
		{in: "", reason: "the serial is empty"},
		{in: "   ", reason: "the serial is empty"},
		{in: "AB 12", reason: "character 3 (a space) is not allowed; use letters, digits and - / . _"},
		{in: "AB\a12", reason: "character 3 (control character U+0007) is not allowed; use letters, digits and - / . _"},
		{in: "AB\u200b12", reason: `character 3 '\u200b' (U+200B) is not allowed; use letters, digits and - / . _`},
		{in: "=1+2", reason: `character 1 '=' is not allowed; use letters, digits and - / . _`},
		{in: "ÄB12", reason: "character 1 'Ä' (U+00C4) is not allowed; use letters, digits and - / . _"},
	}
	for _, tt := range tests {
		got, err := core.NormalizeSerial(tt.in)
		if tt.reason != "" {
			require.Error(t, err, tt.in)
			assert.Equal(t, tt.reason, err.Error(), "input %q", tt.in)
			assert.Equal(t, core.Invalid, core.ErrorCode(err))
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got)
	}
}

func TestPatternCheck(t *testing.T) {
	tests := []struct {
		pattern, serial, reason string
	}{
		{"996******", "996A1B2C3", ""},
		{"996******", "99612345", "8 characters, the pattern 996****** needs 9"},
		{"996******", "997A1B2C3", "character 3 must be 6"},
		{"996******", "996A1B2C-", "character 9 must be a letter or digit"},
		{"XY123***", "XY123ABC", ""},
		{"xy123***", "XY123A1C", ""},
		{"##-@@", "12-AB", ""},
		{"##-@@", "1A-AB", "character 2 must be a digit"},
		{"##-@@", "12-A1", "character 5 must be a letter"},
		{"##-@@", "12_AB", "character 3 must be -"},
		{"", "ANYTHING-GOES.1", ""},
	}
	for _, tt := range tests {
		p, err := core.ParsePattern(tt.pattern)
		require.NoError(t, err)
		err = p.Check(tt.serial)
		if tt.reason == "" {
			assert.NoError(t, err, "%s against %s", tt.serial, tt.pattern)
		} else if assert.Error(t, err, "%s against %s", tt.serial, tt.pattern) {
			assert.Equal(t, tt.reason, err.Error())
		}
	}
}

func TestParsePatternRefusesWhatNoSerialMatches(t *testing.T) {
	for pattern, reason := range map[string]string{
		"996 ***":               "pattern character 4 (a space) is not allowed; use letters, digits, - / . _ and the wildcards * (letter or digit), # (digit), @ (letter)",
		"99?***":                "pattern character 3 '?' is not allowed; use letters, digits, - / . _ and the wildcards * (letter or digit), # (digit), @ (letter)",
		strings.Repeat("*", 65): "the pattern has 65 characters; a serial has at most 64",
	} {
		_, err := core.ParsePattern(pattern)
		if assert.Error(t, err, pattern) {
			assert.Equal(t, reason, err.Error())
		}
	}
	p, err := core.ParsePattern("  xy123***  ")
	require.NoError(t, err)
	assert.Equal(t, "XY123***", p.String())
}

func TestPatternDescribe(t *testing.T) {
	for pattern, want := range map[string]string{
		"996******": "9 characters, starts with 996, then 6 letters or digits",
		"XY123***":  "8 characters, starts with XY123, then 3 letters or digits",
		"##-@":      "4 characters, then 2 digits, then -, then 1 letter",
		"":          "any serial of letters, digits and - / . _ (up to 64 characters)",
	} {
		p, err := core.ParsePattern(pattern)
		require.NoError(t, err)
		var parts []string
		for _, part := range p.Describe() {
			parts = append(parts, part.String())
		}
		assert.Equal(t, want, strings.Join(parts, ", "), pattern)
	}
}

func TestParseMoney(t *testing.T) {
	for in, want := range map[string]core.Money{"12": 1200, "12.5": 1250, "12,50": 1250, "0.07": 7, "": 0, "-3.10": -310} {
		got, err := core.ParseMoney(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"12.345", "abc", "1.", "1e5", "99999999999999999"} {
		_, err := core.ParseMoney(bad)
		assert.Error(t, err, bad)
	}
	assert.Equal(t, "12.50", core.Money(1250).String())
	assert.Equal(t, "-0.05", core.Money(-5).String())
}

func TestParseQuantity(t *testing.T) {
	for in, want := range map[string]int{"3": 3, " 12 ": 12, "": 0, "-1": -1} {
		got, err := core.ParseQuantity(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := core.ParseQuantity(" two ")
	assert.Equal(t, `The quantity "two" is not a whole number`, core.English.Error(err))
	_, err = core.ParseQuantity(strings.Repeat("9", 10_000))
	assert.Equal(t, `The quantity "9999999999999999999999999999999999999999…" (10,000 characters) is not a whole number`, core.English.Error(err))
}

func TestParseState(t *testing.T) {
	for in, want := range map[string]core.State{"in-stock": core.InStock, "In stock": core.InStock, "sold": core.Sold, "RETURNED": core.Returned} {
		got, err := core.ParseState(in)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	_, err := core.ParseState("lost")
	assert.Error(t, err)
}

func TestWhatTheUserIsToldOfAnError(t *testing.T) {
	_, err := core.NormalizeSerial("")
	assert.Equal(t, "The serial is empty", core.English.Error(err))
	assert.Equal(t, "Something went wrong while reading or saving the register; nothing was changed. The details are in the log file.",
		core.English.Error(assert.AnError))
	assert.Equal(t, "", core.English.Error(nil))
}

func TestSerialRange(t *testing.T) {
	got, err := core.SerialRange("996a0098", " 996A0102")
	require.NoError(t, err)
	assert.Equal(t, []string{"996A0098", "996A0099", "996A0100", "996A0101", "996A0102"}, got)
	got, err = core.SerialRange("7", "7")
	require.NoError(t, err)
	assert.Equal(t, []string{"7"}, got)
	for _, bad := range [][2]string{{"A1", "B2"}, {"A01", "A1"}, {"A9", "A1"}, {"AB", "AC"}, {"A0000001", "A9999999"}, {"", "A1"}} {
		_, err := core.SerialRange(bad[0], bad[1])
		assert.Error(t, err, "%v", bad)
	}
}

// The log gets the whole story: a failure's cause beneath what the user is
// told, which never shows the cause.
func TestErrorsKeepTheirCauseForTheLog(t *testing.T) {
	cause := errors.New("write /srv/register/000012.vlog: input/output error")
	internal := &core.Error{Code: core.Internal, Err: cause}
	assert.Equal(t, cause.Error(), internal.Error())
	assert.NotContains(t, core.English.Error(internal), "input/output")

	said := &core.Error{Code: core.Unavailable, Message: core.Say("Cannot reach the shop server db:5432, database shop."), Err: cause}
	assert.Equal(t, "Cannot reach the shop server db:5432, database shop. (cause: "+cause.Error()+")", said.Error())
	assert.Equal(t, "Cannot reach the shop server db:5432, database shop.", core.English.Error(said))

	// What the register wraps (a store's own failure) keeps it too.
	reg := core.New(failingStore{cause})
	_, err := reg.Items("")
	assert.Contains(t, err.Error(), "input/output error")
	assert.NotContains(t, core.English.Error(err), "input/output")
}

// failingStore fails every read and write with its error.
type failingStore struct{ err error }

func (f failingStore) View(func(core.Tx) error) error   { return f.err }
func (f failingStore) Update(func(core.Tx) error) error { return f.err }
func (f failingStore) Close() error                     { return nil }

// A pattern's examples fit it, and two of them make a range, for the hints
// of the Fill range dialog.
func TestPatternExamplesFitThePattern(t *testing.T) {
	for _, text := range []string{"996******", "XY123***", "DR-######", "AB@##", ""} {
		p, err := core.ParsePattern(text)
		require.NoError(t, err)
		for _, n := range []int{1, 50} {
			assert.NoError(t, p.Check(p.Example(n)), "%s: %s", text, p.Example(n))
		}
		serials, err := core.SerialRange(p.Example(1), p.Example(50))
		require.NoError(t, err, text)
		assert.Len(t, serials, 50)
	}
	p, _ := core.ParsePattern("996******")
	assert.Equal(t, "996000001", p.Example(1))
	assert.Equal(t, 9, p.Length())
	assert.Equal(t, core.MaxSerialLength, core.Pattern{}.Length())
}
