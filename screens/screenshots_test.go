package screens

import (
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// TestScreenshots renders every screen with the example data loaded, at
// a laptop's 1280×720; the receipt, the order with a refused scan, the
// search with a history and the item card also at 1920×1080 (named
// …-1920.png). With SCREENSHOTS=DIR (make screenshots) it writes them there
// as PNG files; without, it still checks that each screen renders. The
// same in Norwegian goes to DIR/nb, rendered in a process of its own, as
// a language stays with the process.
func TestScreenshots(t *testing.T) {
	language := os.Getenv("SERIALDESK_SCREENSHOTS_IN") // "" in English
	for _, size := range []fyne.Size{{Width: 1280, Height: 720}, {Width: 1920, Height: 1080}} {
		screenshots(t, size, language)
	}
	if language == "" {
		inChild(t, "SERIALDESK_SCREENSHOTS_IN=nb")
	}
}

func screenshots(t *testing.T, size fyne.Size, language string) {
	dir := os.Getenv("SCREENSHOTS")
	a := test.NewTempApp(t)
	if language != "" {
		dir = filepath.Join(dir, language)
		a.Preferences().SetString(languageKey, language)
		require.NoError(t, UseLanguage(a.Preferences()))
		defer SetFormats(core.EnglishFormats)
	}
	if os.Getenv("SCREENSHOTS") == "" {
		dir = ""
	}
	a.Settings().SetTheme(lightVariant{Theme()})
	w := a.NewWindow("Serialdesk")
	t.Cleanup(w.Close)
	env := testEnv(t, a, w)
	require.NoError(t, env.Reg.LoadExamplesIn(speaker))
	main := Main(env)
	w.SetContent(main.Tabs)
	w.Resize(size)
	env.settle()
	large := size.Width > 1280

	shots := []struct {
		name    string
		section int
		both    bool // rendered at the large size too
		setup   func()
	}{
		{"items", itemsSection, true, func() { main.Items.list.Select(0) }},
		{"item-serial-numbers", itemsSection, true, func() { main.Items.card.tabs.SelectIndex(1) }},
		{"receipts", receiptsSection, false, func() { main.Receipts.list.Select(1) }},
		{"receipt-problems", receiptsSection, true, func() {
			r := main.Receipts
			r.New()
			env.settle()
			e := r.editor
			e.party.SetText("Husqvarna Nordic AB")
			e.lines[0].itemText.SetText("CS-500")
			e.lines[0].qty.SetText("4")
			e.serials.fillFrom(0, []string{"996B00001", "99612345", "996A1B2C3", "996b00001"})
			r.confirmReceipt()
		}},
		{"orders", ordersSection, false, func() { main.Orders.list.Select(1) }},
		{"order-refused-scan", ordersSection, true, func() {
			o := main.Orders
			o.New()
			env.settle()
			o.editor.party.SetText("Kari Hansen")
			w.Canvas().Focus(o.editor.lines[0].itemText)
			scan(env, "996A1B2C3")
			env.settle()
			scan(env, "996A1B2C1") // sold on SO-000001
		}},
		{"serial-search", searchSection, true, func() {
			main.Search.text.SetText("996")
			main.Search.search()
			env.settle()
			main.Search.table.table.Select(widget.TableCellID{Row: 1, Col: 0})
		}},
		{"serial-search-notes", searchSection, false, func() {
			main.Search.in.SetSelectedIndex(1)
			main.Search.text.SetText("brake")
			main.Search.search()
			env.settle()
			main.Search.table.table.Select(widget.TableCellID{Row: 0, Col: 0})
		}},
		{"serial-search-warranty", searchSection, false, func() {
			main.Search.in.SetSelectedIndex(0)
			main.Search.text.SetText("")
			main.Search.warranty.SetSelectedIndex(2)
			main.Search.search()
			env.settle()
			main.Search.table.table.Select(widget.TableCellID{Row: 0, Col: 0})
		}},
		{"supplier-returns", supplierReturnsSection, false, func() { main.Returns.list.Select(0) }},
		{"customers", partiesSection, true, func() {
			main.Parties.list.Select(len(main.Parties.rows) - 1) // Ola Nordmann
			env.settle()
			main.Parties.tabs.SelectIndex(1)
		}},
		{"order-new-customer", ordersSection, false, func() {
			o := main.Orders
			o.editor.dirty = false // the order of the shot before is not wanted
			o.New()
			env.settle()
			o.editor.party.SetText("Mona Lisa")
			w.Canvas().Focus(o.editor.lines[0].itemText)
			scan(env, "996A1B2C3")
			env.settle()
		}},
		{"entities", entitiesSection, false, func() { main.Entities.list.Select(0) }},
		{"brands-and-models", modelsSection, false, func() { main.Models.brandList.Select(0) }},
		{"backup-done", itemsSection, false, func() { env.backUp(storage.NewFileURI(filepath.Join(t.TempDir(), backupName(time.Now())))) }},
		{"register-settings", itemsSection, false, func() {
			w.Canvas().Overlays().Top().(interface{ Hide() }).Hide()
			env.Registers = &fakeRegisters{chosen: RegisterChoice{OnServer: true, Host: "shop-server", Port: "5432",
				Database: "serialdesk", User: "kari", Password: "right"}}
			env.showRegister()
			env.settle()
			test.Tap(findButton(w.Canvas().Overlays().Top(), lang.L("Test connection")))
		}},
		{"settings", itemsSection, false, func() {
			w.Canvas().Overlays().Top().(interface{ Hide() }).Hide()
			SettingsItem(env).Action()
		}},
	}
	for _, shot := range shots {
		if large && !shot.both {
			continue
		}
		main.Tabs.SelectIndex(shot.section)
		env.settle()
		shot.setup()
		env.settle()
		// A window lays out again on its next frame; the test canvas
		// only when asked, and buttons just shown would sit squeezed.
		w.Content().Refresh()
		img := w.Canvas().Capture()
		require.NotZero(t, img.Bounds().Dx())
		if dir == "" {
			continue
		}
		name := shot.name
		if large {
			name += "-1920"
		}
		require.NoError(t, os.MkdirAll(dir, 0o755))
		f, err := os.Create(filepath.Join(dir, name+".png"))
		require.NoError(t, err)
		require.NoError(t, png.Encode(f, img))
		require.NoError(t, f.Close())
	}
}

// lightVariant shows a theme in its light variant, as most shops' desktops.
type lightVariant struct{ fyne.Theme }

func (t lightVariant) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(name, theme.VariantLight)
}
