package sheets_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"serialdesk/core"
	"serialdesk/data/datatest"
	"serialdesk/data/sheets"
)

// part is one file inside a workbook: head, then body n times, then tail.
type part struct {
	name, head, body string
	n                int
	tail             string
	damaged          bool // its checksum is wrong
}

// sheetPart is a sheet's XML with rows as body.
func sheetPart(n int, body string, rows int, tail string) part {
	return part{name: fmt.Sprintf("xl/worksheets/sheet%d.xml", n),
		head: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`,
		body: body, n: rows, tail: tail + `</sheetData></worksheet>`}
}

// writeWorkbook writes a workbook of the named sheets (sheet1.xml is the
// first name) and extra parts to a file. A part can unpack to gigabytes
// while the file stays a few megabytes: the body is compressed once and
// its compressed blocks repeated, which deflate allows as they refer to
// nothing before them. Nothing large is held in memory.
func writeWorkbook(t testing.TB, names []string, parts ...part) string {
	t.Helper()
	targets := make([]string, len(names))
	for i := range names {
		targets[i] = fmt.Sprintf("worksheets/sheet%d.xml", i+1)
	}
	return writeLinkedWorkbook(t, names, targets, parts...)
}

// writeLinkedWorkbook is writeWorkbook with each sheet at the part its
// link targets, from the folder xl.
func writeLinkedWorkbook(t testing.TB, names, targets []string, parts ...part) string {
	t.Helper()
	var sheets, rels strings.Builder
	for i, name := range names {
		fmt.Fprintf(&sheets, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, name, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="%s"/>`, i+1, targets[i])
	}
	skeleton := []part{
		{name: "[Content_Types].xml", head: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`},
		{name: "_rels/.rels", head: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{name: "xl/workbook.xml", head: `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + sheets.String() + `</sheets></workbook>`},
		{name: "xl/_rels/workbook.xml.rels", head: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`},
	}
	path := filepath.Join(t.TempDir(), "workbook.xlsx")
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, p := range append(skeleton, parts...) {
		if p.n == 0 && !p.damaged {
			w, err := zw.Create(p.name)
			require.NoError(t, err)
			_, err = io.WriteString(w, p.head+p.tail)
			require.NoError(t, err)
			continue
		}
		require.NoError(t, writePart(zw, p))
	}
	require.NoError(t, zw.Close())
	return path
}

func writePart(zw *zip.Writer, p part) error {
	perChunk := max(1, min(p.n, (4<<20)/max(1, len(p.body))))
	head, chunk, rest, tail := deflated(p.head), deflated(strings.Repeat(p.body, perChunk)), deflated(strings.Repeat(p.body, p.n%perChunk)), deflated(p.tail)
	var end bytes.Buffer
	fw, _ := flate.NewWriter(&end, flate.BestCompression)
	fw.Close()
	crc := crc32.Update(0, crc32.IEEETable, []byte(p.head))
	body := []byte(strings.Repeat(p.body, perChunk))
	for range p.n / perChunk {
		crc = crc32.Update(crc, crc32.IEEETable, body)
	}
	crc = crc32.Update(crc, crc32.IEEETable, []byte(strings.Repeat(p.body, p.n%perChunk)))
	crc = crc32.Update(crc, crc32.IEEETable, []byte(p.tail))
	if p.damaged {
		crc++
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64:   uint64(len(head) + p.n/perChunk*len(chunk) + len(rest) + len(tail) + end.Len()),
		UncompressedSize64: uint64(len(p.head) + p.n*len(p.body) + len(p.tail))})
	if err != nil {
		return err
	}
	w.Write(head)
	for range p.n / perChunk {
		if _, err := w.Write(chunk); err != nil {
			return err
		}
	}
	w.Write(rest)
	w.Write(tail)
	_, err = w.Write(end.Bytes())
	return err
}

// deflated is s compressed on its own and flushed to a byte boundary,
// without the final block, so that such pieces can follow each other.
func deflated(s string) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write([]byte(s))
	w.Flush()
	return buf.Bytes()
}

// bombs are the hostile files the limits refuse at once, each a file of
// a few megabytes: the three a tester made (1.1 GB of cells, of rows, in
// one cell), one past the size of the largest export, and what a review
// found: sixty pictures of 16 MB, tags nested millions deep, 40,000
// sheets, and a list of 100,000 parts.
var bombs = []struct {
	name string
	file func(t testing.TB) string
	says string
}{
	{"1.1 GB of cells", oneSheet(sheetPart(1, `<row>`+strings.Repeat(`<c t="inlineStr"><is><t>996A00001</t></is></c>`, 24)+`</row>`, 1_000_000, "")),
		`^The workbook unpacks to 1\.2 GB from \d MB, more than 200 times as much; a spreadsheet packs much less; the file is damaged or not a list of serials$`},
	{"1.1 GB of rows", oneSheet(sheetPart(1, `<row><c><v>1</v></c></row>`, 42_400_000, "")),
		`^The workbook unpacks to 1\.2 GB from \d MB, more than 200 times as much`},
	{"one cell of 1.1 GB", oneSheet(sheetPart(1, "X", 1_100_000_000, "")),
		`^The workbook unpacks to 1\.2 GB from \d MB, more than 200 times as much`},
	{"6 GB of rows", oneSheet(sheetPart(1, `<row/>`, 1_000_000_000, "")),
		`^The workbook unpacks to 6\.1 GB, more than the 5\.1 GB allowed; the file is damaged or not a list of serials$`},
	{"sixty pictures of 16 MB", func(t testing.TB) string {
		parts := []part{sheetPart(1, "", 0, "")}
		for i := range 60 {
			parts = append(parts, part{name: fmt.Sprintf("xl/media/image%d.png", i+1), body: "0", n: 16_000_000})
		}
		return writeWorkbook(t, []string{"Serials"}, parts...)
	}, `^The workbook's pictures, styles and small sheets unpack to 961 MB, more than the 64 MB allowed; the file is damaged or not a list of serials$`},
	{"tags nested 11 million deep", oneSheet(sheetPart(1, "<a>", 11_700_000, "")),
		`^The sheet Serials nests its XML more than 16 deep; the file is damaged or not a list of serials$`},
	{"40,000 sheets", func(t testing.TB) string {
		names, parts := make([]string, 40_000), make([]part, 40_000)
		for i := range names {
			names[i], parts[i] = fmt.Sprintf("Serials%d", i+1), sheetPart(i+1, "", 0, "")
		}
		return writeWorkbook(t, names, parts...)
	}, `^The workbook lists 40,000 sheets, more than the 1,000 allowed; the file is damaged or not a list of serials$`},
	{"100,000 parts", func(t testing.TB) string {
		parts := []part{sheetPart(1, "", 0, "")}
		for i := range 100_000 {
			parts = append(parts, part{name: fmt.Sprintf("x/%d", i)})
		}
		return writeWorkbook(t, []string{"Serials"}, parts...)
	}, `^The workbook's list of parts is longer than 4 MB; the file is damaged or not a list of serials$`},
}

// oneSheet writes a workbook of a sheet named Serials.
func oneSheet(p part) func(t testing.TB) string {
	return func(t testing.TB) string { return writeWorkbook(t, []string{"Serials"}, p) }
}

// opened opens a workbook file the way the screens and the command do,
// and says how much memory that took.
func opened(t testing.TB, path string, read func(io.Reader) error) (err error, allocated uint64) {
	t.Helper()
	f, ferr := os.Open(path)
	require.NoError(t, ferr)
	defer f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err = read(f)
	runtime.ReadMemStats(&after)
	return err, after.TotalAlloc - before.TotalAlloc
}

func openOnly(r io.Reader) error {
	wb, err := sheets.OpenWorkbook(r)
	if err == nil {
		wb.Close()
	}
	return err
}

func readStock(r io.Reader) error { _, err := sheets.ReadOpeningStock(r, core.English); return err }

func TestZipBombsAreRefusedAtOnce(t *testing.T) {
	for _, bomb := range bombs {
		t.Run(bomb.name, func(t *testing.T) {
			path := bomb.file(t)
			info, err := os.Stat(path)
			require.NoError(t, err)
			assert.Less(t, info.Size(), int64(12<<20), "a file of a few megabytes")
			left := sheets.TempFolder(t)
			for _, read := range []func(io.Reader) error{openOnly, readStock} {
				err, allocated := opened(t, path, read)
				require.Error(t, err)
				assert.Equal(t, core.Invalid, core.ErrorCode(err))
				assert.Regexp(t, bomb.says, core.English.Error(err))
				assert.Less(t, allocated, uint64(200<<20), "memory")
				assert.Empty(t, left(), "the copy of the file is removed")
			}
		})
	}
}

// Within the size limit, reading stops at the first thing beyond Excel's
// own limits, long before the whole file is unpacked.
func TestBombsWithinTheSizeStopAtExcelsLimits(t *testing.T) {
	items := sheetPart(2, "", 0, "")
	for _, tt := range []struct {
		name  string
		parts []part
		says  string
	}{
		{"a cell of 900 MB", []part{sheetPart(1, "X", 900_000_000, ""), items},
			"Cell A3 of sheet Serials has more than 32,767 characters, the most Excel allows; the file is damaged or not a list of serials"},
		{"900 MB of rows", []part{sheetPart(1, `<row><c><v>1</v></c></row>`, 34_000_000, ""), items},
			"The sheet Serials has more than 1,048,576 rows, the most Excel allows; the file is damaged or not a list of serials"},
		{"a row of 900 MB", []part{sheetPart(1, `<c><v>1</v></c>`, 60_000_000, "</row>"), items},
			"Row 3 of sheet Serials has more than 16,384 columns, the most Excel allows; the file is damaged or not a list of serials"},
		{"a shared text of 900 MB", []part{sheetPart(1, "", 0, ""), items,
			{name: "xl/sharedStrings.xml", head: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>`, body: "&amp;", n: 180_000_000, tail: "</t></si></sst>"}},
			"A text in the workbook has more than 32,767 characters, the most Excel allows in a cell; the file is damaged or not a list of serials"},
		{"900 MB of shared texts", []part{sheetPart(1, "", 0, ""), items,
			{name: "xl/sharedStrings.xml", head: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`, body: "<si><t>A</t></si>", n: 52_000_000, tail: "</sst>"}},
			"The workbook holds more than 4,194,304 texts; the file is damaged or not a list of serials"},
		{"styles of 900 MB", []part{sheetPart(1, "", 0, ""), items,
			{name: "xl/styles.xml", head: `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`, body: " ", n: 900_000_000, tail: "</styleSheet>"}},
			"The workbook's part xl/styles.xml unpacks to 901 MB; only sheets may be larger than 16 MB; the file is damaged or not a list of serials"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if strings.HasPrefix(tt.name, "a cell") || strings.HasPrefix(tt.name, "a row") {
				tt.parts[0].head += `<row r="3">` // the bomb starts in row 3
				if tt.name == "a cell of 900 MB" {
					tt.parts[0].head += `<c t="inlineStr"><is><t>`
					tt.parts[0].tail = `</t></is></c></row>` + tt.parts[0].tail
				}
			}
			path := writeWorkbook(t, []string{"Serials", "Items"}, tt.parts...)
			left := sheets.TempFolder(t)
			err, allocated := opened(t, path, readStock)
			require.Error(t, err)
			assert.Equal(t, tt.says, core.English.Error(err))
			assert.Less(t, allocated, uint64(200<<20), "memory")
			assert.Empty(t, left(), "no temporary file is left")
		})
	}
}

