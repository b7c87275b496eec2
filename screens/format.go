package screens

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// speaker says the register's messages, dates and amounts in the
// language the program speaks, through Fyne's translations (lang.L: the
// English as written when the language has no translation of it). The
// app sets its formats as it starts (SetFormats).
var speaker = core.Speaker{Formats: core.EnglishFormats, Translate: translate}

func translate(key string, values map[string]string) string { return lang.L(key, values) }

// SetFormats sets how dates and amounts are written and read.
func SetFormats(f core.Formats) { speaker.Formats = f }

// Say is a message of the register's in the program's language.
func Say(m core.Message) string { return speaker.Say(m) }

// ErrorText is what the user is told of err, in the program's language.
func ErrorText(err error) string { return speaker.Error(err) }

// fileDateLayout dates the names of files saved (serials-2026-11-27.xlsx),
// which sort by it whatever the language.
const fileDateLayout = "2006-01-02"

func formatDate(t time.Time) string { return speaker.Formats.Date(t) }

// parseDate reads a date typed as formatDate shows it, or in the other
// ways the language types one; blank is none.
func parseDate(s string) (time.Time, error) { return speaker.Formats.ParseDate(s, time.Now()) }

// datePlaceHolder shows in an empty date field how to type a date.
func datePlaceHolder() string {
	if speaker.Formats.Language == core.NorwegianFormats.Language {
		return "DD.MM.ÅÅÅÅ"
	}
	return "YYYY-MM-DD"
}

func formatMoney(m core.Money) string { return speaker.Formats.Money(m) }

func parseMoney(s string) (core.Money, error) { return speaker.Formats.ParseMoney(s) }

// heading is a section's heading, larger than the fields under it.
func heading(text string) fyne.CanvasObject {
	return widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyleSubHeading})
}

// newTwoLineItem is a list row with a bold first line and a second line.
func newTwoLineItem() fyne.CanvasObject {
	first := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	second := widget.NewLabel("")
	for _, l := range []*widget.Label{first, second} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	return container.NewVBox(first, second)
}

func setTwoLineItem(o fyne.CanvasObject, first, second string) {
	c := o.(*fyne.Container)
	c.Objects[0].(*widget.Label).SetText(first)
	c.Objects[1].(*widget.Label).SetText(second)
}

// docSummary is a document's second line in its list: the date and the
// units first, so that a narrow list cuts off the party's name, not them.
func docSummary(date time.Time, n int, party string) string {
	s := formatDate(date) + " · " + units(n)
	if party != "" {
		s += " · " + party
	}
	return s
}

// Tr is a text of the screens' own in the program's language, with its
// values written as the language writes them (counts, dates, amounts).
func Tr(key string, values ...core.Values) string { return Say(core.Say(key, values...)) }

// Speaker is the program's language, for the papers and workbooks it
// writes.
func Speaker() core.Speaker { return speaker }
