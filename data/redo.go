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
	"time"

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
// Operations are numbered; each one's last transaction writes its number
// under the key applied (0x14). When Badger comes back from a power cut
// without the last operations, opening replays the logged ones after that
// number, which must follow it without a hole. The log keeps the operations
// since the backup before the latest one: enough to bring the latest backup
// up to date if Badger's files are lost.
//
// An operation is committed to Badger before it is logged (a commit can
// still fail on a conflict), so a crash in between, or a failed append,
// leaves it out of the log. Opening then makes a backup at once, so that
// backups and the log together still hold everything.
//
// File: a header (magic, base, lastBackup), then records:
// [uint32 length][uint32 CRC-32C][uvarint seq, uvarint count, entries],
// each entry [byte deleted][uvarint len][key][uvarint len][value]. A record
// cut off by a crash ends the log and is dropped: its operation never
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
	f    *os.File // positioned at end; nil once it cannot be written
	end  int64    // where the whole records end
	seq  uint64   // the last operation number handed out
	// covered: every operation up to it is in the log or in the latest
	// backup. One beyond it (committed, not logged) needs a new backup.
	covered uint64
	redoHeader
}

// redoHeader: operations up to base are left out, so Badger must hold
// them; the latest automatic backup holds operations up to lastBackup.
type redoHeader struct{ base, lastBackup uint64 }

// redoEntry is one write of an operation.
type redoEntry struct {
	key, val []byte
	del      bool
}

type redoRecord struct {
	seq     uint64
	entries []redoEntry
}

var (
	errRedoGap     = errors.New("the redo log does not reach back far enough")
	errDamagedRedo = errors.New("a record of the redo log is damaged")
	errRedoClosed  = errors.New("the redo log cannot be written")
)

// openRedo opens the redo log of dir, or starts one. Badger holds the
// operations up to done; the records after it are returned.
func openRedo(dir string, done uint64) (*redoLog, []redoRecord, error) {
	r := &redoLog{path: filepath.Join(dir, redoFile)}
	f, err := os.Open(r.path)
	if errors.Is(err, os.ErrNotExist) {
		// A new log vouches for nothing before it: what Badger holds now
		// must stay there.
		r.redoHeader = redoHeader{base: done, lastBackup: done}
		r.seq, r.covered = done, done
		return r, nil, r.rewrite(nil, nil)
	}
	if err != nil {
		return nil, nil, err
	}
	records, end, err := r.after(f, done)
	f.Close()
	if err != nil {
		return nil, nil, err
	}
	r.covered = max(r.seq, r.lastBackup)
	// Drop a record a crash cut off, so that the next one follows the
	// last whole one.
	if err := os.Truncate(r.path, end); err != nil {
		return nil, nil, err
	}
	if err := r.reopen(); err != nil {
		return nil, nil, err
	}
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

// after reads the header and the records after done, and where the whole
// records end; r.seq becomes the last record's number.
func (r *redoLog) after(f *os.File, done uint64) ([]redoRecord, int64, error) {
	var records []redoRecord
	head, end, err := walk(f, func(seq uint64, at, n int64) error {
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
	r.redoHeader = head
	return records, end, err
}

// walk reads the header, then the number and place of each whole record,
// reading only their first bytes: a log can hold a large import. A record
// a crash cut off ends the walk: it runs past the end of the file, its
// number does not follow the one before, or it is the last and fails its
// check. walk returns where the whole records end.
func walk(f *os.File, fn func(seq uint64, at, n int64) error) (redoHeader, int64, error) {
	info, err := f.Stat()
	if err != nil {
		return redoHeader{}, 0, err
	}
	size := info.Size()
	b := make([]byte, redoHead)
	if _, err := f.ReadAt(b, 0); err != nil || string(b[:len(redoMagic)]) != redoMagic {
		return redoHeader{}, 0, fmt.Errorf("%s is not a Serialdesk redo log", f.Name())
	}
	head := redoHeader{base: binary.BigEndian.Uint64(b[len(redoMagic):]), lastBackup: binary.BigEndian.Uint64(b[len(redoMagic)+8:])}
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
		if k <= 0 || at+n > size || seq <= last {
			break
		}
		if at+n == size {
			if _, err := readRecord(f, at, n); err != nil {
				break
			}
		}
		if err := fn(seq, at, n); err != nil {
			return head, at, err
		}
		last = seq
		at += n
	}
	return head, at, nil
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

// append writes an operation's record and syncs it to disk. If either
// fails, the file is cut back to its last whole record, so that the next
// record does not follow half of one.
func (r *redoLog) append(seq uint64, entries []redoEntry) error {
	if r.f == nil {
		return errRedoClosed
	}
	b := encodeRedo(seq, entries)
	_, err := r.f.Write(b)
	if err == nil {
		err = r.f.Sync()
	}
	if err != nil {
		if terr := r.f.Truncate(r.end); terr != nil {
			r.f.Close()
			r.f = nil
		} else if _, serr := r.f.Seek(r.end, io.SeekStart); serr != nil {
			r.f.Close()
			r.f = nil
		}
		return err
	}
	r.end += int64(len(b))
	r.covered = seq
	return nil
}

// reopen opens the log for appending at its end.
func (r *redoLog) reopen() error {
	f, err := os.OpenFile(r.path, os.O_RDWR, 0o644)
	if err != nil {
		return err
	}
	end, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		f.Close()
		return err
	}
	r.f, r.end = f, end
	return nil
}

// rewrite makes a new log file with r's header and these parts of the
// old one (offset, length), whole or not at all, and opens it for
// appending. Every file is closed before the rename: Windows does not
// rename over an open file.
func (r *redoLog) rewrite(old *os.File, parts [][2]int64) error {
	tmp := r.path + ".new"
	err := WriteFile(tmp, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<20)
		head := append([]byte(redoMagic), make([]byte, 16)...)
		binary.BigEndian.PutUint64(head[len(redoMagic):], r.base)
		binary.BigEndian.PutUint64(head[len(redoMagic)+8:], r.lastBackup)
		bw.Write(head)
		for _, p := range parts {
			if _, err := io.Copy(bw, io.NewSectionReader(old, p[0], p[1])); err != nil {
				return err
			}
		}
		return bw.Flush()
	})
	if old != nil {
		old.Close()
	}
	if r.f != nil {
		r.f.Close()
		r.f = nil
	}
	if err == nil {
		err = os.Rename(tmp, r.path)
		if err == nil {
			err = syncDir(filepath.Dir(r.path))
		}
	}
	os.Remove(tmp)
	// The log at r.path, new or old, is the one to go on with.
	if rerr := r.reopen(); err == nil {
		err = rerr
	}
	return err
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
	keepAfter := r.lastBackup
	var parts [][2]int64
	if _, _, err := walk(old, func(seq uint64, at, n int64) error {
		if seq > keepAfter {
			parts = append(parts, [2]int64{at, n})
		}
		return nil
	}); err != nil {
		old.Close()
		return err
	}
	was := r.redoHeader
	r.redoHeader = redoHeader{base: keepAfter, lastBackup: upTo}
	if err := r.rewrite(old, parts); err != nil {
		r.redoHeader = was
		return err
	}
	r.covered = max(r.covered, upTo)
	return nil
}

