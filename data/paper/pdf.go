package paper

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
)

// The fonts every paper is set in: the Go fonts, embedded in the program
// so that a PDF looks the same on every machine and holds æ, ø and å.
const (
	sans = "go"
	mono = "gomono" // serials: 0 and O, 1 and I stay apart
)

// page is a PDF being drawn, in millimetres.
type page struct {
	*fpdf.Fpdf
}

// newPDF starts a PDF of pages w × h mm, named for its properties.
func newPDF(w, h float64, title, author string, now time.Time) page {
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: w, Ht: h}, OrientationStr: "P"})
	f.AddUTF8FontFromBytes(sans, "", goregular.TTF)
	f.AddUTF8FontFromBytes(sans, "B", gobold.TTF)
	f.AddUTF8FontFromBytes(mono, "B", gomonobold.TTF)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCellMargin(0)
	f.SetTitle(title, true)
	f.SetAuthor(author, true)
	f.SetCreator("Serialdesk", true)
	f.SetProducer("Serialdesk", true)
	f.SetCreationDate(now)
	f.SetModificationDate(now)
	f.AliasNbPages("")
	return page{f}
}

// write puts the finished PDF to w.
func (p page) write(w io.Writer) error {
	if err := p.Output(w); err != nil {
		return fmt.Errorf("writing the PDF: %w", err)
	}
	return nil
}

// fit cuts s to what fits in w mm in the current font, ending it with …
// when it is cut.
func (p page) fit(s string, w float64) string {
	if p.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && p.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…"
}

// canceller checks now and then whether the user cancelled a long job,
// and tells progress how far it is.
type canceller struct {
	ctx      context.Context
	progress func(done, total int)
	total    int
}

// write puts the finished PDF to w unless the job was cancelled while
// the last pages were made: a Cancel pressed at 100 % still writes nothing.
func (c canceller) write(p page, w io.Writer) error {
	if err := c.ctx.Err(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := p.write(&buf); err != nil {
		return err
	}
	if err := c.ctx.Err(); err != nil {
		return err
	}
	_, err := buf.WriteTo(w)
	return err
}

// step reports done of the total every 500 steps and at the end, and
// returns the context's error once the job is cancelled.
func (c canceller) step(done int) error {
	if done%500 != 0 && done != c.total {
		return nil
	}
	if c.progress != nil {
		c.progress(done, c.total)
	}
	return c.ctx.Err()
}
