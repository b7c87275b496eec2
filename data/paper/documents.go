package paper

import (
	"io"
	"math"
	"strings"
	"time"

	"serialdesk/core"
)

// Document writes a goods receipt's list or an order's sales slip (the
// delivery note the customer takes home) in a language: the shop, the
// other party, each line with its serials and their warranty, the totals
// in the shop's currency, and a line to sign.
func Document(w io.Writer, p core.Paper, in core.Speaker, now time.Time) error {
	kind := documentKinds[p.Doc.Kind]
	title := in.Say(p.Doc.Kind.PaperTitle())
	s := newSheet(in, title+" "+p.Doc.String(), p.Shop, joined(" · ", p.Shop.Name, title+" "+p.Doc.String()), now)
	left := s.shopHead(p.Shop)
	right := s.facts(title, [][2]string{{in.Say(kind.number), p.Doc.String()}, {s.say("Date"), s.date(p.Date)},
		{s.say("Reference"), p.Reference}, {in.Say(kind.by), p.By}, {s.say("Printed"), in.Formats.Moment(now)}})
	if !p.Status.Empty() {
		s.SetXY(margin+textW*0.58, right+1)
		s.SetFont(sans, "B", 12)
		s.SetTextColor(190, 0, 0)
		s.CellFormat(textW*0.42, 6, strings.ToUpper(in.Say(p.Status)), "", 2, "R", false, 0, "")
		s.SetTextColor(0, 0, 0)
		right = s.GetY()
	}
	s.SetY(math.Max(left, right) + 6)
	s.party(kind, p.Party)
	s.SetY(s.GetY() + 5)

	currency := p.Shop.CurrencyIn(in.Formats)
	cols := []column{{s.say("Item"), 30, "L"}, {s.say("Item name"), 70, "L"}, {s.say("Quantity"), 17, "R"},
		{core.WithCurrency(in.Say(kind.price), currency), 30, "R"}, {core.WithCurrency(s.say("Amount"), currency), 33, "R"}}
	s.onNewPage = func() { s.headings(cols) }
	s.headings(cols)
	for _, l := range p.Lines {
		s.need(6)
		s.SetFont(sans, "", 9.5)
		s.row(cols, 6, l.ItemNo, l.ItemName, s.number(l.Quantity), s.money(l.Price), s.money(l.Amount()))
		s.serials(l.Serials, cols[0].w)
	}
	s.need(14)
	s.SetY(s.GetY() + 1)
	s.Line(margin, s.GetY(), margin+textW, s.GetY())
	s.SetY(s.GetY() + 1)
	s.SetFont(sans, "B", 10)
	s.row(cols, 6, s.say("Total"), "", s.number(p.Units()), "", s.money(p.Total()))
	s.signature(in.Say(kind.sign))
	return s.write(w)
}

// documentKind is what differs between a receipt's list and an order's
// slip: the words each says.
type documentKind struct {
	number, by, party, noParty, price, sign core.Message
}

var documentKinds = map[core.DocKind]documentKind{
	core.OrderDoc: {number: core.Say("Order"), by: core.Say("Served by"), party: core.Say("Customer"),
		noParty: core.Say("Cash sale: no customer named"), price: core.Say("Unit price"), sign: core.Say("Received by the customer")},
	core.ReceiptDoc: {number: core.Say("Receipt"), by: core.Say("Received by"), party: core.Say("Supplier"),
		noParty: core.Say("No supplier named"), price: core.Say("Unit cost"), sign: core.Say("Goods checked by")},
}

// party writes the customer or supplier the document names.
func (s *sheet) party(kind documentKind, p core.Party) {
	s.SetX(margin)
	s.SetFont(sans, "", 8.5)
	s.SetTextColor(90, 90, 90)
	s.CellFormat(textW, 4.5, s.in.Say(kind.party), "", 2, "L", false, 0, "")
	s.SetTextColor(0, 0, 0)
	if p.Name == "" {
		s.SetFont(sans, "B", 10.5)
		s.CellFormat(textW, 5.5, s.in.Say(kind.noParty), "", 2, "L", false, 0, "")
		return
	}
	s.SetFont(sans, "B", 10.5)
	s.CellFormat(textW, 5.5, s.fit(joined("  ", p.Name, p.No), textW), "", 2, "L", false, 0, "")
	s.SetFont(sans, "", 9)
	for _, line := range []string{p.Address, joined(" · ", p.Phone, p.Email), s.orgNo(p.OrgNo)} {
		if line != "" {
			s.CellFormat(textW, 4.5, s.fit(line, textW), "", 2, "L", false, 0, "")
		}
	}
}

