package sheets_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"serialdesk/assets"
	"serialdesk/core"
	"serialdesk/data/datatest"
	"serialdesk/data/sheets"
)

// sayAll says each message in a language.
func sayAll(in core.Speaker, ms []core.Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = in.Say(m)
	}
	return out
}

// inKroner is the headings with NOK after those of amounts.
func inKroner(headings []string, amounts ...string) []string {
	out := slices.Clone(headings)
	for i, h := range out {
		if slices.Contains(amounts, h) {
			out[i] = h + " (NOK)"
		}
	}
	return out
}

// norwegian speaks Norwegian Bokmål as the program does, from
// assets/translations/nb.json.
func norwegian(t testing.TB) core.Speaker {
	t.Helper()
	nb, err := assets.Speaker("nb")
	require.NoError(t, err)
	return nb
}

// exportIn writes a full export of the register in a language.
func exportIn(t *testing.T, reg *core.Register, in core.Speaker) []byte {
	t.Helper()
	ex := sheets.Exporter{Reg: reg, In: in}
	title, err := ex.QueryTitle(core.SerialQuery{})
	require.NoError(t, err)
	var buf bytes.Buffer
	_, err = ex.Export(&buf, title, ex.Query(core.SerialQuery{}), true, nil)
	require.NoError(t, err)
	return buf.Bytes()
}

// A shop that speaks Norwegian gets its workbook in Norwegian: the sheets'
// names, headings, titles, words and page numbers; dates and amounts keep
// the formats that each reader's spreadsheet program shows its own way.
func TestAnExportInNorwegian(t *testing.T) {
	nb := norwegian(t)
	reg := datatest.NewRegister(t)
	require.NoError(t, reg.LoadExamplesIn(nb))
	file := exportIn(t, reg, nb)
	f, err := excelize.OpenReader(bytes.NewReader(file))
	require.NoError(t, err)
	defer f.Close()

	names := sayAll(nb, []core.Message{core.Say("Serials"), core.Say("Summary"), core.Say("Service notes"), core.Say("Items"),
		core.Say("Customers"), core.Say("Suppliers")})
	assert.Equal(t, names, f.GetSheetList())
	assert.Equal(t, "Serienumre", names[0])
	assert.Equal(t, "Varer", names[3])
	serials := table(t, f, "Serienumre")
	assert.Equal(t, inKroner(sayAll(nb, sheets.SerialHeaders), "Kostpris", "Pris"), serials[0], "amounts under the shop's currency")
	assert.Equal(t, []string{"Serienummer", "Varenummer"}, serials[0][:2])
	title, err := f.GetCellValue("Serienumre", "A1")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(title, nb.Say(core.Say("All serials"))), title)
	assert.Contains(t, title, time.Now().Format("02.01.2006"), "the day the Norwegian way")
	var words []string
	for _, row := range serials[1:] {
		words = append(words, row[3])
	}
	assert.Contains(t, words, "på lager")
	assert.Contains(t, words, "solgt")

	items := table(t, f, "Varer")
	assert.Equal(t, inKroner(sayAll(nb, sheets.ItemHeaders), "Standardpris"), items[0])
	i := slices.IndexFunc(items, func(row []string) bool { return row[0] == "CS-500" })
	require.GreaterOrEqual(t, i, 1)
	yes, no := nb.Say(core.Say("yes")), nb.Say(core.Say("no"))
	assert.Equal(t, []string{"CS-500", "Motorsag 500", "599.00", yes, "996******", yes, yes, "", "", no, no, no, "serial number", no, "", "24",
		nb.Say(core.Say("sale"))}, items[i])
	summary := table(t, f, names[1])
	assert.Equal(t, nb.Say(core.Say("Total")), summary[len(summary)-1][0])

	// What a spreadsheet program finds.
	book := readWithOpenpyxl(t, file)
	for name, s := range book.Sheets {
		assert.Equal(t, nb.Say(core.Say("Page {{.Page}} of {{.Pages}}", core.Values{"Page": "&P", "Pages": "&N"})), s.Footer, name)
		for _, h := range s.Headings {
			assert.GreaterOrEqual(t, h.Width, float64(len([]rune(h.Text))+2), "%s: %s is not cut by its filter button", name, h.Text)
		}
	}
}

