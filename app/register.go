package app

import (
	"io"
	"net/url"
	"os"
	"os/user"
	"strings"
	"time"

	"github.com/sirupsen/logrus"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/postgres"
)

// register is a register as the app opens it, on either engine: its records
// (core.Store) and what the window and the commands need beyond them.
type register interface {
	core.Store
	// Notices is what opening did that the user should know.
	Notices() []core.Message
	// BackupTo writes the whole register to a backup file, which restore
	// reads into either engine.
	BackupTo(path string) error
}

// folder is a register kept in a folder of this computer (Badger): the app
// checks its files while the window is open, backs it up into the folder as
// it closes, and waits for its work to finish first. A shop server keeps its
// own files and backups (README: One register for several counters).
type folder interface {
	register
	ReadOnly() error
	VerifyFiles() error
	BackupDue(dir string) bool
	WholeBackupDue(dir string) bool
	BackUpWhole(dir string, keep int, now time.Time) (string, error)
	AutoBackup(dir string, keep int, now time.Time) (string, error)
	Busy() bool
	MarkClosing()
	Compact() error
}

var (
	_ folder   = (*data.Store)(nil)
	_ register = server{}
)

// place says where a register is: a folder of this computer, or a shop
// server's database when db is set (the folder then keeps the log).
type place struct {
	dir string
	db  string // postgres://… or ""
}

// String names the register in messages: its folder, or the server and
// database (never the password).
func (p place) String() string {
	if p.db != "" {
		return postgres.Describe(p.db).String()
	}
	return p.dir
}

// pick is the one of two whole sentences that fits where the register is
// (or goes): inFolder names its folder ({{.Folder}}), onServer the shop
// server and database ({{.Server}}). A sentence is written whole for
// each, as a language says "in a folder" and "on a server" its own way.
func (p place) pick(inFolder, onServer core.Message) core.Message {
	if p.db != "" {
		return onServer.With(core.Values{"Server": postgres.Describe(p.db)})
	}
	return inFolder.With(core.Values{"Folder": p.dir})
}

// flag is the option that opens the register, to show in a command line;
// a password in the address is left out.
func (p place) flag() string {
	if p.db == "" {
		return "--data " + core.Quoted(p.dir)
	}
	db := p.db
	if u, err := url.Parse(db); err == nil && u.User != nil {
		u.User = url.User(u.User.Username())
		db = u.String()
	}
	return "--db " + core.Quoted(db)
}

// openStore opens the register at p; toRead opens it without changing
// anything: none of a folder's files, nothing in a server's database.
func openStore(p place, log logrus.FieldLogger, toRead bool) (register, error) {
	switch {
	case p.db != "":
		openServer := postgres.Open
		if toRead {
			openServer = postgres.OpenToRead
		}
		s, err := openServer(p.db, log)
		if err != nil {
			return nil, err
		}
		return server{s}, nil
	case toRead:
		return data.OpenReadOnly(p.dir, log)
	default:
		return data.Open(p.dir, log)
	}
}

// signedIn is the register on store, recording the signed-in user and this
// computer with every change.
func signedIn(store core.Store) *core.Register {
	reg := core.New(store)
	reg.SetUser(whoAmI())
	return reg
}

// whoAmI names the user and the computer: "kari@COUNTER-2". On Windows the
// user name comes without its domain.
func whoAmI() string {
	name := "unknown"
	if u, err := user.Current(); err == nil && u.Username != "" {
		name = u.Username[strings.LastIndex(u.Username, `\`)+1:]
	}
	host, err := os.Hostname()
	if err != nil || host == "" {
		return name
	}
	host, _, _ = strings.Cut(host, ".")
	return name + "@" + host
}

// server is a register on a shop server.
type server struct{ *postgres.Store }

// BackupTo writes the register in the backup format of a folder's
// register: it is copied into a new folder, which is backed up and removed.
// Any Serialdesk restores it, into a folder or onto a server.
func (s server) BackupTo(path string) error {
	dir, err := os.MkdirTemp("", "serialdesk-backup-")
	if err != nil {
		return data.DiskFull(err, "")
	}
	defer os.RemoveAll(dir)
	into, err := data.Open(dir, quietLog())
	if err != nil {
		return err
	}
	defer into.Close()
	if _, err := core.CopyRegister(s, into, nil); err != nil {
		return err
	}
	return into.BackupTo(path)
}

// quietLog is the log of a command's helper registers, which say nothing.
func quietLog() *logrus.Logger {
	log := logrus.New()
	log.SetOutput(io.Discard)
	return log
}
