package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// What was entered by mistake and left no trace can be deleted; what has
// a history cannot, and the refusal says why.
func TestDeletingWhatLeftNoTrace(t *testing.T) {
	s := newShop(t)

	draft, err := s.reg.SaveReceiptDraft(core.Receipt{Lines: []core.ReceiptLine{{Item: s.bolts.ID, Quantity: 5}}})
	require.NoError(t, err)
	err = s.reg.DeleteItem(s.bolts.ID)
	assert.Equal(t, "BOLT-8 Bolt M8 cannot be deleted: it has been received or sold, or is on a receipt or an order, and its history stays", core.English.Error(err), "a draft names it")
	require.NoError(t, s.reg.DeleteReceiptDraft(draft.ID))
	_, err = s.reg.Receipt(draft.ID)
	assert.Equal(t, core.NotFound, core.ErrorCode(err))
	require.NoError(t, s.reg.DeleteItem(s.bolts.ID), "nothing names it any more")
	_, err = s.reg.ItemByNo("BOLT-8")
	assert.Equal(t, core.NotFound, core.ErrorCode(err))

	rc := s.receive(s.chainsaw, "996000001")
	err = s.reg.DeleteReceiptDraft(rc.ID)
	assert.Equal(t, "GR-000002 is confirmed; only a draft can be deleted (a confirmed receipt is cancelled instead)", core.English.Error(err))
	_, err = s.reg.CancelReceipt(rc.ID)
	require.NoError(t, err)
	assert.Error(t, s.reg.DeleteItem(s.chainsaw.ID), "a cancelled receipt keeps its history")

	// The model NEW-A6 sells cannot go; a model of its own can, and a
	// brand with only such models.
	err = s.reg.DeleteModel(s.a6.ID)
	assert.Equal(t, "Audi A6 cannot be deleted: item NEW-A6 NEW AUDI A6 sells it", core.English.Error(err))
	brand, err := s.reg.SaveBrand(core.Brand{Name: "Stihl"})
	require.NoError(t, err)
	m, err := s.reg.SaveModel(core.Model{Brand: brand.ID, Name: "MS 500i"})
	require.NoError(t, err)
	e, err := s.reg.SaveEntity(core.Entity{Model: m.ID, Params: []core.Param{{Name: core.DefaultSerialParam, Value: "X1"}}})
	require.NoError(t, err)
	err = s.reg.DeleteBrand(brand.ID)
	assert.Equal(t, "Stihl MS 500i cannot be deleted: entity "+e.No.String()+" is of it", core.English.Error(err))
	require.NoError(t, s.reg.DeleteEntity(e.No), "no document names it")
	require.NoError(t, s.reg.DeleteBrand(brand.ID))
	models, err := s.reg.Models(0)
	require.NoError(t, err)
	for _, row := range models {
		assert.NotEqual(t, m.ID, row.ID, "the brand's models went with it")
	}

	received := s.receive(s.audi, "XY123AAA") // makes an entity, named by the receipt
	entities, err := s.reg.Entities("")
	require.NoError(t, err)
	require.NotEmpty(t, entities)
	err = s.reg.DeleteEntity(entities[0].No)
	assert.Equal(t, "Entity "+entities[0].No.String()+" cannot be deleted: "+received.Ref().String()+" names it, and its history stays", core.English.Error(err))
}
