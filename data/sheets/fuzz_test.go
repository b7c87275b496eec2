package sheets_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"serialdesk/core"
	"serialdesk/data/sheets"
)

// Whatever file is chosen for import, reading it gives serials or a clear
// message, never a panic: a supplier's list and the opening stock workbook.
// Seeds: real workbooks below (with formulas, spilled ones and a sheet
// where the links say, and beyond the limits: a long cell, deep XML that
// comments try to hide, a document type, a long row tag) and testdata/fuzz.
func FuzzOpenWorkbook(f *testing.F) {
	f.Add(supplierList(f, [][]any{{"Serial"}, {"996A00001"}, {" 996a00002 "}}).Bytes())
	f.Add(supplierList(f, [][]any{{"Pos", "S/N"}, {1, "=1+1"}, {}, {2, "\u200bSN-2"}}).Bytes())
	var template bytes.Buffer
	if err := sheets.WriteTemplate(&template, core.English); err != nil {
		f.Fatal(err)
	}
	f.Add(template.Bytes())
	for _, sheet := range []part{
		sheetOf(1, inlineRow("Serial"), `<row><c r="A2" t="str"><f>"996A"&amp;"1"</f><v>996A1</v></c><c r="C2"><f>1+1</f></c></row>`),
		sheetOf(1, inlineRow(strings.Repeat("X", 40_000))),
		sheetOf(1, inlineRow("Serial"), `<row r="2"><c r="A2"><f t="array" ref="A2:A3">ROW()</f><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>`),
		sheetOf(1, strings.Repeat("<a><!-- </a> -->", 17)),
		sheetOf(1, `<!DOCTYPE a [<!ENTITY e "x">]>`, inlineRow("Serial")),
		sheetOf(1, `<row r="1" x="`+strings.Repeat("a", 600)+`">`),
	} {
		wb, err := os.ReadFile(writeWorkbook(f, []string{"Sheet1"}, sheet))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(wb)
	}
	list := sheetOf(1, inlineRow("Serial"), `<row><c r="A2" t="str"><f>1</f><v>996A1</v></c></row>`)
	list.name = "xl/worksheets/list.xml"
	linked, err := os.ReadFile(writeLinkedWorkbook(f, []string{"List"}, []string{"worksheets/list.xml"}, list))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(linked)
	f.Add([]byte("PK\x03\x04 not really a zip"))
	f.Add([]byte("Serial\n996A00001\n"))
	f.Fuzz(func(t *testing.T, file []byte) {
		clear := func(err error) {
			if err != nil && core.English.Error(err) == "" {
				t.Fatalf("refused without a message: %v", err)
			}
		}
		_, err := sheets.ReadOpeningStock(bytes.NewReader(file), core.English)
		clear(err)
		wb, err := sheets.OpenWorkbook(bytes.NewReader(file))
		if err != nil {
			clear(err)
			return
		}
		defer wb.Close()
		for _, sheet := range wb.Sheets() {
			headers, guess, err := wb.Columns(sheet)
			if err != nil {
				clear(err)
				continue
			}
			for col := range headers {
				values, err := wb.Values(sheet, col)
				clear(err)
				for _, v := range values {
					if v == "" || v != strings.TrimSpace(v) {
						t.Fatalf("sheet %s column %d gives %q", sheet, col, v)
					}
				}
			}
			if guess >= len(headers) {
				t.Fatalf("sheet %s: guessed column %d of %d", sheet, guess, len(headers))
			}
		}
	})
}
