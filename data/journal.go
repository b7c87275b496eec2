package data

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// An operation larger than one Badger transaction (a receipt of 50,000
// serials) is written in several transactions, each carrying the old values
// of the keys it touches first (an undo record, key 0x10). The last one also
// writes the operation's done marker (0x11). Until the marker is written the
// operation can be rolled back from the undo records; after it, the undo
// records are just deleted. Opening the store finishes whatever a crash
// interrupted: operations with a marker are kept, others rolled back.
//
// While such an operation runs it holds the store's lock exclusively, so no
// one reads its half-written state and no one writes beside it.
type journal struct {
	op     uint64
	chunk  uint32
	undone int64               // bytes of the undo records committed: what a rollback writes
	saved  map[string]struct{} // keys whose old value is recorded
	undo   []byte              // undo record of the current chunk
	budget budget
}

func newJournal(b budget) *journal {
	return &journal{op: uint64(time.Now().UnixNano()), saved: map[string]struct{}{}, budget: b}
}

// before records the old value of a key the first time the operation writes
// it, and moves on to a new transaction when the current one is full.
func (j *journal) before(k *kv, key, val []byte) error {
	if _, ok := j.saved[string(key)]; !ok {
		j.saved[string(key)] = struct{}{}
		item, err := k.txn.Get(key)
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
			j.undo = appendUndo(j.undo, key, nil, false)
		case err != nil:
			return err
		default:
			old, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			j.undo = appendUndo(j.undo, key, old, true)
		}
	}
	undoSize := entrySize(nil, j.undo) + 16
	if k.count+2 >= j.budget.count || k.size+entrySize(key, val)+undoSize >= j.budget.size {
		return j.flush(k, false)
	}
	return nil
}

// flush commits the current transaction with its undo record (and, when
// done, the marker) and starts the next one.
func (j *journal) flush(k *kv, done bool) error {
	if !done { // the last one's room is checked with the redo log's record
		if err := k.s.room(3 * k.size); err != nil {
			return err
		}
	}
	undo := key(pUndo, j.op, j.chunk)
	if err := k.txn.Set(undo, j.undo); err != nil {
		return err
	}
	k.keys, k.bytes = k.keys+1, k.bytes+int64(len(undo)+len(j.undo))
	if done {
		if err := k.txn.Set(key(pDone, j.op), nil); err != nil {
			return err
		}
		k.keys, k.bytes = k.keys+1, k.bytes+9
	}
	if err := k.commit(); err != nil {
		return err
	}
	j.chunk++
	j.undone += int64(len(j.undo))
	j.undo = nil
	k.txn = k.s.db.NewTransaction(true)
	return nil
}

// commit makes the operation whole and durable, then drops its undo
// records. A failure after the marker is only logged: the operation stands,
// and the next open clears what is left.
func (j *journal) commit(k *kv) error {
	if err := k.s.commitDurably(k, func() error { return j.flush(k, true) }); err != nil {
		return err
	}
	k.s.find.mu.Lock()
	k.s.find.apply(k.changes)
	k.s.find.mu.Unlock()
	k.txn.Discard()
	keys, bytes, err := forgetOp(k.s.db, j.op)
	if err != nil {
		k.s.log.WithError(err).Warn("could not clear the journal of a finished operation; it is cleared on the next start")
	}
	k.s.wrote(keys, bytes)
	return nil
}

// journalLeft reports whether a crash left an operation in the journal.
func journalLeft(db *badger.DB) (bool, error) {
	left := false
	err := db.View(func(txn *badger.Txn) error {
		for _, p := range []byte{pUndo, pDone} {
			if err := (&kv{txn: txn}).scan([]byte{p}, true, func([]byte, []byte) error {
				left = true
				return errStopScan
			}); err != nil && !errors.Is(err, errStopScan) {
				return err
			}
		}
		return nil
	})
	return left, err
}

var errStopScan = errors.New("stop")

// recoverJournal finishes operations that a crash interrupted.
func recoverJournal(db *badger.DB) (kept, rolledBack int, err error) {
	ops := map[uint64]bool{} // op → has done marker
	err = db.View(func(txn *badger.Txn) error {
		kv := &kv{txn: txn}
		if err := kv.scan([]byte{pDone}, true, func(k, _ []byte) error {
			ops[lastUint64(k)] = true
			return nil
		}); err != nil {
			return err
		}
		return kv.scan([]byte{pUndo}, true, func(k, _ []byte) error {
			op := binary.BigEndian.Uint64(k[1:9])
			ops[op] = ops[op] // an operation without a marker is unfinished
			return nil
		})
	})
	for op, done := range ops {
		if err != nil {
			break
		}
		if done {
			kept++
			_, _, err = forgetOp(db, op)
		} else {
			rolledBack++
			err = rollbackOp(db, op)
		}
	}
	return kept, rolledBack, err
}

// rollbackOp puts back the old values of an unfinished operation, one undo
// record per transaction, deleting each record with the values it restores.
func rollbackOp(db *badger.DB, op uint64) error {
	chunks, err := undoChunks(db, op)
	for i := len(chunks) - 1; i >= 0 && err == nil; i-- {
		err = db.Update(func(txn *badger.Txn) error {
			item, err := txn.Get(chunks[i])
			if err != nil {
				return err
			}
			rec, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			if err := readUndo(rec, func(k, old []byte, present bool) error {
				if present {
					return txn.Set(k, old)
				}
				return txn.Delete(k)
			}); err != nil {
				return err
			}
			return txn.Delete(chunks[i])
		})
	}
	return err
}

// forgetOp deletes the undo records and marker of a finished operation and
// says how many keys and key bytes it deleted.
func forgetOp(db *badger.DB, op uint64) (keys, bytes int64, err error) {
	chunks, err := undoChunks(db, op)
	if err != nil {
		return 0, 0, err
	}
	dead := append(chunks, key(pDone, op))
	err = db.Update(func(txn *badger.Txn) error {
		for _, k := range dead {
			if err := txn.Delete(k); err != nil {
				return err
			}
			keys, bytes = keys+1, bytes+int64(len(k))
		}
		return nil
	})
	return keys, bytes, err
}

func undoChunks(db *badger.DB, op uint64) ([][]byte, error) {
	var chunks [][]byte
	err := db.View(func(txn *badger.Txn) error {
		return (&kv{txn: txn}).scan(key(pUndo, op), true, func(k, _ []byte) error {
			chunks = append(chunks, append([]byte(nil), k...))
			return nil
		})
	})
	return chunks, err
}

// An undo record is a run of entries: present (1 byte), key length and key,
// value length and value (uvarints).
func appendUndo(b, key, val []byte, present bool) []byte {
	flag := byte(0)
	if present {
		flag = 1
	}
	b = append(b, flag)
	b = binary.AppendUvarint(b, uint64(len(key)))
	b = append(b, key...)
	b = binary.AppendUvarint(b, uint64(len(val)))
	return append(b, val...)
}

func readUndo(b []byte, fn func(key, val []byte, present bool) error) error {
	for len(b) > 0 {
		present := b[0] == 1
		b = b[1:]
		var parts [2][]byte
		for i := range parts {
			n, w := binary.Uvarint(b)
			if w <= 0 || uint64(len(b)-w) < n {
				return errors.New("damaged undo record")
			}
			parts[i], b = b[w:w+int(n)], b[w+int(n):]
		}
		if err := fn(parts[0], parts[1], present); err != nil {
			return err
		}
	}
	return nil
}