// inlineRow is a row of text cells as a sheet's XML holds it.
func inlineRow(values ...string) string {
	var b strings.Builder
	b.WriteString("<row>")
	for _, v := range values {
		fmt.Fprintf(&b, `<c t="inlineStr"><is><t>%s</t></is></c>`, v)
	}
	return b.String() + "</row>"
}

// What Excel allows reads: cells of 32,767 characters, and a sheet of
// 1,048,576 rows, larger than excelize keeps in memory, whose temporary
// file goes with the workbook.
func TestExcelsOwnLimitsRead(t *testing.T) {
	left := sheets.TempFolder(t)
	longest := strings.Repeat("A", 32_767)
	open := func(p part) *sheets.Workbook {
		f, err := os.Open(writeWorkbook(t, []string{"Sheet1"}, p))
		require.NoError(t, err)
		defer f.Close()
		wb, err := sheets.OpenWorkbook(f)
		require.NoError(t, err)
		return wb
	}
	wb := open(sheetOf(1, inlineRow("Serial"), inlineRow(longest), inlineRow(longest)))
	values, err := wb.Values("Sheet1", 0)
	require.NoError(t, err)
	assert.Equal(t, []string{longest, longest}, values)
	require.NoError(t, wb.Close())

	wb = open(sheetPart(1, inlineRow("996A00001"), excelize.TotalRows, ""))
	assert.NotEmpty(t, left(), "the sheet of 60 MB is read from a temporary file")
	headers, _, err := wb.Columns("Sheet1")
	require.NoError(t, err)
	assert.Equal(t, []string{"A: 996A00001"}, headers)
	require.NoError(t, wb.Close())
	assert.Empty(t, left(), "closing the workbook removes its temporary files")
}

