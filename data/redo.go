package data

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"serialdesk/core"
)

// The redo log (redo.log in the data folder) keeps every operation's
// writes, appended and synced to disk before the operation returns. Badger
// syncs its own files on Linux and macOS, but on Windows its sync does
// nothing (it writes through memory maps and never flushes them), so a
// power cut there could lose confirmed documents. os.File.Sync is a real
// flush on every system, so the log makes a returned operation durable
// everywhere.
//
// Each operation's last transaction also writes its number under the key
// applied (0x14). When Badger comes back from a power cut without the last
// operations, opening replays the logged ones after that number. The log
// keeps the operations since the backup before the latest one: enough to
// bring the latest backup up to date if Badger's files are lost.
//
// File: a header (magic, base, lastBackup), then records:
// [uint32 length][uint32 CRC-32C][uvarint seq, uvarint count, entries],
// each entry [byte deleted][uvarint len][key][uvarint len][value]. A record
// cut off by a crash fails its check and is dropped: its operation never
// returned.
const (
	redoFile  = "redo.log"
	redoMagic = "SDREDO1\n"
	redoHead  = len(redoMagic) + 16
)

var pApplied = []byte{0x14}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

type redoLog struct {
	mu   sync.Mutex
	path string
	f    *os.File
	seq  uint64 // the last operation number handed out
	// base: operations up to base are left out, so Badger must hold them.
	// lastBackup: the latest backup holds operations up to this one.
	base, lastBackup uint64
}

// redoEntry is one write of an operation.
type redoEntry struct {
	key, val []byte
	del      bool
}

type redoRecord struct {
	seq     uint64
	entries []redoEntry
}

