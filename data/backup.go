package data

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/sirupsen/logrus"

	"serialdesk/core"
)

// Backups are Badger's own backup format (DB.Backup): a stream of
// length-prefixed lists of keys and values, which DB.Load reads back.

// BackupDir is where the automatic backups of the register in dir are kept.
func BackupDir(dir string) string { return filepath.Join(dir, "backups") }

// backupPrefix and backupExt name the automatic backups, so that they sort
// by time: serialdesk-2026-11-27-093012.backup.
const (
	backupPrefix = "serialdesk-"
	backupExt    = ".backup"
	backupStamp  = "2006-01-02-150405"
)

// BackupName is the file name a backup made at t gets.
func BackupName(t time.Time) string { return backupPrefix + t.Format(backupStamp) + backupExt }

// Backup writes a copy of the whole register to w. It waits for an
// operation that goes through the journal, so that the copy never holds
// half of one.
func (s *Store) Backup(w io.Writer) error {
	if !s.startWork() {
		return ErrClosed
	}
	defer s.endWork()
	// The stream reads the snapshot it starts on (as DB.Backup does), so
	// the lock is only needed until then: a large receipt waiting for it
	// would otherwise hold up every reader for the whole backup.
	s.mu.RLock()
	stream := s.db.NewStream()
	s.mu.RUnlock()
	stream.LogPrefix = "backup"
	bw := bufio.NewWriterSize(w, 1<<20)
	if _, err := stream.Backup(bw, 0); err != nil {
		return err
	}
	return bw.Flush()
}

// BackupTo writes a backup to the file path, whole or not at all. It
// checks every table first: Badger's backup passes over a damaged block
// without an error, and a backup missing part of the register must not
// take the place of a good one.
func (s *Store) BackupTo(path string) error {
	if err := s.VerifyFiles(); err != nil {
		return err
	}
	if err := WriteFile(path, s.Backup); err != nil {
		return cannotWrite(path, err)
	}
	return nil
}

func cannotWrite(path string, err error) error {
	var e *core.Error
	if errors.As(err, &e) {
		return err
	}
	return &core.Error{Code: core.Internal, Message: core.Say("The backup could not be written to {{.File}}: {{.Cause}}", core.Values{"File": path, "Cause": err.Error()}), Err: err}
}

// KeepBackups is how many automatic backups stay in the data folder.
const KeepBackups = 10

// AutoBackup keeps the newest backups of the register in dir's backup
// folder, the last keep of them. None is made when the latest holds all
// the register holds (whoever saved it: the window or a command), or when
// the register is open read-only. It returns the new backup's path, or "".
func (s *Store) AutoBackup(dir string, keep int, now time.Time) (string, error) {
	if !s.BackupDue(dir) {
		return "", nil
	}
	return s.backupNow(dir, keep, now, false)
}

// BackupDue reports whether AutoBackup would write a backup into dir.
func (s *Store) BackupDue(dir string) bool {
	s.redo.mu.Lock()
	unchanged := s.redo.seq == s.redo.lastBackup
	s.redo.mu.Unlock()
	return s.readOnly == nil && (!unchanged || len(Backups(dir)) == 0)
}

// backupNow writes an automatic backup and shortens the redo log to what
// it no longer needs to hold. It is the changes since the latest backup
// when it can be (changes.go), unless whole is set, else the whole
// register.
func (s *Store) backupNow(dir string, keep int, now time.Time, whole bool) (string, error) {
	// One at a time: a changes backup builds on the one before, and
	// closing waits for a whole one made beside the work.
	s.backingUp.Lock()
	defer s.backingUp.Unlock()
	if !s.startWork() {
		return "", ErrClosed
	}
	defer s.endWork()
	path := filepath.Join(BackupDir(dir), BackupName(now))
	s.redo.mu.Lock()
	upTo := s.redo.seq // operations that will all be in the backup
	changes, err := s.changesSince(dir, path)
	s.redo.mu.Unlock()
	if err != nil {
		return "", err
	}
	whole = whole || changes == nil
	// A whole backup holds the register unpacked: up to about three times
	// what its tables take.
	_, wrote := s.Written()
	need := 3 * (s.size + wrote)
	if !whole {
		need = changes.size
	}
	if err := s.room(need); err != nil {
		return "", err
	}
	if err := os.MkdirAll(BackupDir(dir), 0o755); err != nil {
		return "", cannotWrite(BackupDir(dir), err)
	}
	// A second backup within the same second replaces the first (then it
	// is a whole one, see changesSince).
	_, existed := os.Stat(path)
	if whole {
		err = s.BackupTo(path)
	} else {
		err = s.writeChanges(path, changes)
	}
	if err != nil {
		return "", err
	}
	if err := s.redo.backedUp(upTo, filepath.Base(path), existed == nil); err != nil {
		s.log.WithError(err).Warn("could not shorten the redo log")
	}
	s.pruneBackups(dir, keep)
	return path, nil
}

// Backups lists the automatic backups of the register in dir, oldest first.
func Backups(dir string) []string {
	entries, err := os.ReadDir(BackupDir(dir))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if name := e.Name(); !e.IsDir() && strings.HasPrefix(name, backupPrefix) && strings.HasSuffix(name, backupExt) {
			out = append(out, filepath.Join(BackupDir(dir), name))
		}
	}
	slices.Sort(out)
	return out
}

// maxBackupList bounds one list of a backup: Badger writes lists of a few
// megabytes, so a larger length means the file is not a backup.
const maxBackupList = 256 << 20

