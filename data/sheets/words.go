package sheets

import (
	"strings"

	"serialdesk/core"
)

// A workbook speaks its reader's language: its sheets' names, headings,
// titles and words (yes, in stock, sale) are messages said by a
// core.Speaker. Reading one back takes each of them in English or in the
// reader's language, so that a workbook goes from one shop to another and
// an old export still reads.

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

// is reports whether a cell's text v is the word m, in English or in the
// speaker's language, in capitals or not.
func is(v string, m core.Message, in core.Speaker) bool {
	v = strings.TrimSpace(v)
	return strings.EqualFold(v, core.English.Say(m)) || strings.EqualFold(v, in.Say(m))
}