// A Norwegian export, an English one and a Norwegian template all import
// as opening stock for a shop that speaks Norwegian.
func TestOpeningStockInEitherLanguage(t *testing.T) {
	nb := norwegian(t)
	for _, tt := range []struct {
		name           string
		examples, file core.Speaker
	}{
		{"a Norwegian export", nb, nb},
		{"an English export", core.English, core.English},
		{"English examples exported in Norwegian", core.English, nb},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := datatest.NewRegister(t)
			require.NoError(t, old.LoadExamplesIn(tt.examples))
			in, err := sheets.ReadOpeningStock(bytes.NewReader(exportIn(t, old, tt.file)), nb)
			require.NoError(t, err)
			assert.Empty(t, in.Unreadable)
			fresh := datatest.NewRegister(t)
			_, err = fresh.ImportOpeningStock(in)
			require.NoError(t, err)
			assert.Equal(t, cards(t, old), cards(t, fresh))
			assert.Equal(t, warranties(t, old), warranties(t, fresh))
			assert.Equal(t, inStock(t, old), inStock(t, fresh))
		})
	}

	t.Run("the Norwegian template", func(t *testing.T) {
		var file bytes.Buffer
		require.NoError(t, sheets.WriteTemplate(&file, nb))
		f, err := excelize.OpenReader(bytes.NewReader(file.Bytes()))
		require.NoError(t, err)
		defer f.Close()
		assert.Equal(t, []string{"Serienumre", "Varer"}, f.GetSheetList())
		rows := table(t, f, "Serienumre")
		assert.Equal(t, []string{"996A00001", "CS-500", "Motorsag 500", "på lager"}, rows[1][:4], "the example in Norwegian")

		// Read by Serialdesk in Norwegian, and in English: a counter or a
		// scheduled command speaking English reads it too.
		for _, reader := range []core.Speaker{nb, core.English} {
			in, err := sheets.ReadOpeningStock(bytes.NewReader(file.Bytes()), reader)
			require.NoError(t, err)
			require.Len(t, in.Items, 1)
			assert.Equal(t, "Motorsag 500", in.Items[0].Item.Name)
			assert.True(t, in.Items[0].Item.RequireAtSale, "yes in Norwegian")
			assert.False(t, in.Items[0].Item.CreateEntity, "no in Norwegian")
			require.Len(t, in.Serials, 1)
		}
	})
}

func warranties(t *testing.T, reg *core.Register) []string {
	items, err := reg.Items("")
	require.NoError(t, err)
	var out []string
	for _, it := range items {
		out = append(out, fmt.Sprint(it.No, it.WarrantyFrom, it.WarrantyMonths))
	}
	return out
}

// A workbook filled in by hand may mix the languages, and write its words
// in capitals; what cannot be read is named by the sheet and the heading
// the file has.
func TestOpeningStockReadsWordsInEitherLanguage(t *testing.T) {
	nb := norwegian(t)
	in, err := sheets.ReadOpeningStock(workbook(t, map[string][][]any{
		"VARER": {{"Varenummer", "Item name", "Bruk serienummer", "Påkrevd ved salg", "Standardpris", nb.Say(core.Say("Warranty months")), nb.Say(core.Say("Warranty from"))},
			{"CS-500", "Motorsag", strings.ToUpper(nb.Say(core.Say("yes"))), "yes", "599", "24", nb.Say(core.Say("receipt"))},
			{"DRILL", "Drill", nb.Say(core.Say("no")), "kanskje", "12.5.0", "", ""}},
		"Serials": {{"Serienummer", "Item number", "Status", "Mottatt"},
			{"996A00001", "CS-500", "på lager", 46037},
			{"996A00002", "CS-500", "PÅ LAGER", ""},
			{"996A00003", "CS-500", "solgt", ""},
			{"996A00004", "CS-500", "in stock", ""},
			{"996A00005", "CS-500", "borte", ""}},
	}), nb)
	require.NoError(t, err)
	require.Len(t, in.Items, 2)
	saw := in.Items[0].Item
	assert.True(t, saw.UseSerial)
	assert.True(t, saw.RequireAtSale)
	assert.Equal(t, core.WarrantyFromReceipt, saw.WarrantyFrom)
	assert.False(t, in.Items[1].Item.UseSerial)
	var serials []string
	for _, s := range in.Serials {
		serials = append(serials, s.Serial)
	}
	assert.Equal(t, []string{"996A00001", "996A00002", "996A00004"}, serials, "the sold one is history, and the one in no state a problem")
	assert.Equal(t, "2026-01-15", in.Serials[0].Received.Format("2006-01-02"))

	var problems []sheetProblem
	for _, p := range in.Unreadable {
		problems = append(problems, sheetProblem{Sheet: p.Sheet, Line: p.Line, Serial: p.Serial, Reason: p.Reason.String()})
	}
	assert.Equal(t, []sheetProblem{
		{Sheet: "VARER", Line: 3, Reason: `standardpris: "12.5.0" is not an amount; write it like 1` + "\u00a0" + `250,00`},
		{Sheet: "VARER", Line: 3, Reason: `påkrevd ved salg: "kanskje" is not yes or no`},
		{Sheet: "Serials", Line: 6, Serial: "996A00005", Reason: `state "borte": use in stock, sold, returned or returned to supplier`},
	}, problems)

	// A sheet or a column missing is named in the language of the file.
	_, err = sheets.ReadOpeningStock(workbook(t, map[string][][]any{"Serienumre": {{"Serienummer", "Varenummer"}}}), nb)
	assert.Equal(t, "The workbook has no Varer sheet; use the layout of the template (Save template) or of a full export", core.English.Error(err))
	_, err = sheets.ReadOpeningStock(workbook(t, map[string][][]any{"Varer": {{"Nummer", "Navn"}}, "Serienumre": {{"Serienummer"}}}), nb)
	assert.Equal(t, `The sheet Varer has no column "Varenummer" in its header row (row 1)`, core.English.Error(err))
	_, err = sheets.ReadOpeningStock(workbook(t, map[string][][]any{"Items": {{"Number", "Name"}}, "Serials": {{"Serial"}}}), nb)
	assert.Equal(t, `The sheet Items has no column "Item number" in its header row (row 1)`, core.English.Error(err))
}

