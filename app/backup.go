package app

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/screens"
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
		// Said now, in the language the window speaks; the next start
		// shows it as it was written.
		note := time.Now().Format(noteTimeLayout) + ": " + screens.ErrorText(err) + "\n"
		if werr := os.WriteFile(failed, []byte(note), 0o644); werr != nil {
			e.log.WithError(werr).Error("could not note the failed backup")
		}
	case path != "":
		e.log.WithField("file", path).Info("backed up the register")
		os.Remove(failed)
	}
}

// backupFailedFile, in the backup folder, says when and why the last
// automatic backup failed, until one succeeds: "2026-11-27 17:02: why".
const (
	backupFailedFile = "last-backup-failed.txt"
	noteTimeLayout   = "2006-01-02 15:04"
)

// backupWarning is what the window says at start when the last automatic
// backup failed, or "".
func backupWarning(dir string) string {
	note, err := os.ReadFile(filepath.Join(data.BackupDir(dir), backupFailedFile))
	if err != nil {
		return ""
	}
	at, why, _ := strings.Cut(strings.TrimSpace(string(note)), ": ")
	var when any = at
	if t, err := time.ParseInLocation(noteTimeLayout, at, time.Local); err == nil {
		when = core.Moment(t)
	}
	return screens.Tr("The last automatic backup failed, on {{.When}}: {{.Error}}\n\n"+
		"The older backups are kept. Make a backup elsewhere with Back up now… in the Serialdesk menu, "+
		"and have the register checked with: {{.Command}}",
		core.Values{"When": when, "Error": why, "Command": core.Command() + " check --data " + core.Quoted(dir)})
}

// backupCommand writes a backup of the register to a file:
// serialdesk backup --out FILE [--data DIR].
func backupCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("backup", "--out FILE [--data DIR | --db postgres://…]",
		lang.L("Writes a copy of the whole register in DIR (or on the shop server) to FILE, to keep away from this computer.\n"+
			"It is in Badger's backup format whatever the register's engine; restore reads it into a folder or onto a server."), stderr)
	out := fs.String("out", "", lang.L("the backup file to write"))
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "serialdesk backup: "+lang.L("say where to write the backup with --out FILE"))
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
	fmt.Fprintln(stdout, screens.Say(at.pick(core.Say("The register in {{.Folder}} is backed up to {{.File}} ({{.Size}})."),
		core.Say("The register on {{.Server}} is backed up to {{.File}} ({{.Size}}).")).With(core.Values{"File": *out, "Size": size(info.Size())})))
	return 0
}

// restoreCommand makes a new register from a backup:
// serialdesk restore --in FILE --data NEWDIR.
func restoreCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("restore", "--in FILE [--log REDOLOG] (--data NEWDIR | --db postgres://…)",
		lang.L("Makes a new register in NEWDIR, which must be empty, from the backup in FILE, and checks it.\n"+
			"With --db, the register goes into the shop server's database instead, which must hold no register yet.\n"+
			"With --log, the work saved since the backup is added from the redo log (redo.log) of the register it came from."), stderr)
	in := fs.String("in", "", lang.L("the backup file to read"))
	redo := fs.String("log", "", lang.L("the redo log to add the work saved since the backup from"))
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *in == "" {
		fmt.Fprintln(stderr, "serialdesk restore: "+lang.L("say which backup to read with --in FILE"))
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
		fmt.Fprintln(stdout, screens.Say(at.pick(core.Say("The backup is restored into {{.Folder}}, but the register has problems ({{.Count}}):"),
			core.Say("The backup is restored onto {{.Server}}, but the register has problems ({{.Count}}):")).With(core.Values{"Count": len(what.problems)})))
		for _, f := range what.problems {
			fmt.Fprintln(stdout, "  - "+screens.Say(f))
		}
		return 1
	}
	fmt.Fprintln(stdout, screens.Say(at.pick(core.Say("The backup {{.File}} is restored into {{.Folder}}: {{.Counts}}, all in order.\nOpen it with: {{.Command}}"),
		core.Say("The backup {{.File}} is restored onto {{.Server}}: {{.Counts}}, all in order.\nOpen it with: {{.Command}}")).
		With(core.Values{"File": *in, "Counts": what.counts, "Command": "serialdesk " + at.flag()})))
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
	problems []core.Message
	counts   core.Message // "12 item cards, 4,000 serials"
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
	out.counts = core.Sentences(", ", core.Count(len(items), "1 item card", "{{.Count}} item cards"),
		core.Count(page.Total, "1 serial number", "{{.Count}} serial numbers"))
	return out, nil
}

// size says a file size in words: "3.2 MB", with the language's decimal
// mark.
func size(n int64) core.Message {
	if n < 1<<20 {
		return core.Say("{{.Count}} KB", core.Values{"Count": int((n + 1023) >> 10)})
	}
	tenths := int(math.RoundToEven(float64(n) * 10 / (1 << 20)))
	return core.Say("{{.Whole}}.{{.Tenth}} MB", core.Values{"Whole": tenths / 10, "Tenth": strconv.Itoa(tenths % 10)})
}
