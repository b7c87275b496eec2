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

// Entities lists the individual items (cars, machines) beside the entity
// editor.
type Entities struct {
	env    *Env
	filter *entry
	query  newest
	list   *rowList
	rows   []core.EntityRow
	models []core.ModelRow

	entity   core.Entity
	title    *widget.Label
	model    *choice
	params   *fyne.Container
	docs     *widget.Label
	notes    *widget.Label // its units' service notes
	notesFor newest
	problems *widget.Label
	save     *button
	add      *button // New entity
	remove   *button // Delete entity…
	dirty    bool    // typed into since shown
	view     fyne.CanvasObject
}

// paramRow is one parameter being edited.
type paramRow struct{ name, value *entry }

// NewEntities builds the Entities screen.
func NewEntities(env *Env) *Entities {
	s := &Entities{env: env, filter: newEntry(), title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		model: newChoice(nil, nil), params: container.NewVBox(), docs: widget.NewLabel(""), notes: widget.NewLabel(""), problems: widget.NewLabel("")}
	s.notes.Wrapping = fyne.TextWrapWord
	s.problems.Importance = widget.DangerImportance
	s.problems.Wrapping = fyne.TextWrapWord
	s.filter.SetPlaceHolder(lang.L("Find by project number, model or any value (serial, colour…)"))
	s.filter.OnChanged = func(string) { s.reload() }
	s.list = newList(
		func() int { return len(s.rows) },
		newTwoLineItem,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := s.rows[id]
			setTwoLineItem(o, r.No.String()+" · "+r.Model, paramSummary(r.Params))
		},
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		e := s.rows[id].Entity
		env.leave(lang.L("The entity"), s.dirty, func() { s.edit(e) }, s.list.UnselectAll)
	}
	s.save = newButton(lang.L("Save entity"), theme.DocumentSaveIcon(), s.saveEntity)
	s.save.Importance = widget.HighImportance
	s.remove = newButton(lang.L("Delete entity…"), theme.DeleteIcon(), func() {
		no := s.entity.No
		env.askDelete(Tr("entity {{.Project}}", core.Values{"Project": no}), func() error { return env.Reg.DeleteEntity(no) }, func() {
			s.edit(core.Entity{})
			s.Reload()
		})
	})
	addParam := newButton(lang.L("Add parameter"), theme.ContentAddIcon(), func() { s.addParam(core.Param{}) })
	s.add = newButton(lang.L("New entity"), theme.ContentAddIcon(), func() {
		env.leave(lang.L("The entity"), s.dirty, func() {
			s.list.UnselectAll()
			s.edit(core.Entity{})
		}, func() {})
	})
	s.model.OnChanged = func(string) { s.dirty = true }
	form := widget.NewForm(widget.NewFormItem(lang.L("Model"), s.model), widget.NewFormItem(lang.L("Documents"), s.docs),
		widget.NewFormItem(lang.L("Service notes"), s.notes))
	editor := container.NewVScroll(container.NewVBox(s.title, form, heading(lang.L("Parameters")), s.params,
		container.NewHBox(addParam), s.problems, container.NewHBox(s.save, s.remove)))
	left := container.NewBorder(container.NewVBox(s.filter, s.add), nil, nil, nil, s.list)
	split := container.NewHSplit(left, editor)
	split.Offset = 0.35
	s.view = split
	s.edit(core.Entity{})
	s.Reload()
	return s
}

// Content is the screen's canvas object.
func (s *Entities) Content() fyne.CanvasObject { return s.view }

func paramSummary(params []core.Param) string {
	parts := make([]string, 0, len(params))
	for _, p := range params {
		parts = append(parts, p.Name+": "+p.Value)
	}
	return strings.Join(parts, " · ")
}

// Reload fetches the models and the entities.
func (s *Entities) Reload() {
	background(s.env, func() ([]core.ModelRow, error) { return s.env.Reg.Models(0) }, func(models []core.ModelRow, err error) {
		if err != nil {
			s.env.readFailed(err)
			return
		}
		s.models = models
		options := make([]string, len(models))
		for i, m := range models {
			options[i] = m.BrandName + " " + m.Name
		}
		chosen, was := s.model.Selected, s.dirty
		s.model.SetOptions(options)
		s.model.SetSelected(chosen) // what is being typed stays
		s.dirty = was
	})
	s.reload()
}

