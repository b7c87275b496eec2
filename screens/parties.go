package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// Parties is the register of customers and suppliers: the list of one
// kind, found by name, number or phone, beside the card of the one chosen
// and its page of documents and serials.
type Parties struct {
	env    *Env
	kind   *choice // customers or suppliers
	filter *entry
	query  newest
	list   *rowList
	rows   []core.Party

	party                                        core.Party // the one shown; ID 0 for a new one
	title, problems                              *widget.Label
	no, name, orgNo, phone, email, address, note *entry
	save                                         *button
	saving                                       bool    // a save is on its way: Enter does not send another
	add                                          *button // New customer / New supplier
	remove                                       *button // Delete…
	dirty                                        bool    // typed into since shown

	docs    []core.PartyDocument
	docList *rowList
	serials *serialTable
	export  *button
	pageFor newest
	tabs    *container.AppTabs
	view    fyne.CanvasObject
}

// partyKinds are the kind choice's, in the order of core.PartyKind from 1.
var partyKinds = []string{words("Customers"), words("Suppliers")}

// NewParties builds the Customers & suppliers screen.
func NewParties(env *Env) *Parties {
	s := &Parties{env: env, filter: newEntry(), title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		problems: widget.NewLabel(""), no: newEntry(), name: newEntry(), orgNo: newEntry(), phone: newEntry(), email: newEntry(),
		address: newEntry(), note: newEntry(), serials: newSerialTable(env, serialColumns)}
	s.problems.Importance, s.problems.Wrapping = widget.DangerImportance, fyne.TextWrapWord
	s.problems.Hide()
	s.kind = newChoice(translated(partyKinds), nil)
	s.kind.SetSelectedIndex(0)
	var changed func(string)
	changed = func(string) {
		s.leave(func() {
			s.show(core.Party{Kind: s.selectedKind()})
			s.reload()
		}, func() { // the card stays, and so does its kind
			s.kind.OnChanged = nil
			s.kind.SetSelectedIndex(int(s.party.Kind) - 1)
			s.kind.OnChanged = changed
		})
	}
	s.kind.OnChanged = changed
	s.filter.SetPlaceHolder(lang.L("Find by name, number or phone"))
	s.filter.OnChanged = func(string) { s.reload() }
	s.no.SetPlaceHolder(lang.L("given when saved"))
	for _, e := range []*entry{s.no, s.name, s.orgNo, s.phone, s.email, s.address, s.note} {
		e.OnChanged = func(string) { s.dirty = true }
		e.OnSubmitted = func(string) { s.saveParty() }
	}
	s.list = newList(
		func() int { return len(s.rows) },
		newTwoLineItem,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			p := s.rows[id]
			setTwoLineItem(o, p.Label(), strings.Join(nonEmpty(p.Phone, p.Email), " · "))
		},
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		p := s.rows[id]
		s.leave(func() { s.show(p) }, s.list.UnselectAll)
	}
	s.save = newButton(lang.L("Save"), theme.DocumentSaveIcon(), s.saveParty)
	s.save.Importance = widget.HighImportance
	s.remove = newButton(lang.L("Delete…"), theme.DeleteIcon(), func() {
		p := s.party
		env.askDelete(partyWords(p.Kind, "the customer {{.Name}}", "the supplier {{.Name}}", core.Values{"Name": p.Label()}), func() error { return env.Reg.DeleteParty(p.ID) }, func() {
			s.show(core.Party{Kind: p.Kind})
			s.reload()
		})
	})
	s.add = newButton(lang.L("New"), theme.ContentAddIcon(), func() {
		s.leave(func() {
			s.list.UnselectAll()
			s.show(core.Party{Kind: s.selectedKind()})
			env.Window.Canvas().Focus(s.name)
		}, func() {})
	})
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Name"), s.name),
		widget.NewFormItem(lang.L("Number"), s.no),
		widget.NewFormItem(lang.L("Organisation number"), s.orgNo),
		widget.NewFormItem(lang.L("Phone"), s.phone),
		widget.NewFormItem(lang.L("E-mail"), s.email),
		widget.NewFormItem(lang.L("Address"), s.address),
		widget.NewFormItem(lang.L("Note"), s.note),
	)
	card := readingOrder(nil, container.NewVBox(s.problems, container.NewHBox(s.save, s.remove)), container.NewVScroll(form))

	s.docList = newList(
		func() int { return len(s.docs) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			d := s.docs[id]
			o.(*widget.Label).SetText(strings.Join([]string{d.Ref.String(), formatDate(d.Date), lang.L(d.Status), units(d.Units)}, "  ·  "))
		},
	)
	s.export = newButton(lang.L("Export…"), theme.DocumentSaveIcon(), func() {
		env.askExport(partyWords(s.party.Kind, "Serials of customer {{.Name}}", "Serials of supplier {{.Name}}", core.Values{"Name": s.party.Label()}), s.partySerials(s.party.ID), false)
	})
	serials := container.NewBorder(container.NewHBox(heading(lang.L("Serials")), s.serials.count, s.export), nil, nil, nil, s.serials.view)
	split := container.NewVSplit(container.NewBorder(heading(lang.L("Documents")), nil, nil, nil, s.docList), serials)
	split.Offset = 0.3
	s.tabs = container.NewAppTabs(container.NewTabItem(lang.L("Card"), card), container.NewTabItem(lang.L("Documents and serials"), split))

	left := container.NewBorder(container.NewVBox(s.kind, s.filter, s.add), nil, nil, nil, s.list)
	right := container.NewBorder(s.title, nil, nil, nil, s.tabs)
	view := container.NewHSplit(left, right)
	view.Offset = 0.28
	s.view = view
	s.show(core.Party{Kind: core.Customer})
	s.reload()
	return s
}

