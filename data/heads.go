package data

import (
	"encoding/json"

	"github.com/dgraph-io/badger/v4"

	"serialdesk/core"
)

// addMissingHeads writes the list heads (0x12, 0x13) of documents kept by a
// Serialdesk from before they existed, so that its lists stay complete.
func addMissingHeads(s *Store) error {
	return s.db.Update(func(txn *badger.Txn) error {
		k := &kv{s: s, txn: txn}
		if err := missingHeads(k, pReceipt, pReceiptHead, core.Receipt.Head); err != nil {
			return err
		}
		return missingHeads(k, pOrder, pOrderHead, core.Order.Head)
	})
}

func missingHeads[D any, H any](k *kv, docs, heads byte, head func(D) H) error {
	have := map[uint64]bool{}
	if err := k.scan([]byte{heads}, true, func(key, _ []byte) error {
		have[lastUint64(key)] = true
		return nil
	}); err != nil {
		return err
	}
	missing := map[uint64][]byte{}
	err := k.scan([]byte{docs}, false, func(dk, val []byte) error {
		id := lastUint64(dk)
		if have[id] {
			return nil
		}
		var doc D
		if err := json.Unmarshal(val, &doc); err != nil {
			return err
		}
		b, err := json.Marshal(head(doc))
		missing[id] = b
		return err
	})
	for id, b := range missing {
		if err != nil {
			break
		}
		err = k.txn.Set(key(heads, id), b)
	}
	return err
}
