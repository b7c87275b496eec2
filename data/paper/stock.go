package paper

import (
	"context"
	"io"
	"time"

	"serialdesk/core"
)

// StockList writes what is in stock, item by item, for a stock count, in a
// language: each unit with the day it came in and a box to tick, and a
// line for what was counted. item 0 lists every item. It is read from the register in one
// go, so that the counts and the units agree. progress hears how far it is
// (in units); a cancelled ctx stops it with nothing written. It returns the
// number of units listed.
func StockList(ctx context.Context, w io.Writer, reg *core.Register, item core.ItemID, in core.Speaker, progress func(done, total int), now time.Time) (int, error) {
	shop, err := reg.Shop()
	if err != nil {
		return 0, err
	}
	title := in.Say(core.Say("Stock list"))
	s := newSheet(in, title+" "+in.Formats.Date(now), shop, joined(" · ", shop.Name, title+" "+in.Formats.Moment(now)), now)
	cols := []column{{s.say("Counted"), 16, "C"}, {s.say("Serial"), 66, "L"}, {s.say("Received"), 22, "L"}, {s.say("Receipt"), 22, "L"},
		{s.say("Project"), 22, "L"}, {s.say("Note"), 32, "L"}}
	c := canceller{ctx: ctx, progress: progress}
	done := 0
	var current core.ItemRow
	var pending []core.ItemRow // the items not started yet, by number
	listed := 0                // units of the current item listed so far
	heading := func(it core.ItemRow, continued bool) {
		name := it.No + "   " + it.Name
		if continued {
			name = s.say("{{.Item}} (continued)", core.Values{"Item": name})
		}
		s.SetFont(sans, "B", 10.5)
		s.SetX(margin)
		s.CellFormat(textW*0.75, 7, s.fit(name, textW*0.75), "", 0, "L", false, 0, "")
		s.CellFormat(textW*0.25, 7, in.Say(core.Count(int(it.Stock.InStock()), "1 in stock", "{{.Count}} in stock")), "", 1, "R", false, 0, "")
	}
	// finish ends an item with the line its count is written on.
	finish := func() {
		if current.ID == 0 {
			return
		}
		s.onNewPage = nil
		var note core.Message
		switch missing := int(current.Stock.InStock()) - listed; {
		case !current.UseSerial:
			note = core.Say("no serials are kept of this item")
		case missing > 0:
			note = core.Count(missing, "1 unit has no serial in the register: count it too", "{{.Count}} units have no serial in the register: count them too")
		}
		s.counted(in.Say(note))
	}
	start := func(it core.ItemRow) {
		finish()
		current, listed = it, 0
		s.need(30)
		s.SetY(s.GetY() + 3)
		heading(it, false)
		if it.UseSerial {
			s.onNewPage = func() {
				heading(it, true)
				s.headings(cols)
			}
			s.headings(cols)
		}
	}
	err = reg.CountStock(item, func(items []core.ItemRow) error {
		which := s.say("All items")
		if item != 0 && len(items) > 0 {
			which = items[0].No + " " + items[0].Name
		}
		units := 0
		for _, it := range items {
			units += int(it.Stock.InStock())
			if it.UseSerial {
				c.total += int(it.Stock.InStock())
			}
		}
		left := s.shopHead(shop)
		right := s.facts(title, [][2]string{{s.say("Printed"), in.Formats.Moment(now)}, {s.say("Items"), which},
			{s.say("Units in stock"), s.number(units)}})
		s.SetY(max(left, right) + 6)
		if len(items) == 0 {
			s.SetFont(sans, "", 10)
			s.SetX(margin)
			s.CellFormat(textW, 6, s.say("Nothing is in stock."), "", 2, "L", false, 0, "")
		}
		pending = items
		return nil
	}, func(it core.ItemRow, rows []core.SerialRow) error {
		if it.ID != current.ID {
			// The items kept without serials before it, which have no
			// units to list: their count lines, in the items' order.
			for len(pending) > 0 && pending[0].ID != it.ID {
				start(pending[0])
				pending = pending[1:]
			}
			start(it)
			pending = pending[min(1, len(pending)):]
		}
		for _, r := range rows {
			s.unit(cols, r)
			listed++
			done++
			if err := c.step(done); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, it := range pending {
		start(it)
	}
	finish()
	return done, c.write(s.page, w)
}

// unit writes one unit in stock: a box to tick, its serial (on two lines
// if it must), when and how it came, and whether a customer brought it
// back.
func (s *sheet) unit(cols []column, r core.SerialRow) {
	serial := s.serialText(r.Serial.Serial, cols[1].w-2)
	h := max(5.5, 3.6*float64(len(serial))+1)
	s.need(h)
	s.SetX(margin)
	x, y := s.GetX(), s.GetY()
	s.tick(cols[0].w, h)
	for i, line := range serial {
		s.SetXY(x+cols[0].w+1, y+(h-3.6*float64(len(serial)))/2+3.6*float64(i))
		s.CellFormat(cols[1].w-1, 3.6, line, "", 0, "L", false, 0, "")
	}
	received, receipt, note := "", "", ""
	if r.Received != nil {
		received, receipt = s.date(r.Received.Date), r.Received.Doc.String()
	}
	if r.State == core.Returned {
		note = s.say("back from a customer")
	}
	s.SetXY(x+cols[0].w+cols[1].w, y)
	for i, v := range []string{received, receipt, r.Project.String(), note} {
		s.SetFont(sans, "", 9)
		if i == 3 {
			s.SetFont(sans, "", 8)
		}
		s.CellFormat(cols[i+2].w, h, " "+s.fit(v, cols[i+2].w-2), "", 0, "L", false, 0, "")
	}
	s.SetXY(margin, y+h)
}

// tick draws the box a counted unit is ticked in, in a cell of width w.
func (s *sheet) tick(w, h float64) {
	x, y := s.GetX(), s.GetY()
	s.SetDrawColor(60, 60, 60)
	s.Rect(x+(w-3.6)/2, y+(h-3.6)/2, 3.6, 3.6, "D")
	s.SetDrawColor(0, 0, 0)
	s.SetX(x + w)
}

// counted leaves a line for the number counted, with a note beside it.
func (s *sheet) counted(note string) {
	s.need(9)
	s.SetY(s.GetY() + 2)
	s.SetX(margin)
	s.SetFont(sans, "", 9)
	s.CellFormat(18, 6, s.say("Counted:"), "", 0, "L", false, 0, "")
	y := s.GetY() + 5
	s.Line(margin+18, y, margin+48, y)
	s.SetX(margin + 52)
	s.SetTextColor(90, 90, 90)
	s.CellFormat(textW-52, 6, note, "", 1, "L", false, 0, "")
	s.SetTextColor(0, 0, 0)
}
