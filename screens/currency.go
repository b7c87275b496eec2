package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// currency is the shop's currency as the screens show it beside amounts:
// read from the register as the screens start, and again when Settings…
// saves the shop's details.
type currency struct {
	code  string
	shown []func(code string)
}

// showCurrency runs show with the shop's currency now and whenever it
// changes.
func (env *Env) showCurrency(show func(code string)) {
	env.money.shown = append(env.money.shown, show)
	show(env.money.code)
}

func (env *Env) setCurrency(shop core.Shop) {
	env.money.code = shop.CurrencyIn(speaker.Formats)
	for _, show := range env.money.shown {
		show(env.money.code)
	}
}

// readCurrency reads the shop's currency in the background.
func (env *Env) readCurrency() {
	background(env, env.Reg.Shop, func(shop core.Shop, err error) {
		if err != nil {
			env.readFailed(err)
			return
		}
		env.setCurrency(shop)
	})
}

// amountField is an amount's field with the shop's currency after it.
func (env *Env) amountField(field fyne.CanvasObject) fyne.CanvasObject {
	code := widget.NewLabel("")
	env.showCurrency(code.SetText)
	return container.NewBorder(nil, nil, nil, code, field)
}
