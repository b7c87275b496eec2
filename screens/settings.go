package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// SettingsItem is the menu item with the shop's details its papers print,
// and this counter's language and labels.
func SettingsItem(env *Env) *fyne.MenuItem {
	return fyne.NewMenuItem(lang.L("Settings…"), func() {
		background(env, env.Reg.Shop, func(shop core.Shop, err error) {
			if err != nil {
				env.readFailed(err)
				return
			}
			env.askShop(shop, "")
		})
	})
}

// askShop asks for the shop's details and this counter's language and
// labels, showing what was typed and why it was refused, so that nothing
// typed is lost.
func (env *Env) askShop(shop core.Shop, problem string) {
	name, address, phone, email, orgNo, money := newEntry(), newEntry(), newEntry(), newEntry(), newEntry(), newEntry()
	for _, f := range []struct {
		e    *entry
		text string
	}{{name, shop.Name}, {address, shop.Address}, {phone, shop.Phone}, {email, shop.Email}, {orgNo, shop.OrgNo}, {money, shop.Currency}} {
		f.e.SetText(f.text)
	}
	address.SetPlaceHolder(lang.L("street, postcode and town"))
	money.SetPlaceHolder(core.Shop{}.CurrencyIn(speaker.Formats))
	if money.PlaceHolder == "" {
		money.SetPlaceHolder(lang.L("none, or a code such as EUR"))
	}
	sizes := env.Papers.LabelSizes()
	names := make([]string, len(sizes))
	for i, s := range sizes {
		names[i] = s.Name
	}
	size := newChoice(names, nil)
	size.SetSelected(env.labelSize().Name)
	qr := widget.NewCheck(lang.L("A QR code beside the barcode, for 2D scanners"), nil)
	qr.SetChecked(env.Prefs.Bool(labelQRKey))
	languageNames := make([]string, len(languages))
	for i, l := range languages {
		languageNames[i] = l.name // each language by its own name
		if l.tag == "" {
			languageNames[i] = lang.L(l.name)
		}
	}
	language := newChoice(languageNames, nil)
	spoken := env.Prefs.String(languageKey)
	for i, l := range languages {
		if l.tag == spoken {
			language.SetSelectedIndex(i)
		}
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Shop name"), name), widget.NewFormItem(lang.L("Address"), address),
		widget.NewFormItem(lang.L("Phone"), phone), widget.NewFormItem(lang.L("E-mail"), email), widget.NewFormItem(lang.L("Org. no."), orgNo),
		widget.NewFormItem(lang.L("Currency"), money),
		widget.NewFormItem(lang.L("Language"), language), widget.NewFormItem(lang.L("Labels"), size), widget.NewFormItem("", qr)}
	if problem != "" {
		why := widget.NewLabel(problem)
		why.Importance, why.Wrapping = widget.DangerImportance, fyne.TextWrapWord
		items = append([]*widget.FormItem{widget.NewFormItem("", why)}, items...)
	}
	env.askForm(lang.L("Settings"), lang.L("Save"), 620, items, func() {
		env.Prefs.SetString(labelSizeKey, sizes[max(0, size.SelectedIndex())].Key)
		env.Prefs.SetBool(labelQRKey, qr.Checked)
		said := "" // once the shop's details are saved
		if chosen := languages[max(0, language.SelectedIndex())]; chosen.tag != spoken {
			// Fyne builds its texts once: the language changes as
			// Serialdesk starts.
			env.Prefs.SetString(languageKey, chosen.tag)
			said = Tr("Serialdesk speaks {{.Language}} from when it starts again.", core.Values{"Language": chosen.name})
			if chosen.tag == "" {
				said = lang.L("Serialdesk speaks the system's language from when it starts again.")
			}
		}
		in := shop
		in.Name, in.Address, in.Phone, in.Email, in.OrgNo, in.Currency = name.Text, address.Text, phone.Text, email.Text, orgNo.Text, money.Text
		background(env, func() (core.Shop, error) { return env.Reg.SaveShop(in) }, func(saved core.Shop, err error) {
			if err == nil {
				env.setCurrency(saved)
			}
			switch {
			case core.ErrorCode(err) == core.Conflict:
				// Saved at another counter meanwhile: what was typed
				// here stays, over the newer revision.
				background(env, env.Reg.Shop, func(now core.Shop, err error) {
					if err != nil {
						env.readFailed(err)
						return
					}
					in.LastChange = now.LastChange
					env.askShop(in, Tr("Another counter changed the shop's details while you had them open. What you typed is kept here: "+
						"save to keep it, or Cancel to keep theirs ({{.Name}}).", core.Values{"Name": now.Name}))
				})
			case err != nil:
				env.askShop(in, ErrorText(err))
			case said != "":
				env.ShowMessage(lang.L("Language"), said)
			}
		})
	})
}