// column is one column of a table on a sheet.
type column struct {
	title string
	w     float64
	align string
}

// headings writes a table's column titles with a rule under them, each
// cut to its column should a language's word be longer than it.
func (s *sheet) headings(cols []column) {
	s.SetFont(sans, "B", 9)
	s.SetFillColor(235, 235, 235)
	s.SetX(margin)
	for _, c := range cols {
		s.CellFormat(c.w, 6, " "+s.fit(c.title, c.w-2)+" ", "", 0, c.align, true, 0, "")
	}
	s.Ln(7)
}

// row writes one row of a table in the current font, each value cut to
// its column.
func (s *sheet) row(cols []column, h float64, values ...string) {
	s.SetX(margin)
	for i, c := range cols {
		s.CellFormat(c.w, h, " "+s.fit(values[i], c.w-2)+" ", "", 0, c.align, false, 0, "")
	}
	s.Ln(h)
}

// serials writes a line's units under it, as many to a row as fit, each
// with the day its warranty ends when it has one, or the day it came back.
func (s *sheet) serials(units []core.PaperSerial, indent float64) {
	if len(units) == 0 {
		return
	}
	entry := func(u core.PaperSerial) (string, string) {
		switch {
		case !u.Returned.IsZero():
			return u.Serial, s.say("returned {{.Date}}", core.Values{"Date": s.date(u.Returned)})
		case !u.Warranty.IsZero():
			return u.Serial, s.say("warranty until {{.Date}}", core.Values{"Date": s.date(u.Warranty)})
		}
		return u.Serial, ""
	}
	widest := 0.0
	for _, u := range units {
		serial, warranty := entry(u)
		s.SetFont(mono, "B", 8.5)
		wd := s.GetStringWidth(serial)
		s.SetFont(sans, "", 8)
		if warranty != "" {
			wd += 2 + s.GetStringWidth(warranty)
		}
		widest = math.Max(widest, wd)
	}
	room := textW - indent
	cell := math.Min(widest+6, room)
	perRow := max(1, int(room/cell))
	cell = room / float64(perRow)
	for i, u := range units {
		if i%perRow == 0 {
			s.need(4.5)
			s.SetX(margin)
			if i == 0 {
				s.SetFont(sans, "", 8)
				s.SetTextColor(90, 90, 90)
				s.CellFormat(indent, 4.5, " "+s.say("Serials"), "", 0, "L", false, 0, "")
				s.SetTextColor(0, 0, 0)
			}
			s.SetX(margin + indent)
		}
		serial, warranty := entry(u)
		x := s.GetX()
		s.SetFont(mono, "B", 8.5)
		s.CellFormat(0, 4.5, s.fit(serial, cell-2), "", 0, "L", false, 0, "")
		if warranty != "" {
			s.SetX(x + s.GetStringWidth(serial) + 2)
			s.SetFont(sans, "", 8)
			s.CellFormat(0, 4.5, warranty, "", 0, "L", false, 0, "")
		}
		s.SetX(x + cell)
		if i%perRow == perRow-1 || i == len(units)-1 {
			s.Ln(4.5)
		}
	}
	s.SetY(s.GetY() + 1)
}

// signature leaves room to sign, with the name and the day.
func (s *sheet) signature(who string) {
	s.need(30)
	s.SetY(s.GetY() + 14)
	y := s.GetY()
	s.SetFont(sans, "", 8.5)
	for _, f := range []struct {
		x, w  float64
		label string
	}{{margin, 75, who}, {margin + 85, 55, s.say("Name in capitals")}, {margin + 150, 30, s.say("Date")}} {
		s.Line(f.x, y, f.x+f.w, y)
		s.SetXY(f.x, y+1)
		s.CellFormat(f.w, 4, f.label, "", 0, "L", false, 0, "")
	}
	s.SetY(y + 6)
}
