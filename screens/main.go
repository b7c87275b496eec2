package screens

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// lastSectionKey is the preference that remembers the last section shown,
// by its name in sectionNames: a section added among the others does not
// move a user to another.
const lastSectionKey = "lastSectionName"

// sectionNames name the sections, in the order of their tabs, for the
// preference.
var sectionNames = []string{"items", "receipts", "orders", "supplier-returns", "search", "customers-suppliers", "entities", "models"}

// The sections, in the order of their tabs.
const (
	itemsSection = iota
	receiptsSection
	ordersSection
	supplierReturnsSection
	searchSection
	partiesSection
	entitiesSection
	modelsSection
)

// Screens is the content of the main window: one tab per section.
type Screens struct {
	Tabs     *container.AppTabs
	Items    *Items
	Receipts *Receipts
	Orders   *Orders
	Returns  *SupplierReturns
	Search   *Search
	Parties  *Parties
	Entities *Entities
	Models   *Models
	env      *Env
}

// Main builds every screen, opening on the section shown last.
func Main(env *Env) *Screens {
	s := &Screens{Items: NewItems(env), Receipts: NewReceipts(env), Orders: NewOrders(env), Returns: NewSupplierReturns(env),
		Search: NewSearch(env), Parties: NewParties(env), Entities: NewEntities(env), Models: NewModels(env), env: env}
	s.Tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Items"), s.Items.Content()),
		container.NewTabItem(lang.L("Goods receipts"), s.Receipts.Content()),
		container.NewTabItem(lang.L("Orders"), s.Orders.Content()),
		container.NewTabItem(lang.L("Supplier returns"), s.Returns.Content()),
		container.NewTabItem(lang.L("Serial search"), s.Search.Content()),
		container.NewTabItem(lang.L("Customers & suppliers"), s.Parties.Content()),
		container.NewTabItem(lang.L("Entities"), s.Entities.Content()),
		container.NewTabItem(lang.L("Brands & models"), s.Models.Content()),
	)
	s.Tabs.SetTabLocation(container.TabLocationLeading)
	s.Tabs.SelectIndex(max(0, slices.Index(sectionNames, env.Prefs.String(lastSectionKey))))
	s.Tabs.OnSelected = func(*container.TabItem) {
		env.Prefs.SetString(lastSectionKey, sectionNames[s.Tabs.SelectedIndex()])
		s.focus()
	}
	helpKey = env.showKeys
	env.Window.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { isHelp(ev) })
	for _, item := range s.MenuItems() {
		if item.Shortcut != nil {
			env.Window.Canvas().AddShortcut(item.Shortcut, func(fyne.Shortcut) { item.Action() })
		}
	}
	env.readCurrency()
	return s
}

// MenuItems are the actions with keyboard shortcuts (Cmd on macOS): Ctrl+R
// new receipt, Ctrl+O new order, Ctrl+F serial search, and in the section
// shown Ctrl+N new, Ctrl+S save, Ctrl+Enter confirm the receipt or save
// the order. The app puts them in the window's menu, which hears them even
// while an entry has the cursor; the canvas hears them when nothing has.
func (s *Screens) MenuItems() []*fyne.MenuItem {
	item := func(label string, key fyne.KeyName, do func()) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, do)
		m.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
		return m
	}
	goTo := func(section int, do func()) func() {
		return func() {
			s.Tabs.SelectIndex(section)
			do()
		}
	}
	return []*fyne.MenuItem{
		item(lang.L("New goods receipt"), fyne.KeyR, goTo(receiptsSection, s.Receipts.New)),
		item(lang.L("New order"), fyne.KeyO, goTo(ordersSection, s.Orders.New)),
		item(lang.L("Serial search"), fyne.KeyF, goTo(searchSection, s.Search.Focus)),
		fyne.NewMenuItemSeparator(),
		item(lang.L("New (in this section)"), fyne.KeyN, func() { s.press(s.sectionButtons().add) }),
		item(lang.L("Save"), fyne.KeyS, func() { s.press(s.sectionButtons().save) }),
		item(lang.L("Confirm the receipt, or save the order"), fyne.KeyReturn, func() { s.press(s.sectionButtons().confirm) }),
	}
}

// pressable is what a keyboard shortcut presses: a button of any kind.
type pressable interface {
	fyne.Tappable
	fyne.Disableable
	Visible() bool
}

// sectionButtons are the buttons Ctrl+N, Ctrl+S and Ctrl+Enter press in the
// section shown; nil where the section has none.
func (s *Screens) sectionButtons() (b struct{ add, save, confirm pressable }) {
	switch s.Tabs.SelectedIndex() {
	case itemsSection:
		b.add, b.save = s.Items.add, s.Items.card.save
	case receiptsSection:
		b.add, b.save, b.confirm = s.Receipts.add, s.Receipts.saveDraft, s.Receipts.confirm
	case ordersSection:
		b.add, b.save, b.confirm = s.Orders.add, s.Orders.save, s.Orders.save
	case supplierReturnsSection:
		b.add, b.save, b.confirm = s.Returns.add, s.Returns.save, s.Returns.save
	case partiesSection:
		b.add, b.save = s.Parties.add, s.Parties.save
	case entitiesSection:
		b.add, b.save = s.Entities.add, s.Entities.save
	}
	return b
}