// Content is the screen's canvas object.
func (s *Parties) Content() fyne.CanvasObject { return s.view }

func (s *Parties) selectedKind() core.PartyKind {
	return core.PartyKind(max(0, s.kind.SelectedIndex()) + 1)
}

// leave runs then once what was typed on the card shown is saved or given
// up; stay runs when it is kept.
func (s *Parties) leave(then, stay func()) {
	s.env.leave(partyWords(s.party.Kind, "The customer card", "The supplier card"), s.dirty, then, stay)
}

// Reload shows the list afresh, as other sections may have added to it.
func (s *Parties) Reload() { s.reload() }

func (s *Parties) reload() {
	kind, filter := s.selectedKind(), s.filter.Text
	refill(s.env, &s.query, func() ([]core.Party, error) { return s.env.Reg.Parties(kind, filter) }, &s.rows, s.list)
}

// show puts a party on the card, and its documents and serials beside it.
func (s *Parties) show(p core.Party) {
	s.party = p
	for _, f := range []struct {
		e    *entry
		text string
	}{{s.no, p.No}, {s.name, p.Name}, {s.orgNo, p.OrgNo}, {s.phone, p.Phone}, {s.email, p.Email}, {s.address, p.Address}, {s.note, p.Note}} {
		f.e.SetText(f.text)
	}
	s.problems.Hide()
	s.add.SetText(partyWords(p.Kind, "New customer", "New supplier"))
	if p.ID == 0 {
		s.title.SetText(partyWords(p.Kind, "New customer", "New supplier"))
		s.tabs.SelectIndex(0)
		s.tabs.DisableIndex(1)
	} else {
		s.title.SetText(p.Label())
		s.tabs.EnableIndex(1)
	}
	setVisible(p.ID != 0, s.remove)
	s.dirty = false
	s.showPage()
}

// showPage lists the documents and serials of the party shown.
func (s *Parties) showPage() {
	id := s.party.ID
	current := s.pageFor.next()
	if id == 0 {
		s.docs = nil
		s.docList.Refresh()
		s.serials.show(nil)
		return
	}
	background(s.env, func() (core.PartyPage, error) { return s.env.Reg.PartyPage(id, 0, 1) }, func(page core.PartyPage, err error) {
		if !current() {
			return
		}
		if err != nil {
			s.env.readFailed(err)
			return
		}
		s.docs = page.Documents
		s.docList.Refresh()
	})
	s.serials.show(s.partySerials(id))
}

// partySerials fetches the serials a party bought or delivered, a page at
// a time.
func (s *Parties) partySerials(id core.PartyID) fetchFunc {
	return func(offset, limit int) (core.SerialPage, error) {
		page, err := s.env.Reg.PartyPage(id, offset, limit)
		return page.SerialPage, err
	}
}

func (s *Parties) typed() core.Party {
	p := s.party
	p.No, p.Name, p.OrgNo, p.Phone, p.Email, p.Address, p.Note = s.no.Text, s.name.Text, s.orgNo.Text, s.phone.Text, s.email.Text, s.address.Text, s.note.Text
	return p
}

// saveParty saves the card; on problems each is listed and what was typed
// stays.
func (s *Parties) saveParty() {
	if s.saving {
		return
	}
	p := s.typed()
	s.saving = true
	s.save.Disable()
	background(s.env, func() (core.Party, error) { return s.env.Reg.SaveParty(p) }, func(saved core.Party, err error) {
		s.saving = false
		s.save.Enable()
		if err != nil {
			s.problems.SetText(problemsText(err, maxProblemsListed))
			s.problems.Show()
			return
		}
		s.reload()
		if typed := s.typed(); typed.Name != p.Name || typed.No != p.No || typed.OrgNo != p.OrgNo || typed.Phone != p.Phone ||
			typed.Email != p.Email || typed.Address != p.Address || typed.Note != p.Note {
			s.party.ID, s.party.No, s.party.LastChange = saved.ID, saved.No, saved.LastChange // typed on meanwhile: that stays, to save next
			if s.no.Text == "" {
				s.no.SetText(saved.No)
			}
			return
		}
		s.show(saved)
	})
}

// nonEmpty keeps the texts that hold something.
func nonEmpty(texts ...string) []string {
	var out []string
	for _, t := range texts {
		if strings.TrimSpace(t) != "" {
			out = append(out, t)
		}
	}
	return out
}

// partyWords is the text of the kind: each kind's is a text of its own, as
// a language may say "the customer" and "the supplier" differently.
func partyWords(kind core.PartyKind, customer, supplier string, values ...core.Values) string {
	if kind == core.Supplier {
		return Tr(supplier, values...)
	}
	return Tr(customer, values...)
}
