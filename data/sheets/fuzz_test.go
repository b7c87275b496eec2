package sheets_test

import (
	"bytes"
	"strings"
	"testing"

	"serialdesk/core"
	"serialdesk/data/sheets"
)

// Whatever file is chosen for import, reading it gives serials or a clear
// message, never a panic: a supplier's list and the opening stock workbook.
// Seeds: real workbooks below and testdata/fuzz.
func FuzzOpenWorkbook(f *testing.F) {
	f.Add(supplierList(f, [][]any{{"Serial"}, {"996A00001"}, {" 996a00002 "}}).Bytes())
	f.Add(supplierList(f, [][]any{{"Pos", "S/N"}, {1, "=1+1"}, {}, {2, "\u200bSN-2"}}).Bytes())
	var template bytes.Buffer
	if err := sheets.WriteTemplate(&template); err != nil {
		f.Fatal(err)
	}
	f.Add(template.Bytes())
	f.Add([]byte("PK\x03\x04 not really a zip"))
	f.Add([]byte("Serial\n996A00001\n"))
	f.Fuzz(func(t *testing.T, file []byte) {
		clear := func(err error) {
			if err != nil && core.UserMessage(err) == "" {
				t.Fatalf("refused without a message: %v", err)
			}
		}
		_, err := sheets.ReadOpeningStock(bytes.NewReader(file))
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
