package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
)

// lastSectionKey is the preference that remembers the last section shown.
const lastSectionKey = "lastSection"

// Screens is the content of the main window: one tab per section.
type Screens struct {
	Tabs     *container.AppTabs
	Items    *Items
	Receipts *Receipts
	Orders   *Orders
	Search   *Search
	Entities *Entities
	Models   *Models
}

// Main builds every screen, opening on the section shown last.
func Main(env *Env) *Screens {
	s := &Screens{Items: NewItems(env), Receipts: NewReceipts(env), Orders: NewOrders(env), Search: NewSearch(env),
		Entities: NewEntities(env), Models: NewModels(env)}
	s.Tabs = container.NewAppTabs(
		container.NewTabItem("Items", s.Items.Content()),
		container.NewTabItem("Goods receipts", s.Receipts.Content()),
		container.NewTabItem("Orders", s.Orders.Content()),
		container.NewTabItem("Serial search", s.Search.Content()),
		container.NewTabItem("Entities", s.Entities.Content()),
		container.NewTabItem("Brands & models", s.Models.Content()),
	)
	s.Tabs.SetTabLocation(container.TabLocationLeading)
	s.Tabs.SelectIndex(env.Prefs.IntWithFallback(lastSectionKey, 0))
	s.Tabs.OnSelected = func(*container.TabItem) {
		env.Prefs.SetInt(lastSectionKey, s.Tabs.SelectedIndex())
		s.focus()
	}
	for _, item := range s.MenuItems() {
		env.Window.Canvas().AddShortcut(item.Shortcut, func(fyne.Shortcut) { item.Action() })
	}
	return s
}

// MenuItems are the actions with keyboard shortcuts: Ctrl+R new receipt,
// Ctrl+O new order, Ctrl+F serial search (Cmd on macOS). The app puts them
// in the window's menu, which hears them even while an entry has the
// cursor; the canvas hears them when nothing has.
func (s *Screens) MenuItems() []*fyne.MenuItem {
	item := func(label string, key fyne.KeyName, section int, do func()) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, func() {
			s.Tabs.SelectIndex(section)
			do()
		})
		m.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
		return m
	}
	return []*fyne.MenuItem{
		item("New goods receipt", fyne.KeyR, 1, s.Receipts.New),
		item("New order", fyne.KeyO, 2, s.Orders.New),
		item("Serial search", fyne.KeyF, 3, s.Search.Focus),
	}
}

// OfferExamples asks, on an empty register, whether to load the example
// data, so that a newcomer can try every screen at once.
func (s *Screens) OfferExamples(env *Env) {
	background(env, env.Reg.IsEmpty, func(empty bool, err error) {
		if err != nil || !empty {
			return
		}
		dialog.ShowConfirm("Welcome to Serialdesk",
			"The register is empty. Load the example data (chainsaws with serial numbers, an Audi A6 with its entities, a few receipts and orders) to try every screen?\n\nLeave it empty to start with your own items.",
			func(yes bool) {
				if yes {
					background(env, func() (bool, error) { return true, env.Reg.LoadExamples() }, func(_ bool, err error) {
						if err != nil {
							env.showError(err)
							return
						}
						s.Reload()
					})
				}
			}, env.Window)
	})
}

// Reload shows the register afresh on every screen.
func (s *Screens) Reload() {
	s.Items.reload()
	s.Receipts.reload()
	s.Receipts.editor.loadItems()
	s.Orders.reload()
	s.Orders.editor.loadItems()
	s.Search.loadItems()
	s.Search.search()
	s.Entities.Reload()
	s.Models.Reload()
}

// focus brings the section shown up to date with what other sections
// changed (a new item, a new model) and puts the cursor where work starts.
func (s *Screens) focus() {
	switch s.Tabs.SelectedIndex() {
	case 0:
		s.Items.reload()
		s.Items.card.loadModels(s.Items.card.selectedModel()) // keeping a choice not saved yet
	case 1:
		s.Receipts.editor.loadItems()
		s.Receipts.Focus()
	case 2:
		s.Orders.editor.loadItems()
		s.Orders.Focus()
	case 3:
		s.Search.loadItems()
		s.Search.Focus()
	case 4:
		s.Entities.Reload()
	case 5:
		s.Models.Reload()
	}
}

// Leave runs then (quitting) once what is typed and not saved, on a goods
// receipt, an order or an item card, is saved or given up.
func (s *Screens) Leave(then func()) {
	what, dirty := "", true
	switch {
	case s.Receipts.editor.dirty:
		what = "The goods receipt"
	case s.Orders.editor.dirty:
		what = "The order"
	case s.Items.card.dirty:
		what = "The item card"
	default:
		dirty = false
	}
	s.Receipts.env.leave(what, dirty, then, func() {})
}
