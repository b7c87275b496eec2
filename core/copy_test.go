package core_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/core/storetest"
	"serialdesk/data/datatest"
)

// A register that went through every kind of work is copied whole: every
// record, history line and counter, and the copy is in order.
func TestCopyRegisterKeepsEverything(t *testing.T) {
	from := datatest.NewStore(t)
	s := newShopOn(t, from)
	drill, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true})
	require.NoError(t, err)
	w := &randomWork{s: s, rnd: rand.New(rand.NewPCG(7, 1)), items: []core.Item{s.chainsaw, drill, s.audi, s.bolts}}
	for range 120 {
		w.step()
	}
	before := storetest.Dump(t, from)

	to := datatest.NewStore(t)
	var heard []int
	copied, err := core.CopyRegister(from, to, func(n int) { heard = append(heard, n) })
	require.NoError(t, err)
	require.Equal(t, before, storetest.Dump(t, to))
	require.Equal(t, before, storetest.Dump(t, from), "the source is unchanged")
	require.NotEmpty(t, heard)

	page, err := s.reg.SearchSerials(core.SerialQuery{Limit: 1})
	require.NoError(t, err)
	require.Equal(t, page.Total, copied.Serials)
	require.Positive(t, copied.Events)

	copy := core.New(to)
	found, err := copy.Check()
	require.NoError(t, err)
	require.Empty(t, found)
	// The copy numbers new documents on from where the register left off.
	a, err := s.reg.ConfirmReceipt(core.Receipt{Supplier: "S", Lines: []core.ReceiptLine{{Item: s.bolts.ID, Quantity: 1}}})
	require.NoError(t, err)
	b, err := copy.ConfirmReceipt(core.Receipt{Supplier: "S", Lines: []core.ReceiptLine{{Item: s.bolts.ID, Quantity: 1}}})
	require.NoError(t, err)
	require.Equal(t, a.ID, b.ID)
}

func TestCopyRegisterRefusesARegisterThatHoldsAnything(t *testing.T) {
	from, to := datatest.NewStore(t), datatest.NewStore(t)
	_, err := core.New(to).SaveItem(core.Item{No: "X", Name: "Kept"})
	require.NoError(t, err)
	_, err = core.CopyRegister(from, to, nil)
	require.Equal(t, core.Conflict, core.ErrorCode(err))
	require.Contains(t, core.English.Error(err), "not empty")
	items, err := core.New(to).Items("")
	require.NoError(t, err)
	require.Len(t, items, 1)
}
