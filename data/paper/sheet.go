package paper

import (
	"time"

	"serialdesk/core"
)

// An A4 sheet, portrait, in millimetres: what slips, receipt lists and
// stock lists are printed on.
const (
	a4W, a4H = 210.0, 297.0
	margin   = 15.0
	bottom   = a4H - 18 // the footer is below
	textW    = a4W - 2*margin
)

// sheet is an A4 paper of rows that run on over pages, each page with the
// paper's head and a footer that numbers it.
type sheet struct {
	page
	// in is the language the paper is written in: its words, and how it
	// writes dates, amounts and counts.
	in core.Speaker
	// onNewPage draws what every page repeats at its top (a table's
	// headings); the first page's head is drawn by the paper itself.
	onNewPage func()
}

// newSheet starts an A4 paper in a language; footer is what each page's
// foot says beside its number.
func newSheet(in core.Speaker, title string, shop core.Shop, footer string, now time.Time) *sheet {
	s := &sheet{page: newPDF(a4W, a4H, title, shop.Name, now), in: in}
	s.SetFooterFunc(func() {
		s.SetFont(sans, "", 8)
		s.SetTextColor(90, 90, 90)
		s.SetXY(margin, a4H-12)
		s.CellFormat(textW/2, 4, s.fit(footer, textW/2), "", 0, "L", false, 0, "")
		// {nb} is the number of pages, filled in as the PDF is written.
		s.CellFormat(textW/2, 4, s.say("Page {{.Page}} of {{.Pages}}", core.Values{"Page": s.PageNo(), "Pages": "{nb}"}), "", 0, "R", false, 0, "")
		s.SetTextColor(0, 0, 0)
	})
	s.AddPage()
	return s
}

// need starts a new page unless h mm are left on this one.
func (s *sheet) need(h float64) {
	if s.GetY()+h <= bottom {
		return
	}
	s.AddPage()
	s.SetY(margin)
	if s.onNewPage != nil {
		s.onNewPage()
	}
}

// shopHead writes the shop's name and how to reach it at the top left,
// and returns how far down it reached.
func (s *sheet) shopHead(shop core.Shop) float64 {
	s.SetXY(margin, margin)
	s.SetFont(sans, "B", 15)
	s.CellFormat(textW*0.55, 7, s.fit(shop.Name, textW*0.55), "", 2, "L", false, 0, "")
	s.SetFont(sans, "", 9)
	for _, line := range []string{shop.Address, joined(" · ", shop.Phone, shop.Email), s.orgNo(shop.OrgNo)} {
		if line != "" {
			s.CellFormat(textW*0.55, 4.5, s.fit(line, textW*0.55), "", 2, "L", false, 0, "")
		}
	}
	return s.GetY()
}

// facts writes label–value pairs at the top right, under a title, and
// returns how far down they reached.
func (s *sheet) facts(title string, facts [][2]string) float64 {
	x, w := margin+textW*0.58, textW*0.42
	s.SetXY(x, margin)
	s.SetFont(sans, "B", 15)
	s.CellFormat(w, 7, title, "", 2, "R", false, 0, "")
	for _, f := range facts {
		if f[1] == "" {
			continue
		}
		s.SetX(x)
		s.SetFont(sans, "", 9)
		s.CellFormat(w*0.4, 4.5, f[0], "", 0, "L", false, 0, "")
		s.SetFont(sans, "B", 9)
		s.CellFormat(w*0.6, 4.5, s.fit(f[1], w*0.6), "", 2, "R", false, 0, "")
	}
	return s.GetY()
}

// say is a text of the paper's in its language.
func (s *sheet) say(key string, values ...core.Values) string {
	return s.in.Say(core.Say(key, values...))
}

// date is how the paper writes a day, nothing for none.
func (s *sheet) date(t time.Time) string { return s.in.Formats.Date(t) }

// money is how the paper writes an amount, none as blank.
func (s *sheet) money(m core.Money) string {
	if m == 0 {
		return ""
	}
	return s.in.Formats.Money(m)
}

// number is how the paper writes a count.
func (s *sheet) number(n int) string { return s.in.Formats.Number(n) }

// orgNo is an organisation number as a line of an address, nothing for
// none.
func (s *sheet) orgNo(no string) string {
	if no == "" {
		return ""
	}
	return s.say("Org. no.") + " " + no
}

func joined(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}
