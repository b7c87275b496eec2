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
}

// Main builds every screen, opening on the section shown last.
func Main(env *Env) *Screens {
	s := &Screens{Items: NewItems(env), Receipts: NewReceipts(env)}
	s.Tabs = container.NewAppTabs(
		container.NewTabItem("Items", s.Items.Content()),
		container.NewTabItem("Goods receipts", s.Receipts.Content()),
	)
	for _, name := range Sections[2:] {
		s.Tabs.Append(container.NewTabItem(name, widget.NewLabel(name+": coming in the next release.")))
	}
	s.Tabs.SetTabLocation(container.TabLocationLeading)
	s.Tabs.SelectIndex(env.Prefs.IntWithFallback(lastSectionKey, 0))
	s.Tabs.OnSelected = func(*container.TabItem) { env.Prefs.SetInt(lastSectionKey, s.Tabs.SelectedIndex()) }
	return s
}
