package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

// Each way records can disagree with the documents is found and named, all
// at once.
func TestCheckFindsWhatDisagreesWithTheDocuments(t *testing.T) {
	store := datatest.MustOpen(t, "")
	reg := core.New(store)
	s := &shop{t: t, reg: reg}
	var err error
	s.chainsaw, err = reg.SaveItem(core.Item{No: "CS-500", Name: "Chainsaw 500", UseSerial: true, Pattern: "996******"})
	require.NoError(t, err)
	rc := s.receive(s.chainsaw, "996AAAAA1", "996AAAAA2", "996AAAAA3", "996AAAAA4")
	s.sell(s.chainsaw, "996AAAAA1")
	found, err := reg.Check()
	require.NoError(t, err)
	require.Empty(t, found, "a register kept by the rules is consistent")

	require.NoError(t, store.Update(func(tx core.Tx) error {
		// A unit counted twice, a serial lost, one sold on no order, one
		// belonging to an entity that is gone.
		if err := tx.PutStock(s.chainsaw.ID, core.Stock{Purchased: 5, Sold: 1}); err != nil {
			return err
		}
		if err := tx.DeleteSerial(s.chainsaw.ID, "996AAAAA2"); err != nil {
			return err
		}
		rec, err := tx.Serial(s.chainsaw.ID, "996AAAAA3")
		if err != nil {
			return err
		}
		rec.State, rec.Sold = core.Sold, &core.Movement{Doc: core.DocRef{Kind: core.OrderDoc, ID: 99}}
		if err := tx.PutSerial(rec); err != nil {
			return err
		}
		rec, err = tx.Serial(s.chainsaw.ID, "996AAAAA4")
		if err != nil {
			return err
		}
		rec.Project = 77
		return tx.PutSerial(rec)
	}))
	found, err = reg.Check()
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{
		"item CS-500: stock says 5 purchased, 1 sold, 0 returned, 0 to the supplier; the documents add up to 4, 1, 0, 0",
		rc.Ref().String() + " lists item CS-500, serial 996AAAAA2, which is not registered",
		"item CS-500, serial 996AAAAA3: sold, but no standing order that it names lists it",
		"item CS-500, serial 996AAAAA4: belongs to " + core.ProjectNo(77).String() + ", which does not exist",
	}, englishOf(found))
}
