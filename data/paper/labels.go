package paper

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/code128"
	"github.com/boombuler/barcode/qr"

	"serialdesk/core"
)

// LabelSize is a kind of label the shop prints on.
type LabelSize string

// The label sizes of the printers shops use: Brother QL rolls, DYMO rolls,
// and A4 sheets of 24 for an office printer.
const (
	Brother62x29 LabelSize = "62x29"
	Dymo57x32    LabelSize = "57x32"
	Dymo89x36    LabelSize = "89x36"
	A4Sheet3x8   LabelSize = "a4-3x8"
)

// LabelSizes are the sizes, in the order a choice lists them.
var LabelSizes = []LabelSize{Brother62x29, Dymo57x32, Dymo89x36, A4Sheet3x8}

// labelSheet is how a size's labels lie: a roll prints one label to a
// page of its own size; a sheet holds columns × rows of them.
type labelSheet struct {
	w, h          float64 // one label, mm
	pageW, pageH  float64
	cols, rows    int
	left, top     float64 // where the first label starts on the page
	marginX, padY float64 // inside a label: what the printer may not reach
	name          core.Message
}

var labelSheets = map[LabelSize]labelSheet{
	Brother62x29: {w: 62, h: 29, pageW: 62, pageH: 29, cols: 1, rows: 1, marginX: 2.5, padY: 2, name: core.Say("Brother QL, 62 × 29 mm")},
	Dymo57x32:    {w: 57, h: 32, pageW: 57, pageH: 32, cols: 1, rows: 1, marginX: 2.5, padY: 2, name: core.Say("DYMO, 57 × 32 mm")},
	Dymo89x36:    {w: 89, h: 36, pageW: 89, pageH: 36, cols: 1, rows: 1, marginX: 3, padY: 2.5, name: core.Say("DYMO, 89 × 36 mm")},
	// 3 × 70 mm fill the width; 8 × 37 mm leave half a millimetre above
	// and below. Office printers cannot print the outer 4–5 mm: nothing
	// is drawn there.
	A4Sheet3x8: {w: 70, h: 37, pageW: a4W, pageH: a4H, cols: 3, rows: 8, left: 0, top: 0.5, marginX: 5, padY: 5,
		name: core.Say("A4 sheet, 3 × 8 labels of 70 × 37 mm")},
}

// Name is the size as a choice names it, to be said in the user's
// language.
func (s LabelSize) Name() core.Message { return labelSheets[s].name }

// String is the size's name in English, for logs and tests.
func (s LabelSize) String() string { return s.Name().String() }

