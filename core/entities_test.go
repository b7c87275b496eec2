package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func TestEntityCreatedOnStockUpdate(t *testing.T) {
	s := newShop(t)
	rc := s.receive(s.audi, "xy123abc", "XY123ABD")
	rec, _ := s.serial(s.audi, "XY123ABC")
	require.NotZero(t, rec.Project)
	e, err := s.reg.Entity(rec.Project)
	require.NoError(t, err)
	assert.Equal(t, s.a6.ID, e.Model)
	assert.Equal(t, []core.Param{{Name: "serial number", Value: "XY123ABC"}}, e.Params)
	assert.Equal(t, []core.DocRef{rc.Ref()}, e.Docs)
	assert.Equal(t, rc.Ref(), e.CreatedBy)
	assert.Equal(t, []string{"received GR-000001", "entity created GR-000001"}, s.history(s.audi, "XY123ABC"))

	other, _ := s.serial(s.audi, "XY123ABD")
	assert.Equal(t, rec.Project+1, other.Project, "project numbers are sequential")

	// Selling links the same entity to the order.
	o := s.sell(s.audi, "XY123ABC")
	e, err = s.reg.Entity(rec.Project)
	require.NoError(t, err)
	assert.Equal(t, []core.DocRef{rc.Ref(), o.Ref()}, e.Docs)
	sold, _ := s.serial(s.audi, "XY123ABC")
	assert.Equal(t, rec.Project, sold.Project)
}

func TestEntityCreatedInAdvanceKeepsItsProjectNumber(t *testing.T) {
	s := newShop(t)
	e, err := s.reg.SaveEntity(core.Entity{Model: s.a6.ID, Params: []core.Param{
		{Name: "Serial number", Value: " xy123k01 "}, {Name: "colour", Value: "Mythos black"}}})
	require.NoError(t, err)
	assert.Equal(t, "XY123K01", e.Params[0].Value, "the serial parameter is normalized")
	assert.Equal(t, "P-000001", e.No.String())

	rc := s.receive(s.audi, "XY123K01")
	rec, _ := s.serial(s.audi, "XY123K01")
	assert.Equal(t, e.No, rec.Project, "the receipt is assigned to the entity made in advance")
	all, err := s.reg.Entities("")
	require.NoError(t, err)
	assert.Len(t, all, 1, "no second entity")
	e, err = s.reg.Entity(e.No)
	require.NoError(t, err)
	assert.Equal(t, []core.DocRef{rc.Ref()}, e.Docs)
	assert.Equal(t, []string{"received GR-000001", "entity linked GR-000001"}, s.history(s.audi, "XY123K01"))

	// Cancelling the receipt keeps the entity made by hand.
	_, err = s.reg.CancelReceipt(rc.ID)
	require.NoError(t, err)
	e, err = s.reg.Entity(e.No)
	require.NoError(t, err)
	assert.Empty(t, e.Docs)
}

func TestEntityCreatedOnSave(t *testing.T) {
	s := newShop(t)
	// Not received, but the item creates entities on save: selling is allowed.
	o := s.sell(s.audi, "XY123Z01")
	rec, ok := s.serial(s.audi, "XY123Z01")
	require.True(t, ok)
	assert.Equal(t, core.Sold, rec.State)
	e, err := s.reg.Entity(rec.Project)
	require.NoError(t, err)
	assert.Equal(t, o.Ref(), e.CreatedBy)
	assert.Equal(t, []string{"sold SO-000001", "entity created SO-000001"}, s.history(s.audi, "XY123Z01"))

	// Cancelling the order takes away the entity it made, untouched since.
	_, err = s.reg.CancelOrder(o.ID)
	require.NoError(t, err)
	_, err = s.reg.Entity(rec.Project)
	assert.Equal(t, core.NotFound, core.ErrorCode(err))
	_, ok = s.serial(s.audi, "XY123Z01")
	assert.False(t, ok)
}

