package core

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pattern is the shape every serial of an item must have. Each character is
// a literal, or one of the wildcards:
//
//   - a letter or a digit
//     #  a digit
//     @  a letter
//
// A pattern fixes the length. The empty pattern accepts any valid serial.
type Pattern struct {
	text string
}

// ParsePattern trims and upper-cases a pattern typed on the item card and
// refuses one that no serial could match.
func ParsePattern(s string) (Pattern, error) {
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n > MaxSerialLength {
		return Pattern{}, errorf(Invalid, "the pattern has {{.Count}} characters; a serial has at most {{.Max}}", Values{"Count": n, "Max": MaxSerialLength})
	}
	for i, r := range []rune(s) { // before upper-casing, as NormalizeSerial does
		if r > unicode.MaxASCII || !isWildcard(r) && !isSerialRune(unicode.ToUpper(r)) {
			return Pattern{}, errorf(Invalid, "pattern character {{.Position}} {{.Character}} is not allowed; use letters, digits, - / . _ and the wildcards * (letter or digit), # (digit), @ (letter)", Values{"Position": i + 1, "Character": describeRune(r)})
		}
	}
	return Pattern{text: strings.ToUpper(s)}, nil
}

func isWildcard(r rune) bool { return r == '*' || r == '#' || r == '@' }

func (p Pattern) String() string { return p.text }

// IsEmpty reports whether the pattern accepts any serial.
func (p Pattern) IsEmpty() bool { return p.text == "" }

// Check returns nil when the (normalized) serial fits the pattern, otherwise
// an Invalid error whose message is the reason, e.g.
// "8 characters, the pattern needs 9" or "character 3 must be 6".
func (p Pattern) Check(serial string) error {
	if p.text == "" {
		return nil
	}
	if len(serial) != len(p.text) {
		return errorf(Invalid, "{{.Count}} characters, the pattern {{.Pattern}} needs {{.Needed}}", Values{"Count": len(serial), "Pattern": Echo(p.text), "Needed": len(p.text)})
	}
	for i := 0; i < len(p.text); i++ {
		want, got := rune(p.text[i]), rune(serial[i])
		switch {
		case want == '*' && !isLetter(got) && !isDigit(got):
			return errorf(Invalid, "character {{.Position}} must be a letter or digit", Values{"Position": i + 1})
		case want == '#' && !isDigit(got):
			return errorf(Invalid, "character {{.Position}} must be a digit", Values{"Position": i + 1})
		case want == '@' && !isLetter(got):
			return errorf(Invalid, "character {{.Position}} must be a letter", Values{"Position": i + 1})
		case !isWildcard(want) && got != want:
			return errorf(Invalid, "character {{.Position}} must be {{.Expected}}", Values{"Position": i + 1, "Expected": string(rune(want))})
		}
	}
	return nil
}

// Describe explains the pattern in words for the item card, part by
// part: "9 characters", "starts with 996", "then 6 letters or digits".
func (p Pattern) Describe() []Message {
	if p.text == "" {
		return []Message{Say("any serial of letters, digits and - / . _ (up to {{.Max}} characters)", Values{"Max": MaxSerialLength})}
	}
	parts := []Message{Say("{{.Count}} characters", Values{"Count": len(p.text)})}
	for i, run := range p.runs() {
		switch {
		case !isWildcard(rune(run[0])) && i == 0:
			parts = append(parts, Say("starts with {{.Text}}", Values{"Text": run}))
		case !isWildcard(rune(run[0])):
			parts = append(parts, Say("then {{.Text}}", Values{"Text": run}))
		default:
			parts = append(parts, wildcards(run[0], len(run)))
		}
	}
	return parts
}

// Example is a serial that fits the pattern and counts n in its last
// wildcards (letters where only a letter fits), for the hints of a range:
// 996****** gives 996000001 for 1. The empty pattern gives A0001.
func (p Pattern) Example(n int) string {
	text := p.text
	if text == "" {
		text = "A####"
	}
	digits := fmt.Sprintf("%0*d", len(text), n)
	out := []byte(text)
	for i := len(out) - 1; i >= 0; i-- {
		switch out[i] {
		case '#', '*':
			out[i] = digits[i]
		case '@':
			out[i] = 'A'
		}
	}
	return string(out)
}

// Length is the length every serial of the pattern has; MaxSerialLength
// for the empty pattern.
func (p Pattern) Length() int {
	if p.text == "" {
		return MaxSerialLength
	}
	return len(p.text)
}

// runs splits the pattern into literal stretches and stretches of one wildcard.
func (p Pattern) runs() []string {
	var runs []string
	start := 0
	for i := 1; i <= len(p.text); i++ {
		if i == len(p.text) || runKind(p.text[i]) != runKind(p.text[start]) {
			runs = append(runs, p.text[start:i])
			start = i
		}
	}
	return runs
}

func runKind(c byte) byte {
	if isWildcard(rune(c)) {
		return c
	}
	return 'L'
}

// wildcards says a run of n of the wildcard c, after what comes before.
func wildcards(c byte, n int) Message {
	switch c {
	case '#':
		return Count(n, "then 1 digit", "then {{.Count}} digits")
	case '@':
		return Count(n, "then 1 letter", "then {{.Count}} letters")
	}
	return Count(n, "then 1 letter or digit", "then {{.Count}} letters or digits")
}

// Count says how many of something there are: one says one ("1 unit"),
// many says more or none, with the number as {{.Count}} ("{{.Count}}
// units": 2,000 units).
func Count(n int, one, many string) Message {
	if n == 1 {
		return Say(one)
	}
	return Say(many, Values{"Count": n})
}
