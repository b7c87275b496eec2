package data

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
	"time"

	"serialdesk/core"
)

// An automatic backup after the first is, where it can be, only the work
// since the latest one: the redo log's records of it, in a file laid out
// as the redo log whose header names the backup it builds on. Closing
// after a day's work on a register of a million serials then writes that
// day, not the million. Restoring one loads the whole backup its chain
// starts from and writes each one's records in turn.
//
// Badger's own backup "since a version" is no use here: once compaction
// has dropped a deleted key's tombstone and old value together, it leaves
// the deletion out, and a restore brings the key back.
//
// A whole backup is made again when a chain holds maxChanges changes
// backups, or when they outgrow a quarter of the whole one, so that a
// restore reads a short chain. It is made when the window opens
// (WholeBackupDue), beside the work, so that closing only ever writes the
// day's changes.
const maxChanges = 6

// changes is the work a changes backup holds.
type changes struct {
	redoHeader // base: what the backup it builds on holds; lastBackup: up to where this one does
	parts      []redoPlace
	size       int64
}

// WholeBackupDue reports whether the automatic backups in dir need a whole
// one again: the newest builds on a chain of maxChanges changes backups,
// or on changes that outgrew a quarter of the whole one.
func (s *Store) WholeBackupDue(dir string) bool {
	s.redo.mu.Lock()
	latest := s.redo.latest
	s.redo.mu.Unlock()
	if s.readOnly != nil || latest == "" {
		return false
	}
	chain, err := backupChain(filepath.Join(BackupDir(dir), latest))
	if err != nil {
		return false // AutoBackup finds the latest unusable and makes a whole one
	}
	whole, err := os.Stat(chain[0])
	if err != nil {
		return false
	}
	var changes int64
	for _, p := range chain[1:] {
		if info, err := os.Stat(p); err == nil {
			changes += info.Size()
		}
	}
	return len(chain) > maxChanges || changes > whole.Size()/4
}

// BackUpWhole writes a whole automatic backup into dir; the app calls it
// beside the work when WholeBackupDue says so.
func (s *Store) BackUpWhole(dir string, keep int, now time.Time) (string, error) {
	return s.backupNow(dir, keep, now, true)
}

// changesSince is the work since the latest automatic backup, when a
// changes backup at path can hold it, or nil when it must be whole: there
// is no latest, or it is not beside it, or the log lacks some of that work
// (an older Serialdesk missed it, or the log was cut short). Called with
// redo.mu.
func (s *Store) changesSince(dir, path string) (*changes, error) {
	r := s.redo
	if r.latest == "" || r.covered < r.seq || r.seq == r.lastBackup {
		return nil, nil
	}
	latest := filepath.Join(BackupDir(dir), r.latest)
	if latest == path {
		return nil, nil
	}
	if _, err := backupChain(latest); err != nil {
		return nil, nil
	}
	sc, err := scanRedoFile(r.path)
	if err != nil {
		return nil, err
	}
	c := &changes{redoHeader: redoHeader{base: r.lastBackup, lastBackup: r.seq, latest: r.latest}}
	next := r.lastBackup + 1
	for _, p := range sc.records {
		if p.seq <= r.lastBackup || p.seq > r.seq {
			continue
		}
		if p.seq != next {
			return nil, nil // a hole an older Serialdesk left
		}
		c.parts = append(c.parts, p)
		c.size += p.n
		next++
	}
	if next != r.seq+1 {
		return nil, nil
	}
	return c, nil
}

// writeChanges writes a changes backup, whole or not at all.
func (s *Store) writeChanges(path string, c *changes) error {
	s.redo.mu.Lock()
	defer s.redo.mu.Unlock()
	log, err := os.Open(s.redo.path)
	if err != nil {
		return cannotWrite(path, err)
	}
	defer log.Close()
	err = WriteFile(path, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<20)
		bw.Write(c.redoHeader.encode())
		for _, p := range c.parts {
			if _, err := io.Copy(bw, io.NewSectionReader(log, p.at, p.n)); err != nil {
				return err
			}
		}
		return bw.Flush()
	})
	if err != nil {
		return cannotWrite(path, err)
	}
	return nil
}

// isChanges reports whether the file at path is a changes backup (else it
// is a whole one, in Badger's format).
func isChanges(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	magic := make([]byte, len(redoMagic))
	n, _ := io.ReadFull(f, magic)
	return string(magic[:n]) == redoMagic, nil
}

// backupChain is what restoring the backup at path reads: the whole
// backup it builds on, then each changes backup up to it. They must be in
// the same folder.
func backupChain(path string) ([]string, error) {
	chain := []string{path}
	for len(chain) <= 2*maxChanges+2 {
		changes, err := isChanges(path)
		if err != nil {
			return nil, err
		}
		if !changes {
			for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
				chain[i], chain[j] = chain[j], chain[i]
			}
			return chain, nil
		}
		sc, err := scanRedoFile(path)
		if err != nil {
			return nil, err
		}
		prev := filepath.Join(filepath.Dir(path), sc.latest)
		if _, err := os.Stat(prev); err != nil {
			return nil, &core.Error{Code: core.NotFound, Err: err, Message: core.Say("The backup {{.File}} holds the work since {{.Since}}, which is not beside it in {{.Folder}}: put it there (and any it builds on) and try again.", core.Values{"File": filepath.Base(path), "Since": sc.latest, "Folder": filepath.Dir(path)})}
		}
		chain = append(chain, prev)
		path = prev
	}
	return nil, errors.New("the backups build on each other in a circle")
}

// pruneBackups keeps the newest keep automatic backups and what they build
// on, and removes the rest.
func (s *Store) pruneBackups(dir string, keep int) {
	all := Backups(dir)
	needed := map[string]bool{}
	for _, p := range all[max(0, len(all)-keep):] {
		needed[p] = true
		chain, err := backupChain(p)
		if err != nil {
			continue
		}
		for _, q := range chain {
			needed[q] = true
		}
	}
	for _, p := range all {
		if !needed[p] {
			if err := os.Remove(p); err != nil {
				s.log.WithError(err).WithField("file", p).Warn("could not remove an old backup")
			}
		}
	}
}
