package screens

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// Items is the item list beside the item card.
type Items struct {
	env    *Env
	filter *entry
	list   *rowList
	rows   []core.ItemRow
	query  newest
	card   *itemCard
	add    *button // New item
	view   fyne.CanvasObject
}

// NewItems builds the Items screen.
func NewItems(env *Env) *Items {
	s := &Items{env: env, filter: newEntry()}
	s.filter.SetPlaceHolder(lang.L("Find an item by number or name"))
	s.filter.OnChanged = func(string) { s.reload() }
	s.list = newList(
		func() int { return len(s.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel(lang.L("item"))
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := s.rows[id]
			text := row.No + "  " + row.Name
			if row.Stock != (core.Stock{}) {
				text += "  ·  " + Tr("{{.Count}} in stock", core.Values{"Count": row.Stock.InStock()})
			}
			o.(*widget.Label).SetText(text)
		},
	)
	s.card = newItemCard(env, func(it core.Item) { s.reload() })
	s.list.OnSelected = func(id widget.ListItemID) {
		it := s.rows[id].Item
		env.leave(lang.L("The item card"), s.card.dirty, func() { s.card.edit(it) }, s.list.UnselectAll)
	}
	s.add = newButton(lang.L("New item"), theme.ContentAddIcon(), func() {
		env.leave(lang.L("The item card"), s.card.dirty, func() {
			s.list.UnselectAll()
			s.card.edit(core.Item{})
		}, func() {})
	})
	opening := newButton(lang.L("Opening stock…"), theme.FolderOpenIcon(), s.askOpeningStock)
	template := newButton(lang.L("Save template…"), theme.DocumentSaveIcon(), s.askTemplate)
	left := container.NewBorder(container.NewVBox(s.filter, s.add), container.NewVBox(opening, template), nil, nil, s.list)
	split := container.NewHSplit(left, s.card.view)
	split.Offset = 0.2
	s.view = split
	s.reload()
	return s
}

// Content is the screen's canvas object.
func (s *Items) Content() fyne.CanvasObject { return s.view }

func (s *Items) reload() {
	filter := s.filter.Text
	refill(s.env, &s.query, func() ([]core.ItemRow, error) { return s.env.Reg.Items(filter) }, &s.rows, s.list)
}

// itemCard edits one item card: its settings on one tab, its serials on
// the other.
type itemCard struct {
	env     *Env
	item    core.Item
	onSaved func(core.Item)

	no, name, price, pattern, serialParam                                  *entry
	patternHelp, title, problems                                           *widget.Label
	gtin, warranty                                                         *entry
	warrantyFrom                                                           *choice
	useSerial, requireSale, requirePurchase, createEntity, onSave, onStock *check
	vin                                                                    *check
	model                                                                  *choice
	models                                                                 []core.ModelRow
	modelQuery                                                             newest
	save, remove                                                           *button
	overview                                                               *overview
	dirty                                                                  bool // typed into since shown
	notes                                                                  []fieldNote
	tabs                                                                   *container.AppTabs
	view                                                                   fyne.CanvasObject
}

var noModel = words("(no model)")

// warrantyStarts are the choices of when a warranty starts, in
// core.WarrantyStart's order.
var warrantyStarts = []string{words("the sale"), words("the receipt")}

// fieldNote is the line under a field of the item card that says what is
// wrong with it; words are what a problem with the field mentions.
type fieldNote struct {
	words []string
	field fyne.Focusable
	label *widget.Label
}

func newItemCard(env *Env, onSaved func(core.Item)) *itemCard {
	c := &itemCard{env: env, onSaved: onSaved,
		no: newEntry(), name: newEntry(), price: newEntry(), pattern: newEntry(), serialParam: newEntry(),
		gtin: newEntry(), warranty: newEntry(),
		patternHelp: widget.NewLabel(""), title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		problems: widget.NewLabel(""),
	}
	c.problems.Importance = widget.DangerImportance
	c.problems.Wrapping = fyne.TextWrapWord
	c.patternHelp.Wrapping = fyne.TextWrapWord
	c.price.SetPlaceHolder(formatMoney(0))
	c.pattern.SetPlaceHolder(lang.L("e.g. 996******  (* letter or digit, # digit, @ letter)"))
	c.pattern.Validator = func(s string) error {
		_, err := core.ParsePattern(s)
		return err
	}
	c.pattern.OnChanged = func(string) { c.dirty = true; c.explainPattern() }
	changed := func(bool) { c.dirty = true; c.enableSettings() }
	c.useSerial = newCheck(lang.L("Use serial number"), changed)
	c.vin = newCheck(lang.L("Serials are VINs (17 characters, no I, O or Q)"), changed)
	c.gtin.SetPlaceHolder(lang.L("from the maker's barcode: 8 to 14 digits"))
	c.warranty.SetPlaceHolder(lang.L("0 for none"))
	c.warrantyFrom = newChoice(translated(warrantyStarts), func(string) { c.dirty = true })
	c.requireSale = newCheck(lang.L("Require at sale"), changed)
	c.requirePurchase = newCheck(lang.L("Require at purchase"), changed)
	c.createEntity = newCheck(lang.L("Create entity"), changed)
	c.onSave = newCheck(lang.L("Create on save (order)"), changed)
	c.onStock = newCheck(lang.L("Create on stock update (goods receipt)"), changed)
	c.model = newChoice(nil, func(string) { c.dirty = true; c.enableSettings() })
	for _, e := range []*entry{c.no, c.name, c.price, c.serialParam, c.gtin, c.warranty} {
		e.OnChanged = func(string) { c.dirty = true }
	}
	c.save = newButton(lang.L("Save item"), theme.DocumentSaveIcon(), c.saveItem)
	c.save.Importance = widget.HighImportance
	c.remove = newButton(lang.L("Delete item…"), theme.DeleteIcon(), func() {
		it := c.item
		env.askDelete(Tr("the item card {{.Number}}", core.Values{"Number": it.No}), func() error { return env.Reg.DeleteItem(it.ID) }, func() {
			c.edit(core.Item{})
			c.onSaved(core.Item{})
		})
	})

	noted := func(field fyne.Focusable, o fyne.CanvasObject, words ...string) fyne.CanvasObject {
		n := fieldNote{words: words, field: field, label: widget.NewLabel("")}
		n.label.Importance, n.label.Wrapping = widget.DangerImportance, fyne.TextWrapWord
		n.label.Hide()
		c.notes = append(c.notes, n)
		return container.NewVBox(o, n.label)
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Item number"), noted(c.no, c.no, "item number")),
		widget.NewFormItem(lang.L("Name"), noted(c.name, c.name, "name")),
		widget.NewFormItem(lang.L("Default price"), noted(c.price, env.amountField(c.price), "price", "amount")),
	)
	serials := widget.NewForm(
		widget.NewFormItem("", c.useSerial),
		widget.NewFormItem(lang.L("Pattern"), noted(c.pattern, container.NewVBox(c.pattern, c.patternHelp), "pattern")),
		widget.NewFormItem("", c.vin),
		widget.NewFormItem("", container.NewHBox(c.requireSale, c.requirePurchase)),
		widget.NewFormItem(lang.L("GTIN"), noted(c.gtin, c.gtin, "gtin")),
	)
	warranty := widget.NewForm(
		widget.NewFormItem(lang.L("Months"), noted(c.warranty, fixedWidth(120, c.warranty), "warranty")),
		widget.NewFormItem(lang.L("Starts at"), fixedWidth(200, c.warrantyFrom)),
	)
	entities := widget.NewForm(
		widget.NewFormItem(lang.L("Model"), noted(c.model, c.model, "model", "create entity")),
		widget.NewFormItem("", c.createEntity),
		widget.NewFormItem("", container.NewVBox(c.onSave, c.onStock)),
		widget.NewFormItem(lang.L("Serial parameter"), noted(c.serialParam, c.serialParam, "serial parameter")),
	)
	// Save stays where it is under the scrolling settings, whatever
	// problems show above it.
	settings := readingOrder(nil, container.NewVBox(c.problems, container.NewHBox(c.save, c.remove)), container.NewVScroll(container.NewVBox(
		form,
		widget.NewSeparator(), heading(lang.L("Serial numbers")), serials,
		widget.NewSeparator(), heading(lang.L("Warranty")), warranty,
		widget.NewSeparator(), heading(lang.L("Capital goods (brand/model registry)")), entities,
	)))
	c.overview = newOverview(env)
	c.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Item card"), settings),
		container.NewTabItem(lang.L("Serial numbers"), c.overview.view),
	)
	c.view = container.NewBorder(c.title, nil, nil, nil, c.tabs)
	c.edit(core.Item{})
	return c
}

