package data

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/sirupsen/logrus"

	"serialdesk/core"
)

// StartNewLog is the way on from a damaged redo log (serialdesk new-log):
// it keeps a copy of the damaged log, cuts the log back to its last whole
// record before the damage (or starts a new one when nothing of it can be
// read), opens the register, which writes back what those records hold and
// it lacks, and backs the register up, so that the backups and the new log
// hold all of it. It says what it did and what could not be read.
func StartNewLog(dir string, log logrus.FieldLogger, now time.Time) ([]string, error) {
	if inUse(dir) {
		return nil, openError(dir, errInUse, nil)
	}
	path := filepath.Join(dir, redoFile)
	sc, err := scanRedoFile(path)
	var d *redoDamage
	if !errors.As(err, &d) {
		if err == nil {
			return nil, &core.Error{Code: core.Conflict, Message: fmt.Sprintf("The redo log in %s is not damaged: Serialdesk opens the register as it is.", dir)}
		}
		return nil, &core.Error{Code: core.Internal, Err: err, Message: fmt.Sprintf("Serialdesk cannot read the redo log in %s: %v", dir, err)}
	}
	kept := filepath.Join(dir, "redo-damaged-"+now.Format(backupStamp)+".log")
	if err := copyFile(path, kept); err != nil {
		return nil, &core.Error{Code: core.Internal, Err: err, Message: fmt.Sprintf("Serialdesk could not keep a copy of the damaged redo log as %s: %v. Nothing was changed.", kept, err)}
	}
	said := []string{fmt.Sprintf("The damaged redo log (%s) is kept as %s.", d.what, filepath.Base(kept))}
	if d.header {
		err = os.Remove(path)
		said = append(said, "Nothing of it could be read.")
	} else {
		r := &redoLog{path: path, redoHeader: sc.redoHeader}
		var old *os.File
		if old, err = os.Open(path); err == nil {
			err = r.rewrite(old, sc.records)
			r.close()
		}
		said = append(said, fmt.Sprintf("It could be read up to operation %d; %d bytes after that could not.", sc.last(), sc.size-sc.end))
	}
	if err != nil {
		return nil, &core.Error{Code: core.Internal, Err: err, Message: fmt.Sprintf("Serialdesk could not start a new redo log in %s: %v", dir, err)}
	}
	s, err := Open(dir, log)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if ro := s.ReadOnly(); ro != nil {
		return nil, ro
	}
	said = append(said, s.Notices()...)
	backup := filepath.Join(BackupDir(dir), s.redo.latest)
	if s.BackupDue(dir) { // unless opening backed it up already
		if backup, err = s.backupNow(dir, KeepBackups, now, true); err != nil {
			return nil, err
		}
	}
	said = append(said, fmt.Sprintf("The register holds operations up to %d and is backed up to %s; it has a new redo log and opens as usual again.", s.redo.seq, backup))
	return said, nil
}

// copyFile copies a file whole or not at all.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	return WriteFile(to, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}
