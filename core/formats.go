package core

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Formats are how a language writes dates and amounts, and reads them as
// staff type them. What is stored does not change with them.
type Formats struct {
	Language   string // a language tag: en, nb
	dateLayout string
	decimal    string // the decimal mark
	thousands  string // between groups of three digits
	// otherDates are the other ways a date may be typed, beside the
	// layout and 2026-12-31, which every language reads.
	otherDates []string
	currency   string // shown with amounts when the shop names none
}

var (
	// EnglishFormats keep dates as 2026-12-31, which sorts and reads the
	// same in every country, and amounts as 64,990.00.
	EnglishFormats = Formats{Language: "en", dateLayout: "2006-01-02", decimal: ".", thousands: ","}
	// NorwegianFormats write 31.12.2026 and 64 990,00, and read 31.12,
	// 31.12.26 and 2026-12-31 too.
	NorwegianFormats = Formats{Language: "nb", dateLayout: "02.01.2006", decimal: ",", thousands: "\u00a0",
		otherDates: []string{"2.1.2006", "2.1.06", "2.1", "2.1."}, currency: "NOK"}
)

// FormatsFor are the formats of a language or locale (nb, no-NO, nn):
// Norwegian for the Norwegian languages, English for any other.
func FormatsFor(language string) Formats {
	base, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(language, "_", "-")), "-")
	switch base {
	case "nb", "no", "nn":
		return NorwegianFormats
	}
	return EnglishFormats
}

// Date writes a day, nothing for none.
func (f Formats) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(f.dateLayout)
}

// ParseDate reads a day as typed (today gives a date typed without its
// year its year); blank is none.
func (f Formats) ParseDate(s string, today time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range append([]string{f.dateLayout, "2006-01-02"}, f.otherDates...) {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if !strings.Contains(layout, "2006") && !strings.Contains(layout, "06") {
			t = t.AddDate(today.Year(), 0, 0) // parsed in year 0
		}
		return t, nil
	}
	return time.Time{}, errorf(Invalid, "{{.Typed}} is not a date; write it like {{.Example}}", Values{"Typed": Echo(s).Quoted(), "Example": f.Date(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC))})
}

// Moment writes when something happened: the day and the time of day,
// 31.12.2026 14:05.
func (f Formats) Moment(t time.Time) string { return f.Date(t) + " " + t.Format("15:04") }

// Money writes an amount with its decimal mark and its thousands grouped.
func (f Formats) Money(m Money) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s%s%s%02d", sign, f.grouped(int64(m)/100), f.decimal, int64(m)%100)
}

// Number writes a whole number with its thousands grouped: 10,000 in
// English, 10 000 in Norwegian.
func (f Formats) Number(n int) string {
	if n < 0 {
		return "-" + f.grouped(-int64(n))
	}
	return f.grouped(int64(n))
}

func (f Formats) grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + f.thousands + s[i:]
	}
	return s
}

// ParseMoney reads an amount as typed: 64990, 64 990,00, 64.990,00 or
// 64990,5 in Norwegian; 64990, 64,990.00 or 64990.5 in English. Either
// reads the other's decimal mark before one or two last digits (12,50 and
// 12.50), as a number pad types it; its own decimal mark before three
// digits (1,500 in Norwegian) is refused, not guessed.
func (f Formats) ParseMoney(s string) (Money, error) {
	typed := strings.TrimSpace(s)
	if typed == "" {
		return 0, nil
	}
	invalid := errorf(Invalid, "{{.Typed}} is not an amount; write it like {{.Example}}", Values{"Typed": Echo(typed).Quoted(), "Example": f.Money(1250_00)})
	t := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\'' {
			return -1 // spaces and apostrophes group thousands
		}
		return r
	}, typed)
	neg := strings.HasPrefix(t, "-")
	if t = strings.TrimPrefix(t, "-"); t == "" {
		return 0, invalid
	}
	// The last mark before one or two digits is the decimal mark; every
	// other mark groups thousands, three digits each.
	whole, frac := t, ""
	if i := strings.LastIndexAny(t, ".,"); i >= 0 && len(t)-i-1 <= 2 {
		whole, frac = t[:i], t[i+1:]
		if frac == "" {
			return 0, invalid
		}
	}
	if strings.Contains(whole, f.decimal) {
		return 0, invalid // 1,500 in Norwegian: three decimals, or a mistake
	}
	groups := strings.FieldsFunc(whole, func(r rune) bool { return r == '.' || r == ',' })
	if marks := strings.Count(whole, ".") + strings.Count(whole, ","); marks > 0 {
		if marks != len(groups)-1 {
			return 0, invalid // a mark at an end, or two together
		}
		for i, g := range groups {
			if i > 0 && len(g) != 3 || i == 0 && len(g) > 3 {
				return 0, invalid
			}
		}
	}
	whole = strings.Join(groups, "")
	if whole == "" {
		whole = "0"
	}
	if len(whole) > 13 {
		return 0, invalid
	}
	w, err1 := strconv.ParseUint(whole, 10, 64)
	c, err2 := strconv.ParseUint((frac + "00")[:2], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, invalid
	}
	m := Money(w*100 + c)
	if neg {
		m = -m
	}
	return m, nil
}
