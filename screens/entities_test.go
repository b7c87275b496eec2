package screens

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func TestCreateAnEntityInAdvance(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewEntities(env)
	env.show(s.Content())
	require.Len(t, s.rows, 3)

	test.Tap(findButton(s.view, "New entity"))
	assert.Equal(t, "New entity", s.title.Text)
	s.model.SetSelected("Audi A6")
	row := s.params.Objects[0].(*fyne.Container).Objects
	assert.Equal(t, "serial number", row[0].(*entry).Text, "the serial parameter is ready")
	test.Type(row[1].(*entry), "xy123n07")
	test.Tap(findButton(s.view, "Add parameter"))
	row = s.params.Objects[1].(*fyne.Container).Objects
	test.Type(row[0].(*entry), "colour")
	test.Type(row[1].(*entry), "Glacier white")
	test.Tap(s.save)
	env.settle()
	assert.Equal(t, "Project P-000004", s.title.Text)
	assert.Len(t, s.rows, 4)

	// Receiving that serial later assigns it to the same project number.
	car, err := env.Reg.ItemByNo("NEW-A6")
	require.NoError(t, err)
	_, err = env.Reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: car.ID, Quantity: 1, Serials: []string{"XY123N07"}}}})
	require.NoError(t, err)
	page, err := env.Reg.SearchSerials(core.SerialQuery{Text: "XY123N07"})
	require.NoError(t, err)
	assert.Equal(t, "P-000004", page.Rows[0].Project.String())

	// A second entity with the same serial is refused, with the reason.
	test.Tap(findButton(s.view, "New entity"))
	s.model.SetSelected("Audi A6")
	test.Type(s.params.Objects[0].(*fyne.Container).Objects[1].(*entry), "XY123N07")
	test.Tap(s.save)
	env.settle()
	assert.Equal(t, "Project P-000004 of this model already has serial number XY123N07", s.problems.Text)
}

func TestAddBrandsAndModels(t *testing.T) {
	env := newTestEnv(t)
	s := NewModels(env)
	env.show(s.Content())
	assert.True(t, s.modelName.Disabled(), "a model needs its brand first")
	test.Type(s.brandName, "Stihl")
	s.brandName.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	env.settle()
	require.Len(t, s.brands, 1)
	assert.Equal(t, "Models of Stihl", s.modelTitle.Text, "the new brand is chosen")
	test.Type(s.modelName, "MS 500i")
	test.Tap(s.addModel)
	env.settle()
	require.Len(t, s.models, 1)
	assert.Equal(t, "MS 500i", s.models[0].Name)

	test.Type(s.brandName, "stihl")
	test.Tap(findButton(s.view, "Add brand"))
	env.settle()
	assert.NotNil(t, env.Window.Canvas().Overlays().Top(), "a brand twice is refused in a dialog")
	assert.Len(t, s.brands, 1)
}

func TestRenameBrandAndModel(t *testing.T) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewModels(env)
	env.show(s.Content())
	s.brandList.Select(0) // Audi
	env.settle()
	test.Tap(findButton(s.view, "Rename brand…"))
	overlay := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay)
	var name *entry
	for _, o := range test.LaidOutObjects(overlay) {
		if e, ok := o.(*entry); ok && e.Text == "Audi" {
			name = e
		}
	}
	require.NotNil(t, name)
	require.Equal(t, name, env.Window.Canvas().Focused(), "the cursor is in the name")
	name.SetText("Audi AG")
	enter(env)
	env.settle()
	assert.Equal(t, "Models of Audi AG", s.modelTitle.Text)
	assert.Equal(t, "Audi AG", s.brands[0].Name)

	s.modelList.Select(1) // A6
	s.rename("A6 Avant", func(n string) (string, error) {
		m, err := env.Reg.SaveModel(core.Model{ID: s.model.ID, Brand: s.model.Brand, Name: n})
		return m.Name, err
	}, func(string) {})
	env.settle()
	assert.Equal(t, "A6 Avant", s.models[1].Name)
	assert.Equal(t, "sold as item NEW-A6 NEW AUDI A6", "sold as item "+s.models[1].ItemLabel, "the item keeps its model")
}
