package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme is Fyne's theme with two changes for the counter. Disabled text is
// dark enough to read as text (4.5:1 at least, as WCAG asks): a confirmed
// receipt shows its fields disabled, and staff must read them at a glance.
// Focus is strong enough to see on every control, buttons included: Fyne's
// light focus is a faint blue a clerk could not find.
func Theme() fyne.Theme { return readableTheme{theme.DefaultTheme()} }

type readableTheme struct{ fyne.Theme }

func (t readableTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch name {
	case theme.ColorNameDisabled:
		if v == theme.VariantDark {
			return color.NRGBA{R: 0xa6, G: 0xa6, B: 0xa8, A: 0xff}
		}
		return color.NRGBA{R: 0x5c, G: 0x5c, B: 0x5c, A: 0xff}
	case theme.ColorNameFocus:
		if v == theme.VariantDark {
			return color.NRGBA{R: 0x4d, G: 0x9c, B: 0xff, A: 0x90}
		}
		return color.NRGBA{R: 0x00, G: 0x6c, B: 0xff, A: 0x70}
	}
	return t.Theme.Color(name, v)
}
