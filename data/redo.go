package data

import (
	"bufio"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"

	"serialdesk/core"
)

// The redo log (redo.log in the data folder) keeps every operation's
// writes, appended and synced to disk before Badger commits them. Badger
// syncs its own files on Linux and macOS, but on Windows its sync does
// nothing (it writes through memory maps and never flushes them), so a
// power cut there could lose confirmed documents. os.File.Sync is a real
// flush on every system, so the log makes a returned operation durable
// everywhere. Logging first also means that an operation the log could not
// take (a full disk) has failed whole: Badger never saw it.
//
// Operations are numbered; each one's last transaction writes its number
// under the key applied (0x14). When Badger comes back from a power cut
// without the last operations, opening replays the logged ones after that
// number, which must follow it without a hole. The log keeps the operations
// since the backup before the latest one: enough to bring the latest backup
// up to date if Badger's files are lost.
//
// File: a header (magic, base, lastBackup, the latest backup's name, a
// CRC-32C of them), then records: [uint32 length][uint32 CRC-32C][uvarint seq, uvarint count,
// entries], each entry [byte deleted][uvarint len][key][uvarint len][value].
// A last record cut off or failing its check is what a crash during the
// append leaves; its operation never returned, and opening drops it. A
// damaged record before the last is refused (damagedRedo).
const (
	redoFile   = "redo.log"
	redoMagic1 = "SDREDO1\n" // header without latest and checksum, as Serialdesk 0.1 wrote it
	redoMagic  = "SDREDO2\n"
	redoHead1  = len(redoMagic1) + 16
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
	// backup. Badger holding more (a log cut short, or one older versions
	// failed to append to) needs a new backup.
	covered uint64
	redoHeader
}

// redoHeader: operations up to base are left out, so Badger must hold
// them; the latest automatic backup, named latest, holds operations up to
// lastBackup. A changes backup (backup.go) has the same header: it holds
// the operations after base up to lastBackup, and builds on the backup
// named latest, which holds those up to base.
type redoHeader struct {
	base, lastBackup uint64
	latest           string
}

func (h redoHeader) encode() []byte {
	b := append([]byte(redoMagic), make([]byte, 16)...)
	binary.BigEndian.PutUint64(b[len(redoMagic):], h.base)
	binary.BigEndian.PutUint64(b[len(redoMagic)+8:], h.lastBackup)
	b = binary.BigEndian.AppendUint16(b, uint16(len(h.latest)))
	b = append(b, h.latest...)
	return binary.BigEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
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

var (
	errRedoGap    = errors.New("the redo log does not reach back far enough")
	errRedoClosed = errors.New("the redo log cannot be written")
)

// redoScan is what a redo log file holds: its header and where each whole
// record is, every one checked against its checksum.
type redoScan struct {
	Present bool
	redoHeader
	records []redoPlace
	end     int64 // where the whole records end
	size    int64 // the file's size; beyond end, a record a crash cut off
}

type redoPlace struct {
	seq   uint64
	at, n int64
}

// last is the number of the last whole record, 0 for none.
func (sc redoScan) last() uint64 {
	if len(sc.records) == 0 {
		return 0
	}
	return sc.records[len(sc.records)-1].seq
}

// redoDamage is a redo log that cannot be read as one; header says
// whether nothing of it can.
type redoDamage struct {
	what   core.Message
	header bool
}

func (e *redoDamage) Error() string { return e.what.String() }

// scanRedoFile reads a redo log whole and checks it: the header, and every
// record's checksum and number. It says where damage is, returning the
// whole records before it; a last record that is cut off or fails its
// check is not damage but what a crash during its append leaves.
func scanRedoFile(path string) (redoScan, error) {
	var sc redoScan
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return sc, nil
	}
	if err != nil {
		return sc, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return sc, err
	}
	sc.Present, sc.size = true, info.Size()
	r := bufio.NewReaderSize(f, 1<<20)
	head, err := readRedoHeader(r)
	if err != nil {
		return sc, err
	}
	sc.redoHeader, sc.end = head.redoHeader, head.n
	var frame [8]byte
	var body []byte
	for sc.end < sc.size {
		at := sc.end
		if _, err := io.ReadFull(r, frame[:]); err != nil {
			break // cut off
		}
		n := int64(binary.BigEndian.Uint32(frame[:]))
		if at+8+n > sc.size {
			break // cut off
		}
		if int64(cap(body)) < n {
			body = make([]byte, n)
		}
		body = body[:n]
		if _, err := io.ReadFull(r, body); err != nil {
			return sc, err
		}
		seq, k := binary.Uvarint(body)
		if crc32.Checksum(body, castagnoli) != binary.BigEndian.Uint32(frame[4:]) || k <= 0 || seq <= sc.last() {
			if at+8+n == sc.size {
				break // the last one: a crash during its append
			}
			return sc, &redoDamage{what: core.Say("the record after operation {{.Operation}} (at byte {{.Byte}}) is damaged", core.Values{"Operation": sc.last(), "Byte": at})}
		}
		sc.records = append(sc.records, redoPlace{seq: seq, at: at, n: 8 + n})
		sc.end = at + 8 + n
	}
	return sc, nil
}

