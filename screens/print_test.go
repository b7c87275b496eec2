package screens

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/paper"
	"serialdesk/data/paper/papertest"
)

// opened records the files the screens hand to the system's viewer.
func opened(env *Env) *[]string {
	var files []string
	env.OpenFile = func(path string) error {
		files = append(files, path)
		return nil
	}
	return &files
}

// printed is the one PDF the screens opened, read.
func printed(t *testing.T, env *Env, files *[]string, name string) []byte {
	t.Helper()
	require.Len(t, *files, 1, "one paper opened in the viewer")
	path := (*files)[0]
	assert.Equal(t, env.PrintDir, filepath.Dir(path))
	assert.True(t, strings.HasPrefix(filepath.Base(path), name+" "), "%s is named for what it is", path)
	pdf, err := os.ReadFile(path)
	require.NoError(t, err)
	*files = nil
	return pdf
}

func TestAnOrderPrintsItsSalesSlip(t *testing.T) {
	env, s := orderScreen(t)
	files := opened(env)
	env.settle()
	assert.False(t, s.print.Visible(), "a new order has nothing to print yet")
	s.list.Select(2) // SO-000001
	env.settle()
	require.True(t, s.print.Visible())
	test.Tap(s.print)
	env.settle()
	text := papertest.Text(t, printed(t, env, files, "Sales slip SO-000001"))
	for _, want := range []string{"Sales slip", "SO-000001", "Ola Nordmann", "996A1B2C1", "warranty until", "Nordby Motor & Sag AS"} {
		assert.Contains(t, text, want)
	}
	assert.Nil(t, env.Window.Canvas().Overlays().Top(), "the viewer shows it; no dialog in the way")
}

func TestAReceiptPrintsItsListAndItsLabels(t *testing.T) {
	env, s := receiptScreen(t)
	files := opened(env)
	env.Prefs.SetString(labelSizeKey, string(paper.A4Sheet3x8))
	env.Prefs.SetBool(labelQRKey, true)
	env.settle()
	s.list.Select(0) // GR-000004
	env.settle()
	test.Tap(s.print)
	env.settle()
	assert.Contains(t, papertest.Text(t, printed(t, env, files, "Goods receipt GR-000004")), "Oslo Auction House")

	test.Tap(s.labels)
	env.settle()
	codes := papertest.Scanned(t, printed(t, env, files, "Labels GR-000004"), "300")
	assert.Equal(t, [][]string{{"CODE-128:1HGCM82633A004352", "CODE-128:DR-990101", "CODE-128:DR-990102", "CODE-128:DR-990103",
		"QR-Code:1HGCM82633A004352", "QR-Code:DR-990101", "QR-Code:DR-990102", "QR-Code:DR-990103"}}, codes,
		"one A4 sheet, as this counter's settings say, with QR codes")
	assert.Nil(t, env.Window.Canvas().Overlays().Top(), "the progress is gone")
}

func TestTickedUnitsOfAnItemGetLabels(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	files := opened(env)
	s := NewItems(env)
	env.show(s.Content())
	env.settle()
	s.list.Select(0) // CS-500
	env.settle()
	s.card.tabs.SelectIndex(1)
	ov := s.card.overview
	env.settle()
	assert.True(t, ov.labels.Disabled(), "nothing ticked")
	for _, row := range []int{2, 0, 1} {
		ov.table.table.Select(widget.TableCellID{Row: row, Col: 0})
	}
	ov.table.table.Select(widget.TableCellID{Row: 1, Col: 0}) // ticked off again
	assert.Equal(t, "Labels (2)", ov.labels.Text)
	// From the keyboard: the arrows move to a box, Space ticks it.
	env.Window.Canvas().Focus(ov.table.table)
	for _, key := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyDown, fyne.KeySpace, fyne.KeySpace} {
		ov.table.table.TypedKey(&fyne.KeyEvent{Name: key})
	}
	assert.Equal(t, "Labels (2)", ov.labels.Text, "the fourth unit ticked, and off again")
	ov.table.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	assert.Equal(t, "Labels (3)", ov.labels.Text)
	ov.table.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	test.Tap(ov.labels)
	env.settle()
	assert.Equal(t, [][]string{{"CODE-128:996A1B2C1"}, {"CODE-128:996A1B2C3"}}, papertest.Scanned(t, printed(t, env, files, "Labels CS-500"), "300"),
		"a label each, on the usual 62 × 29 mm roll, by serial")

	s.list.Select(1) // another item: its own ticks
	env.settle()
	assert.True(t, ov.labels.Disabled())
	assert.Equal(t, "Labels", ov.labels.Text)

	test.Tap(findButton(ov.view, "Stock list"))
	env.settle()
	text := papertest.Text(t, printed(t, env, files, "Stock list DRILL-18V"))
	assert.Contains(t, text, "DR-990102")
	assert.NotContains(t, text, "996A1B2C3")
}