// excelize writes a large sheet to a temporary file before it reads the
// next part; when that part is damaged, opening fails and the file is
// removed all the same.
func TestADamagedWorkbookLeavesNoTemporaryFile(t *testing.T) {
	left := sheets.TempFolder(t)
	path := writeWorkbook(t, []string{"Sheet1"}, sheetPart(1, `<row><c><v>1</v></c></row>`, 1_000_000, ""),
		part{name: "xl/styles.xml", head: "<styleSheet/>", damaged: true})
	err, _ := opened(t, path, openOnly)
	assert.Contains(t, core.English.Error(err), "cannot be read as an Excel workbook")
	assert.Empty(t, left())
}

// sheetOf is a small sheet of the given rows' XML.
func sheetOf(n int, rows ...string) part {
	p := sheetPart(n, "", 0, "")
	p.head += strings.Join(rows, "")
	return p
}

// A supplier's list whose serial column has cells worked out by formulas,
// as Excel saves them: the formula and the value it showed.
func TestCellsHoldingFormulasAreNamed(t *testing.T) {
	path := writeWorkbook(t, []string{"Sheet1"}, sheetOf(1, inlineRow("Pos", "Serial"),
		`<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>996A00001</t></is></c></row>`,
		`<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="str"><f>"996A"&amp;"00002"</f><v>996A00002</v></c></row>`,
		`<row r="4"><c r="A4"><v>3</v></c><c r="B4" t="str"><f>B3&amp;"X"</f><v>996A00002X</v></c></row>`))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	wb, err := sheets.OpenWorkbook(f)
	require.NoError(t, err)
	defer wb.Close()
	values, err := wb.Values("Sheet1", 0)
	require.NoError(t, err, "a column without formulas reads")
	assert.Equal(t, []string{"Pos", "1", "2", "3"}, values)
	_, err = wb.Values("Sheet1", 1)
	assert.Equal(t, "Column B of sheet Sheet1 holds formulas (2); serials must be typed. In the spreadsheet program, copy the column and paste it as values\n"+
		"  Sheet1 sheet, row 3: serial 996A00002: cell B3 holds a formula; serials must be typed\n"+
		"  Sheet1 sheet, row 4: serial 996A00002X: cell B4 holds a formula; serials must be typed", core.English.Error(err))
}

