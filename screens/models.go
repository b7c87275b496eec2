package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// Models is the brand/model registry: brands on the left, the chosen
// brand's models (and the item that sells each) on the right.
type Models struct {
	env        *Env
	brands     []core.Brand
	models     []core.ModelRow
	brand      core.Brand // the brand chosen
	model      core.Model // the model chosen
	brandQuery newest
	modelQuery newest
	brandList  *rowList
	modelList  *rowList
	brandName  *entry
	modelName  *entry
	modelTitle *widget.Label
	addModel   *button
	view       fyne.CanvasObject
}

// NewModels builds the Brands & models screen.
func NewModels(env *Env) *Models {
	s := &Models{env: env, brandName: newEntry(), modelName: newEntry(),
		modelTitle: widget.NewLabelWithStyle(lang.L("Choose a brand"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	s.brandName.SetPlaceHolder(lang.L("new brand, e.g. Audi"))
	s.modelName.SetPlaceHolder(lang.L("new model, e.g. A6"))
	s.brandList = newList(func() int { return len(s.brands) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.brands[id].Name) })
	s.brandList.OnSelected = func(id widget.ListItemID) { s.chooseBrand(s.brands[id]) }
	s.modelList = newList(func() int { return len(s.models) },
		newTwoLineItem,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			m := s.models[id]
			item := lang.L("no item sells this model yet")
			if m.ItemLabel != "" {
				item = Tr("sold as item {{.Item}}", core.Values{"Item": m.ItemLabel})
			}
			setTwoLineItem(o, m.Name, item)
		})
	s.modelList.OnSelected = func(id widget.ListItemID) { s.model = s.models[id].Model }
	addBrand := newButton(lang.L("Add brand"), theme.ContentAddIcon(), s.saveBrand)
	renameBrand := newButton(lang.L("Rename brand…"), theme.DocumentCreateIcon(), func() {
		if b := s.brand; b.ID != 0 {
			s.askName(Tr("Rename brand {{.Brand}}", core.Values{"Brand": b.Name}), b.Name, func(name string) (string, error) {
				saved, err := s.env.Reg.SaveBrand(core.Brand{ID: b.ID, Name: name})
				return saved.Name, err
			}, func(name string) {
				s.brand.Name = name
				s.modelTitle.SetText(Tr("Models of {{.Brand}}", core.Values{"Brand": name}))
			})
		}
	})
	renameModel := newButton(lang.L("Rename model…"), theme.DocumentCreateIcon(), func() {
		if m := s.model; m.ID != 0 {
			s.askName(Tr("Rename model {{.Model}}", core.Values{"Model": m.Name}), m.Name, func(name string) (string, error) {
				saved, err := s.env.Reg.SaveModel(core.Model{ID: m.ID, Brand: m.Brand, Name: name})
				return saved.Name, err
			}, func(name string) { s.model.Name = name })
		}
	})
	deleteBrand := newButton(lang.L("Delete brand…"), theme.DeleteIcon(), func() {
		if b := s.brand; b.ID != 0 {
			env.askDelete(Tr("the brand {{.Brand}} and its models", core.Values{"Brand": b.Name}), func() error { return env.Reg.DeleteBrand(b.ID) }, func() {
				s.brand, s.model = core.Brand{}, core.Model{}
				s.models = nil
				s.modelList.Refresh()
				s.modelTitle.SetText(lang.L("Choose a brand"))
				setEnabled(false, s.addModel, s.modelName)
				s.Reload()
			})
		}
	})
	deleteModel := newButton(lang.L("Delete model…"), theme.DeleteIcon(), func() {
		if m := s.model; m.ID != 0 {
			env.askDelete(Tr("the model {{.Model}}", core.Values{"Model": m.Name}), func() error { return env.Reg.DeleteModel(m.ID) }, s.Reload)
		}
	})
	s.brandName.OnSubmitted = func(string) { s.saveBrand() }
	s.addModel = newButton(lang.L("Add model"), theme.ContentAddIcon(), s.saveModel)
	s.modelName.OnSubmitted = func(string) { s.saveModel() }
	setEnabled(false, s.addModel, s.modelName)
	left := container.NewBorder(container.NewBorder(nil, nil, nil, addBrand, s.brandName), container.NewHBox(renameBrand, deleteBrand), nil, nil, s.brandList)
	right := container.NewBorder(container.NewVBox(s.modelTitle, container.NewBorder(nil, nil, nil, s.addModel, s.modelName)), container.NewHBox(renameModel, deleteModel), nil, nil, s.modelList)
	split := container.NewHSplit(left, right)
	split.Offset = 0.35
	s.view = split
	s.Reload()
	return s
}

// Content is the screen's canvas object.
func (s *Models) Content() fyne.CanvasObject { return s.view }

// Reload fetches the brands and the chosen brand's models.
func (s *Models) Reload() {
	refill(s.env, &s.brandQuery, s.env.Reg.Brands, &s.brands, s.brandList)
	if s.brand.ID != 0 {
		s.chooseBrand(s.brand)
	}
}

func (s *Models) chooseBrand(b core.Brand) {
	s.brand, s.model = b, core.Model{}
	s.modelTitle.SetText(Tr("Models of {{.Brand}}", core.Values{"Brand": b.Name}))
	setEnabled(true, s.addModel, s.modelName)
	refill(s.env, &s.modelQuery, func() ([]core.ModelRow, error) { return s.env.Reg.Models(b.ID) }, &s.models, s.modelList)
}

func (s *Models) saveBrand() {
	name := s.brandName.Text
	background(s.env, func() (core.Brand, error) { return s.env.Reg.SaveBrand(core.Brand{Name: name}) }, func(b core.Brand, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		s.brandName.SetText("")
		s.brand = b
		s.Reload()
	})
}

func (s *Models) saveModel() {
	m := core.Model{Brand: s.brand.ID, Name: s.modelName.Text}
	background(s.env, func() (core.Model, error) { return s.env.Reg.SaveModel(m) }, func(_ core.Model, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		s.modelName.SetText("")
		s.chooseBrand(s.brand)
	})
}

// askName asks for a new name, saves it with save and tells after the name
// saved; the registry shows it at once.
func (s *Models) askName(title, name string, save func(string) (string, error), after func(string)) {
	field := newEntry()
	field.SetText(name)
	s.env.askForm(title, lang.L("Rename"), 0, []*widget.FormItem{widget.NewFormItem(lang.L("New name"), field)}, func() { s.rename(field.Text, save, after) })
}

func (s *Models) rename(name string, save func(string) (string, error), after func(string)) {
	background(s.env, func() (string, error) { return save(name) }, func(saved string, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		after(saved)
		s.Reload()
	})
}