// ParseLabelSize reads a size as the command line and the settings name
// it: 62x29, 57x32, 89x36 or a4-3x8.
func ParseLabelSize(s string) (LabelSize, error) {
	size := LabelSize(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := labelSheets[size]; !ok {
		names := make([]string, len(LabelSizes))
		for i, l := range LabelSizes {
			names[i] = string(l)
		}
		return "", &core.Error{Code: core.Invalid, Message: core.Say("there is no label size {{.Typed}}; the sizes are {{.Sizes}}", core.Values{"Typed": core.Echo(s), "Sizes": strings.Join(names, ", ")})}
	}
	return size, nil
}

// Label is one unit's label.
type Label struct {
	ItemNo, ItemName, Serial string
}

// LabelsOf are the labels of these units.
func LabelsOf(rows []core.SerialRow) []Label {
	out := make([]Label, len(rows))
	for i, r := range rows {
		out[i] = Label{ItemNo: r.ItemNo, ItemName: r.ItemName, Serial: r.Serial.Serial}
	}
	return out
}

// LabelOptions are how labels are printed.
type LabelOptions struct {
	Size LabelSize
	QR   bool // a QR code of the serial beside the barcode, for 2D scanners
	// In is the language of the PDF's title, the only words labels
	// have; the zero Speaker says it in English.
	In core.Speaker
}

// Printed says what a label job printed.
type Printed struct {
	Labels int
	// QRInstead are the serials too long for a barcode that scans on
	// this size: their labels carry a QR code in its place.
	QRInstead []string
}

// minModule is the narrowest bar, in mm, that a 300 dpi label printer
// prints evenly (more than two dots) and a scanner reads; maxModule keeps
// a short serial's barcode from spreading over the whole label.
const (
	minModule = 0.19
	maxModule = 0.5
	quiet     = 10 // modules of blank either side of a Code 128 barcode
)

// Labels writes one label per unit: item number and name, the serial as a
// Code 128 barcode and in plain text, and, when asked, a QR code. A serial
// whose barcode would be too fine to scan on the size gets a QR code
// instead, and Printed names it. progress hears how far it is; a cancelled
// ctx stops it with nothing written.
func Labels(ctx context.Context, w io.Writer, labels []Label, opt LabelOptions, progress func(done, total int), now time.Time) (Printed, error) {
	sheet, ok := labelSheets[opt.Size]
	if !ok {
		return Printed{}, &core.Error{Code: core.Invalid, Message: core.Say("choose a label size")}
	}
	if len(labels) == 0 {
		return Printed{}, &core.Error{Code: core.Invalid, Message: core.Say("there are no serials to print labels for")}
	}
	p := newPDF(sheet.pageW, sheet.pageH, opt.In.Say(core.Say("Labels")), "", now)
	c := canceller{ctx: ctx, progress: progress, total: len(labels)}
	var done Printed
	perPage := sheet.cols * sheet.rows
	for i, l := range labels {
		at := i % perPage
		if at == 0 {
			p.AddPage()
		}
		x := sheet.left + float64(at%sheet.cols)*sheet.w
		y := sheet.top + float64(at/sheet.cols)*sheet.h
		printed, err := p.label(sheet, x, y, l, opt.QR)
		if err != nil {
			return Printed{}, err
		}
		if !printed {
			done.QRInstead = append(done.QRInstead, l.Serial)
		}
		done.Labels++
		if err := c.step(i + 1); err != nil {
			return Printed{}, err
		}
	}
	return done, c.write(p, w)
}

// label draws one label with its top left corner at x, y; barcode is false
// when the serial's barcode did not fit and a QR code took its place.
func (p page) label(sheet labelSheet, x, y float64, l Label, withQR bool) (barcoded bool, err error) {
	bars, err := code128.Encode(l.Serial)
	if err != nil {
		return false, fmt.Errorf("the serial %s cannot be a barcode: %w", l.Serial, err)
	}
	left, top := x+sheet.marginX, y+sheet.padY
	w, h := sheet.w-2*sheet.marginX, sheet.h-2*sheet.padY
	modules := float64(bars.Bounds().Dx() + 2*quiet)
	barcoded = modules*minModule <= w
	withQR = withQR || !barcoded

	// The top band: item number and name, and the QR code at its right.
	band := h * 0.36
	if withQR {
		band = h * 0.5
	}
	textW := w
	if withQR {
		side := band
		if !barcoded {
			side = h // the QR code is all there is to scan: as big as the label allows
		}
		if err := p.qr(l.Serial, left+w-side, top, side); err != nil {
			return false, err
		}
		textW = w - side - 1.5
	}
	p.SetXY(left, top)
	p.SetFont(sans, "B", 7.5)
	p.CellFormat(textW, 3.2, p.fit(l.ItemNo, textW), "", 2, "L", false, 0, "")
	p.SetX(left)
	p.SetFont(sans, "", 7)
	for _, line := range p.lines(l.ItemName, textW, int((band-3.2)/3)) {
		p.CellFormat(textW, 3, line, "", 2, "L", false, 0, "")
		p.SetX(left)
	}

	// The serial in plain text at the foot, as large as fits: under the
	// barcode, or beside the QR code without one.
	serialW := w
	if !barcoded {
		serialW = textW
	}
	text := p.serialText(l.Serial, serialW)
	textH := 3.6 * float64(len(text))
	align := "C" // under the barcode
	if len(text) > 1 {
		align = "L"
	}
	for i, line := range text {
		p.SetXY(left, top+h-textH+float64(i)*3.6)
		p.CellFormat(serialW, 3.6, line, "", 0, align, false, 0, "")
	}
	if barcoded {
		barTop := top + band + 0.5
		p.code128(bars, left, barTop, w, top+h-textH-0.5-barTop)
	}
	return barcoded, nil
}

// serialText sets the serial in the largest size from 9 pt down to 6 pt
// that fits on one line, or over as many lines as it takes at 6 pt: the
// plain text is there for when no scanner reads the code, so all of it.
func (p page) serialText(serial string, w float64) []string {
	for size := 9.0; size >= 6; size -= 0.5 {
		p.SetFont(mono, "B", size)
		if p.GetStringWidth(serial) <= w {
			return []string{serial}
		}
	}
	var lines []string
	for r := []rune(serial); len(r) > 0; {
		n := 1
		for n < len(r) && p.GetStringWidth(string(r[:n+1])) <= w {
			n++
		}
		lines, r = append(lines, string(r[:n])), r[n:]
	}
	return lines
}

// lines breaks s into at most n lines of width w, the last cut with … if
// more is left.
func (p page) lines(s string, w float64, n int) []string {
	if n < 1 {
		return nil
	}
	lines := p.SplitText(s, w)
	if len(lines) > n {
		lines = append(lines[:n-1], p.fit(strings.Join(lines[n-1:], " "), w))
	}
	return lines
}

// code128 draws a barcode in the box, its bars as wide as fit up to
// maxModule, centred, with its quiet zones.
func (p page) code128(bars barcode.Barcode, x, y, w, h float64) {
	n := bars.Bounds().Dx()
	module := math.Min(maxModule, w/float64(n+2*quiet))
	x += (w - module*float64(n)) / 2
	p.SetFillColor(0, 0, 0)
	for i := 0; i < n; {
		if !dark(bars, i, 0) {
			i++
			continue
		}
		run := 1
		for i+run < n && dark(bars, i+run, 0) {
			run++
		}
		p.Rect(x+float64(i)*module, y, float64(run)*module, h, "F")
		i += run
	}
}

// qr draws the serial as a QR code filling a square of side mm, its quiet
// zone included.
func (p page) qr(serial string, x, y, side float64) error {
	code, err := qr.Encode(serial, qr.M, qr.Auto)
	if err != nil {
		return fmt.Errorf("the serial %s cannot be a QR code: %w", serial, err)
	}
	n := code.Bounds().Dx()
	const quietQR = 2 // modules; a label's white edge adds to it
	module := side / float64(n+2*quietQR)
	x, y = x+quietQR*module, y+quietQR*module
	p.SetFillColor(0, 0, 0)
	for row := 0; row < n; row++ {
		for col := 0; col < n; {
			if !dark(code, col, row) {
				col++
				continue
			}
			run := 1
			for col+run < n && dark(code, col+run, row) {
				run++
			}
			// A hair taller than a module, so that no white seam shows
			// between rows in a viewer that anti-aliases.
			p.Rect(x+float64(col)*module, y+float64(row)*module, float64(run)*module, module+0.01, "F")
			col += run
		}
	}
	return nil
}

func dark(b barcode.Barcode, x, y int) bool {
	r, _, _, _ := b.At(x, y).RGBA()
	return r < 0x8000
}