// excelize finds a sheet wherever the workbook's links say it is: its
// formulas are found there too, and so are its limits.
func TestSheetsAnywhereAreScanned(t *testing.T) {
	list := sheetOf(1, inlineRow("Serial"), `<row r="2"><c r="A2" t="str"><f>"996A"&amp;"1"</f><v>996A1</v></c></row>`)
	list.name = "xl/worksheets/list.xml"
	wb := openWorkbook(t, writeLinkedWorkbook(t, []string{"List"}, []string{"worksheets/list.xml"}, list))
	_, err := wb.Values("List", 0)
	assert.Equal(t, "Column A of sheet List holds formulas (1); serials must be typed. In the spreadsheet program, copy the column and paste it as values\n"+
		"  List sheet, row 2: serial 996A1: cell A2 holds a formula; serials must be typed", core.English.Error(err))

	deep := sheetPart(1, "<a>", 20, "")
	deep.name = "xl/deep.xml"
	_, err = sheets.OpenWorkbook(mustOpen(t, writeLinkedWorkbook(t, []string{"Deep"}, []string{"/xl/deep.xml"}, deep)))
	assert.Equal(t, "The sheet Deep nests its XML more than 16 deep; the file is damaged or not a list of serials", core.English.Error(err))
}

// The other parts excelize reads (styles, the workbook, its links) may
// not nest deeply either; 3 MB of nested tags would take 100 MB.
func TestDeepXMLBesidesTheSheetsIsRefused(t *testing.T) {
	for _, name := range []string{"xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels"} {
		deep := part{name: name, body: "<a>", n: 1_000_000} // after the skeleton's: the last of a name counts
		err, allocated := opened(t, writeWorkbook(t, []string{"Sheet1"}, sheetPart(1, "", 0, ""), deep), openOnly)
		assert.Equal(t, "The workbook's part "+name+" nests its XML more than 16 deep; the file is damaged or not a list of serials", core.English.Error(err))
		assert.Less(t, allocated, uint64(20<<20), "memory")
	}
}