// openRedo opens the redo log of dir, or starts one. Badger holds the
// operations up to done; the records after it are returned.
func openRedo(dir string, done uint64) (*redoLog, []redoRecord, error) {
	r := &redoLog{path: filepath.Join(dir, redoFile)}
	f, err := os.OpenFile(r.path, os.O_RDWR, 0o644)
	if errors.Is(err, os.ErrNotExist) {
		return r, nil, r.rewrite(nil, nil)
	}
	if err != nil {
		return nil, nil, err
	}
	records, end, err := r.after(f, done)
	if err == nil {
		// Drop a record a crash cut off, so that the next one follows
		// the last whole one.
		err = f.Truncate(end)
	}
	if err == nil {
		_, err = f.Seek(end, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	r.f = f
	return r, records, nil
}

// readRedo reads the records after done of a redo log file that is not open.
func readRedo(path string, done uint64) (*redoLog, []redoRecord, error) {
	r := &redoLog{path: path}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	records, _, err := r.after(f, done)
	return r, records, err
}

// after reads the records after done, and where the whole records end.
func (r *redoLog) after(f *os.File, done uint64) ([]redoRecord, int64, error) {
	var records []redoRecord
	end, err := r.walk(f, func(seq uint64, at, n int64) error {
		r.seq = seq
		if seq <= done {
			return nil
		}
		rec, err := readRecord(f, at, n)
		if err == nil {
			records = append(records, rec)
		}
		return err
	})
	return records, end, err
}

// walk reads the header, then the number and place of each whole record,
// reading only their first bytes: a log can hold a large import. A record
// a crash cut off ends the walk: it runs past the end of the file, or it is
// the last and fails its check. walk returns where the whole records end.
func (r *redoLog) walk(f *os.File, fn func(seq uint64, at, n int64) error) (int64, error) {
	info, err := f.Stat()
	if err != nil {
		return 0, err
	}
	size := info.Size()
	head := make([]byte, redoHead)
	if _, err := f.ReadAt(head, 0); err != nil || string(head[:len(redoMagic)]) != redoMagic {
		return 0, fmt.Errorf("%s is not a Serialdesk redo log", r.path)
	}
	r.base = binary.BigEndian.Uint64(head[len(redoMagic):])
	r.lastBackup = binary.BigEndian.Uint64(head[len(redoMagic)+8:])
	at := int64(redoHead)
	buf := make([]byte, 8+binary.MaxVarintLen64)
	var last uint64
	for at+8 <= size {
		got, _ := f.ReadAt(buf, at)
		if got < 8 {
			break
		}
		n := 8 + int64(binary.BigEndian.Uint32(buf))
		seq, k := binary.Uvarint(buf[8:min(int64(got), n)])
		// Numbers only grow: anything else is not a record.
		if k <= 0 || at+n > size || seq <= last {
			break
		}
		last = seq
		if at+n == size {
			if _, err := readRecord(f, at, n); err != nil {
				break
			}
		}
		if err := fn(seq, at, n); err != nil {
			return at, err
		}
		at += n
	}
	return at, nil
}

// readRecord reads and checks the record of n bytes at at.
func readRecord(f *os.File, at, n int64) (redoRecord, error) {
	b := make([]byte, n)
	if _, err := f.ReadAt(b, at); err != nil {
		return redoRecord{}, err
	}
	if crc32.Checksum(b[8:], castagnoli) != binary.BigEndian.Uint32(b[4:]) {
		return redoRecord{}, errDamagedRedo
	}
	rec, ok := decodeRedo(b[8:])
	if !ok {
		return redoRecord{}, errDamagedRedo
	}
	return rec, nil
}

var errDamagedRedo = errors.New("a record of the redo log is damaged")

func decodeRedo(b []byte) (redoRecord, bool) {
	r := &reader{b: b}
	rec := redoRecord{seq: r.uvarint()}
	n := r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		del := r.byte() == 1
		k := r.bytes()
		v := r.bytes()
		rec.entries = append(rec.entries, redoEntry{key: k, val: v, del: del})
	}
	return rec, r.err == nil && len(r.b) == 0
}

func encodeRedo(seq uint64, entries []redoEntry) []byte {
	b := make([]byte, 8, 64)
	b = binary.AppendUvarint(b, seq)
	b = binary.AppendUvarint(b, uint64(len(entries)))
	for _, e := range entries {
		del := byte(0)
		if e.del {
			del = 1
		}
		b = append(b, del)
		b = binary.AppendUvarint(b, uint64(len(e.key)))
		b = append(b, e.key...)
		b = binary.AppendUvarint(b, uint64(len(e.val)))
		b = append(b, e.val...)
	}
	binary.BigEndian.PutUint32(b, uint32(len(b)-8))
	binary.BigEndian.PutUint32(b[4:], crc32.Checksum(b[8:], castagnoli))
	return b
}

// append writes an operation's record and syncs it to disk.
func (r *redoLog) append(seq uint64, entries []redoEntry) error {
	if _, err := r.f.Write(encodeRedo(seq, entries)); err != nil {
		return err
	}
	return r.f.Sync()
}

// rewrite makes a new log file with the current header and these parts
// of the old one (offset, length), whole or not at all, and keeps it open
// for appending.
func (r *redoLog) rewrite(old *os.File, parts [][2]int64) error {
	tmp := r.path + ".new"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	head := append([]byte(redoMagic), make([]byte, 16)...)
	binary.BigEndian.PutUint64(head[len(redoMagic):], r.base)
	binary.BigEndian.PutUint64(head[len(redoMagic)+8:], r.lastBackup)
	w := bufio.NewWriterSize(f, 1<<20)
	_, err = w.Write(head)
	for _, p := range parts {
		if err != nil {
			break
		}
		_, err = io.Copy(w, io.NewSectionReader(old, p[0], p[1]))
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = os.Rename(tmp, r.path)
	}
	if err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	// From here on the new file is the log, whatever else fails.
	if r.f != nil {
		r.f.Close()
	}
	r.f = f
	return syncDir(filepath.Dir(r.path))
}

// backedUp drops the records that two backups now hold: the latest backup
// holds everything up to upTo.
func (r *redoLog) backedUp(upTo uint64) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	old, err := os.Open(r.path)
	if err != nil {
		return err
	}
	defer old.Close()
	keepAfter := r.lastBackup
	var parts [][2]int64
	if _, err := r.walk(old, func(seq uint64, at, n int64) error {
		if seq > keepAfter {
			parts = append(parts, [2]int64{at, n})
		}
		return nil
	}); err != nil {
		return err
	}
	r.base, r.lastBackup = keepAfter, upTo
	return r.rewrite(old, parts)
}

