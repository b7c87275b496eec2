package screens

import (
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"
)

// TestScreenshots renders every screen with the example data loaded. With
// SCREENSHOTS=DIR (make screenshots) it writes them there as PNG files;
// without, it still checks that each screen renders.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("SCREENSHOTS")
	a := test.NewTempApp(t)
	a.Settings().SetTheme(lightVariant{Theme()})
	w := a.NewWindow("Serialdesk")
	t.Cleanup(w.Close)
	env := testEnv(t, a, w)
	require.NoError(t, env.Reg.LoadExamples())
	main := Main(env)
	w.SetContent(main.Tabs)
	w.Resize(fyne.NewSize(1280, 800))
	env.settle()

	shots := []struct {
		name    string
		section int
		setup   func()
	}{
		{"items", 0, func() { main.Items.list.Select(0) }},
		{"item-serial-numbers", 0, func() { main.Items.card.tabs.SelectIndex(1) }},
		{"receipts", 1, func() { main.Receipts.list.Select(1) }},
		{"receipt-problems", 1, func() {
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
		{"orders", 2, func() { main.Orders.list.Select(1) }},
		{"serial-search", 3, func() {
			main.Search.text.SetText("996")
			main.Search.search()
			env.settle()
			main.Search.table.table.Select(widget.TableCellID{Row: 1, Col: 0})
		}},
		{"entities", 4, func() { main.Entities.list.Select(0) }},
		{"brands-and-models", 5, func() { main.Models.brandList.Select(0) }},
		{"backup-done", 0, func() { env.backUp(storage.NewFileURI(filepath.Join(t.TempDir(), backupName(time.Now())))) }},
		{"register-settings", 0, func() {
			w.Canvas().Overlays().Top().(interface{ Hide() }).Hide()
			env.Registers = &fakeRegisters{chosen: RegisterChoice{OnServer: true, Host: "shop-server", Port: "5432",
				Database: "serialdesk", User: "kari", Password: "right"}}
			env.showRegister()
			env.settle()
			test.Tap(findButton(w.Canvas().Overlays().Top(), "Test connection"))
		}},
	}
	for _, shot := range shots {
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
		require.NoError(t, os.MkdirAll(dir, 0o755))
		f, err := os.Create(filepath.Join(dir, strings.ReplaceAll(shot.name, " ", "-")+".png"))
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