// A spilled or array formula writes plain values into the rest of its
// range: each of them is named.
func TestArrayFormulasAreNamedOverTheirRange(t *testing.T) {
	wb := openWorkbook(t, writeWorkbook(t, []string{"Sheet1"}, sheetOf(1, inlineRow("Serial"),
		`<row r="2"><c r="A2"><f t="array" ref="A2:A4">ROW(A2:A4)</f><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row><row r="4"><c r="A4"><v>4</v></c></row>`,
		inlineRow("996A00005"))))
	_, err := wb.Values("Sheet1", 0)
	assert.Equal(t, []string{"cell A2 holds a formula; serials must be typed", "cell A3 holds a formula; serials must be typed", "cell A4 holds a formula; serials must be typed"},
		reasons(core.Problems(err)))
}

// Formulas outside the column read count for nothing: a list with two
// columns of worked-out prices on 600,000 rows (1.2 million formulas, more
// than a sheet has rows) opens.
func TestFormulasInOtherColumnsAreNotCounted(t *testing.T) {
	wb := openWorkbook(t, writeWorkbook(t, []string{"Sheet1"}, sheetPart(1,
		`<row><c t="inlineStr"><is><t>996A1</t></is></c><c><f>1+1</f><v>2</v></c><c><f>B1*2</f><v>4</v></c></row>`, 600_000, "")))
	headers, _, err := wb.Columns("Sheet1")
	require.NoError(t, err)
	assert.Equal(t, []string{"A: 996A1", "B: 2", "C: 4"}, headers)
}

func reasons(problems []core.Problem) []string {
	var out []string
	for _, p := range problems {
		out = append(out, p.Reason.String())
	}
	return out
}