type redoHeadRead struct {
	redoHeader
	n int64
}

// readRedoHeader reads either header; the checksum of the newer one makes
// a damaged base, lastBackup or latest an error rather than a wrong one.
func readRedoHeader(r io.Reader) (redoHeadRead, error) {
	b := make([]byte, redoHead1+2)
	got, _ := io.ReadFull(r, b[:len(redoMagic)])
	switch magic := string(b[:got]); {
	case magic == redoMagic1:
		if _, err := io.ReadFull(r, b[len(redoMagic):redoHead1]); err != nil {
			return redoHeadRead{}, &redoDamage{core.Say("its header is cut short"), true}
		}
		return redoHeadRead{headerAt(b), int64(redoHead1)}, nil
	case magic == redoMagic:
		if _, err := io.ReadFull(r, b[len(redoMagic):]); err != nil {
			return redoHeadRead{}, &redoDamage{core.Say("its header is cut short"), true}
		}
		name := make([]byte, binary.BigEndian.Uint16(b[redoHead1:])+4)
		if _, err := io.ReadFull(r, name); err != nil {
			return redoHeadRead{}, &redoDamage{core.Say("its header is cut short"), true}
		}
		b = append(b, name...)
		end := len(b) - 4
		if crc32.Checksum(b[:end], castagnoli) != binary.BigEndian.Uint32(b[end:]) {
			return redoHeadRead{}, &redoDamage{core.Say("its header is damaged"), true}
		}
		h := headerAt(b)
		h.latest = string(b[redoHead1+2 : end])
		if h.base > h.lastBackup {
			return redoHeadRead{}, &redoDamage{core.Say("its header is damaged"), true}
		}
		return redoHeadRead{h, int64(len(b))}, nil
	case got < len(redoMagic):
		return redoHeadRead{}, &redoDamage{core.Say("it is cut short: its header is not whole"), true}
	}
	return redoHeadRead{}, &redoDamage{core.Say("it does not start as a Serialdesk redo log"), true}
}

func headerAt(b []byte) redoHeader {
	return redoHeader{base: binary.BigEndian.Uint64(b[len(redoMagic):]), lastBackup: binary.BigEndian.Uint64(b[len(redoMagic)+8:])}
}

