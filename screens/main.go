package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// Sections are the parts of the register, in the order of the navigation.
var Sections = []string{"Items", "Goods receipts", "Orders", "Serial search", "Entities", "Brands & models"}

// Main is the content of the main window: one tab per section. The
// sections' screens come with the desktop-app issue; until then each tab
// says what it will hold.
func Main(reg *core.Register) fyne.CanvasObject {
	tabs := container.NewAppTabs()
	for _, s := range Sections {
		tabs.Append(container.NewTabItem(s, widget.NewLabel(s+": coming in the next release.")))
	}
	tabs.SetTabLocation(container.TabLocationLeading)
	return tabs
}
