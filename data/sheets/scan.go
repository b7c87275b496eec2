package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"serialdesk/core"
)

// Limits on what a workbook may unpack to. An .xlsx file is a zip of XML,
// and a file of 1 MB can unpack to gigabytes of repeated text (a zip bomb),
// which excelize would hold in memory or write to disk before anything
// else happens. These limits refuse such a file at once; every honest
// file, up to a full export of a million serials, stays well within them.
const (
	// maxUnpacked is the most all of a workbook's parts may unpack to. A
	// full export of a million serials unpacks to 520 MB (its Serials sheet,
	// about 520 bytes a row); this leaves room for longer names and for the
	// 1,048,576 rows Excel allows.
	maxUnpacked = 1_000_000_000
	// maxInMemory is the largest sheet excelize keeps in memory; larger
	// ones it reads from a temporary file (16 MB, about excelize's own
	// default).
	// Any other part (styles, pictures, the workbook's own list of sheets)
	// it keeps in memory whole, so none may be larger: no serial list has
	// styles or pictures of that size.
	maxInMemory = 16_000_000
	// maxRows, maxColumns and maxCellLength are what Excel itself allows in
	// a sheet and a cell: a sheet beyond them was not made by a spreadsheet
	// program, while a supplier's list of tens of thousands of serials and
	// an export of a million are well within them.
	maxRows       = excelize.TotalRows
	maxColumns    = excelize.MaxColumns
	maxCellLength = excelize.TotalCellChars
	// maxSharedStrings bounds the table of texts that Excel keeps apart
	// from the cells: four columns of different texts on a full sheet
	// (serial, item, supplier, project number).
	maxSharedStrings = 4 * maxRows
	// maxFormulas bounds the cells holding formulas that are remembered, to
	// be named if the serials are read from them: a column of formulas on
	// a full sheet.
	maxFormulas = maxRows
	// maxTagLength bounds one XML tag: a cell's tag is some 40 bytes.
	maxTagLength = 64 << 10
)

// cell is a cell's place: its 1-based row and column.
type cell struct{ row, col int }

func (c cell) ref() string {
	name, err := excelize.CoordinatesToCellName(c.col, c.row)
	if err != nil {
		return fmt.Sprintf("R%dC%d", c.row, c.col)
	}
	return name
}

// inspect checks a workbook's parts against the limits before excelize
// opens it, reading each sheet as it unpacks without keeping it. It
// returns the cells holding formulas, by sheet name in lower case.
func inspect(zr *zip.Reader) (map[string]map[cell]bool, error) {
	var total uint64
	for _, f := range zr.File {
		if total += f.UncompressedSize64; total < f.UncompressedSize64 {
			total = math.MaxUint64 // it overflowed: far past the limit, not back to small
		}
		if name := partName(f); !isSheet(name) && !isSharedStrings(name) && f.UncompressedSize64 > maxInMemory {
			return nil, notASerialList("the workbook's part %s unpacks to %s; only sheets may be larger than %s", core.Echo(name), size(f.UncompressedSize64), size(maxInMemory))
		}
	}
	if total > maxUnpacked {
		return nil, notASerialList("the workbook unpacks to %s, more than the %s allowed", size(total), size(maxUnpacked))
	}
	names := sheetNames(zr)
	formulas := map[string]map[cell]bool{}
	for _, f := range zr.File {
		name := partName(f)
		if !isSheet(name) && !isSharedStrings(name) {
			continue
		}
		sheet, ok := names[name]
		if !ok {
			sheet = name
		}
		scan := &partScan{sheet: sheet, cells: isSheet(name), formulas: map[cell]bool{}}
		if err := scan.read(f); err != nil {
			return nil, err
		}
		if len(scan.formulas) > 0 {
			formulas[strings.ToLower(sheet)] = scan.formulas
		}
	}
	return formulas, nil
}

