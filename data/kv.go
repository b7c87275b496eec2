package data

import (
	"encoding/binary"
	"errors"

	"github.com/dgraph-io/badger/v4"

	"serialdesk/core"
)

// errTooBig tells Update that an operation outgrew one transaction and must
// run again through the journal.
var errTooBig = errors.New("operation too large for one transaction")

// kv is the byte-level view of one operation: a Badger transaction and, for
// operations larger than a transaction, the journal that makes them whole.
type kv struct {
	s       *Store
	txn     *badger.Txn
	count   int64 // entries and bytes written in txn, against the budget
	size    int64
	keys    int64 // entries and raw bytes written in txn, for Store.Written
	bytes   int64
	changes []serialChange // to the text index, for the finder once committed
	redo    []redoEntry    // every write, for the redo log once committed
	logged  int64          // bytes redo takes in the log
	journal *journal       // nil for an operation within one transaction
}

func (k *kv) get(key []byte) ([]byte, error) {
	item, err := k.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, core.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return item.ValueCopy(nil)
}

func (k *kv) set(key, val []byte) error { return k.write(key, val, false) }
func (k *kv) del(key []byte) error      { return k.write(key, nil, true) }

func (k *kv) write(key, val []byte, del bool) error {
	if k.journal != nil {
		if err := k.journal.before(k, key, val); err != nil {
			return err
		}
	} else if k.over(key, val) {
		return errTooBig
	}
	var err error
	if del {
		err = k.txn.Delete(key)
	} else {
		err = k.txn.Set(key, val)
	}
	if errors.Is(err, badger.ErrTxnTooBig) {
		return errTooBig
	}
	if err != nil {
		return err
	}
	if key[0] == pSerialText {
		k.changes = append(k.changes, textChange(key, val))
	}
	k.redo = append(k.redo, redoEntry{key: key, val: val, del: del})
	k.logged += int64(len(key)+len(val)) + 2*binary.MaxVarintLen32 + 1
	k.count++
	k.size += entrySize(key, val)
	k.keys++
	k.bytes += int64(len(key) + len(val))
	return nil
}

// commit commits txn and counts what it wrote. The finder follows at once,
// or, for a journaled operation, when the whole operation is in.
func (k *kv) commit() error {
	if k.journal == nil {
		k.s.find.mu.Lock()
		defer k.s.find.mu.Unlock()
	}
	if err := k.txn.Commit(); err != nil {
		return err
	}
	if k.journal == nil {
		k.s.find.apply(k.changes)
	}
	k.s.wrote(k.keys, k.bytes)
	k.count, k.size, k.keys, k.bytes = 0, 0, 0, 0
	return nil
}

// over reports whether one more entry would leave the budget of a
// transaction.
func (k *kv) over(key, val []byte) bool {
	return k.count+1 >= k.s.whole.count || k.size+entrySize(key, val) >= k.s.whole.size
}

// entrySize is Badger's estimate of what an entry costs in a transaction,
// with room for the version it adds.
func entrySize(key, val []byte) int64 { return int64(len(key)+len(val)) + 2 + 10 }

// scan calls fn for every key with the prefix, in order; val is nil when
// keysOnly. The slices are only valid during the call.
func (k *kv) scan(prefix []byte, keysOnly bool, fn func(key, val []byte) error) error {
	return k.scanFrom(prefix, prefix, keysOnly, fn)
}

// scanFrom is scan starting at the first key at or after start.
func (k *kv) scanFrom(prefix, start []byte, keysOnly bool, fn func(key, val []byte) error) error {
	opts := badger.DefaultIteratorOptions
	opts.Prefix = prefix
	opts.PrefetchValues = !keysOnly
	it := k.txn.NewIterator(opts)
	defer it.Close()
	for it.Seek(start); it.ValidForPrefix(prefix); it.Next() {
		item := it.Item()
		var val []byte
		if !keysOnly {
			var err error
			if val, err = item.ValueCopy(nil); err != nil {
				return err
			}
		}
		if err := fn(item.Key(), val); err != nil {
			return err
		}
	}
	return nil
}