func TestEntityEditedByHandSurvivesCancel(t *testing.T) {
	s := newShop(t)
	rc := s.receive(s.audi, "XY123E01")
	rec, _ := s.serial(s.audi, "XY123E01")
	e, err := s.reg.Entity(rec.Project)
	require.NoError(t, err)
	e.Params = append(e.Params, core.Param{Name: "mileage", Value: "12 km"})
	_, err = s.reg.SaveEntity(e)
	require.NoError(t, err)

	_, err = s.reg.CancelReceipt(rc.ID)
	require.NoError(t, err)
	e, err = s.reg.Entity(rec.Project)
	require.NoError(t, err, "work done on the entity is never thrown away")
	assert.Empty(t, e.Docs)
	assert.Equal(t, rc.Ref(), e.CreatedBy)
}

func TestEntityRulesFollowTheItemCard(t *testing.T) {
	s := newShop(t)
	brand, err := s.reg.SaveBrand(core.Brand{Name: "Stihl"})
	require.NoError(t, err)
	model, err := s.reg.SaveModel(core.Model{Brand: brand.ID, Name: "MS 500i"})
	require.NoError(t, err)
	// Linked to a model, but no automatic creation, and the serial lives in "VIN".
	saw, err := s.reg.SaveItem(core.Item{No: "MS500", Name: "Stihl MS 500i", UseSerial: true, Model: model.ID, SerialParam: "VIN",
		CreateEntity: true, CreateOnSave: true})
	require.NoError(t, err)
	s.receive(saw, "S-1")
	rec, _ := s.serial(saw, "S-1")
	assert.Zero(t, rec.Project, "no entity without Create on stock update")

	e, err := s.reg.SaveEntity(core.Entity{Model: model.ID, Params: []core.Param{{Name: "vin", Value: "s-2"}}})
	require.NoError(t, err)
	s.receive(saw, "S-2")
	rec, _ = s.serial(saw, "S-2")
	assert.Equal(t, e.No, rec.Project, "an entity made in advance is found by the item's serial parameter")

	_, err = s.reg.SaveEntity(core.Entity{Model: model.ID, Params: []core.Param{{Name: "VIN", Value: "S-2"}}})
	assert.Equal(t, core.Conflict, core.ErrorCode(err))
	assert.Equal(t, "Project P-000001 of this model already has VIN S-2", core.English.Error(err))
}

func TestSaveEntityChecks(t *testing.T) {
	s := newShop(t)
	_, err := s.reg.SaveEntity(core.Entity{Model: s.a6.ID, Params: []core.Param{{Name: "serial number", Value: "AB"}}})
	requireProblems(t, err, core.Invalid, said{Line: 1, Serial: "AB", Reason: "2 characters, the pattern XY123*** needs 8"})
	_, err = s.reg.SaveEntity(core.Entity{Model: s.a6.ID, Params: []core.Param{
		{Name: "colour", Value: "red"}, {Name: "Colour", Value: "blue"}, {Name: "", Value: "x"}, {Name: "", Value: ""}}})
	requireProblems(t, err, core.Invalid,
		said{Line: 2, Reason: `parameter "Colour" is there twice`},
		said{Line: 3, Reason: "the parameter has a value but no name"})
	_, err = s.reg.SaveEntity(core.Entity{})
	assert.Equal(t, core.NotFound, core.ErrorCode(err))

	e, err := s.reg.SaveEntity(core.Entity{Model: s.a6.ID, Params: []core.Param{{Name: "colour", Value: "red"}}})
	require.NoError(t, err)
	rows, err := s.reg.Entities("audi")
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, "Audi A6", rows[0].Model)
	rows, err = s.reg.Entities("green")
	require.NoError(t, err)
	assert.Empty(t, rows)

	e.No = 77
	_, err = s.reg.SaveEntity(e)
	assert.Equal(t, core.NotFound, core.ErrorCode(err))
}