// partName is a part's path as excelize reads it.
func partName(f *zip.File) string { return strings.ReplaceAll(f.Name, `\`, "/") }

// isSheet and isSharedStrings tell the parts excelize reads from a
// temporary file when they are large, as excelize tells them.
func isSheet(name string) bool {
	return strings.HasPrefix(strings.ToLower(name), "xl/worksheets/sheet")
}

func isSharedStrings(name string) bool { return strings.EqualFold(name, "xl/sharedStrings.xml") }

// notASerialList refuses a workbook beyond the limits.
func notASerialList(format string, args ...any) error {
	return &core.Error{Code: core.Invalid, Message: fmt.Sprintf(format, args...) + "; the file is damaged or not a list of serials"}
}

// size writes a number of bytes as a message does: 17 MB, 1.1 GB.
func size(n uint64) string {
	if n >= 1_000_000_000 {
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/1e9), ".0") + " GB"
	}
	return fmt.Sprintf("%d MB", (n+500_000)/1_000_000)
}

// partScan follows one part's XML byte by byte as it unpacks, keeping only
// where it is: the row and column, how long the text in hand is, and the
// start of the tag being read. It counts what the limits bound and notes
// the cells holding formulas.
type partScan struct {
	sheet      string // the sheet's name, for messages
	cells      bool   // a sheet (else the shared strings)
	inData     bool   // within the sheet's cells (sheetData)
	rows       int
	at         cell // the cell being read
	texts      int  // shared strings seen
	text       int  // characters of the cell or shared string in hand
	entity     int  // bytes after the & of an entity such as &amp;, 0 outside one
	inTag      bool
	attributes bool   // a start tag, whose attribute values are quoted
	quote      byte   // the quote of the attribute value being read
	tag        []byte // the start of a tag read in pieces
	tagLength  int
	formulas   map[cell]bool
}

// tagKept is how much of a tag is kept: enough for a row's or a cell's
// name and attributes.
const tagKept = 512

func (s *partScan) read(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return unreadable(err)
	}
	defer rc.Close()
	buf := make([]byte, 64<<10)
	for {
		n, err := rc.Read(buf)
		if ferr := s.feed(buf[:n]); ferr != nil {
			return ferr
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return unreadable(err)
		}
	}
}

func (s *partScan) feed(p []byte) error {
	for len(p) > 0 {
		if !s.inTag {
			i := bytes.IndexByte(p, '<')
			text := p
			if i >= 0 {
				text = p[:i]
			}
			s.count(text)
			if s.text > maxCellLength {
				return s.tooLong()
			}
			if i < 0 {
				return nil
			}
			s.inTag, s.tag, s.tagLength, s.entity = true, s.tag[:0], 0, 0
			p = p[i+1:]
			continue
		}
		if s.tagLength == 0 {
			// Quotes matter in start tags only: a '>' may stand in an
			// attribute's value, while a comment may hold a lone apostrophe.
			s.attributes = p[0] != '/' && p[0] != '!' && p[0] != '?'
		}
		i := s.tagEnd(p)
		tag := p[:i] // the whole tag when it is within p, as most are
		if s.tagLength > 0 || i == len(p) {
			if keep := min(i, tagKept-len(s.tag)); keep > 0 {
				s.tag = append(s.tag, p[:keep]...)
			}
			tag = s.tag
		}
		if s.tagLength += i; s.tagLength > maxTagLength {
			return unreadable(fmt.Errorf("a tag of more than %d bytes in %s", maxTagLength, s.sheet))
		}
		if i == len(p) {
			return nil
		}
		if err := s.tagRead(tag); err != nil {
			return err
		}
		s.inTag = false
		p = p[i+1:]
	}
	return nil
}

// tagEnd is where the tag being read ends in p: at its '>', or len(p).
func (s *partScan) tagEnd(p []byte) int {
	for i, c := range p {
		switch {
		case s.quote != 0:
			if c == s.quote {
				s.quote = 0
			}
		case s.attributes && (c == '"' || c == '\''):
			s.quote = c
		case c == '>':
			return i
		}
	}
	return len(p)
}

// count adds the characters of a piece of text; an entity such as &amp;
// or &#x1F600; is one character.
func (s *partScan) count(text []byte) {
	if s.entity == 0 && bytes.IndexByte(text, '&') < 0 {
		s.text += utf8.RuneCount(text)
		return
	}
	for _, c := range text {
		if c&0xC0 != 0x80 {
			s.text++
		}
		switch {
		case c == '&':
			s.entity = 1
		case s.entity > 0 && c == ';':
			s.text -= s.entity
			s.entity = 0
		case s.entity > 0 && s.entity < 12:
			s.entity++
		default:
			s.entity = 0 // no entity is that long
		}
	}
}

// tagRead follows the tag just read: rows, cells, formulas and shared
// strings.
func (s *partScan) tagRead(tag []byte) error {
	end := len(tag) > 0 && tag[0] == '/'
	if end {
		tag = tag[1:]
	}
	n := 0
	for n < len(tag) && !isSpace(tag[n]) && tag[n] != '/' {
		n++
	}
	name := tag[:n]
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	switch {
	case end:
		if string(name) == "sheetData" {
			s.inData = false
		}
	case !s.cells:
		if string(name) == "si" {
			if s.texts++; s.texts > maxSharedStrings {
				return notASerialList("the workbook holds more than %s texts", core.Thousands(maxSharedStrings))
			}
			s.text = 0
		}
	case string(name) == "sheetData":
		s.inData = !bytes.HasSuffix(tag, []byte("/"))
	case !s.inData:
		s.text = 0 // texts outside the cells, such as a header, count one by one
	case string(name) == "row":
		if s.rows++; s.rows > maxRows {
			return notASerialList("the sheet %s has more than %s rows, the most Excel allows", core.Echo(s.sheet), core.Thousands(maxRows))
		}
		if n := number(attribute(tag, "r")); n > 0 {
			s.at.row = n
		} else {
			s.at.row++
		}
		s.at.col, s.text = 0, 0
	case string(name) == "c":
		if col := column(attribute(tag, "r")); col > 0 {
			s.at.col = col
		} else {
			s.at.col++
		}
		if s.at.col > maxColumns {
			return notASerialList("row %d of sheet %s has more than %s columns, the most Excel allows", s.at.row, core.Echo(s.sheet), core.Thousands(maxColumns))
		}
		s.text = 0
	case string(name) == "f" && s.at.col > 0:
		if s.formulas[s.at] = true; len(s.formulas) > maxFormulas {
			return notASerialList("the sheet %s holds more than %s formulas", core.Echo(s.sheet), core.Thousands(maxFormulas))
		}
	}
	return nil
}

func (s *partScan) tooLong() error {
	if !s.cells {
		return notASerialList("a text in the workbook has more than %s characters, the most Excel allows in a cell", core.Thousands(maxCellLength))
	}
	return notASerialList("cell %s of sheet %s has more than %s characters, the most Excel allows", s.at.ref(), core.Echo(s.sheet), core.Thousands(maxCellLength))
}

// attribute is the value of a tag's attribute, nil when it has none.
func attribute(tag []byte, want string) []byte {
	i := 0
	skip := func(space bool) {
		for i < len(tag) && isSpace(tag[i]) == space && (space || tag[i] != '=') {
			i++
		}
	}
	skip(false) // the tag's name
	for {
		skip(true)
		start := i
		skip(false)
		name := tag[start:i]
		skip(true)
		if i == len(tag) || tag[i] != '=' {
			return nil
		}
		i++
		skip(true)
		if i == len(tag) || tag[i] != '"' && tag[i] != '\'' {
			return nil
		}
		end := bytes.IndexByte(tag[i+1:], tag[i])
		if end < 0 {
			return nil
		}
		if value := tag[i+1 : i+1+end]; string(name) == want {
			return value
		}
		i += end + 2
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// number reads the digits of a row's number; 0 when there are none.
func number(b []byte) int {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' || n > maxRows {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// column reads the letters of a cell's name, B in B2, as a number.
func column(ref []byte) int {
	col := 0
	for _, c := range ref {
		c &^= 0x20 // upper case
		if c < 'A' || c > 'Z' {
			break
		}
		if col = col*26 + int(c-'A') + 1; col > maxColumns {
			return maxColumns + 1
		}
	}
	return col
}

// sheetNames names the workbook's sheet parts by the names the sheets
// have in the workbook, as excelize finds them. A workbook that does not
// say gets none; excelize then says what is wrong.
func sheetNames(zr *zip.Reader) map[string]string {
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[partName(f)] = f
	}
	var rels, wbRels relationships
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"id,attr"`
		} `xml:"sheets>sheet"`
	}
	book := "xl/workbook.xml"
	if readXML(parts["_rels/.rels"], &rels) {
		for _, r := range rels.Rel {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				book = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	names := map[string]string{}
	if !readXML(parts[book], &wb) || !readXML(parts[path.Join(path.Dir(book), "_rels", path.Base(book)+".rels")], &wbRels) {
		return names
	}
	for _, s := range wb.Sheets {
		for _, r := range wbRels.Rel {
			if r.ID != s.ID {
				continue
			}
			target := path.Join(path.Dir(book), r.Target)
			if strings.HasPrefix(r.Target, "/") {
				target = path.Clean(strings.TrimPrefix(r.Target, "/"))
			}
			names[target] = s.Name
		}
	}
	return names
}

type relationships struct {
	Rel []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// readXML reads a small part (inspect has seen that it is at most
// maxInMemory); false when it is missing or not XML.
func readXML(f *zip.File, v any) bool {
	if f == nil {
		return false
	}
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v) == nil
}
