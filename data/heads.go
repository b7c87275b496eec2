package data

import (
	"github.com/dgraph-io/badger/v4"

	"serialdesk/core"
	"serialdesk/data/record"
)

// addMissingHeads writes the list heads (0x12, 0x13) of documents kept by a
// Serialdesk from before they existed, so that its lists stay complete.
func addMissingHeads(s *Store) error {
	return s.db.Update(func(txn *badger.Txn) error {
		t := &tx{kv: &kv{s: s, txn: txn}}
		if err := missingHeads[record.Receipt](t, pReceipt, pReceiptHead, receiptHead); err != nil {
			return err
		}
		return missingHeads[record.Order](t, pOrder, pOrderHead, orderHead)
	})
}

// receiptHead, orderHead and supplierReturnHead are a document's list head
// in its stored form.
func receiptHead(rc core.Receipt) any { return record.FromReceiptHead(rc.Head()) }
func orderHead(o core.Order) any      { return record.FromOrderHead(o.Head()) }
func supplierReturnHead(sr core.SupplierReturn) any {
	return record.FromSupplierReturnHead(sr.Head())
}

func missingHeads[R interface{ Core() D }, D any](t *tx, docs, heads byte, head func(D) any) error {
	have := map[uint64]bool{}
	if err := t.kv.scan([]byte{heads}, true, func(key, _ []byte) error {
		have[lastUint64(key)] = true
		return nil
	}); err != nil {
		return err
	}
	// Keys only: a document with thousands of serials is read only when
	// its head is missing, not on every start.
	var missing []uint64
	if err := t.kv.scan([]byte{docs}, true, func(key, _ []byte) error {
		if id := lastUint64(key); !have[id] {
			missing = append(missing, id)
		}
		return nil
	}); err != nil {
		return err
	}
	for _, id := range missing {
		doc, err := get[R](t, key(docs, id))
		if err != nil {
			return err
		}
		if err := t.putJSON(key(heads, id), head(doc)); err != nil {
			return err
		}
	}
	return nil
}