func (r *redoLog) close() error {
	if r.f == nil {
		return nil
	}
	return r.f.Close()
}

// commitDurably commits an operation's last transaction with its number
// and syncs its record to the redo log. Operations commit one at a time
// here, so the numbers follow the order Badger applied them in.
func (s *Store) commitDurably(k *kv, commit func() error) error {
	s.redo.mu.Lock()
	defer s.redo.mu.Unlock()
	seq := s.redo.seq + 1
	if err := k.txn.Set(pApplied, binary.BigEndian.AppendUint64(nil, seq)); err != nil {
		return err
	}
	if err := commit(); err != nil {
		return err
	}
	s.redo.seq = seq
	if err := s.redo.append(seq, k.redo); err != nil {
		// Badger has the operation; only the extra safety is missing.
		s.log.WithError(err).Error("could not write an operation to the redo log")
	}
	k.redo = nil
	return nil
}

// applied is the number of the last operation Badger holds.
func applied(db *badger.DB) (uint64, error) {
	var n uint64
	err := db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(pApplied)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			if len(v) == 8 {
				n = binary.BigEndian.Uint64(v)
			}
			return nil
		})
	})
	return n, err
}

// errRedoGap says that Badger lacks operations the redo log no longer has.
var errRedoGap = errors.New("the register lacks work from before its latest backup")

// replayRedo writes the logged operations Badger lacks, in order. Each
// record ends by setting applied, so a replay cut off by a crash starts
// that record again, which writes the same values.
func replayRedo(db *badger.DB, done, base uint64, records []redoRecord) (int, error) {
	if done < base {
		return 0, fmt.Errorf("%w: it holds operations up to %d, the redo log starts after %d", errRedoGap, done, base)
	}
	replayed := 0
	for _, rec := range records {
		var err error
		wb := db.NewWriteBatch()
		for _, e := range rec.entries {
			if e.del {
				err = wb.Delete(e.key)
			} else {
				err = wb.Set(e.key, e.val)
			}
			if err != nil {
				break
			}
		}
		if err == nil {
			err = wb.Set(pApplied, binary.BigEndian.AppendUint64(nil, rec.seq))
		}
		if err == nil {
			err = wb.Flush()
		} else {
			wb.Cancel()
		}
		if err != nil {
			return replayed, err
		}
		replayed++
	}
	return replayed, nil
}

// openRedo opens the redo log and writes what Badger lacks of it.
func (s *Store) openRedo() error {
	done, err := applied(s.db)
	if err != nil {
		return err
	}
	redo, records, err := openRedo(s.dir, done)
	if err != nil {
		return &core.Error{Code: core.Internal, Message: fmt.Sprintf("Serialdesk cannot open its redo log in %s: %v", s.dir, err), Err: err}
	}
	s.redo = redo
	n, err := replayRedo(s.db, done, redo.base, records)
	if errors.Is(err, errRedoGap) {
		return damaged(s.dir, fmt.Sprintf("The register in %s has lost work saved before its latest backup, as a power cut or a failing disk can do (%v). Serialdesk has not gone on working in it.", s.dir, err), err)
	}
	if err != nil {
		return &core.Error{Code: core.Internal, Message: fmt.Sprintf("Serialdesk could not write the work its redo log holds into the register in %s", s.dir), Err: err}
	}
	if n > 0 {
		s.log.WithField("operations", n).Warn(ReplayedMessage)
	}
	redo.seq = max(redo.seq, redo.lastBackup, done)
	return nil
}

// ReplayedMessage is logged when opening wrote operations from the redo
// log that Badger had lost.
const ReplayedMessage = "wrote operations from the redo log that the register had lost"