func TestTheSearchPrintsTheLabelOfTheUnitShown(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	files := opened(env)
	s := NewSearch(env)
	env.show(s.Content())
	env.settle()
	assert.True(t, s.label.Disabled(), "no unit chosen")
	test.Type(s.text, "1hgcm")
	s.text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	env.settle()
	require.False(t, s.label.Disabled())
	test.Tap(s.label)
	env.settle()
	assert.Equal(t, [][]string{{"CODE-128:1HGCM82633A004352"}}, papertest.Scanned(t, printed(t, env, files, "Label 1HGCM82633A004352"), "300"))
}

// A long job's progress has a Cancel button, which stops it with nothing
// written and nothing said.
func TestALongPrintCanBeCancelled(t *testing.T) {
	env := newTestEnv(t)
	files := opened(env)
	started := make(chan struct{})
	env.Papers = slowPapers{testPapers{env.Reg}, started}
	env.printStockListNow(0, "all items") // the shop's details asked for or not
	<-started
	d := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, d, "the progress shows")
	test.Tap(findButton(d, "Cancel"))
	env.settle()
	assert.Nil(t, env.Window.Canvas().Overlays().Top(), "the progress is gone, with no message")
	assert.Empty(t, *files)
	left, err := os.ReadDir(env.PrintDir)
	require.NoError(t, err)
	assert.Empty(t, left, "nothing written")
}

// slowPapers writes stock lists that wait to be cancelled.
type slowPapers struct {
	testPapers
	started chan struct{}
}

func (p slowPapers) StockList(ctx context.Context, path string, item core.ItemID, progress func(done, total int)) (int, error) {
	close(p.started)
	<-ctx.Done()
	return 0, ctx.Err()
}

func TestShopDetailsLanguageAndLabelsAreSetInOnePlace(t *testing.T) {
	env := newTestEnv(t)
	env.show(widget.NewLabel(""))
	SettingsItem(env).Action()
	env.settle()
	form := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, form)
	entries := entriesIn(form)
	require.Len(t, entries, 6)
	assert.Equal(t, "none, or a code such as EUR", entries[5].PlaceHolder, "English shows no currency unless the shop names one")
	test.Type(entries[5], "sek")
	test.Type(entries[0], "Sykkelhuset AS")
	test.Type(entries[1], "Torget 3, 3015 Drammen")
	test.Type(entries[3], "post at sykkelhuset")
	choices := choicesIn(form)
	require.Len(t, choices, 2, "the language and the labels")
	choices[0].SetSelected("Norsk bokmål")
	choices[1].SetSelected(paper.Dymo89x36.String())
	test.Tap(findButton(form, "Save"))
	env.settle()
	assert.Equal(t, "nb", env.Prefs.String(languageKey), "this counter's language, from the next start")

	form = env.Window.Canvas().Overlays().Top()
	require.NotNil(t, form, "the e-mail is refused, and the form is back")
	assert.Contains(t, strings.Join(labelTexts(form), "\n"), "the e-mail post at sykkelhuset is not an address")
	entries = entriesIn(form)
	assert.Equal(t, "Sykkelhuset AS", entries[0].Text, "what was typed is kept")
	entries[3].SetText("post@sykkelhuset.no")
	choicesIn(form)[0].SetSelected("The system's")
	test.Tap(findButton(form, "Save"))
	env.settle()
	said := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, said, "the language changed again")
	assert.Contains(t, strings.Join(labelTexts(said), "\n"), "Serialdesk speaks the system's language from when it starts again.")
	assert.Empty(t, env.Prefs.String(languageKey))
	said.Hide()
	env.settle()
	shop, err := env.Reg.Shop()
	require.NoError(t, err)
	assert.Equal(t, "Sykkelhuset AS", shop.Name)
	assert.Equal(t, "Torget 3, 3015 Drammen", shop.Address)
	assert.Equal(t, "post@sykkelhuset.no", shop.Email)
	assert.Equal(t, "SEK", shop.Currency)
	assert.Equal(t, "SEK", env.money.code, "shown beside amounts from now on")
	assert.Equal(t, "89x36", env.Prefs.String(labelSizeKey), "this counter's labels are remembered")
}

