package core_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"serialdesk/core"
)

// What NormalizeSerial accepts is a serial by the rules, unchanged by a
// second pass; what it refuses gets a message. Seeds: testdata/fuzz.
func FuzzNormalizeSerial(f *testing.F) {
	for _, s := range []string{"996a1b2c3", " XY123AAA ", "", "   ", "SN 1", "A\x00B", "ıd", "=1+1", "\u200bSN1", strings.Repeat("9", 65)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := core.NormalizeSerial(in)
		if err != nil {
			if core.ErrorCode(err) != core.Invalid || core.English.Error(err) == "" {
				t.Fatalf("%q: refused without a clear message: %v", in, err)
			}
			return
		}
		if n := utf8.RuneCountInString(out); n < 1 || n > core.MaxSerialLength {
			t.Fatalf("%q: accepted as %q, %d characters", in, out, n)
		}
		for _, r := range out {
			if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-/._", r)) {
				t.Fatalf("%q: accepted as %q, which holds %q", in, out, r)
			}
		}
		if out != strings.ToUpper(strings.TrimSpace(in)) {
			t.Fatalf("%q: accepted as %q, more than trimmed and upper-cased", in, out)
		}
		if again, err := core.NormalizeSerial(out); err != nil || again != out {
			t.Fatalf("%q: normalizing %q again gives %q, %v", in, out, again, err)
		}
	})
}

// A pattern that parses can be described and checked against anything
// without a panic, and a serial it passes has its length and its literal
// characters.
func FuzzPattern(f *testing.F) {
	for _, s := range [][2]string{{"996******", "996A1B2C3"}, {"XY123***", "xy123aab"}, {"DR-######", "DR-12345"}, {"@@##", "AB12"},
		{"***", "996A1B2C3"}, {"", "ANY"}, {"99 6", "996"}, {"ıd", "ID"}, {"#", "\xff"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, serial string) {
		p, err := core.ParsePattern(pattern)
		if err != nil {
			if core.ErrorCode(err) != core.Invalid || core.English.Error(err) == "" {
				t.Fatalf("%q: refused without a clear message: %v", pattern, err)
			}
			return
		}
		if len(p.Describe()) == 0 || p.Describe()[0].String() == "" {
			t.Fatalf("%q: no description", pattern)
		}
		if again, err := core.ParsePattern(p.String()); err != nil || again != p {
			t.Fatalf("%q: parsing %q again gives %q, %v", pattern, p, again, err)
		}
		norm, err := core.NormalizeSerial(serial)
		if err != nil {
			norm = serial // the check must not panic on what was never normalized
		}
		if err := p.Check(norm); err != nil {
			if core.English.Error(err) == "" {
				t.Fatalf("%q against %q: refused without a reason", norm, p)
			}
			return
		}
		if p.IsEmpty() {
			return
		}
		text := p.String()
		if len(norm) != len(text) {
			t.Fatalf("%q passes %q with another length", norm, p)
		}
		for i := range len(text) {
			if c := text[i]; c != '*' && c != '#' && c != '@' && norm[i] != c {
				t.Fatalf("%q passes %q with character %d %q", norm, p, i+1, norm[i])
			}
		}
	})
}
