package paper

import (
	"context"
	"io"
	"time"

	"serialdesk/core"
)

// StockList writes what is in stock, item by item, for a stock count: each
// unit with the day it came in and a box to tick, and a line for what was
// counted. item 0 lists every item. It is read from the register in one
// go, so that the counts and the units agree. progress hears how far it is
// (in units); a cancelled ctx stops it with nothing written. It returns the
// number of units listed.
func StockList(ctx context.Context, w io.Writer, reg *core.Register, item core.ItemID, progress func(done, total int), now time.Time) (int, error) {
	shop, err := reg.Shop()
	if err != nil {
		return 0, err
	}
	s := newSheet("Stock list "+now.Format("2006-01-02"), shop, joined(" · ", shop.Name, "Stock list "+now.Format("2006-01-02 15:04")), now)
	cols := []column{{"Counted", 16, "C"}, {"Serial", 66, "L"}, {"Received", 22, "L"}, {"Receipt", 22, "L"}, {"Project no.", 22, "L"},
		{"Note", 32, "L"}}
	c := canceller{ctx: ctx, progress: progress}
	done := 0
	var current core.ItemRow
	var pending []core.ItemRow // the items not started yet, by number
	listed := 0                // units of the current item listed so far
	heading := func(it core.ItemRow, more string) {
		s.SetFont(sans, "B", 10.5)
		s.SetX(margin)
		s.CellFormat(textW*0.75, 7, s.fit(it.No+"   "+it.Name+more, textW*0.75), "", 0, "L", false, 0, "")
		s.CellFormat(textW*0.25, 7, core.Count(int(it.Stock.InStock()), "in stock", "in stock"), "", 1, "R", false, 0, "")
	}
	// finish ends an item with the line its count is written on.
	finish := func() {
		if current.ID == 0 {
			return
		}
		s.onNewPage = nil
		note := ""
		switch missing := int(current.Stock.InStock()) - listed; {
		case !current.UseSerial:
			note = "no serials are kept of this item"
		case missing > 0:
			note = core.Count(missing, "unit has", "units have") + " no serial in the register: count " + pronounOf(missing) + " too"
		}
		s.counted(note)
	}
	start := func(it core.ItemRow) {
		finish()
		current, listed = it, 0
		s.need(30)
		s.SetY(s.GetY() + 3)
		heading(it, "")
		if it.UseSerial {
			s.onNewPage = func() {
				heading(it, " (continued)")
				s.headings(cols)
			}
			s.headings(cols)
		}
	}
	err = reg.CountStock(item, func(items []core.ItemRow) error {
		which := "All items"
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
		right := s.facts("Stock list", [][2]string{{"Printed", now.Format("2006-01-02 15:04")}, {"Items", which},
			{"Units in stock", core.Thousands(units)}})
		s.SetY(max(left, right) + 6)
		if len(items) == 0 {
			s.SetFont(sans, "", 10)
			s.SetX(margin)
			s.CellFormat(textW, 6, "Nothing is in stock.", "", 2, "L", false, 0, "")
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
		received, receipt = date(r.Received.Date), r.Received.Doc.String()
	}
	if r.State == core.Returned {
		note = "back from a customer"
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

func pronounOf(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
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
	s.CellFormat(18, 6, "Counted:", "", 0, "L", false, 0, "")
	y := s.GetY() + 5
	s.Line(margin+18, y, margin+48, y)
	s.SetX(margin + 52)
	s.SetTextColor(90, 90, 90)
	s.CellFormat(textW-52, 6, note, "", 1, "L", false, 0, "")
	s.SetTextColor(0, 0, 0)
}