// press presses a button as a click would, if it is there to be clicked:
// shown, enabled, and not behind a dialog.
func (s *Screens) press(b pressable) {
	if b == nil || !b.Visible() || b.Disabled() || s.env.Window.Canvas().Overlays().Top() != nil {
		return
	}
	b.Tapped(&fyne.PointEvent{})
}

// OfferExamples asks, on an empty register, whether to load the example
// data, so that a newcomer can try every screen at once.
func (s *Screens) OfferExamples(env *Env) {
	background(env, env.Reg.IsEmpty, func(empty bool, err error) {
		if err != nil || !empty {
			return
		}
		// Loading is not the default: the examples go into the real register.
		env.ask(lang.L("Welcome to Serialdesk"),
			lang.L("The register is empty. Load the example data (chainsaws with serial numbers, an Audi A6 with its entities, a few receipts and orders) to try every screen?\n\nLeave it empty to start with your own items."),
			lang.L("Load the examples"), theme.DownloadIcon(), func() {
				background(env, func() (bool, error) { return true, env.Reg.LoadExamplesIn(speaker) }, func(_ bool, err error) {
					if err != nil {
						env.showError(err)
						return
					}
					s.Reload()
				})
			}, lang.L("Start empty"), theme.ContentAddIcon(), nil)
	})
}

// RemoveExamplesItem is the menu item that takes the example data out
// again, while nothing else was entered, so that a shop that tried
// Serialdesk starts on its own items.
func (s *Screens) RemoveExamplesItem() *fyne.MenuItem {
	env := s.env
	return fyne.NewMenuItem(lang.L("Remove the example data…"), func() {
		env.ask(lang.L("Remove the example data?"), lang.L("Remove the example items, receipts, orders, entities, brands and models, and start on an empty register? "+
			"This works while nothing else was entered."), lang.L("Remove"), theme.DeleteIcon(), func() {
			background(env, func() (struct{}, error) { return struct{}{}, env.Reg.RemoveExamples() }, func(_ struct{}, err error) {
				if err != nil {
					env.showError(err)
					return
				}
				s.Reload()
				env.ShowMessage(lang.L("Example data removed"), lang.L("The register is empty: add your own items, or import your opening stock under Items."))
			})
		}, lang.L("Keep them"), theme.CancelIcon(), nil)
	})
}

// Reload shows the register afresh on every screen.
func (s *Screens) Reload() {
	s.Items.reload()
	s.Receipts.reload()
	s.Receipts.editor.loadItems()
	s.Orders.reload()
	s.Orders.editor.loadItems()
	s.Returns.reload()
	s.Returns.editor.loadItems()
	s.Search.loadItems()
	s.Search.search()
	s.Parties.Reload()
	s.Entities.Reload()
	s.Models.Reload()
}

// focus brings the section shown up to date with what other sections
// changed (a new item, a new model) and puts the cursor where work starts.
func (s *Screens) focus() {
	switch s.Tabs.SelectedIndex() {
	case itemsSection:
		s.Items.reload()
		s.Items.card.loadModels(s.Items.card.selectedModel()) // keeping a choice not saved yet
		s.Items.card.changedElsewhere()                       // its counts after a sale
	case receiptsSection:
		s.Receipts.editor.loadItems()
		s.Receipts.Focus()
	case ordersSection:
		s.Orders.editor.loadItems()
		s.Orders.Focus()
	case supplierReturnsSection:
		s.Returns.editor.loadItems()
		s.Returns.Focus()
	case searchSection:
		s.Search.loadItems()
		s.Search.search()
		s.Search.Focus()
	case partiesSection:
		s.Parties.Reload() // the ones documents added
		s.Parties.showPage()
	case entitiesSection:
		s.Entities.Reload()
		s.Entities.showAfresh() // its documents after a receipt or an order
	case modelsSection:
		s.Models.Reload()
	}
}

// Leave runs then (quitting) once what is typed and not saved, on a goods
// receipt, an order, an item card or an entity, is saved or given up.
func (s *Screens) Leave(then func()) {
	what, dirty := "", true
	switch {
	case s.Receipts.editor.dirty:
		what = lang.L(receiptKind.the)
	case s.Orders.editor.dirty:
		what = lang.L(orderKind.the)
	case s.Returns.editor.dirty:
		what = lang.L(supplierReturnKind.the)
	case s.Items.card.dirty:
		what = lang.L("The item card")
	case s.Entities.dirty:
		what = lang.L("The entity")
	case s.Parties.dirty:
		what = partyWords(s.Parties.party.Kind, "The customer card", "The supplier card")
	default:
		dirty = false
	}
	s.env.leave(what, dirty, then, func() {})
}
