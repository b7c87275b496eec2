package core

import (
	"unicode/utf8"
)

// vinLength is the length ISO 3779 gives every VIN.
const vinLength = 17

// vinValues are the numbers the North American check digit gives the
// letters A to Z; the dots stand for I, O and Q, which a VIN never has.
const vinValues = "12345678.12345.7.923456789"

// vinWeights weigh each position's value; position 9, the check digit
// itself, weighs nothing.
var vinWeights = [vinLength]int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}

// CheckVIN returns nil when vin (already trimmed and upper-cased) is a
// vehicle identification number: 17 letters and digits, never I, O or Q,
// which read too easily as 1 and 0. Otherwise an Invalid error gives the
// first problem in words. The check digit is not a rule everywhere; see
// VINWarning.
func CheckVIN(vin string) error {
	if n := utf8.RuneCountInString(vin); n != vinLength {
		return errorf(Invalid, "a VIN has {{.Length}} characters; this has {{.Count}}", Values{"Length": vinLength, "Count": n})
	}
	for i, r := range []rune(vin) {
		switch {
		case r == 'I':
			return errorf(Invalid, "character {{.Position}} is I; a VIN never has I, O or Q (I is read as 1)", Values{"Position": i + 1})
		case r == 'O' || r == 'Q':
			return errorf(Invalid, "character {{.Position}} is {{.Character}}; a VIN never has I, O or Q ({{.Character}} is read as 0)", Values{"Position": i + 1, "Character": string(rune(r))})
		case !isLetter(r) && !isDigit(r):
			return errorf(Invalid, "character {{.Position}} {{.Character}} is not allowed in a VIN; use letters and digits", Values{"Position": i + 1, "Character": describeRune(r)})
		}
	}
	return nil
}

// VINCheckDigit computes the check digit of position 9 by the North
// American rule, and ok reports whether position 9 carries it. want is 0
// when vin is not a VIN.
func VINCheckDigit(vin string) (want byte, ok bool) {
	if CheckVIN(vin) != nil {
		return 0, false
	}
	sum := 0
	for i := range vinLength {
		c := vin[i]
		value := int(c - '0')
		if isLetter(rune(c)) {
			value = int(vinValues[c-'A'] - '0')
		}
		sum += value * vinWeights[i]
	}
	want = "0123456789X"[sum%11]
	return want, vin[8] == want
}

// VINWarning is nothing when vin carries its check digit (or is not a
// VIN), otherwise a message for the user. It warns rather than refuses: only
// VINs of cars made for North America must carry the check digit.
func VINWarning(vin string) Message {
	want, ok := VINCheckDigit(vin)
	if ok || want == 0 {
		return Message{}
	}
	return Say("position 9 is {{.Found}}, the North American check digit would be {{.Expected}}; accept it if the car was made for Europe, where VINs need not carry one",
		Values{"Found": string(rune(vin[8])), "Expected": string(rune(want))})
}