// edit shows an item card (ID 0 for a new one).
func (c *itemCard) edit(it core.Item) {
	c.item = it
	c.no.SetText(it.No)
	c.name.SetText(it.Name)
	c.price.SetText("")
	if it.Price != 0 {
		c.price.SetText(formatMoney(it.Price))
	}
	c.pattern.SetText(it.Pattern)
	c.serialParam.SetText(it.SerialParam)
	if it.ID == 0 {
		c.serialParam.SetText(core.DefaultSerialParam)
	}
	c.useSerial.SetChecked(it.UseSerial)
	c.vin.SetChecked(it.VIN)
	c.gtin.SetText(it.GTIN)
	c.warranty.SetText("")
	if it.WarrantyMonths != 0 {
		c.warranty.SetText(strconv.Itoa(it.WarrantyMonths))
	}
	c.warrantyFrom.SetSelectedIndex(int(it.WarrantyFrom))
	c.requireSale.SetChecked(it.RequireAtSale)
	c.requirePurchase.SetChecked(it.RequireAtPurchase)
	c.createEntity.SetChecked(it.CreateEntity)
	c.onSave.SetChecked(it.CreateOnSave)
	c.onStock.SetChecked(it.CreateOnStockUpdate)
	c.clearProblems()
	setVisible(it.ID != 0, c.remove)
	c.showTitle()
	c.loadModels(it.Model)
	c.explainPattern()
	c.enableSettings()
	c.overview.itemNo = it.No
	c.overview.show(it.ID)
	c.dirty = false
	if it.ID == 0 {
		c.tabs.SelectIndex(0)
		c.tabs.DisableIndex(1)
	} else {
		c.tabs.EnableIndex(1)
	}
}

