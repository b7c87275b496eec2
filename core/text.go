package core

import (
	"strings"
	"unicode/utf8"
)

// cleanText trims a free-text field and refuses characters that cannot be
// seen or printed (control, zero-width and direction marks), which would
// make two equal-looking names differ.
func cleanText(field, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n > max {
		return "", errorf(Invalid, "%s has %d characters, at most %d are allowed", field, n, max)
	}
	for i, r := range []rune(s) {
		if isHiddenRune(r) {
			return "", errorf(Invalid, "%s: character %d %s is not allowed", field, i+1, describeRune(r))
		}
	}
	return s, nil
}

// textField is a card's text field, named as a problem names it, with the
// most characters it may have.
type textField struct {
	name string
	text *string
	max  int
}

// cleanFields cleans each field in place (cleanText) and adds what is
// wrong with any of them.
func cleanFields(problems *problemList, fields []textField) {
	for _, f := range fields {
		var err error
		if *f.text, err = cleanText(f.name, *f.text, f.max); err != nil {
			problems.add(0, "", "%s", reasonOf(err))
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
