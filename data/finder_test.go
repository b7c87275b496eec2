package data

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// The finder against the plainest model of it, a map, over random changes
// that make it pack its base many times.
func TestFinderAgreesWithAPlainList(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	f := &finder{packAt: 40}
	model := map[entryKey]serialChange{}
	serial := func() string { return fmt.Sprintf("S%d%c", rng.IntN(300), 'A'+rune(rng.IntN(3))) }
	today := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	// No warranty, or one that ends a few days either side of today.
	warranty := func() uint32 { return []uint32{0, warrantyDay(today.AddDate(0, 0, rng.IntN(5)-2))}[rng.IntN(2)] }
	for step := range 3000 {
		var changes []serialChange
		for range 1 + rng.IntN(8) {
			c := serialChange{key: entryKey{serial(), core.ItemID(1 + rng.IntN(3))}, state: core.State(rng.IntN(4)), warranty: warranty()}
			if _, had := model[c.key]; !had && c.state == 0 {
				continue // the store deletes only what it has
			}
			changes = append(changes, c)
			if c.state == 0 {
				delete(model, c.key)
			} else {
				model[c.key] = c
			}
		}
		f.apply(changes)

		q := core.SerialQuery{Text: []string{"", "1", "S2", "0A", "9C", "S"}[rng.IntN(6)], Item: core.ItemID(rng.IntN(4)),
			State: core.State(rng.IntN(4)), Warranty: core.WarrantyFilter(rng.IntN(3)), Today: today,
			Offset: rng.IntN(20), Limit: rng.IntN(30)}
		var want []entryKey
		for k, c := range model {
			end := warrantyEnd(c.warranty)
			underWarranty := !end.IsZero() && !end.Before(today)
			warrantyFits := q.Warranty == core.AnyWarranty || (q.Warranty == core.UnderWarranty) == underWarranty && !end.IsZero()
			if (q.Item == 0 || k.item == q.Item) && (q.State == 0 || slices.Contains(q.States(), c.state)) && warrantyFits &&
				strings.Contains(k.serial, q.Text) {
				want = append(want, k)
			}
		}
		sort.Slice(want, func(i, j int) bool { return want[i].compare(want[j]) < 0 })
		total := len(want)
		want = want[min(q.Offset, len(want)):]
		if q.Limit > 0 {
			want = want[:min(q.Limit, len(want))]
		}
		hits, n := f.search(q)
		require.Equal(t, total, n, "step %d: total of %+v", step, q)
		if len(want) == 0 {
			require.Empty(t, hits, "step %d: %+v", step, q)
		} else {
			require.Equal(t, want, hits, "step %d: page of %+v", step, q)
		}
	}
}

// A hit inside a serial is one entry, however often the text is in it,
// and a hit never reaches across two serials.
func TestFinderCountsEachSerialOnce(t *testing.T) {
	f := &finder{packAt: packAt}
	f.apply([]serialChange{{entryKey{"AAAA", 1}, core.InStock, 0}, {entryKey{"BA", 1}, core.InStock, 0}, {entryKey{"AB", 2}, core.Sold, 0}})
	f.pack()
	hits, n := f.search(core.SerialQuery{Text: "AA"})
	require.Equal(t, 1, n)
	require.Equal(t, []entryKey{{"AAAA", 1}}, hits)
	_, n = f.search(core.SerialQuery{Text: "AB"})
	require.Equal(t, 1, n, "BA followed by AB is not a hit")
	_, n = f.search(core.SerialQuery{Text: "A"})
	require.Equal(t, 3, n)
}

// Read in ranges side by side, the finder is the same as read in one go,
// wherever the ranges are cut.
func TestFinderReadInRangesIsTheSame(t *testing.T) {
	s, err := Open(t.TempDir(), logrus.New())
	require.NoError(t, err)
	defer s.Close()
	reg := core.New(s)
	it, err := reg.SaveItem(core.Item{No: "X", Name: "X", UseSerial: true})
	require.NoError(t, err)
	serials := make([]string, 500)
	for i := range serials {
		serials[i] = fmt.Sprintf("SN%04d", i*7%1000)
	}
	_, err = reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: it.ID, Quantity: len(serials), Serials: serials}}})
	require.NoError(t, err)

	whole, err := loadFinderIn(s.db, nil)
	require.NoError(t, err)
	require.Equal(t, len(serials), whole.base.len())
	for _, bounds := range [][][]byte{
		{serialTextKey(it.ID, "SN0500")},
		{serialTextKey(it.ID, "SN0001"), serialTextKey(it.ID, "SN0333"), serialTextKey(it.ID, "SN0334x")},
		{serialTextKey(it.ID, "A")},      // before every serial: the first range is empty
		{serialTextKey(it.ID, "SN9999")}, // after every serial: the last range is empty
	} {
		parts, err := loadFinderIn(s.db, bounds)
		require.NoError(t, err)
		assert.Equal(t, whole.base, parts.base, "cut at %q", bounds)
	}
}

func TestSplitKeysCutsWhereTablesStart(t *testing.T) {
	left := func(k string) []byte { return append([]byte(k), 0, 0, 0, 0, 0, 0, 0, 1) } // a key with Badger's version
	tables := []badger.TableInfo{
		{Left: left("\x07M"), KeyCount: 100},
		{Left: left("\x07A"), KeyCount: 100},
		{Left: left("\x06A"), KeyCount: 1000}, // another prefix
		{Left: left("\x07T"), KeyCount: 100},
		{Left: left("\x07G"), KeyCount: 100},
	}
	assert.Equal(t, [][]byte{[]byte("\x07M")}, splitKeys(tables, pSerialText, 2))
	assert.Equal(t, [][]byte{[]byte("\x07G"), []byte("\x07M"), []byte("\x07T")}, splitKeys(tables, pSerialText, 4))
	assert.Empty(t, splitKeys(tables, pSerialText, 1), "one core: one range")
	assert.Empty(t, splitKeys(nil, pSerialText, 2), "everything still in the memtable")
}