func (c *itemCard) showTitle() {
	if c.item.ID == 0 {
		c.title.SetText(lang.L("New item"))
		return
	}
	c.title.SetText(c.item.Label())
}

// loadModels fills the model choice from the registry, with selected
// chosen.
func (c *itemCard) loadModels(selected core.ModelID) {
	current := c.modelQuery.next()
	background(c.env, func() ([]core.ModelRow, error) { return c.env.Reg.Models(0) },
		func(models []core.ModelRow, err error) {
			if !current() {
				return // the answer for a card no longer shown
			}
			if err != nil {
				c.env.readFailed(err)
				return
			}
			c.models = models
			options := []string{lang.L(noModel)}
			choice := lang.L(noModel)
			for _, m := range models {
				label := modelLabel(m)
				options = append(options, label)
				if m.ID == selected {
					choice = label
				}
			}
			was := c.dirty // filling the choice is not typing
			c.model.SetOptions(options)
			c.model.SetSelected(choice)
			c.dirty = was
		})
}

// modelLabel names a model in the choice, with the item that holds it.
func modelLabel(m core.ModelRow) string {
	label := m.BrandName + " " + m.Name
	if m.ItemLabel != "" {
		label += "  " + Tr("(item {{.Item}})", core.Values{"Item": strings.SplitN(m.ItemLabel, " ", 2)[0]})
	}
	return label
}

func (c *itemCard) selectedModel() core.ModelID {
	for _, m := range c.models {
		if modelLabel(m) == c.model.Selected {
			return m.ID
		}
	}
	return 0
}

// explainPattern says what the typed pattern means, or why it is refused.
func (c *itemCard) explainPattern() {
	p, err := core.ParsePattern(c.pattern.Text)
	if err != nil {
		c.patternHelp.Importance = widget.DangerImportance
		c.patternHelp.SetText(ErrorText(err))
		return
	}
	c.patternHelp.Importance = widget.MediumImportance
	var parts []string
	for _, part := range p.Describe() {
		parts = append(parts, Say(part))
	}
	c.patternHelp.SetText(strings.Join(parts, ", "))
}

