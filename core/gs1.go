package core

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// GS1 is what a scanned GS1 code says about one unit.
type GS1 struct {
	GTIN   string // AI 01, 14 digits; "" when the code has none
	Serial string // AI 21
}

// gs is the group separator (ASCII 29) a scanner types for FNC1. It ends
// a variable-length value that is not the last one.
const gs = "\x1d"

// symbologyIDs are the prefixes a scanner may put before a GS1 code to say
// which barcode it read: GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar.
var symbologyIDs = []string{"]C1", "]d2", "]Q3", "]e0"}

// untilGS marks, in gs1AIs, an AI whose value ends at a group separator or
// at the end of the code.
const untilGS = 0

// gs1AIs are the application identifiers Serialdesk reads, with the fixed
// length of their values. No AI's digits begin another's, so the AI at the
// start of a text is found by trying 2, 3 and 4 digits.
var gs1AIs = func() map[string]int {
	ais := map[string]int{
		"00": 18, "01": 14, "02": 14,
		"11": 6, "12": 6, "13": 6, "15": 6, "16": 6, "17": 6,
		"20": 2,
		"10": untilGS, "21": untilGS, "22": untilGS, "30": untilGS, "37": untilGS,
		"240": untilGS, "241": untilGS, "250": untilGS, "251": untilGS,
		"400": untilGS, "401": untilGS, "403": untilGS, "420": untilGS, "421": untilGS,
	}
	for ai := 90; ai <= 99; ai++ {
		ais[strconv.Itoa(ai)] = untilGS
	}
	for ai := 3100; ai <= 3699; ai++ { // measures: unit, then decimal places
		ais[strconv.Itoa(ai)] = 6
	}
	for ai := 410; ai <= 417; ai++ { // global location numbers
		ais[strconv.Itoa(ai)] = 13
	}
	return ais
}()

// gs1MaxSerial is the longest serial GS1 allows in AI 21.
const gs1MaxSerial = 20

// gs1SerialPunctuation is what GS1 allows in AI 21 besides letters and
// digits.
const gs1SerialPunctuation = `!"%&'()*+,-./:;<=>?_`

// gs1Element is one AI and its value.
type gs1Element struct{ ai, value string }

// ReadGS1 reads what a scanner typed. raw is a GS1 code when, after
// trimming spaces, tabs and line breaks around it, it
//   - holds a group separator (ASCII 29), or
//   - starts with a GS1 symbology identifier: ]C1, ]d2, ]Q3 or ]e0, or
//   - starts with an AI in brackets, "(" and 2 to 4 digits and ")", or
//   - starts with 01, a GTIN whose check digit is right, then 21.
//
// Anything else is a plain serial: isGS1 is false and err nil. For a GS1
// code, err says in words why it gives no serial. The serial is returned
// as read; the caller normalizes it and checks it against the item.
func ReadGS1(raw string) (code GS1, isGS1 bool, err error) {
	s := strings.Trim(raw, " \t\r\n")
	if !looksLikeGS1(s) {
		return GS1{}, false, nil
	}
	s = elementString(s)
	var elements []gs1Element
	if _, n := bracketAI(s); n > 0 {
		elements, err = bracketElements(s)
	} else {
		elements, err = separatedElements(s)
	}
	if err == nil {
		code, err = gs1Unit(elements)
	}
	if err != nil {
		return GS1{}, true, err
	}
	return code, true, nil
}

func looksLikeGS1(s string) bool {
	if strings.Contains(s, gs) || hasSymbologyID(s) {
		return true
	}
	if _, n := bracketAI(s); n > 0 {
		return true
	}
	// A DataMatrix with the GTIN and then the serial needs no separator, so
	// nothing else marks it. A plain serial that starts with 01, 14 digits
	// with the right check digit, then 21 is too unlikely to worry about.
	return len(s) >= 18 && s[:2] == "01" && allDigits(s[2:16]) &&
		gtinCheckDigit(s[2:15]) == s[15] && s[16:18] == "21"
}

