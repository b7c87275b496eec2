package core_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func TestFormatsFollowTheLanguage(t *testing.T) {
	for _, lang := range []string{"nb", "nb-NO", "nb_NO", "no", "nn-NO", "NB"} {
		assert.Equal(t, "nb", core.FormatsFor(lang).Language, lang)
	}
	for _, lang := range []string{"en", "en-GB", "sv-SE", "", "C"} {
		assert.Equal(t, "en", core.FormatsFor(lang).Language, lang)
	}
}

func TestDatesAreWrittenAndReadInTheLanguage(t *testing.T) {
	today := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	nye := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	nb, en := core.NorwegianFormats, core.EnglishFormats
	assert.Equal(t, "31.12.2026", nb.Date(nye))
	assert.Equal(t, "2026-12-31", en.Date(nye))
	assert.Empty(t, nb.Date(time.Time{}))
	for _, typed := range []string{"31.12.2026", "31.12.26", "31.12", "31.12.", " 2026-12-31 "} {
		got, err := nb.ParseDate(typed, today)
		require.NoError(t, err, typed)
		assert.Equal(t, nye, got, typed)
	}
	got, err := nb.ParseDate("1.2", today)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), got)
	got, err = en.ParseDate("2026-12-31", today)
	require.NoError(t, err)
	assert.Equal(t, nye, got)
	got, err = en.ParseDate("", today)
	require.NoError(t, err)
	assert.True(t, got.IsZero(), "blank is none")

	for _, c := range []struct {
		f     core.Formats
		typed string
		says  string
	}{
		{nb, "31.13.2026", `"31.13.2026" is not a date; write it like 31.12.2026`},
		{nb, "32.12", `"32.12" is not a date; write it like 31.12.2026`},
		{nb, "tomorrow", `"tomorrow" is not a date; write it like 31.12.2026`},
		{en, "31.12.2026", `"31.12.2026" is not a date; write it like 2026-12-31`},
		{en, "2026-02-30", `"2026-02-30" is not a date; write it like 2026-12-31`},
	} {
		_, err := c.f.ParseDate(c.typed, today)
		assert.Equal(t, core.Invalid, core.ErrorCode(err), c.typed)
		assert.Equal(t, c.says, core.English.Error(err))
	}
}

func TestAmountsAreWrittenAndReadInTheLanguage(t *testing.T) {
	nb, en := core.NorwegianFormats, core.EnglishFormats
	assert.Equal(t, "64\u00a0990,00", nb.Money(64_990_00))
	assert.Equal(t, "64,990.00", en.Money(64_990_00))
	assert.Equal(t, "1\u00a0234\u00a0567,05", nb.Money(1_234_567_05))
	assert.Equal(t, "-9,90", nb.Money(-9_90))
	assert.Equal(t, "0.00", en.Money(0))
	for _, c := range []struct {
		f     core.Formats
		typed string
		want  core.Money
	}{
		{nb, "64990", 64_990_00}, {nb, "64 990,00", 64_990_00}, {nb, "64\u00a0990,00", 64_990_00}, {nb, "64.990,00", 64_990_00},
		{nb, "64990,5", 64_990_50}, {nb, "12.50", 12_50}, {nb, ",5", 50}, {nb, "-9,90", -9_90}, {nb, nb.Money(1_234_567_05), 1_234_567_05},
		{en, "64990", 64_990_00}, {en, "64,990.00", 64_990_00}, {en, "64 990.00", 64_990_00}, {en, "12,50", 12_50},
		{en, "1,500", 1_500_00}, {en, en.Money(1_234_567_05), 1_234_567_05}, {en, "", 0},
	} {
		got, err := c.f.ParseMoney(c.typed)
		require.NoError(t, err, "%s %q", c.f.Language, c.typed)
		assert.Equal(t, c.want, got, "%s %q", c.f.Language, c.typed)
	}
	for _, c := range []struct {
		f     core.Formats
		typed string
	}{
		{nb, "1,500"}, {en, "1.500"}, {nb, "12,"}, {nb, "1.2.3"}, {en, "12,3456"}, {en, "1,50,0.00"}, {nb, "kr 12"}, {en, "12.5.0"}, {nb, "--5"},
	} {
		_, err := c.f.ParseMoney(c.typed)
		require.Error(t, err, "%s %q", c.f.Language, c.typed)
		assert.Contains(t, core.English.Error(err), "is not an amount; write it like "+c.f.Money(1250_00), "%s %q", c.f.Language, c.typed)
	}
}