// enableSettings greys out what has no effect with the current choices.
func (c *itemCard) enableSettings() {
	setEnabled(c.useSerial.Checked && !c.vin.Checked, c.pattern)
	setEnabled(c.useSerial.Checked, c.vin, c.requireSale, c.requirePurchase, c.gtin)
	hasModel := c.model.Selected != "" && c.model.Selected != lang.L(noModel)
	setEnabled(c.useSerial.Checked && hasModel, c.createEntity)
	setEnabled(c.useSerial.Checked && hasModel && c.createEntity.Checked, c.onSave, c.onStock, c.serialParam)
}

// setVisible shows what can be done and hides what cannot.
func setVisible(on bool, objects ...fyne.CanvasObject) {
	for _, o := range objects {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

func setEnabled(on bool, widgets ...fyne.Disableable) {
	for _, w := range widgets {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

// typed is the item card as the form holds it.
func (c *itemCard) typed() (core.Item, error) {
	price, err := parseMoney(c.price.Text)
	if err != nil {
		return core.Item{}, err
	}
	months, err := core.ParseMonths(c.warranty.Text)
	if err != nil {
		return core.Item{}, err
	}
	it := c.item
	// A VIN has its own rule: the pattern greyed out under it is not asked for.
	it.VIN, it.GTIN = c.useSerial.Checked && c.vin.Checked, c.gtin.Text
	it.WarrantyMonths, it.WarrantyFrom = months, core.WarrantyStart(max(0, c.warrantyFrom.SelectedIndex()))
	it.No, it.Name, it.Price = c.no.Text, c.name.Text, price
	it.UseSerial, it.Pattern = c.useSerial.Checked, c.pattern.Text
	if c.useSerial.Checked && c.vin.Checked {
		it.Pattern = ""
	}
	it.RequireAtSale, it.RequireAtPurchase = c.requireSale.Checked, c.requirePurchase.Checked
	it.Model = c.selectedModel()
	hasEntities := it.UseSerial && it.Model != 0
	it.CreateEntity = hasEntities && c.createEntity.Checked
	it.CreateOnSave, it.CreateOnStockUpdate = c.onSave.Checked, c.onStock.Checked
	it.SerialParam = c.serialParam.Text
	return it, nil
}

func (c *itemCard) saveItem() {
	it, err := c.typed()
	if err != nil {
		c.showProblems(err)
		return
	}
	c.save.Disable()
	background(c.env, func() (core.Item, error) { return c.env.Reg.SaveItem(it) },
		func(saved core.Item, err error) {
			c.save.Enable()
			if err != nil {
				c.showProblems(err)
				return
			}
			c.edit(saved)
			c.onSaved(saved)
		})
}

// showProblems shows each problem under the field it is about (the rest
// above Save) and puts the cursor in the first such field; the form keeps
// what was typed so the user can fix it.
func (c *itemCard) showProblems(err error) {
	c.clearProblems()
	reasons, whole := []core.Message{core.Told(err)}, true // a message stands alone, a problem's reason after its field
	if problems := core.Problems(err); len(problems) > 0 {
		reasons, whole = reasons[:0], false
		for _, p := range problems {
			reasons = append(reasons, p.Reason)
		}
	}
	var first fyne.Focusable
	var rest []string
	for _, m := range reasons {
		n, reason := c.noteFor(m), Say(m)
		if whole {
			reason = core.Capitalized(reason)
		}
		if n == nil {
			rest = append(rest, reason)
			continue
		}
		if n.label.Visible() {
			n.label.SetText(n.label.Text + "; " + reason)
		} else {
			n.label.SetText(reason)
			n.label.Show()
		}
		if first == nil {
			first = n.field
		}
	}
	if len(rest) > 0 {
		c.problems.SetText(strings.Join(rest, "\n"))
		c.problems.Show()
	}
	if first != nil {
		c.tabs.SelectIndex(0)
		c.env.Window.Canvas().Focus(first)
	}
}

// noteFor is the note of the field a problem is about, nil for none.
func (c *itemCard) noteFor(m core.Message) *fieldNote {
	reason := strings.ToLower(m.String()) // in English, whatever the language shown
	for i, n := range c.notes {
		for _, w := range n.words {
			if strings.Contains(reason, w) {
				return &c.notes[i]
			}
		}
	}
	return nil
}

func (c *itemCard) clearProblems() {
	c.problems.SetText("")
	c.problems.Hide()
	for _, n := range c.notes {
		n.label.Hide()
	}
}

// overview is the "Serial numbers" tab of an item card: the counts and the
// item's serials, filtered by state.
type overview struct {
	env    *Env
	item   core.ItemID
	counts *widget.Label
	itemNo string
	state  *choice
	table  *serialTable
	labels *button // prints the units ticked
	view   fyne.CanvasObject
}

// states are the choices of a state filter, 0 for all.
var states = []core.State{0, core.InStock, core.Sold, core.Returned, core.ToSupplier}

// stateChoices are the state filter's choices, in the order of states.
func stateChoices() []string {
	choices := []string{lang.L("All states")}
	for _, st := range states[1:] {
		choices = append(choices, Say(st.Word()))
	}
	return choices
}

func newOverview(env *Env) *overview {
	columns := append([]serialColumn{tickColumn}, withoutItem(serialColumns)...)
	ov := &overview{env: env, counts: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), table: newSerialTable(env, columns)}
	ov.state = newChoice(stateChoices(), func(string) { ov.show(ov.item) })
	ov.state.SetSelectedIndex(0)
	export := newButton(lang.L("Export…"), theme.DocumentSaveIcon(), func() {
		env.exportQuery(core.SerialQuery{Item: ov.item, State: selectedState(ov.state)})
	})
	ov.labels = newButton(lang.L("Labels"), theme.DocumentPrintIcon(), func() {
		rows := ov.table.tickedRows()
		env.printLabels(Tr("Labels {{.Item}}", core.Values{"Item": rows[0].ItemNo}), func() ([]core.SerialRow, error) { return rows, nil })
	})
	ov.table.onTicked = func(n int) {
		ov.labels.SetText(lang.L("Labels"))
		if n > 0 {
			ov.labels.SetText(lang.L("Labels ({{.Count}})", map[string]any{"Count": n}))
		}
		setEnabled(n > 0, ov.labels)
	}
	ov.table.onTicked(0)
	stock := newButton(lang.L("Stock list"), theme.DocumentPrintIcon(), func() { env.printStockList(ov.item, ov.itemNo) })
	// The counts on a line of their own: beside the filter and the
	// buttons they pushed the table past a 1280 window's edge.
	ov.view = container.NewBorder(container.NewVBox(ov.counts, container.NewHBox(ov.state, ov.table.count, export, ov.labels, stock)),
		nil, nil, nil, ov.table.view)
	return ov
}

// show lists the serials of an item (none for 0).
func (ov *overview) show(id core.ItemID) {
	if id != ov.item {
		ov.table.untickAll() // ticks are for one item's labels
	}
	ov.item = id
	if id == 0 {
		ov.counts.SetText("")
		ov.table.show(nil)
		return
	}
	state := selectedState(ov.state)
	ov.table.show(func(offset, limit int) (core.SerialPage, error) {
		o, err := ov.env.Reg.ItemOverview(id, core.SerialQuery{State: state, Offset: offset, Limit: limit})
		if err == nil && offset == 0 {
			ov.env.OnUI(func() {
				if id == ov.item {
					ov.counts.SetText(Tr("Purchased {{.Purchased}} · Sold {{.Sold}} · Returned {{.Returned}} · To supplier {{.ToSupplier}} · In stock {{.InStock}}",
						core.Values{"Purchased": o.Stock.Purchased, "Sold": o.Stock.Sold, "Returned": o.Stock.Returned, "ToSupplier": o.Stock.ToSupplier, "InStock": o.Stock.InStock()}))
				}
			})
		}
		return o.SerialPage, err
	})
}

// selectedState is the state chosen in a filter, 0 for all.
func selectedState(sel *choice) core.State {
	return states[max(0, sel.SelectedIndex())]
}

func withoutItem(columns []serialColumn) []serialColumn {
	var out []serialColumn
	for _, c := range columns {
		if c.title != "Item" {
			out = append(out, c)
		}
	}
	return out
}