func hasSymbologyID(s string) bool {
	for _, id := range symbologyIDs {
		if strings.HasPrefix(s, id) {
			return true
		}
	}
	return false
}

// elementString drops what may come before the AIs: the symbology
// identifier and a leading separator (FNC1 in first position).
func elementString(s string) string {
	if hasSymbologyID(s) {
		s = s[3:] // all are three characters
	}
	return strings.TrimLeft(s, gs)
}

// separatedElements walks the element string a scanner types: an AI, then
// its value, which has a fixed length or ends at a group separator.
func separatedElements(s string) ([]gs1Element, error) {
	var out []gs1Element
	for s != "" {
		ai, fixed, err := aiAt(s)
		if err != nil {
			return nil, err
		}
		s = s[len(ai):]
		end := strings.Index(s, gs)
		if end < 0 {
			end = len(s)
		}
		if fixed != untilGS {
			end = min(end, fixed) // shorter is cut short; gs1Unit says so
		}
		out = append(out, gs1Element{ai, s[:end]})
		// Some printers end fixed-length values with a separator as well.
		s = strings.TrimLeft(s[end:], gs)
	}
	return out, nil
}

// aiAt finds the AI at the start of s. An AI Serialdesk does not know is
// an error: without its length, where its value ends would be a guess.
func aiAt(s string) (ai string, fixed int, err error) {
	for n := 2; n <= 4 && n <= len(s); n++ {
		if fixed, ok := gs1AIs[s[:n]]; ok {
			return s[:n], fixed, nil
		}
	}
	if len(s) >= 2 && allDigits(s[:2]) {
		return "", 0, unknownAI(s[:2])
	}
	return "", 0, errorf(Invalid, "the GS1 code has {{.Typed}} where an AI (2 to 4 digits) should be; scan the serial's own barcode", Values{"Typed": Echo(s).Quoted()})
}

func unknownAI(ai string) error {
	return errorf(Invalid, "the code has AI {{.AI}} which Serialdesk does not read; scan the serial's own barcode", Values{"AI": ai})
}

// bracketElements reads the human-readable form,
// (01)09501101020917(21)ABC123: the brackets give the AIs, and a value
// runs to the next AI in brackets, not to any "(": GS1 allows "(" in a
// serial.
func bracketElements(s string) ([]gs1Element, error) {
	var out []gs1Element
	for s != "" {
		ai, n := bracketAI(s) // s starts with one: the first by ReadGS1, the others where a value ended
		if _, known := gs1AIs[ai]; !known {
			return nil, unknownAI(ai)
		}
		s = s[n:]
		end := len(s)
		for i := range len(s) {
			if _, n := bracketAI(s[i:]); n > 0 {
				end = i
				break
			}
		}
		out = append(out, gs1Element{ai, s[:end]})
		s = s[end:]
	}
	return out, nil
}

// bracketAI finds an AI in brackets, such as "(21)", at the start of s:
// the AI and the bytes it takes, or n == 0 when there is none.
func bracketAI(s string) (ai string, n int) {
	end := strings.IndexByte(s[:min(len(s), 6)], ')') // "(" and at most 4 digits come first
	if !strings.HasPrefix(s, "(") || end < 3 || end > 5 || !allDigits(s[1:end]) {
		return "", 0
	}
	return s[1:end], end + 1
}

// gs1Unit checks the elements and takes the GTIN and the serial from them.
func gs1Unit(elements []gs1Element) (GS1, error) {
	var code GS1
	seen := map[string]string{}
	for _, e := range elements {
		if v, twice := seen[e.ai]; twice && v != e.value {
			return GS1{}, errorf(Invalid, "the code has AI {{.AI}} twice, with different values; scan the serial's own barcode", Values{"AI": e.ai})
		}
		seen[e.ai] = e.value
		if fixed := gs1AIs[e.ai]; fixed != untilGS {
			if err := checkFixedAI(e.ai, e.value, fixed); err != nil {
				return GS1{}, err
			}
		}
		switch e.ai {
		case "01":
			if want := gtinCheckDigit(e.value[:13]); e.value[13] != want {
				return GS1{}, errorf(Invalid, "the last digit of the GTIN (AI 01) is its check digit: {{.Found}} here, {{.Expected}} expected; scan the code again", Values{"Found": string(rune(e.value[13])), "Expected": string(rune(want))})
			}
			code.GTIN = e.value
		case "21":
			if err := checkGS1Serial(e.value); err != nil {
				return GS1{}, err
			}
			code.Serial = e.value
		}
	}
	if _, ok := seen["21"]; !ok {
		return GS1{}, errorf(Invalid, "the GS1 code has no serial (AI 21); scan the barcode that carries the serial")
	}
	return code, nil
}

