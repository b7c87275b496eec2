package sheets

import (
	"strings"

	"serialdesk/core"
)

// A workbook speaks its reader's language: its sheets' names, headings,
// titles and words (yes, in stock, sale) are messages said by a
// core.Speaker. Reading one back takes each of them in any language
// Serialdesk speaks (the reader's first), so that a workbook goes from one
// counter to another whatever each speaks, and an old export still reads.

// spoken is s, English when it is the zero Speaker.
func spoken(s core.Speaker) core.Speaker {
	if s.Formats.Language == "" {
		s.Formats = core.EnglishFormats
	}
	return s
}

// The words of a yes-or-no column.
var (
	yesWord = core.Say("yes")
	noWord  = core.Say("no")
)

// states are the states a serial may be in, whose words a State column
// holds.
var states = []core.State{core.InStock, core.Sold, core.Returned, core.ToSupplier}

// is reports whether a cell's text v is the word m in one of the
// languages, or in English, in capitals or not.
func is(v string, m core.Message, in []core.Speaker) bool {
	v = strings.TrimSpace(v)
	for _, s := range append(in, core.English) {
		if strings.EqualFold(v, s.Say(m)) {
			return true
		}
	}
	return false
}
