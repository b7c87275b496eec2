package data

import (
	"errors"
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
func StartNewLog(dir string, log logrus.FieldLogger, now time.Time) ([]core.Message, error) {
	if inUse(dir) {
		return nil, openError(dir, errInUse, nil)
	}
	path := filepath.Join(dir, redoFile)
	sc, err := scanRedoFile(path)
	var d *redoDamage
	if !errors.As(err, &d) {
		if err == nil {
			return nil, &core.Error{Code: core.Conflict, Message: core.Say("The redo log in {{.Folder}} is not damaged: Serialdesk opens the register as it is.", core.Values{"Folder": dir})}
		}
		return nil, &core.Error{Code: core.Internal, Err: err, Message: core.Say("Serialdesk cannot read the redo log in {{.Folder}}: {{.Cause}}", core.Values{"Folder": dir, "Cause": err.Error()})}
	}
	kept := filepath.Join(dir, "redo-damaged-"+now.Format(backupStamp)+".log")
	if err := copyFile(path, kept); err != nil {
		return nil, &core.Error{Code: core.Internal, Err: err, Message: core.Say("Serialdesk could not keep a copy of the damaged redo log as {{.Kept}}: {{.Cause}}. Nothing was changed.", core.Values{"Kept": kept, "Cause": err.Error()})}
	}
	said := []core.Message{core.Say("The damaged redo log ({{.What}}) is kept as {{.Kept}}.", core.Values{"What": d.what, "Kept": filepath.Base(kept)})}
	if d.header {
		err = os.Remove(path)
		said = append(said, core.Say("Nothing of it could be read."))
	} else {
		r := &redoLog{path: path, redoHeader: sc.redoHeader}
		var old *os.File
		if old, err = os.Open(path); err == nil {
			err = r.rewrite(old, sc.records)
			r.close()
		}
		said = append(said, core.Say("It could be read up to operation {{.Operation}}; {{.Bytes}} bytes after that could not.", core.Values{"Operation": sc.last(), "Bytes": int(sc.size - sc.end)}))
	}
	if err != nil {
		return nil, &core.Error{Code: core.Internal, Err: err, Message: core.Say("Serialdesk could not start a new redo log in {{.Folder}}: {{.Cause}}", core.Values{"Folder": dir, "Cause": err.Error()})}
	}
	s, err := Open(dir, log)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if ro := s.ReadOnly(); ro != nil {
		return nil, ro
	}
	said = append(said, s.notes...)
	backup := filepath.Join(BackupDir(dir), s.redo.latest)
	if s.BackupDue(dir) { // unless opening backed it up already
		if backup, err = s.backupNow(dir, KeepBackups, now, true); err != nil {
			return nil, err
		}
	}
	said = append(said, core.Say("The register holds operations up to {{.Done}} and is backed up to {{.Backup}}; it has a new redo log and opens as usual again.", core.Values{"Done": s.redo.seq, "Backup": backup}))
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