// showAfresh reads the entity shown again, unless something is typed into
// it: a receipt or an order may have linked it since.
func (s *Entities) showAfresh() {
	no := s.entity.No
	if no == 0 || s.dirty {
		return
	}
	background(s.env, func() (core.Entity, error) { return s.env.Reg.Entity(no) }, func(e core.Entity, err error) {
		if err == nil && s.entity.No == no && !s.dirty {
			s.edit(e)
		}
	})
}

func (s *Entities) reload() {
	filter := s.filter.Text
	refill(s.env, &s.query, func() ([]core.EntityRow, error) { return s.env.Reg.Entities(filter) }, &s.rows, s.list)
}

// edit shows an entity (No 0 for a new one, with the serial parameter ready).
func (s *Entities) edit(e core.Entity) {
	s.entity = e
	setVisible(e.No != 0 && len(e.Docs) == 0, s.remove) // one a document names stays
	s.title.SetText(lang.L("New entity"))
	if e.No != 0 {
		s.title.SetText(Tr("Project {{.Project}}", core.Values{"Project": e.No}))
	}
	s.model.ClearSelected()
	for _, m := range s.models {
		if m.ID == e.Model {
			s.model.SetSelected(m.BrandName + " " + m.Name)
		}
	}
	s.params.RemoveAll()
	params := e.Params
	if e.No == 0 && len(params) == 0 {
		params = []core.Param{{Name: core.DefaultSerialParam}}
	}
	for _, p := range params {
		s.addParam(p)
	}
	docs := make([]string, len(e.Docs))
	for i, d := range e.Docs {
		docs[i] = d.String()
	}
	s.docs.SetText(strings.Join(docs, ", "))
	if len(docs) == 0 {
		s.docs.SetText(lang.L("none yet"))
	}
	s.showNotes(e.No)
	s.problems.Hide()
	s.dirty = false
}

// showNotes lists the service notes of the entity's units, one a line.
func (s *Entities) showNotes(no core.ProjectNo) {
	s.notes.SetText(lang.L("none yet"))
	if no == 0 {
		s.notesFor.next()
		return
	}
	latest(s.env, &s.notesFor, func() ([]core.Event, error) { return s.env.Reg.EntityNotes(no) }, func(notes []core.Event) {
		lines := make([]string, len(notes))
		for i, n := range notes {
			lines[i] = formatDate(n.Date) + "  ·  " + n.Note + "  ·  " + n.Serial
		}
		if len(lines) > 0 {
			s.notes.SetText(strings.Join(lines, "\n"))
		}
	})
}

func (s *Entities) addParam(p core.Param) {
	name, value := newEntry(), newEntry()
	name.SetPlaceHolder(lang.L("parameter, e.g. colour"))
	name.SetText(p.Name)
	value.SetText(p.Value)
	name.OnChanged = func(string) { s.dirty = true }
	value.OnChanged = func(string) { s.dirty = true }
	s.params.Add(container.NewGridWithColumns(2, name, value))
}

// typed is the entity as the editor holds it.
func (s *Entities) typed() core.Entity {
	e := s.entity
	e.Model = 0
	for _, m := range s.models {
		if m.BrandName+" "+m.Name == s.model.Selected {
			e.Model = m.ID
		}
	}
	e.Params = nil
	for _, o := range s.params.Objects {
		row := o.(*fyne.Container).Objects
		e.Params = append(e.Params, core.Param{Name: row[0].(*entry).Text, Value: row[1].(*entry).Text})
	}
	return e
}

func (s *Entities) saveEntity() {
	e := s.typed()
	s.save.Disable() // one entity per click, however fast the clicks
	background(s.env, func() (core.Entity, error) { return s.env.Reg.SaveEntity(e) }, func(saved core.Entity, err error) {
		s.save.Enable()
		if err != nil {
			s.problems.SetText(ErrorText(err))
			s.problems.Show()
			return
		}
		s.edit(saved)
		s.reload()
	})
}