// checkFixedAI checks the value of a fixed-length AI: all those Serialdesk
// reads are digits.
func checkFixedAI(ai, value string, digits int) error {
	if len(value) < digits && allDigits(value) {
		return errorf(Invalid, "AI {{.AI}} is cut short: it has {{.Digits}} digits, the code gives {{.Found}}", Values{"AI": ai, "Digits": digits, "Found": len(value)})
	}
	if len(value) != digits || !allDigits(value) {
		return errorf(Invalid, "AI {{.AI}} has {{.Digits}} digits; the code gives {{.Value}}", Values{"AI": ai, "Digits": digits, "Value": Echo(value)})
	}
	return nil
}

// checkGS1Serial holds AI 21 to GS1's own rules; the register's serial
// rules are the caller's to apply.
func checkGS1Serial(s string) error {
	if s == "" {
		return errorf(Invalid, "the serial (AI 21) in the GS1 code is empty; scan the code again")
	}
	if n := utf8.RuneCountInString(s); n > gs1MaxSerial {
		return errorf(Invalid, "the serial (AI 21) has {{.Count}} characters; GS1 allows at most {{.Max}}", Values{"Count": n, "Max": gs1MaxSerial})
	}
	for i, r := range []rune(s) {
		if !isLetter(r) && !(r >= 'a' && r <= 'z') && !isDigit(r) && !strings.ContainsRune(gs1SerialPunctuation, r) {
			return errorf(Invalid, "character {{.Position}} of the serial (AI 21) is {{.Character}}, which GS1 does not allow; a GS1 serial has letters, digits and {{.Punctuation}}", Values{"Position": i + 1, "Character": describeRune(r), "Punctuation": gs1SerialPunctuation})
		}
	}
	return nil
}

// NormalizeGTIN reads a GTIN typed on an item card: EAN-8, UPC-A (12
// digits), EAN-13 or GTIN-14, returned as 14 digits so that all four
// compare equal to what a GS1 code carries in AI 01. "" is no GTIN.
func NormalizeGTIN(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for i, r := range []rune(s) {
		if !isDigit(r) {
			return "", errorf(Invalid, "character {{.Position}} {{.Character}} is not a digit; a GTIN has digits only", Values{"Position": i + 1, "Character": describeRune(r)})
		}
	}
	switch len(s) {
	case 8, 12, 13, 14:
	default:
		return "", errorf(Invalid, "a GTIN has 8, 12, 13 or 14 digits; this has {{.Count}}", Values{"Count": len(s)})
	}
	s = strings.Repeat("0", 14-len(s)) + s
	if want := gtinCheckDigit(s[:13]); s[13] != want {
		return "", errorf(Invalid, "the last digit of a GTIN is its check digit: {{.Found}} here, {{.Expected}} expected", Values{"Found": string(rune(s[13])), "Expected": string(rune(want))})
	}
	return s, nil
}

// gtinCheckDigit is the GS1 check digit of the digits before it: weights
// 3 and 1 alternate from the right, and the check digit makes the sum a
// multiple of 10. Leading zeros weigh nothing, so GTIN-8, -12 and -13 pad
// to 14 without changing it.
func gtinCheckDigit(body string) byte {
	sum := 0
	for i := range len(body) {
		d := int(body[len(body)-1-i] - '0')
		if i%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

func allDigits(s string) bool {
	for i := range len(s) {
		if !isDigit(rune(s[i])) {
			return false
		}
	}
	return true
}