func mustOpen(t *testing.T, path string) *os.File {
	f, err := os.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// openWorkbook opens a workbook file that must be within the limits,
// closed when the test ends.
func openWorkbook(t *testing.T, path string) *sheets.Workbook {
	wb, err := sheets.OpenWorkbook(mustOpen(t, path))
	require.NoError(t, err)
	t.Cleanup(func() { wb.Close() })
	return wb
}

func TestOpeningStockNamesFormulasWithTheOtherBadRows(t *testing.T) {
	path := writeWorkbook(t, []string{"Items", "Serials"},
		sheetOf(1, inlineRow("Item number", "Item name", "Use serial number", "Default price"),
			`<row r="2"><c r="A2" t="inlineStr"><is><t>CS-500</t></is></c><c r="B2" t="inlineStr"><is><t>Chainsaw</t></is></c><c r="C2" t="inlineStr"><is><t>yes</t></is></c><c r="D2"><f>500+99</f><v>599</v></c></row>`),
		sheetOf(2, inlineRow("Serial", "Item number", "Unit cost", "Item name"),
			`<row r="2"><c r="A2" t="inlineStr"><is><t>996A00001</t></is></c><c r="B2" t="inlineStr"><is><t>CS-500</t></is></c><c r="C2"><v>385</v></c><c r="D2" t="str"><f>Items!B2</f><v>Chainsaw</v></c></row>`,
			`<row r="3"><c r="A3" t="str"><f>"996A"&amp;"00002"</f><v>996A00002</v></c><c r="B3" t="inlineStr"><is><t>CS-500</t></is></c><c r="C3"><v>385</v></c></row>`,
			inlineRow("996A00003", "CS-500", "x")))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	in, err := sheets.ReadOpeningStock(f, core.English)
	require.NoError(t, err)
	_, err = datatest.NewRegister(t).ImportOpeningStock(in)
	requireSheetProblems(t, err, // D2 of the Serials sheet is a column the import does not read
		sheetProblem{Sheet: "Items", Line: 2, Reason: "cell D2 holds a formula; values must be typed"},
		sheetProblem{Sheet: "Serials", Line: 3, Serial: "996A00002", Reason: "cell A3 holds a formula; serials must be typed"},
		sheetProblem{Sheet: "Serials", Line: 4, Serial: "996A00003", Reason: `unit cost: "x" is not an amount; write it like 1,250.00`},
	)
}

// A thousand serials of 10,000 characters are read, and the import names
// each by its row, in short.
func TestOverlongCellsAreReportedInShort(t *testing.T) {
	long := strings.Repeat("X", 10_000)
	serials := sheetPart(1, inlineRow(long, "CS-500", long), 1000, "")
	serials.head += inlineRow("Serial", "Item number", "Supplier")
	items := sheetPart(2, inlineRow("CS-500", "Chainsaw", "yes"), 1, "")
	items.head += inlineRow("Item number", "Item name", "Use serial number")
	err, _ := opened(t, writeWorkbook(t, []string{"Serials", "Items"}, serials, items), func(r io.Reader) error {
		in, err := sheets.ReadOpeningStock(r, core.English)
		require.NoError(t, err)
		_, err = datatest.NewRegister(t).ImportOpeningStock(in)
		return err
	})
	require.Len(t, core.Problems(err), 1000)
	msg := core.English.Error(err)
	assert.Contains(t, msg, `Serials sheet, row 1001: serial "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…" (10,000 characters): longer than the 64 characters a serial may have`)
	assert.Less(t, len(msg), 1000*150, "a short line per problem")
}

// BenchmarkReadingABomb opens each of the bombs; peak-heap-MB is the
// most memory in use meanwhile.
func BenchmarkReadingABomb(b *testing.B) {
	for _, bomb := range bombs {
		b.Run(bomb.name, func(b *testing.B) {
			path := bomb.file(b)
			peak := peakHeap(func() {
				for b.Loop() {
					if err, _ := opened(b, path, readStock); err == nil {
						b.Fatal("the bomb was read")
					}
				}
			})
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// peakHeap runs do and returns the most heap memory in use meanwhile.
func peakHeap(do func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	})
	do()
	close(stop)
	wg.Wait()
	return peak
}
