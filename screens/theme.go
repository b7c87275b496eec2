package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme is Fyne's theme with disabled text that can still be read (grey,
// not nearly white): a confirmed receipt shows its fields disabled, and
// staff must read them at a glance.
func Theme() fyne.Theme { return readableTheme{theme.DefaultTheme()} }

type readableTheme struct{ fyne.Theme }

func (t readableTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if name == theme.ColorNameDisabled {
		if v == theme.VariantDark {
			return color.NRGBA{R: 0x80, G: 0x80, B: 0x82, A: 0xff}
		}
		return color.NRGBA{R: 0x8c, G: 0x8c, B: 0x8c, A: 0xff}
	}
	return t.Theme.Color(name, v)
}
