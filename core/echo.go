package core

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Echo is a value someone typed, pasted or a file held, as a message
// repeats it: whole when it has at most 40 characters, otherwise its first
// 40 and its length, "ABCDEF…" (10,000 characters), so that one overlong
// cell cannot flood a dialog or a terminal. %q quotes it; %s (and String)
// quotes it only when it is cut or holds characters one cannot see, such as
// a direction mark that would turn the rest of the message around.
type Echo string

// echoLength is how many characters of a value a message shows: a serial
// of the usual 8 to 20 characters, or an item name, shows whole.
const echoLength = 40

func (e Echo) String() string { return e.in(English, false) }

// Quoted is the value always in quotes, as %q writes it.
func (e Echo) Quoted() QuotedEcho { return QuotedEcho(e) }

// QuotedEcho is an Echo always in quotes.
type QuotedEcho Echo

func (e QuotedEcho) String() string { return Echo(e).in(English, true) }

// Format writes the value for %s, %v and %q.
func (e Echo) Format(f fmt.State, verb rune) {
	io.WriteString(f, e.in(English, verb == 'q'))
}

// in is the value as a message in the speaker's language repeats it.
func (e Echo) in(sp Speaker, quote bool) string {
	s := string(e)
	n := utf8.RuneCountInString(s)
	if n <= echoLength {
		if quote || strings.IndexFunc(s, isHiddenRune) >= 0 {
			return strconv.Quote(s)
		}
		return s
	}
	cut := 0
	for range echoLength {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
	}
	return sp.Say(Say("{{.Start}} ({{.Count}} characters)", Values{"Start": strconv.Quote(s[:cut] + "…"), "Count": n}))
}

// Thousands writes a count as messages do, with a comma between groups of
// three digits: 10,000.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
