package screens

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// dateLayout is how dates are shown and typed: 2026-11-27 sorts and reads
// the same in every country.
const dateLayout = "2006-01-02"

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

// parseDate reads a date typed like formatDate shows it; blank is none.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, &core.Error{Code: core.Invalid, Message: fmt.Sprintf("date %q is not a date like %s", core.Echo(s), time.Now().Format(dateLayout))}
	}
	return t, nil
}

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
