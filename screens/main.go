package screens

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Sections are the parts of the register, in the order of the navigation.
var Sections = []string{"Items", "Goods receipts", "Orders", "Serial search", "Entities", "Brands & models"}

// lastSectionKey is the preference that remembers the last section shown.
const lastSectionKey = "lastSection"

// Screens is the content of the main window: one tab per section.
type Screens struct {
	Tabs     *container.AppTabs
	Items    *Items
	Receipts *Receipts
	Orders   *Orders
	Search   *Search
}

// Main builds every screen, opening on the section shown last.
func Main(env *Env) *Screens {
	s := &Screens{Items: NewItems(env), Receipts: NewReceipts(env), Orders: NewOrders(env), Search: NewSearch(env)}
	s.Tabs = container.NewAppTabs(
		container.NewTabItem("Items", s.Items.Content()),
		container.NewTabItem("Goods receipts", s.Receipts.Content()),
		container.NewTabItem("Orders", s.Orders.Content()),
		container.NewTabItem("Serial search", s.Search.Content()),
	)
	for _, name := range Sections[4:] {
		s.Tabs.Append(container.NewTabItem(name, widget.NewLabel(name+": coming in the next release.")))
	}
	s.Tabs.SetTabLocation(container.TabLocationLeading)
	s.Tabs.SelectIndex(env.Prefs.IntWithFallback(lastSectionKey, 0))
	s.Tabs.OnSelected = func(*container.TabItem) {
		env.Prefs.SetInt(lastSectionKey, s.Tabs.SelectedIndex())
		s.focus()
	}
	return s
}

// focus puts the cursor where work starts on the section shown.
func (s *Screens) focus() {
	switch s.Tabs.SelectedIndex() {
	case 1:
		s.Receipts.Focus()
	case 2:
		s.Orders.Focus()
	case 3:
		s.Search.Focus()
	}
}
