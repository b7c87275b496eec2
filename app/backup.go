package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"serialdesk/core"
	"serialdesk/data"
)

// autoBackup backs a folder's register up into the folder as the app
// closes: the changes since the latest backup, or the whole register.
func (e *env) autoBackup() {
	if f, ok := e.folder(); ok {
		e.noteBackup(f.AutoBackup(e.dir, data.KeepBackups, time.Now()))
	}
}

// checkOrBackUpWhole checks every table of a folder's register, beside the
// work in the window; when the chain of changes backups is long enough, it
// makes the whole automatic backup instead, which checks them first, so
// that closing stays quick.
func (e *env) checkOrBackUpWhole() error {
	f, ok := e.folder()
	if !ok {
		return nil
	}
	if !f.WholeBackupDue(e.dir) {
		return f.VerifyFiles()
	}
	path, err := f.BackUpWhole(e.dir, data.KeepBackups, time.Now())
	e.noteBackup(path, err)
	return err
}

// noteBackup logs an automatic backup. A whole one reads every block of the
// register, so damage on disk makes it fail; the older backups are kept
// then, and the next start says so.
func (e *env) noteBackup(path string, err error) {
	failed := filepath.Join(data.BackupDir(e.dir), backupFailedFile)
	switch {
	case errors.Is(err, data.ErrClosed): // stopped by closing: made next time
	case err != nil:
		e.log.WithError(err).Error("the automatic backup failed")
		note := fmt.Sprintf("%s: %s\n", time.Now().Format("2006-01-02 15:04"), core.UserMessage(err))
		if werr := os.WriteFile(failed, []byte(note), 0o644); werr != nil {
			e.log.WithError(werr).Error("could not note the failed backup")
		}
	case path != "":
		e.log.WithField("file", path).Info("backed up the register")
		os.Remove(failed)
	}
}

// backupFailedFile, in the backup folder, says why the last automatic
// backup failed, until one succeeds.
const backupFailedFile = "last-backup-failed.txt"

// backupWarning is what the window says at start when the last automatic
// backup failed, or "".
func backupWarning(dir string) string {
	note, err := os.ReadFile(filepath.Join(data.BackupDir(dir), backupFailedFile))
	if err != nil {
		return ""
	}
	return "The last automatic backup failed, on " + strings.TrimSpace(string(note)) +
		"\n\nThe older backups are kept. Make a backup elsewhere with Back up now… in the Serialdesk menu, " +
		"and have the register checked with: " + core.Command() + " check --data " + core.Quoted(dir)
}

// backupCommand writes a backup of the register to a file:
// serialdesk backup --out FILE [--data DIR].
func backupCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("backup", "--out FILE [--data DIR | --db postgres://…]",
		"Writes a copy of the whole register in DIR (or on the shop server) to FILE, to keep away from this computer.\n"+
			"It is in Badger's backup format whatever the register's engine; restore reads it into a folder or onto a server.", stderr)
	out := fs.String("out", "", "the backup file to write")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "serialdesk backup: say where to write the backup with --out FILE")
		return 2
	}
	env, err := openToRead(*at, stderr)
	if err != nil {
		return failed(stderr, "backup", err, 1)
	}
	defer env.close()
	env.warn(stderr, "backup", true)
	if err := env.store.BackupTo(*out); err != nil {
		return failed(stderr, "backup", err, 1)
	}
	info, err := os.Stat(*out)
	if err != nil {
		return failed(stderr, "backup", err, 1)
	}
	fmt.Fprintf(stdout, "The register %s is backed up to %s (%s).\n", at.in(), *out, size(info.Size()))
	return 0
}

// restoreCommand makes a new register from a backup:
// serialdesk restore --in FILE --data NEWDIR.
func restoreCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("restore", "--in FILE [--log REDOLOG] (--data NEWDIR | --db postgres://…)",
		"Makes a new register in NEWDIR, which must be empty, from the backup in FILE, and checks it.\n"+
			"With --db, the register goes into the shop server's database instead, which must hold no register yet.\n"+
			"With --log, the work saved since the backup is added from the redo log (redo.log) of the register it came from.", stderr)
	in := fs.String("in", "", "the backup file to read")
	redo := fs.String("log", "", "the redo log to add the work saved since the backup from")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *in == "" {
		fmt.Fprintln(stderr, "serialdesk restore: say which backup to read with --in FILE")
		return 2
	}
	if err := restore(*in, *redo, *at); err != nil {
		return failed(stderr, "restore", err, 1)
	}
	env, err := open(*at, io.Discard)
	if err != nil {
		return failed(stderr, "restore", err, 1)
	}
	defer env.close()
	what, err := checked(env)
	if err != nil {
		return failed(stderr, "restore", err, 1)
	}
	if len(what.problems) > 0 {
		fmt.Fprintf(stdout, "The backup is restored %s, but the register has problems (%d):\n", at.into(), len(what.problems))
		for _, f := range what.problems {
			fmt.Fprintln(stdout, "  - "+f)
		}
		return 1
	}
	fmt.Fprintf(stdout, "The backup %s is restored %s: %s, all in order.\nOpen it with: serialdesk %s\n",
		*in, at.into(), what.counts, at.flag())
	return 0
}

// restore makes the register at p from a backup. The backup goes into a
// folder first; onto a server it is then copied from there.
func restore(in, redo string, p place) error {
	if p.db == "" {
		// The new folder gets its log once the register is in it: Restore
		// wants the folder empty.
		return data.Restore(in, redo, p.dir, quietLog())
	}
	dir, err := os.MkdirTemp("", "serialdesk-restore-")
	if err != nil {
		return data.DiskFull(err, "")
	}
	defer os.RemoveAll(dir)
	if err := data.Restore(in, redo, dir, quietLog()); err != nil {
		return err
	}
	_, err = copyInto(place{dir: dir}, p)
	return err
}

// checkedRegister is what a check after a restore or a move says.
type checkedRegister struct {
	problems []string
	counts   string // "12 item cards, 4,000 serials"
}

// checked checks the register e has open and counts what it holds.
func checked(e *env) (checkedRegister, error) {
	var out checkedRegister
	var err error
	if out.problems, err = e.reg.Check(); err != nil || len(out.problems) > 0 {
		return out, err
	}
	items, err := e.reg.Items("")
	if err != nil {
		return out, err
	}
	page, err := e.reg.SearchSerials(core.SerialQuery{Limit: 1})
	if err != nil {
		return out, err
	}
	out.counts = fmt.Sprintf("%d item cards, %d serials", len(items), page.Total)
	return out, nil
}

// size says a file size in words: "3.2 MB".
func size(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", (n+1023)>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
