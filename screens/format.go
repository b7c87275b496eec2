package screens

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// formats are how dates and amounts are written and read: the language's,
// which is the program's, as Fyne's translations are. The app sets them
// as it starts (SetFormats).
var formats = core.EnglishFormats

// SetFormats sets how dates and amounts are written and read.
func SetFormats(f core.Formats) { formats = f }

// fileDateLayout dates the names of files saved (serials-2026-11-27.xlsx),
// which sort by it whatever the language.
const fileDateLayout = "2006-01-02"

func formatDate(t time.Time) string { return formats.Date(t) }

// parseDate reads a date typed as formatDate shows it, or in the other
// ways the language types one; blank is none.
func parseDate(s string) (time.Time, error) { return formats.ParseDate(s, time.Now()) }

// datePlaceHolder shows in an empty date field how to type a date.
func datePlaceHolder() string {
	if formats.Language == core.NorwegianFormats.Language {
		return "DD.MM.ÅÅÅÅ"
	}
	return "YYYY-MM-DD"
}

func formatMoney(m core.Money) string { return formats.Money(m) }

func parseMoney(s string) (core.Money, error) { return formats.ParseMoney(s) }

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