// The words a workbook in Norwegian reads back are told apart: no two
// headings of a sheet, sheets, states or yes and no say the same, in
// Norwegian or in English, or the reader could not know which is meant.
func TestNorwegianWordsAreDistinct(t *testing.T) {
	nb := norwegian(t)
	for name, words := range map[string][]core.Message{
		"sheets":  {core.Say("Serials"), core.Say("Summary"), core.Say("Items"), core.Say("Service notes"), core.Say("Customers"), core.Say("Suppliers")},
		"Serials": sheets.SerialHeaders, "Items": sheets.ItemHeaders, "Summary": sheets.SummaryHeaders, "Service notes": sheets.NoteHeaders,
		"Customers": sheets.PartyHeaders,
		"states":    {core.InStock.Word(), core.Sold.Word(), core.Returned.Word(), core.ToSupplier.Word()},
		"yes or no": {core.Say("yes"), core.Say("no")},
		"warranty":  {sheets.WarrantyFromWords[core.WarrantyFromSale], sheets.WarrantyFromWords[core.WarrantyFromReceipt]},
	} {
		means := map[string]string{}
		for _, w := range words {
			for _, said := range []string{strings.ToLower(w.Key), strings.ToLower(nb.Say(w))} {
				if other, ok := means[said]; ok && other != w.Key {
					t.Errorf("%s: %q says both %q and %q", name, said, other, w.Key)
				}
				means[said] = w.Key
			}
		}
	}
}

// The serial list of a delivery may be a Norwegian export: its serial
// column is found by its heading.
func TestANorwegianExportReadsAsASerialList(t *testing.T) {
	nb := norwegian(t)
	reg := datatest.NewRegister(t)
	require.NoError(t, reg.LoadExamplesIn(nb))
	wb, err := sheets.OpenWorkbook(bytes.NewReader(exportIn(t, reg, nb)))
	require.NoError(t, err)
	defer wb.Close()
	headers, guess, err := wb.Columns("Serienumre")
	require.NoError(t, err)
	assert.Equal(t, "A: Serienummer", headers[0])
	assert.Equal(t, 0, guess)
	values, err := wb.Values("Serienumre", guess)
	require.NoError(t, err)
	assert.Len(t, values, 13, "the examples' serials, no title, no header")
	assert.Contains(t, values, "996A1B2C1")
}

func TestQueryTitleInNorwegian(t *testing.T) {
	nb := norwegian(t)
	reg := datatest.NewRegister(t)
	require.NoError(t, reg.LoadExamplesIn(nb))
	saw, err := reg.ItemByNo("CS-500")
	require.NoError(t, err)
	ex := sheets.Exporter{Reg: reg, In: nb}
	title, err := ex.QueryTitle(core.SerialQuery{Item: saw.ID, State: core.InStock, Warranty: core.UnderWarranty,
		Today: time.Date(2026, 5, 4, 0, 0, 0, 0, time.Local)})
	require.NoError(t, err)
	assert.Contains(t, title, "CS-500")
	assert.Contains(t, title, "på lager")
	assert.Contains(t, title, "04.05.2026")
	title, err = ex.QueryTitle(core.SerialQuery{})
	require.NoError(t, err)
	assert.Equal(t, nb.Say(core.Say("All serials")), title)
}