// readAfter reads and decodes the records after done.
func (sc redoScan) readAfter(path string, done uint64) ([]redoRecord, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []redoRecord
	for _, p := range sc.records {
		if p.seq <= done {
			continue
		}
		b := make([]byte, p.n)
		if _, err := f.ReadAt(b, p.at); err != nil {
			return nil, err
		}
		rec, ok := decodeRedo(b[8:])
		if !ok {
			return nil, &redoDamage{what: core.Say("the record of operation {{.Operation}} (at byte {{.Byte}}) is damaged", core.Values{"Operation": p.seq, "Byte": p.at})}
		}
		out = append(out, rec)
	}
	return out, nil
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

// openRedo opens the scanned redo log of dir, or starts one, for a
// register whose Badger holds the operations up to done. The records after
// done are returned, to be replayed.
func openRedo(dir string, sc redoScan, done uint64) (*redoLog, []redoRecord, error) {
	r := &redoLog{path: filepath.Join(dir, redoFile)}
	if !sc.Present {
		// A new log vouches for nothing before it: what Badger holds now
		// must stay there, and a backup must hold it (covered is 0).
		r.redoHeader = redoHeader{base: done, lastBackup: done}
		r.seq = done
		return r, nil, r.rewrite(nil, nil)
	}
	records, err := sc.readAfter(r.path, done)
	if err != nil {
		return nil, nil, err
	}
	r.redoHeader, r.seq = sc.redoHeader, sc.last()
	r.covered = max(r.seq, r.lastBackup)
	if sc.end < sc.size {
		// Drop a record a crash cut off, so that the next one follows the
		// last whole one.
		if err := os.Truncate(r.path, sc.end); err != nil {
			return nil, nil, err
		}
	}
	if err := r.reopen(); err != nil {
		return nil, nil, err
	}
	return r, records, nil
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
		r.cutBack()
		return err
	}
	r.end += int64(len(b))
	r.covered = seq
	return nil
}

// takeBack removes the record just appended, whose operation Badger did
// not take after all.
func (r *redoLog) takeBack(at int64) error {
	r.end = at
	if err := r.cutBack(); err != nil {
		return err
	}
	return r.f.Sync()
}

