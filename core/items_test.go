package core_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

func TestSaveItemChecksTheCard(t *testing.T) {
	reg := datatest.NewRegister(t)
	tests := []struct {
		name string
		item core.Item
		want []said
	}{
		{"empty", core.Item{}, []said{{Reason: "the item number is empty"}, {Reason: "the name is empty"}}},
		{"bad pattern", core.Item{No: "X", Name: "X", UseSerial: true, Pattern: "99 9"},
			[]said{{Reason: "pattern character 3 (a space) is not allowed; use letters, digits, - / . _ and the wildcards * (letter or digit), # (digit), @ (letter)"}}},
		{"hidden characters", core.Item{No: "A\u202eB", Name: "Saw\x00"},
			[]said{{Reason: `the item number: character 2 '\u202e' (U+202E) is not allowed`}, {Reason: "the name: character 4 (control character U+0000) is not allowed"}}},
		{"too long", core.Item{No: strings.Repeat("N", 41), Name: "x"}, []said{{Reason: "the item number has 41 characters, at most 40 are allowed"}}},
		{"negative price", core.Item{No: "P", Name: "P", Price: -1}, []said{{Reason: "the price cannot be negative"}}},
		{"entity without model", core.Item{No: "E", Name: "E", UseSerial: true, CreateEntity: true},
			[]said{{Reason: "Create entity needs a model: link the item to a model of the brand/model registry"}}},
		{"entity without serials", core.Item{No: "E", Name: "E", Model: 1, CreateEntity: true},
			[]said{{Reason: "Create entity needs Use serial number: the entity keeps the unit's serial"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := reg.SaveItem(tt.item)
			requireProblems(t, err, core.Invalid, tt.want...)
		})
	}
	items, err := reg.Items("")
	require.NoError(t, err)
	assert.Empty(t, items, "a refused card stores nothing")
}

func TestSaveItemNormalizesAndUpdates(t *testing.T) {
	reg := datatest.NewRegister(t)
	it, err := reg.SaveItem(core.Item{No: "  cs-500 ", Name: " Chainsaw ", UseSerial: true, Pattern: " 996****** "})
	require.NoError(t, err)
	assert.NotZero(t, it.ID)
	assert.Equal(t, "cs-500", it.No)
	assert.Equal(t, "996******", it.Pattern)
	assert.Equal(t, core.DefaultSerialParam, it.SerialParam)

	byNo, err := reg.ItemByNo("CS-500")
	require.NoError(t, err)
	assert.Equal(t, it, byNo, "item numbers are found in any case")

	it.No, it.Name = "CS-501", "Chainsaw 501"
	_, err = reg.SaveItem(it)
	require.NoError(t, err)
	_, err = reg.ItemByNo("cs-500")
	assert.Equal(t, core.NotFound, core.ErrorCode(err), "the old number is free again")
	got, err := reg.Item(it.ID)
	require.NoError(t, err)
	assert.Equal(t, "Chainsaw 501", got.Name)

	_, err = reg.SaveItem(core.Item{No: "cs-501", Name: "Another"})
	require.Error(t, err)
	assert.Equal(t, core.Conflict, core.ErrorCode(err))
	assert.Equal(t, "Item number cs-501 is already used by CS-501 Chainsaw 501", core.English.Error(err))

	_, err = reg.SaveItem(core.Item{ID: 999, No: "GHOST", Name: "Ghost"})
	assert.Equal(t, core.NotFound, core.ErrorCode(err))
}

func TestOneItemPerModel(t *testing.T) {
	s := newShop(t)
	_, err := s.reg.SaveItem(core.Item{No: "USED-A6", Name: "USED AUDI A6", Model: s.a6.ID})
	require.Error(t, err)
	assert.Equal(t, core.Conflict, core.ErrorCode(err))
	assert.Equal(t, "Model Audi A6 is already linked to item NEW-A6 NEW AUDI A6; each model can have only one item", core.English.Error(err))

	// Unlinking the first item frees the model.
	s.audi.Model, s.audi.CreateEntity = 0, false
	_, err = s.reg.SaveItem(s.audi)
	require.NoError(t, err)
	used, err := s.reg.SaveItem(core.Item{No: "USED-A6", Name: "USED AUDI A6", Model: s.a6.ID})
	require.NoError(t, err)
	models, err := s.reg.Models(0)
	require.NoError(t, err)
	require.Len(t, models, 1)
	assert.Equal(t, used.ID, models[0].Item)
	assert.Equal(t, "USED-A6 USED AUDI A6", models[0].ItemLabel)

	_, err = s.reg.SaveItem(core.Item{No: "X", Name: "X", Model: 12345})
	assert.Equal(t, core.NotFound, core.ErrorCode(err))
}

func TestItemsFilterAndStock(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996AAAAA1", "996AAAAA2")
	rows, err := s.reg.Items("chain")
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, "CS-500", rows[0].No)
	assert.Equal(t, int64(2), rows[0].Stock.InStock())

	rows, err = s.reg.Items("")
	require.NoError(t, err)
	var nos []string
	for _, r := range rows {
		nos = append(nos, r.No+"|"+r.Model)
	}
	assert.Equal(t, []string{"BOLT-8|", "CS-500|", "NEW-A6|Audi A6"}, nos)
}

func TestBrandsAndModels(t *testing.T) {
	reg := datatest.NewRegister(t)
	audi, err := reg.SaveBrand(core.Brand{Name: "Audi"})
	require.NoError(t, err)
	_, err = reg.SaveBrand(core.Brand{Name: " AUDI "})
	assert.Equal(t, core.Conflict, core.ErrorCode(err))
	_, err = reg.SaveBrand(core.Brand{Name: "  "})
	assert.Equal(t, "The brand name is empty", core.English.Error(err))
	bmw, err := reg.SaveBrand(core.Brand{Name: "BMW"})
	require.NoError(t, err)

	_, err = reg.SaveModel(core.Model{Brand: audi.ID, Name: "A6"})
	require.NoError(t, err)
	_, err = reg.SaveModel(core.Model{Brand: audi.ID, Name: "a6"})
	assert.Equal(t, core.Conflict, core.ErrorCode(err), "model names are unique within a brand")
	_, err = reg.SaveModel(core.Model{Brand: bmw.ID, Name: "A6"})
	require.NoError(t, err, "another brand may use the same model name")
	_, err = reg.SaveModel(core.Model{Name: "Orphan"})
	assert.Equal(t, core.NotFound, core.ErrorCode(err))

	audi.Name = "Audi AG"
	_, err = reg.SaveBrand(audi)
	require.NoError(t, err)
	brands, err := reg.Brands()
	require.NoError(t, err)
	assert.Equal(t, []core.Brand{{ID: audi.ID, Name: "Audi AG"}, bmw}, brands)
	models, err := reg.Models(audi.ID)
	require.NoError(t, err)
	require.Len(t, models, 1)
	assert.Equal(t, "Audi AG", models[0].BrandName)
}
