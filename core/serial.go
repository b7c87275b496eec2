package core

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxSerialLength is the longest serial the register accepts.
const MaxSerialLength = 64

// NormalizeSerial trims and upper-cases what was typed or scanned and checks
// that it is a serial: 1 to 64 letters, digits and - / . _ .
func NormalizeSerial(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return "", errorf(Invalid, "the serial is empty")
	}
	if n := utf8.RuneCountInString(s); n > MaxSerialLength {
		return "", errorf(Invalid, "%d characters, a serial has at most %d", n, MaxSerialLength)
	}
	for i, r := range []rune(s) {
		if !isSerialRune(r) {
			return "", errorf(Invalid, "character %d %s is not allowed; use letters, digits and - / . _", i+1, describeRune(r))
		}
	}
	return s, nil
}

func isSerialRune(r rune) bool {
	return isLetter(r) || isDigit(r) || strings.ContainsRune("-/._", r)
}

func isLetter(r rune) bool { return r >= 'A' && r <= 'Z' }
func isDigit(r rune) bool  { return r >= '0' && r <= '9' }

// describeRune names a character so that invisible ones can be found.
func describeRune(r rune) string {
	switch {
	case r == ' ':
		return "(a space)"
	case r == utf8.RuneError:
		return "(an unreadable character)"
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return fmt.Sprintf("(control character U+%04X)", r)
	case r > 0x7e:
		return fmt.Sprintf("%q (U+%04X)", r, r)
	default:
		return fmt.Sprintf("%q", r)
	}
}
