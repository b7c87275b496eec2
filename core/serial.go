package core

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSerialLength is the longest serial the register accepts.
const MaxSerialLength = 64

// NormalizeSerial trims and upper-cases what was typed or scanned and checks
// that it is a serial: 1 to 64 letters, digits and - / . _ .
func NormalizeSerial(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errorf(Invalid, "the serial is empty")
	}
	if utf8.RuneCountInString(s) > MaxSerialLength {
		return "", errorf(Invalid, "longer than the {{.Max}} characters a serial may have", Values{"Max": MaxSerialLength})
	}
	// Checked before upper-casing, which would turn look-alikes such as
	// the dotless ı into a plain I without anyone seeing it.
	for i, r := range []rune(s) {
		if !isSerialRune(unicode.ToUpper(r)) || r > unicode.MaxASCII {
			return "", errorf(Invalid, "character {{.Position}} {{.Character}} is not allowed; use letters, digits and - / . _", Values{"Position": i + 1, "Character": describeRune(r)})
		}
	}
	return strings.ToUpper(s), nil
}

func isSerialRune(r rune) bool {
	return isLetter(r) || isDigit(r) || strings.ContainsRune("-/._", r)
}

func isLetter(r rune) bool { return r >= 'A' && r <= 'Z' }
func isDigit(r rune) bool  { return r >= '0' && r <= '9' }

// describeRune names a character so that invisible ones can be found.
func describeRune(r rune) Message {
	switch {
	case r == ' ':
		return Say("(a space)")
	case r == utf8.RuneError:
		return Say("(an unreadable character)")
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return Say("(control character {{.Code}})", Values{"Code": fmt.Sprintf("U+%04X", r)})
	case r > 0x7e:
		return Say("{{.Character}} ({{.Code}})", Values{"Character": strconv.QuoteRune(r), "Code": fmt.Sprintf("U+%04X", r)})
	}
	return Say("{{.Character}}", Values{"Character": strconv.QuoteRune(r)})
}

// SerialRange lists the serials from first to last, counting up the digits
// they end in and keeping their zeros: 996A0098 to 996A0102 gives five.
func SerialRange(first, last string) ([]string, error) {
	a, err := NormalizeSerial(first)
	if err != nil {
		return nil, err
	}
	b, err := NormalizeSerial(last)
	if err != nil {
		return nil, err
	}
	pa, na := splitCounter(a)
	pb, nb := splitCounter(b)
	if na == "" || nb == "" || pa != pb || len(na) != len(nb) {
		return nil, errorf(Invalid, "{{.First}} and {{.Last}} must differ only in the digits they end with, with as many digits", Values{"First": Echo(a), "Last": Echo(b)})
	}
	from, _ := strconv.ParseUint(na, 10, 64)
	to, _ := strconv.ParseUint(nb, 10, 64)
	if to < from {
		return nil, errorf(Invalid, "{{.Last}} comes before {{.First}}; give the first serial first", Values{"Last": Echo(b), "First": Echo(a)})
	}
	if to-from >= MaxQuantity {
		return nil, errorf(Invalid, "{{.Count}} serials is more than one line can hold ({{.Max}})", Values{"Count": to - from + 1, "Max": MaxQuantity})
	}
	out := make([]string, 0, to-from+1)
	for n := from; n <= to; n++ {
		out = append(out, fmt.Sprintf("%s%0*d", pa, len(na), n))
	}
	return out, nil
}

// splitCounter splits a serial into its text and the digits it ends with
// (at most 18, so they fit a number).
func splitCounter(s string) (prefix, digits string) {
	i := len(s)
	for i > 0 && len(s)-i < 18 && isDigit(rune(s[i-1])) {
		i--
	}
	return s[:i], s[i:]
}