// MustBeNew refuses a folder for a new register that holds anything.
func MustBeNew(dir string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return &core.Error{Code: core.Conflict, Message: core.Say("{{.Folder}} is not empty. Choose a new, empty folder, so that nothing there is overwritten.", core.Values{"Folder": dir})}
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return &core.Error{Code: core.Internal, Message: core.Say("Serialdesk cannot read the folder {{.Folder}}: {{.Cause}}", core.Values{"Folder": dir, "Cause": err.Error()}), Err: err}
	}
	return nil
}

// Restore loads the backup in the file in into a new register in dir, which
// must be missing or empty, and then the operations after it from a redo
// log (redo.log of the register it was taken from; "" for none). What it
// created is removed again if either cannot be read.
func Restore(in, redoPath, dir string, log logrus.FieldLogger) error {
	if err := MustBeNew(dir); err != nil {
		return err
	}
	chain, err := backupChain(in)
	var e *core.Error
	if errors.As(err, &e) {
		return err
	}
	if err != nil {
		return notABackup(in, err)
	}
	whole := chain[0]
	if err := checkBackupFile(whole); err != nil {
		return err
	}
	if err := roomToRestore(whole, dir); err != nil {
		return err
	}
	f, err := os.Open(whole)
	if err != nil {
		return notABackup(whole, err)
	}
	defer f.Close()
	db, err := badger.Open(badgerOptions(dir, log))
	if err != nil {
		return &core.Error{Code: core.Internal, Message: core.Say("Serialdesk cannot make a register in {{.Folder}}: {{.Cause}}", core.Values{"Folder": dir, "Cause": err.Error()}), Err: err}
	}
	err = db.Load(f, 64)
	if err != nil {
		err = notABackup(whole, err)
	}
	for _, changes := range chain[1:] {
		if err == nil {
			err = replayChanges(db, changes)
		}
	}
	if err == nil && redoPath != "" {
		err = replayFrom(db, redoPath)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(dir)
	}
	return err
}

// roomToRestore refuses to restore onto a disk without the room for the
// register and for Badger's own work (see room.go).
func roomToRestore(in, dir string) error {
	info, err := os.Stat(in)
	if err != nil {
		return notABackup(in, err)
	}
	existing := dir
	for {
		if _, err := os.Stat(existing); err == nil || filepath.Dir(existing) == existing {
			break
		}
		existing = filepath.Dir(existing)
	}
	free, err := freeSpace(existing)
	if need := uint64(baseReserve + 3*info.Size()); err == nil && free < need {
		return diskFullError(dir, free, need)
	}
	return nil
}

// replayChanges writes a changes backup's work into a restored register,
// which must hold what it builds on.
func replayChanges(db *badger.DB, path string) error {
	err := replayFile(db, path)
	switch {
	case errors.Is(err, errRedoGap):
		return &core.Error{Code: core.Invalid, Err: err, Message: core.Say("The backup {{.File}} does not follow the one before it ({{.Cause}}): restore an earlier backup.", core.Values{"File": path, "Cause": core.Reason(err)})}
	case err != nil:
		return notABackup(path, err)
	}
	return nil
}

// replayFrom brings a restored backup up to date from a redo log.
func replayFrom(db *badger.DB, redoPath string) error {
	err := replayFile(db, redoPath)
	switch {
	case errors.Is(err, errRedoGap):
		return &core.Error{Code: core.Invalid, Err: err, Message: core.Say("The backup and the redo log {{.RedoLog}} do not fit together ({{.Cause}}): restore a newer backup with it, or this backup alone.", core.Values{"RedoLog": redoPath, "Cause": core.Reason(err)})}
	case errors.As(err, new(unreadable)):
		return &core.Error{Code: core.Invalid, Err: err, Message: core.Say("{{.RedoLog}} cannot be read as a Serialdesk redo log ({{.Cause}}).", core.Values{"RedoLog": redoPath, "Cause": err.Error()})}
	}
	return err
}

// unreadable is replayFile's error for a file it cannot read.
type unreadable struct{ error }

func (u unreadable) Unwrap() error { return u.error }

// replayFile writes the work a redo log or a changes backup holds after
// what db holds, which must follow on.
func replayFile(db *badger.DB, path string) error {
	done, err := applied(db)
	if err != nil {
		return err
	}
	sc, err := scanRedoFile(path)
	if err == nil && !sc.Present {
		err = os.ErrNotExist
	}
	var records []redoRecord
	if err == nil {
		records, err = sc.readAfter(path, done)
	}
	if err != nil {
		return unreadable{err}
	}
	_, _, err = replayRedo(db, done, sc.base, records)
	return err
}

// checkBackupFile reads the framing of a backup before Badger does, which
// would try to allocate whatever length a file that is not one starts with.
func checkBackupFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return notABackup(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return notABackup(path, err)
	}
	r := bufio.NewReaderSize(f, 1<<20)
	left := info.Size()
	for left > 0 {
		var n uint64
		if err := binary.Read(r, binary.LittleEndian, &n); err != nil {
			return notABackup(path, err)
		}
		left -= 8
		if n > maxBackupList || int64(n) > left {
			return notABackup(path, errors.New("a list is longer than the file"))
		}
		if _, err := r.Discard(int(n)); err != nil {
			return notABackup(path, err)
		}
		left -= int64(n)
	}
	return nil
}

func notABackup(path string, err error) error {
	return &core.Error{Code: core.Invalid, Err: err,
		Message: core.Say("{{.File}} cannot be read as a Serialdesk backup: it is another kind of file, or damaged.", core.Values{"File": path})}
}
