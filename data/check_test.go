package data_test

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
)

// Damage to the records and indexes under the register, as a torn write
// would leave it, is found and named, all at once.
func TestCheckFindsDamagedRecordsAndIndexes(t *testing.T) {
	s := datatest.MustOpen(t, "")
	reg := core.New(s)
	require.NoError(t, reg.LoadExamples())
	found, err := reg.Check()
	require.NoError(t, err)
	require.Empty(t, found, "the example data is consistent")

	chainsaw, err := reg.ItemByNo("CS-500")
	require.NoError(t, err)
	page, err := reg.SearchSerials(core.SerialQuery{Item: chainsaw.ID, Limit: 3})
	require.NoError(t, err)
	require.Len(t, page.Rows, 3)
	first, second, third := page.Rows[0].Serial.Serial, page.Rows[1].Serial.Serial, page.Rows[2].Serial.Serial

	db := data.RawDB(s)
	require.NoError(t, db.Update(func(txn *badger.Txn) error {
		for _, k := range [][]byte{
			data.ItemNoKey("CS-500"),
			data.SerialTextKey(chainsaw.ID, first),
			data.ReceiptHeadKey(1),
		} {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		if err := txn.Set(data.SerialKey(chainsaw.ID, second), []byte{0xff, 0xff}); err != nil {
			return err
		}
		if err := txn.Set(data.SeqKey("receipt"), binary.BigEndian.AppendUint64(nil, 0)); err != nil {
			return err
		}
		return txn.Set(data.UndoKey(42), []byte{})
	}))
	require.NoError(t, db.DropPrefix(data.EventPrefix(chainsaw.ID, third)))

	checked, err := reg.Check()
	require.NoError(t, err)
	var said []string
	for _, f := range checked {
		said = append(said, f.String())
	}
	id := chainsaw.ID
	for _, want := range []string{
		"item CS-500 is missing from the item number index",
		fmt.Sprintf("item %d, serial %s: in the serial records, not in the serial search index", id, first),
		fmt.Sprintf("item %d, serial %s: in the serial search in memory, not in the serial search index", id, first),
		fmt.Sprintf("item %d, serial %s: the record cannot be read", id, second),
		fmt.Sprintf("item %d, serial %s: registered without any history", id, third),
		"GR-000001 is missing from its list",
		"the goods receipt counter is at 0, but number",
		"operation 42 was interrupted and is still in the journal",
	} {
		assert.True(t, slices.ContainsFunc(said, func(f string) bool { return strings.HasPrefix(f, want) }),
			"%q is reported; found:\n%s", want, strings.Join(said, "\n"))
	}
}