// entriesIn are the entries below o, in the order they are laid out.
func entriesIn(o fyne.CanvasObject) []*entry { return objectsIn[*entry](o) }

// choicesIn are the choices below o.
func choicesIn(o fyne.CanvasObject) []*choice { return objectsIn[*choice](o) }

func objectsIn[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var found []T
	for _, obj := range test.LaidOutObjects(o) {
		if t, ok := obj.(T); ok {
			found = append(found, t)
		}
	}
	return found
}

// What is printed is the document as saved: changes on screen are saved
// first.
func TestPrintingAnOrderWithChangesAsksToSaveFirst(t *testing.T) {
	env, s := orderScreen(t)
	files := opened(env)
	env.settle()
	s.list.Select(2) // SO-000001
	env.settle()
	s.editor.reference.SetText("PO 4471") // typed, not saved
	test.Tap(s.print)
	env.settle()
	d := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, d)
	assert.Contains(t, strings.Join(labelTexts(d), "\n"), "The order has changes that are not saved. Save them, or open it again to drop them, before printing.")
	assert.Empty(t, *files, "nothing printed")
}

// A paper with no shop at its head is asked about first.
func TestPrintingWithoutTheShopsDetailsAsksFirst(t *testing.T) {
	env, s := orderScreen(t)
	files := opened(env)
	shop, err := env.Reg.Shop()
	require.NoError(t, err)
	shop.Name, shop.Address, shop.Phone, shop.Email, shop.OrgNo = "", "", "", "", ""
	_, err = env.Reg.SaveShop(shop)
	require.NoError(t, err)
	env.settle()
	s.list.Select(2)
	env.settle()
	test.Tap(s.print)
	env.settle()
	d := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, d)
	assert.Contains(t, strings.Join(labelTexts(d), "\n"), "none are saved yet")
	test.Tap(findButton(d, "Print without"))
	env.settle()
	assert.NotContains(t, papertest.Text(t, printed(t, env, files, "Sales slip SO-000001")), "Nordby")
}

// Details saved at another counter meanwhile are not saved over unseen;
// what was typed stays, and a second Save keeps it.
func TestShopDetailsChangedElsewhereKeepWhatWasTyped(t *testing.T) {
	env := newTestEnv(t)
	env.show(widget.NewLabel(""))
	SettingsItem(env).Action()
	env.settle()
	_, err := env.Reg.SaveShop(core.Shop{Name: "Their name"}) // another counter
	require.NoError(t, err)
	form := env.Window.Canvas().Overlays().Top()
	entriesIn(form)[0].SetText("Our name")
	test.Tap(findButton(form, "Save"))
	env.settle()
	form = env.Window.Canvas().Overlays().Top()
	require.NotNil(t, form)
	assert.Contains(t, strings.Join(labelTexts(form), "\n"), "Another counter changed the shop's details")
	assert.Equal(t, "Our name", entriesIn(form)[0].Text)
	test.Tap(findButton(form, "Save"))
	env.settle()
	assert.Nil(t, env.Window.Canvas().Overlays().Top())
	shop, err := env.Reg.Shop()
	require.NoError(t, err)
	assert.Equal(t, "Our name", shop.Name)
}

// Amounts show the shop's currency: the one it names, else the
// language's (none in English).
func TestAmountsShowTheShopsCurrency(t *testing.T) {
	env := newTestEnv(t)
	s := Main(env)
	env.settle()
	assert.Contains(t, labelTexts(s.Orders.Content()), "Unit price")
	_, err := env.Reg.SaveShop(core.Shop{Name: "Sykkelhuset AS", Currency: "EUR"})
	require.NoError(t, err)
	s = Main(env)
	env.settle()
	assert.Contains(t, labelTexts(s.Orders.Content()), "Unit price (EUR)")
	assert.Contains(t, labelTexts(s.Receipts.Content()), "Unit cost (EUR)")
	assert.Contains(t, labelTexts(s.Items.Content()), "EUR", "beside the item's price")
}