// cutBack cuts the file back to the end of the whole records; a log that
// cannot be cut back is closed, so that nothing follows a half record.
func (r *redoLog) cutBack() error {
	err := r.f.Truncate(r.end)
	if err == nil {
		_, err = r.f.Seek(r.end, io.SeekStart)
	}
	if err != nil {
		r.f.Close()
		r.f = nil
	}
	return err
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
func (r *redoLog) rewrite(old *os.File, parts []redoPlace) error {
	tmp := r.path + ".new"
	err := WriteFile(tmp, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<20)
		bw.Write(r.redoHeader.encode())
		for _, p := range parts {
			if _, err := io.Copy(bw, io.NewSectionReader(old, p.at, p.n)); err != nil {
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

// backedUp drops the records that two backups now hold: the latest backup,
// named latest, holds everything up to upTo. When it replaced the one
// before of the same name (a second backup within a second), it keeps
// what it held, which the backup before that one may need.
func (r *redoLog) backedUp(upTo uint64, latest string, replaced bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	sc, err := scanRedoFile(r.path)
	if err != nil {
		return err
	}
	old, err := os.Open(r.path)
	if err != nil {
		return err
	}
	// The log keeps what the backup before the latest lacks, in case the
	// latest is damaged. The first backup has none before it: the log
	// would have to keep everything from the start (a million serials of
	// example data, say), so it keeps what the first one lacks.
	keepAfter := r.lastBackup
	switch {
	case replaced:
		keepAfter = r.base
	case keepAfter == 0:
		keepAfter = upTo
	}
	var parts []redoPlace
	for _, p := range sc.records {
		if p.seq > keepAfter {
			parts = append(parts, p)
		}
	}
	was := r.redoHeader
	r.redoHeader = redoHeader{base: keepAfter, lastBackup: upTo, latest: latest}
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

// commitDurably logs an operation's writes, synced, and then commits its
// last transaction with its number. Operations commit one at a time here,
// so the numbers follow the order Badger applies them in. When the log
// cannot take the record, Badger never sees the operation: it has failed
// whole.
func (s *Store) commitDurably(k *kv, commit func() error) error {
	s.redo.mu.Lock()
	defer s.redo.mu.Unlock()
	// The transaction's bytes go to the memtable's log, then a table; the
	// record (of a journaled operation, all its chunks) to the redo log.
	if err := s.room(2*k.size + k.logged); err != nil {
		return err
	}
	seq := s.redo.seq + 1
	if err := k.txn.Set(pApplied, binary.BigEndian.AppendUint64(nil, seq)); err != nil {
		return err
	}
	at := s.redo.end
	beforeLogging()
	if err := s.redo.append(seq, k.redo); err != nil {
		s.log.WithError(err).Error("could not write an operation to the redo log; it was not saved")
		return s.notSaved(err)
	}
	if err := commit(); err != nil {
		if terr := s.redo.takeBack(at); terr != nil {
			// The record stays: the next open writes the operation.
			s.log.WithError(terr).Error("could not take an operation Badger refused back out of the redo log")
			return &core.Error{Code: core.Internal, Err: errors.Join(err, terr),
				Message: core.Say("Saving failed, and Serialdesk could not tell whether it was saved: close Serialdesk and open it again, then look whether it is there.")}
		}
		return err
	}
	s.redo.seq = seq
	k.redo = nil
	return nil
}

// beforeLogging runs between the room check and the log's write; tests
// fill the disk there.
var beforeLogging = func() {}

// notSaved is the error for an operation the redo log could not take.
func (s *Store) notSaved(err error) error {
	if isDiskFull(err) {
		return s.diskFull(s.dir)
	}
	return &core.Error{Code: core.Internal, Err: err,
		Message: core.Say("This was not saved: Serialdesk could not write it to its redo log in {{.Folder}} ({{.Cause}}). Nothing was changed.", core.Values{"Folder": s.dir, "Cause": err.Error()})}
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

// redoGap is the error for a redo log that starts after the operations
// the register holds: what came between is in neither.
func redoGap(base, done uint64) error {
	return &core.Error{Code: core.Internal, Err: errRedoGap, Message: core.Say("the redo log starts after operation {{.Base}}, the register holds operations up to {{.Done}}",
		core.Values{"Base": strconv.FormatUint(base, 10), "Done": strconv.FormatUint(done, 10)})}
}

// replayRedo writes the logged operations after done, which must follow it
// one by one: an operation missing between them would leave the ones after
// it on the wrong footing. Each record ends by setting applied, so a replay
// cut off by a crash starts that record again, which writes the same
// values. It returns how many it wrote and the last number Badger holds.
func replayRedo(db *badger.DB, done, base uint64, records []redoRecord) (int, uint64, error) {
	if done < base {
		return 0, done, redoGap(base, done)
	}
	for i, rec := range records {
		if rec.seq != done+1 {
			return i, done, &core.Error{Code: core.Internal, Err: errRedoGap,
				Message: core.Say("the redo log lacks operation {{.Operation}}", core.Values{"Operation": strconv.FormatUint(done+1, 10)})}
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

// openRedo opens the redo log and writes what Badger lacks of it. When
// the log cannot bring Badger up to date, the register opens read-only:
// its files hold less than what was saved, and the latest backup with the
// log brings all of it back.
func (s *Store) openRedo(sc redoScan) error {
	done, err := applied(s.db)
	if err != nil {
		return err
	}
	if s.readOnly != nil {
		return s.lookAtRedo(sc, done)
	}
	redo, records, err := openRedo(s.dir, sc, done)
	if err != nil {
		return &core.Error{Code: core.Internal, Message: core.Say("Serialdesk cannot open its redo log in {{.Folder}}: {{.Cause}}", core.Values{"Folder": s.dir, "Cause": err.Error()}), Err: err}
	}
	s.redo = redo
	n, done, err := replayRedo(s.db, done, redo.base, records)
	if errors.Is(err, errRedoGap) {
		s.log.WithError(err).Error("the register lost more than its redo log holds")
		s.readOnly = lostWork(s.dir, err)
		return nil
	}
	if err != nil {
		return &core.Error{Code: core.Internal, Message: core.Say("Serialdesk could not write the work its redo log holds into the register in {{.Folder}}", core.Values{"Folder": s.dir}), Err: err}
	}
	if n > 0 {
		s.log.WithField("operations", n).Warn(ReplayedMessage)
		if n == 1 {
			s.notice(core.Say("The register's files in {{.Folder}} had lost the last 1 operation, as a power cut can do. Serialdesk wrote it back from its redo log; nothing is missing.", core.Values{"Folder": s.dir}))
		} else {
			s.notice(core.Say("The register's files in {{.Folder}} had lost the last {{.Count}} operations, as a power cut can do. Serialdesk wrote them back from its redo log; nothing is missing.", core.Values{"Folder": s.dir, "Count": n}))
		}
	}
	redo.seq = max(redo.seq, redo.lastBackup, done)
	return nil
}

// lostWork is why a register whose files lost more than its redo log
// holds saves nothing: the latest backup with the log brings it all back.
func lostWork(dir string, err error) error {
	return damaged(dir, core.Say("The register in {{.Folder}} has lost work, as a power cut or a failing disk can do, and its redo log cannot bring it back ({{.Cause}}). Serialdesk shows it as it is and saves nothing in it.",
		core.Values{"Folder": dir, "Cause": core.Reason(err)}), err)
}

// lookAtRedo is openRedo for a store that only reads: it writes nothing
// back, so a register whose files lack logged work cannot be shown as it
// stands.
func (s *Store) lookAtRedo(sc redoScan, done uint64) error {
	path := filepath.Join(s.dir, redoFile)
	s.redo = &redoLog{path: path, redoHeader: sc.redoHeader, seq: max(sc.last(), done)}
	if !sc.Present {
		if done > 0 {
			s.notes = append(s.notes, core.Say("{{.RedoLog}} is missing; opening the register starts a new one and backs the register up.", core.Values{"RedoLog": redoFile}))
		}
		return nil
	}
	if covered := max(sc.last(), sc.lastBackup); done > covered {
		s.notes = append(s.notes, core.Say("{{.RedoLog}} ends at operation {{.Covered}}, but the register holds operations up to {{.Done}}; opening the register backs it up, so that the backups and the log hold all of it again.",
			core.Values{"RedoLog": redoFile, "Covered": covered, "Done": done}))
	}
	records, err := sc.readAfter(path, done)
	if err != nil {
		return damagedRedo(s.dir, err)
	}
	switch {
	case done < sc.base:
		s.readOnly = lostWork(s.dir, redoGap(sc.base, done))
	case len(records) > 0:
		return s.unfinished()
	}
	return nil
}

// anchor backs the register up when it holds operations that neither the
// redo log nor the latest backup has, so that a backup and the log still
// hold everything.
func (s *Store) anchor() error {
	if s.readOnly != nil || s.redo.covered >= s.redo.seq {
		return nil
	}
	s.log.WithFields(map[string]any{"logged": s.redo.covered, "held": s.redo.seq}).Warn("backing up work the redo log missed")
	missed := core.Say("The redo log in {{.Folder}} ends at operation {{.Covered}}, but the register holds operations up to {{.Done}}: the log was cut short, or an older Serialdesk could not write to it.",
		core.Values{"Folder": s.dir, "Covered": s.redo.covered, "Done": s.redo.seq})
	if s.redo.covered == 0 {
		missed = core.Say("The redo log was missing from {{.Folder}}; Serialdesk started a new one.", core.Values{"Folder": s.dir})
	}
	if _, err := s.backupNow(s.dir, KeepBackups, time.Now(), true); err != nil {
		s.notice(core.Sentences(" ", missed,
			core.Say("Serialdesk could not back it up now: {{.Reason}} Make a backup with Back up now… in the Serialdesk menu.", core.Values{"Reason": core.Told(err)})))
		return nil
	}
	s.notice(core.Sentences(" ", missed, core.Say("Serialdesk backed it up, so that the backups and the log hold all of it again.")))
	return nil
}

// ReplayedMessage is logged when opening wrote operations from the redo
// log that Badger had lost.
const ReplayedMessage = "wrote operations from the redo log that the register had lost"