func (r *redoLog) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return nil
	}
	err := r.f.Close()
	r.f = nil
	return err
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
		// Badger has the operation; the next open backs it up.
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

// replayRedo writes the logged operations after done, which must follow it
// one by one: an operation missing between them would leave the ones after
// it on the wrong footing. Each record ends by setting applied, so a replay
// cut off by a crash starts that record again, which writes the same
// values. It returns how many it wrote and the last number Badger holds.
func replayRedo(db *badger.DB, done, base uint64, records []redoRecord) (int, uint64, error) {
	if done < base {
		return 0, done, fmt.Errorf("%w: it starts after operation %d, the register holds operations up to %d", errRedoGap, base, done)
	}
	for i, rec := range records {
		if rec.seq != done+1 {
			return i, done, fmt.Errorf("%w: it lacks operation %d", errRedoGap, done+1)
		}
		wb := db.NewWriteBatch()
		var err error
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
			return i, done, err
		}
		done = rec.seq
	}
	return len(records), done, nil
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
	n, done, err := replayRedo(s.db, done, redo.base, records)
	if errors.Is(err, errRedoGap) {
		return damaged(s.dir, fmt.Sprintf("The register in %s has lost work, as a power cut or a failing disk can do, and its redo log cannot bring it back (%v). Serialdesk has added nothing to it.", s.dir, err), err)
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

// anchor backs the register up when it holds operations that neither the
// redo log nor the latest backup has (a crash between commit and log, or
// a failed append), so that a backup and the log still hold everything.
func (s *Store) anchor() error {
	if s.redo.covered >= s.redo.seq {
		return nil
	}
	s.log.WithFields(map[string]any{"logged": s.redo.covered, "held": s.redo.seq}).Warn("backing up work the redo log missed")
	_, err := s.AutoBackup(s.dir, KeepBackups, time.Now())
	return err
}

// ReplayedMessage is logged when opening wrote operations from the redo
// log that Badger had lost.
const ReplayedMessage = "wrote operations from the redo log that the register had lost"
