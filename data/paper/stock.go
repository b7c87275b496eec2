package paper

import (
	"context"
	"io"
	"time"

	"serialdesk/core"
)

// pageSize is how many serials are read from the register at a time.
const pageSize = 10_000

// StockList writes what is in stock, item by item, for a stock count: each
// unit with the day it came in and a box to tick, and a line for what was
// counted. item 0 lists every item. progress hears how far it is (in
// units); a cancelled ctx stops it with nothing written. It returns the
// number of units listed.
func StockList(ctx context.Context, w io.Writer, reg *core.Register, item core.ItemID, progress func(done, total int), now time.Time) (int, error) {
	shop, err := reg.Shop()
	if err != nil {
		return 0, err
	}
	rows, err := reg.Items("")
	if err != nil {
		return 0, err
	}
	var items []core.ItemRow
	total := 0
	for _, it := range rows {
		if (item == 0 || it.ID == item) && it.Stock.InStock() > 0 {
			items = append(items, it)
			if it.UseSerial {
				total += int(it.Stock.InStock())
			}
		}
	}
	which := "All items"
	if item != 0 {
		it, err := reg.Item(item)
		if err != nil {
			return 0, err
		}
		which = it.No + " " + it.Name
	}
	s := newSheet("Stock list "+now.Format("2006-01-02"), shop, joined(" · ", shop.Name, "Stock list "+now.Format("2006-01-02 15:04")), now)
	left := s.shopHead(shop)
	right := s.facts("Stock list", [][2]string{{"Printed", now.Format("2006-01-02 15:04")}, {"Items", which},
		{"Units in stock", core.Thousands(stockUnits(items))}})
	s.SetY(max(left, right) + 6)
	if len(items) == 0 {
		s.SetFont(sans, "", 10)
		s.SetX(margin)
		s.CellFormat(textW, 6, "Nothing is in stock.", "", 2, "L", false, 0, "")
	}
	cols := []column{{"Counted", 16, "C"}, {"Serial", 52, "L"}, {"Received", 24, "L"}, {"Receipt", 24, "L"}, {"Project no.", 22, "L"},
		{"Note", 42, "L"}}
	c := canceller{ctx: ctx, progress: progress, total: total}
	done := 0
	for _, it := range items {
		heading := func(more string) {
			s.SetFont(sans, "B", 10.5)
			s.SetX(margin)
			s.CellFormat(textW*0.75, 7, s.fit(it.No+"   "+it.Name+more, textW*0.75), "", 0, "L", false, 0, "")
			s.CellFormat(textW*0.25, 7, core.Thousands(int(it.Stock.InStock()))+" in stock", "", 1, "R", false, 0, "")
		}
		s.need(30)
		s.SetY(s.GetY() + 3)
		heading("")
		if !it.UseSerial {
			s.counted("no serials are kept of this item")
			continue
		}
		s.onNewPage = func() {
			heading(" (continued)")
			s.headings(cols)
		}
		s.headings(cols)
		for offset := 0; ; offset += pageSize {
			page, err := reg.SearchSerials(core.SerialQuery{Item: it.ID, State: core.InStock, Offset: offset, Limit: pageSize})
			if err != nil {
				return 0, err
			}
			for _, r := range page.Rows {
				s.need(5.5)
				s.SetX(margin)
				s.tick(cols[0].w, 5.5)
				received, receipt, note := "", "", ""
				if r.Received != nil {
					received, receipt = date(r.Received.Date), r.Received.Doc.String()
				}
				if r.State == core.Returned {
					note = "back from a customer"
				}
				s.SetFont(mono, "B", 9)
				s.CellFormat(cols[1].w, 5.5, " "+s.fit(r.Serial.Serial, cols[1].w-2), "", 0, "L", false, 0, "")
				s.SetFont(sans, "", 9)
				for i, v := range []string{received, receipt, r.Project.String(), note} {
					s.CellFormat(cols[i+2].w, 5.5, " "+s.fit(v, cols[i+2].w-2), "", 0, "L", false, 0, "")
				}
				s.Ln(5.5)
				done++
				if err := c.step(done); err != nil {
					return 0, err
				}
			}
			if len(page.Rows) < pageSize {
				break
			}
		}
		s.onNewPage = nil
		s.counted("")
	}
	return done, s.write(w)
}

// stockUnits is how many units the items have in stock.
func stockUnits(items []core.ItemRow) int {
	n := 0
	for _, it := range items {
		n += int(it.Stock.InStock())
	}
	return n
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
