package core

import (
	"strings"
	"unicode/utf8"
)

// cleanText trims a free-text field and refuses characters that cannot be
// seen or printed (control, zero-width and direction marks), which would
// make two equal-looking names differ.
func cleanText(field Message, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n > max {
		return "", errorf(Invalid, "{{.Field}} has {{.Count}} characters, at most {{.Max}} are allowed", Values{"Field": field, "Count": n, "Max": max})
	}
	for i, r := range []rune(s) {
		if isHiddenRune(r) {
			return "", errorf(Invalid, "{{.Field}}: character {{.Position}} {{.Character}} is not allowed", Values{"Field": field, "Position": i + 1, "Character": describeRune(r)})
		}
	}
	return s, nil
}

// textField is a card's text field, named as a problem names it, with the
// most characters it may have.
type textField struct {
	name Message
	text *string
	max  int
}

// cleanFields cleans each field in place (cleanText) and adds what is
// wrong with any of them.
func cleanFields(problems *problemList, fields []textField) {
	for _, f := range fields {
		var err error
		if *f.text, err = cleanText(f.name, *f.text, f.max); err != nil {
			problems.addErr(0, "", err)
		}
	}
}

func isHiddenRune(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return true
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0: // control characters
		return true
	case r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x2069, r == 0xfeff:
		return true // zero-width and bidirectional formatting
	}
	return false
}
