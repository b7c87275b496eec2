package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sirupsen/logrus"

	"serialdesk/core"
	"serialdesk/data"
)

// autoBackup backs the register up into its folder as the app closes: the
// changes since the latest backup, or the whole register.
func (e *env) autoBackup() {
	e.noteBackup(e.store.AutoBackup(e.dir, data.KeepBackups, time.Now()))
}

// checkOrBackUpWhole checks every table of the register, beside the work
// in the window; when the chain of changes backups is long enough, it
// makes the whole automatic backup instead, which checks them first, so
// that closing stays quick.
func (e *env) checkOrBackUpWhole() error {
	if !e.store.WholeBackupDue(e.dir) {
		return e.store.VerifyFiles()
	}
	path, err := e.store.BackUpWhole(e.dir, data.KeepBackups, time.Now())
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
	fs, dir := newFlags("backup", "--out FILE [--data DIR]",
		"Writes a copy of the whole register in DIR to FILE (Badger's backup format), to keep away from this computer.", stderr)
	out := fs.String("out", "", "the backup file to write")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "serialdesk backup: say where to write the backup with --out FILE")
		return 2
	}
	env, err := openToRead(*dir, stderr)
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
	fmt.Fprintf(stdout, "The register in %s is backed up to %s (%s).\n", *dir, *out, size(info.Size()))
	return 0
}

// restoreCommand makes a new register from a backup:
// serialdesk restore --in FILE --data NEWDIR.
func restoreCommand(args []string, stdout, stderr io.Writer) int {
	fs, dir := newFlags("restore", "--in FILE [--log REDOLOG] --data NEWDIR",
		"Makes a new register in NEWDIR, which must be empty, from the backup in FILE, and checks it.\n"+
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
	// The new folder gets its log once the register is in it: Restore
	// wants the folder empty.
	quiet := logrus.New()
	quiet.SetOutput(io.Discard)
	if err := data.Restore(*in, *redo, *dir, quiet); err != nil {
		return failed(stderr, "restore", err, 1)
	}
	env, err := open(*dir, io.Discard)
	if err != nil {
		return failed(stderr, "restore", err, 1)
	}
	defer env.close()
	found, err := env.reg.Check()
	if err != nil {
		return failed(stderr, "restore", err, 1)
	}
	if len(found) > 0 {
		fmt.Fprintf(stdout, "The backup is restored into %s, but the register has problems (%d):\n", *dir, len(found))
		for _, f := range found {
			fmt.Fprintln(stdout, "  - "+f)
		}
		return 1
	}
	items, err := env.reg.Items("")
	if err != nil {
		return failed(stderr, "restore", err, 1)
	}
	page, err := env.reg.SearchSerials(core.SerialQuery{Limit: 1})
	if err != nil {
		return failed(stderr, "restore", err, 1)
	}
	fmt.Fprintf(stdout, "The backup %s is restored into %s: %d item cards, %d serials, all in order.\nOpen it with: serialdesk --data %s\n",
		*in, *dir, len(items), page.Total, core.Quoted(*dir))
	return 0
}

// size says a file size in words: "3.2 MB".
func size(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", (n+1023)>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
