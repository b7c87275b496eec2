package sheets

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"serialdesk/core"
)

// Limits on what a workbook may unpack to. An .xlsx file is a zip of XML,
// and a file of 1 MB can unpack to gigabytes of repeated text (a zip bomb),
// which excelize would hold in memory or write to disk before anything
// else happens. These limits refuse such a file at once; every honest
// file, up to a full export of as many serials as Excel allows with the
// longest names the register takes, stays within them.
const (
	// longestExportRow is the most a row of an export's Serials sheet
	// unpacks to: its texts at the longest the register allows (serial,
	// item number, item name, supplier, customer), every character
	// written as an entity such as &amp; (5 bytes), its 13 cells' tags,
	// names, dates, amounts and document numbers (at most 100 bytes a
	// cell), and the row's own tags (<row r="1048576"></row>).
	longestExportRow = 5*(core.MaxSerialLength+core.MaxItemNoLength+3*core.MaxTextLength) + 13*100 + 23
	// maxUnpacked is the most all of a workbook's parts may unpack to: a
	// full export of maxRows such rows (5.1 GB) and what excelize keeps in
	// memory besides. excelize unpacks large sheets to temporary files, so
	// reading a workbook that large takes as much temporary disk, and the
	// copy of the file besides; an export of a million serials with short
	// names takes half a gigabyte.
	maxUnpacked = longestExportRow*maxRows + maxKept
	// bombSize and maxPacking tell a zip bomb from a large export: a
	// workbook that unpacks to more than bombSize may be at most
	// maxPacking times smaller than its parts. Exports pack 13 to 59 times
	// (the longer and more repeated their names, the more); a zip bomb a
	// thousand times.
	bombSize   = 1_000_000_000
	maxPacking = 200
	// maxPart is the most a part that excelize keeps in memory whole may
	// unpack to. It reads larger sheets and shared texts from temporary
	// files (16 MB, about excelize's own default); no serial list has
	// styles or pictures that large.
	maxPart = 16_000_000
	// maxKept is the most excelize may keep in memory: all of a workbook's
	// parts but the sheets and shared texts larger than maxPart. Sixty
	// pictures of 16 MB packed in a file of 1 MB took 2 GB.
	maxKept = 64_000_000
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
	// maxSheets and maxLinks bound the workbook's list of sheets and its
	// links to its parts (readBook).
	maxSheets = 1_000
	maxLinks  = 4 * maxSheets
	// maxDepth bounds how deeply the XML that excelize reads may nest: its
	// decoder keeps every element it is in, so 35 MB of nested tags took
	// 1.2 GB. A sheet nests 11 deep at most (a control in its alternate
	// content), a theme 10.
	maxDepth = 16
	// maxTagLength bounds one XML tag of a sheet or the shared texts: a
	// cell's tag is some 40 bytes.
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
// opens it: first their sizes as the zip's directory gives them (which
// archive/zip holds them to), then the XML that excelize will read, as it
// unpacks, without keeping it. It returns the workbook's sheets.
func inspect(zr *zip.Reader) (*book, error) {
	var unpacked, packed, kept uint64
	for _, f := range zr.File {
		unpacked, packed = add(unpacked, f.UncompressedSize64), add(packed, f.CompressedSize64)
		name := partName(f)
		if (isSheet(name) || isSharedStrings(name)) && f.UncompressedSize64 > maxPart {
			continue // read from a temporary file
		}
		if f.UncompressedSize64 > maxPart {
			return nil, notASerialList("the workbook's part {{.Part}} unpacks to {{.Size}}; only sheets may be larger than {{.Limit}}; the file is damaged or not a list of serials",
				core.Values{"Part": core.Echo(name), "Size": size(f.UncompressedSize64), "Limit": limit(maxPart)})
		}
		kept += f.UncompressedSize64
	}
	switch {
	case unpacked > maxUnpacked:
		return nil, notASerialList("the workbook unpacks to {{.Size}}, more than the {{.Limit}} allowed; the file is damaged or not a list of serials",
			core.Values{"Size": size(unpacked), "Limit": limit(maxUnpacked)})
	case unpacked > bombSize && unpacked/maxPacking > packed:
		return nil, notASerialList("the workbook unpacks to {{.Size}} from {{.Packed}}, more than {{.Times}} times as much; a spreadsheet packs much less; the file is damaged or not a list of serials",
			core.Values{"Size": size(unpacked), "Packed": size(packed), "Times": maxPacking})
	case kept > maxKept:
		return nil, notASerialList("the workbook's pictures, styles and small sheets unpack to {{.Size}}, more than the {{.Limit}} allowed; the file is damaged or not a list of serials",
			core.Values{"Size": size(kept), "Limit": limit(maxKept)})
	}
	b, err := readBook(zr)
	if err != nil {
		return nil, err
	}
	for _, f := range zr.File {
		name := partName(f)
		sheet, sharedStrings, other := b.kinds(name)
		for _, scan := range []struct {
			kind partKind
			do   bool
		}{{sheetPart, sheet}, {sharedStringsPart, sharedStrings}, {otherPart, other && !sheet && !sharedStrings}} {
			if !scan.do {
				continue
			}
			what := name
			if s, ok := b.names[name]; ok {
				what = s
			}
			if err := (&partScan{name: what, kind: scan.kind}).read(f); err != nil {
				return nil, err
			}
		}
	}
	return b, nil
}

// add adds up sizes; one that overflows is far past the limits, not back
// to small.
func add(total, n uint64) uint64 {
	if total += n; total < n {
		return math.MaxUint64
	}
	return total
}

// notASerialList refuses a workbook beyond the limits; each key ends in
// "; the file is damaged or not a list of serials".
func notASerialList(key string, values ...core.Values) error {
	return &core.Error{Code: core.Invalid, Message: core.Say(key, values...)}
}

// size writes a number of bytes as a message does, 17 MB or 1.1 GB,
// rounded up; limit rounds down. So a file just past a limit never reads
// as the limit itself: 1.1 GB, more than the 1 GB allowed.
func size(n uint64) core.Message { return bytesText(n, true) }

func limit(n uint64) core.Message { return bytesText(n, false) }

func bytesText(n uint64, up bool) core.Message {
	in := func(unit uint64) uint64 {
		if up && n%unit != 0 {
			return n/unit + 1
		}
		return n / unit
	}
	if n < 1_000_000_000 {
		return core.Say("{{.Count}} MB", core.Values{"Count": int(in(1_000_000))})
	}
	if tenths := in(100_000_000); tenths%10 != 0 {
		return core.Say("{{.Whole}}.{{.Tenth}} GB", core.Values{"Whole": int(tenths / 10), "Tenth": strconv.Itoa(int(tenths % 10))})
	}
	return core.Say("{{.Count}} GB", core.Values{"Count": int(in(1_000_000_000))})
}

// partKind is what a scan checks in a part.
type partKind int

const (
	sheetPart         partKind = iota // rows, columns, cells, formulas
	sharedStringsPart                 // texts kept apart from the cells
	otherPart                         // nesting only: the workbook, links, styles
)

// Kinds of tags, told by their first bytes.
const (
	startTag    = 's'
	endTag      = '/'
	instruction = '?' // <?xml … ?>
	declaration = '!' // <!, until it says which of the two below
	comment     = '-'
	cdata       = '['
)

// partScan follows one part's XML byte by byte as it unpacks, keeping only
// where it is: how deep, the row and column, how long the text in hand is,
// and the start of the tag being read. It counts what the limits bound,
// and notes the formulas of the cells asked for.
type partScan struct {
	name     string // the sheet's name or the part's, for messages
	kind     partKind
	depth    int  // elements open
	inData   bool // within the sheet's cells (sheetData)
	rows     int
	at       cell // the cell being read
	texts    int  // shared strings seen
	text     int  // characters of the cell or shared string in hand
	entity   int  // bytes after the & of an entity such as &amp;, 0 outside one
	formulas *formulaCells
	stop     func() bool // true when the reader no longer wants the scan

	inTag       bool
	tagType     byte
	quote       byte    // the quote of the attribute value being read
	last        [2]byte // the last bytes of the tag so far, for the ends />, ?>, --> and ]]>
	head        []byte  // what follows <!, until it tells a comment from CDATA
	selfClosing bool    // the start tag just read ends with />
	tag         []byte  // the start of a tag read in pieces
	tagLength   int
}

// tagKept is how much of a tag is kept: enough for a row's, a cell's or a
// formula's name and attributes; longer ones are refused.
const tagKept = 512

func (s *partScan) read(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return unreadable(err)
	}
	defer rc.Close()
	buf := make([]byte, 64<<10)
	for {
		if s.stop != nil && s.stop() {
			return errClosed
		}
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
	if bytes.IndexByte(p, 0) >= 0 {
		// UTF-16 would hide its tags from this scan; XML holds no NUL.
		return unreadable(fmt.Errorf("%s holds a NUL byte: not XML in UTF-8", s.name))
	}
	for len(p) > 0 {
		if !s.inTag {
			i := bytes.IndexByte(p, '<')
			text := p
			if i >= 0 {
				text = p[:i]
			}
			if s.kind != otherPart {
				if s.count(text); s.text > maxCellLength {
					return s.tooLong()
				}
			}
			if i < 0 {
				return nil
			}
			s.inTag, s.tagType, s.tag, s.tagLength, s.entity, s.last, s.head = true, 0, s.tag[:0], 0, 0, [2]byte{}, s.head[:0]
			p = p[i+1:]
			continue
		}
		i, err := s.tagEnd(p)
		if err != nil {
			return err
		}
		tag := p[:i] // the whole tag when it is within p, as most are
		if s.tagLength > 0 || i == len(p) {
			if keep := min(i, tagKept-len(s.tag)); keep > 0 {
				s.tag = append(s.tag, p[:keep]...)
			}
			tag = s.tag
		}
		if s.tagLength += i; s.tagLength > maxTagLength && s.kind != otherPart {
			return unreadable(fmt.Errorf("a tag of more than %d bytes in %s", maxTagLength, s.name))
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
// The first byte tells the kind of tag. In a start tag a '>' may stand in
// a quoted value; comments, CDATA and instructions end only at -->, ]]>
// and ?>, as XML decoders read them, so that no tag hides in them.
func (s *partScan) tagEnd(p []byte) (int, error) {
	i := 0
	if s.tagType == 0 {
		switch s.tagType = p[0]; s.tagType {
		case instruction, declaration:
			i = 1
		case endTag:
		default:
			s.tagType = startTag
		}
	}
	switch s.tagType {
	case endTag:
		if j := bytes.IndexByte(p, '>'); j >= 0 {
			return j, nil
		}
		return len(p), nil
	case startTag:
		for ; i < len(p); i++ {
			switch c := p[i]; {
			case s.quote != 0:
				if c == s.quote {
					s.quote = 0
				}
			case c == '"' || c == '\'':
				s.quote = c
			case c == '>':
				s.selfClosing = i > 0 && p[i-1] == '/' || i == 0 && s.last[1] == '/'
				return i, nil
			}
		}
		s.last[1] = p[len(p)-1]
		return len(p), nil
	}
	for ; i < len(p); i++ {
		c := p[i]
		switch s.tagType {
		case declaration:
			s.head = append(s.head, c)
			switch h := string(s.head); {
			case h == "--":
				s.tagType = comment
			case h == "[CDATA[":
				s.tagType = cdata
			case !strings.HasPrefix("--", h) && !strings.HasPrefix("[CDATA[", h):
				return 0, unreadable(fmt.Errorf("a document type declaration in %s", s.name))
			}
			continue
		case comment:
			if c == '>' && s.last == [2]byte{'-', '-'} {
				return i, nil
			}
		case cdata:
			if c == '>' && s.last == [2]byte{']', ']'} {
				return i, nil
			}
		case instruction:
			if c == '>' && s.last[1] == '?' {
				return i, nil
			}
		}
		s.last = [2]byte{s.last[1], c}
	}
	return len(p), nil
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

// tagRead follows the start or end tag just read: how deep the XML is,
// and in a sheet its rows, cells and formulas, in the shared texts each
// text.
func (s *partScan) tagRead(tag []byte) error {
	switch s.tagType {
	case endTag:
		if s.depth--; s.depth < 0 {
			return unreadable(fmt.Errorf("an end tag without its start in %s", s.name))
		}
		if s.kind == sheetPart && string(localName(tag[1:])) == "sheetData" {
			s.inData = false
		}
		return nil
	case startTag:
		if !s.selfClosing {
			if s.depth++; s.depth > maxDepth {
				if s.kind == sheetPart {
					return notASerialList("the sheet {{.Sheet}} nests its XML more than {{.Depth}} deep; the file is damaged or not a list of serials", core.Values{"Sheet": core.Echo(s.name), "Depth": maxDepth})
				}
				return notASerialList("the workbook's part {{.Part}} nests its XML more than {{.Depth}} deep; the file is damaged or not a list of serials", core.Values{"Part": core.Echo(s.name), "Depth": maxDepth})
			}
		}
	default:
		return nil // a comment, CDATA or an instruction
	}
	name := localName(tag)
	switch {
	case s.kind == otherPart:
	case s.kind == sharedStringsPart:
		if string(name) == "si" {
			if s.texts++; s.texts > maxSharedStrings {
				return notASerialList("the workbook holds more than {{.Count}} texts; the file is damaged or not a list of serials", core.Values{"Count": maxSharedStrings})
			}
			s.text = 0
		}
	case string(name) == "sheetData":
		s.inData = !s.selfClosing
	case !s.inData:
		s.text = 0 // texts outside the cells, such as a header, count one by one
	case s.tagLength > tagKept && (string(name) == "row" || string(name) == "c" || string(name) == "f"):
		return notASerialList("the sheet {{.Sheet}} has a row or cell tag of more than {{.Bytes}} bytes, longer than a spreadsheet program writes; the file is damaged or not a list of serials",
			core.Values{"Sheet": core.Echo(s.name), "Bytes": tagKept})
	case string(name) == "row":
		if s.rows++; s.rows > maxRows {
			return notASerialList("the sheet {{.Sheet}} has more than {{.Count}} rows, the most Excel allows; the file is damaged or not a list of serials", core.Values{"Sheet": core.Echo(s.name), "Count": maxRows})
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
			return notASerialList("row {{.Row}} of sheet {{.Sheet}} has more than {{.Count}} columns, the most Excel allows; the file is damaged or not a list of serials",
				core.Values{"Row": s.at.row, "Sheet": core.Echo(s.name), "Count": maxColumns})
		}
		s.text = 0
	case string(name) == "f" && s.at.col > 0 && s.formulas != nil:
		return s.formulas.add(s.at, tag)
	}
	return nil
}

// localName is a tag's name without its namespace prefix: c in <x:c r="A1">.
func localName(tag []byte) []byte {
	n := 0
	for n < len(tag) && !isSpace(tag[n]) && tag[n] != '/' {
		n++
	}
	name := tag[:n]
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

func (s *partScan) tooLong() error {
	if s.kind == sharedStringsPart {
		return notASerialList("a text in the workbook has more than {{.Count}} characters, the most Excel allows in a cell; the file is damaged or not a list of serials", core.Values{"Count": maxCellLength})
	}
	return notASerialList("cell {{.Cell}} of sheet {{.Sheet}} has more than {{.Count}} characters, the most Excel allows; the file is damaged or not a list of serials",
		core.Values{"Cell": s.at.ref(), "Sheet": core.Echo(s.name), "Count": maxCellLength})
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
