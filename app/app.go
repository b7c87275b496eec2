package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/sirupsen/logrus"
	"gopkg.in/natefinch/lumberjack.v2"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/postgres"
	"serialdesk/screens"
)

// Main runs Serialdesk with its command-line arguments and returns the exit
// status. Without a command it opens the desktop app.
func Main(args []string, stdout, stderr io.Writer) int {
	if os.Getenv("GOMEMLIMIT") == "" {
		// Go's collector lets the heap grow to twice what is in use; with a
		// million serials open that alone pushed the app past 300 MB. A soft
		// limit makes it collect sooner instead (docs/PERFORMANCE.md).
		debug.SetMemoryLimit(heapLimit)
	}
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		run, ok := commands[args[0]]
		if !ok {
			fmt.Fprintf(stderr, "serialdesk: unknown command %q; the commands are: %s\n", args[0], commandNames())
			return 2
		}
		return run(args[1:], stdout, stderr)
	}
	fs, at := newFlags("", "[--data DIR | --db postgres://…] [--demo] [--version]",
		"Opens the Serialdesk window on the register in DIR, or on the shop server's.\nCommands (each says more with --help): "+commandNames(), stderr)
	demo := fs.Bool("demo", false, "fill a new, empty register with the example data before opening it")
	showVersion := fs.Bool("version", false, "print the version and stop")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *showVersion {
		fmt.Fprintln(stdout, "Serialdesk "+version)
		return 0
	}
	a := newApp()
	if err := screens.UseLanguage(a.Preferences()); err != nil {
		fmt.Fprintln(stderr, "serialdesk: the texts of the chosen language cannot be read: "+err.Error())
	}
	chosen := registers{prefs: a.Preferences(), dir: at.dir}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if url, ok := chosen.serverChosen(); ok && !given["data"] && !given["db"] {
		at.db = url // as Register… chose
	}
	env, err := open(*at, stderr)
	if err != nil && at.db != "" && postgres.PasswordRefused(err) && canShowWindow() {
		return askPasswordAndRun(a, *at, chosen)
	}
	if err != nil {
		fmt.Fprintln(stderr, "serialdesk: "+core.UserMessage(err))
		if canShowWindow() {
			showStartupError(a, core.UserMessage(err))
		}
		return 1
	}
	defer env.close()
	if *demo {
		if err := env.reg.LoadExamples(); err != nil {
			fmt.Fprintln(stderr, "serialdesk: --demo: "+core.UserMessage(err))
			return 1
		}
	}
	showDesktop(a, env, chosen)
	a.Run()
	env.autoBackup()
	return 0
}

// heapLimit is the Go heap Serialdesk aims to stay under.
const heapLimit = 128 << 20

// commands are what serialdesk does besides opening its window.
var commands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"backup":  backupCommand,
	"check":   checkCommand,
	"demo":    demoCommand,
	"export":  exportCommand,
	"import":  importCommand,
	"move":    moveCommand,
	"new-log": newLogCommand,
	"print":   printCommand,
	"restore": restoreCommand,
}

func commandNames() string {
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// failed tells the user why a command stopped and returns its status.
func failed(stderr io.Writer, command string, err error, code int) int {
	fmt.Fprintln(stderr, "serialdesk "+command+": "+core.UserMessage(err))
	return code
}

// newFlags starts the flags of a command; every command takes --data and
// --db.
func newFlags(command, synopsis, what string, stderr io.Writer) (*flag.FlagSet, *place) {
	name := strings.TrimSpace(core.Command() + " " + command)
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	at := &place{}
	fs.StringVar(&at.dir, "data", DefaultDataDir(), "the folder that holds the register (with --db: the folder of the log)")
	fs.StringVar(&at.db, "db", "",
		"the shop server's register instead, as postgres://USER@SERVER/DATABASE (the password from PGPASSWORD or the .pgpass file)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: %s %s\n%s\n", name, synopsis, what)
		fs.PrintDefaults()
	}
	return fs, at
}

// parse reads the flags; ok is false when the command should stop with
// the status code (0 after --help).
func parse(fs *flag.FlagSet, args []string) (code int, ok bool) {
	switch err := fs.Parse(args); {
	case errors.Is(err, flag.ErrHelp):
		return 0, false
	case err != nil:
		return 2, false
	case fs.NArg() > 0:
		fmt.Fprintf(fs.Output(), "%s: unexpected %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return 2, false
	}
	return 0, true
}

// DefaultDataDir is where the register lives unless --data says otherwise.
func DefaultDataDir() string {
	base, err := os.UserConfigDir()
	if err != nil {
		base = "."
	}
	return filepath.Join(base, "serialdesk")
}

// env is what a running Serialdesk has open.
type env struct {
	at      place
	dir     string // the folder of the log (and of a folder's register)
	log     *logrus.Logger
	logFile io.Closer
	store   register
	reg     *core.Register
	// stopWatch stops listening to a shop server's changes (watch.go).
	stopWatch func()
}

// open starts the log in the register's folder (or, for a shop server's,
// in the folder given with it) and opens the register to work in.
func open(at place, stderr io.Writer) (*env, error) {
	log, logFile, err := openLog(at.dir, stderr)
	if err != nil {
		return nil, err
	}
	store, err := openStore(at, log, false)
	if err != nil {
		log.WithError(errors.Unwrap(err)).Error("cannot open the register")
		logFile.Close()
		return nil, err
	}
	log.WithField("register", at.String()).Info("register opened")
	return &env{at: at, dir: at.dir, log: log, logFile: logFile, store: store, reg: signedIn(store)}, nil
}

// openToRead opens the register for a command that only reads it: none of
// a folder's files change, its log included. A folder whose last session
// did not finish is opened to work in instead, which finishes it, as the
// window would.
func openToRead(at place, stderr io.Writer) (*env, error) {
	log := quietLog()
	store, err := openStore(at, log, true)
	if errors.Is(err, data.ErrUnfinished) {
		return open(at, io.Discard)
	}
	if err != nil {
		return nil, err
	}
	return &env{at: at, dir: at.dir, log: log, logFile: io.NopCloser(nil), store: store, reg: signedIn(store)}, nil
}

// verifyFiles checks a folder's files against their checksums; a shop
// server checks its own.
func (e *env) verifyFiles() error {
	if f, ok := e.folder(); ok {
		return f.VerifyFiles()
	}
	return nil
}

// folder is the register as a folder of this computer's, if it is one.
func (e *env) folder() (folder, bool) {
	f, ok := e.store.(folder)
	return f, ok
}

// warn tells the user of a command what opening did that they should know
// (work written back from the redo log, a missing file made again) and,
// for a command that only reads, why the register saves nothing, if it is
// a reason of its own (a register whose files lost work).
func (e *env) warn(stderr io.Writer, command string, reading bool) {
	for _, n := range e.store.Notices() {
		fmt.Fprintln(stderr, "serialdesk "+command+": "+n)
	}
	f, ok := e.folder()
	if !ok {
		return
	}
	if ro := f.ReadOnly(); reading && ro != nil && !errors.Is(ro, data.ErrOpenedToRead) {
		fmt.Fprintln(stderr, "serialdesk "+command+": "+core.UserMessage(ro))
	}
}

func (e *env) close() {
	if e.stopWatch != nil {
		e.stopWatch()
	}
	if err := e.store.Close(); err != nil {
		e.log.WithError(err).Error("closing the register")
	}
	e.logFile.Close()
}

// The log keeps a few megabytes: the current file and two older ones.
const (
	logFileName  = "serialdesk.log"
	logMegabytes = 2
	logOldFiles  = 2
)

// openLog writes the log to serialdesk.log in dir and to stderr.
func openLog(dir string, stderr io.Writer) (*logrus.Logger, io.Closer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, &core.Error{Code: core.Internal, Message: fmt.Sprintf("Serialdesk cannot create its data folder %s: %v", dir, err), Err: err}
	}
	path := filepath.Join(dir, logFileName)
	// Opened here first, so that a folder the log cannot be written in is
	// said at once; lumberjack opens it again and rolls it over.
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, nil, &core.Error{Code: core.Internal, Message: fmt.Sprintf("Serialdesk cannot write its log in %s: %v", dir, err), Err: err}
	}
	f.Close()
	rolling := &lumberjack.Logger{Filename: path, MaxSize: logMegabytes, MaxBackups: logOldFiles}
	log := logrus.New()
	log.SetOutput(io.MultiWriter(rolling, stderr))
	return log, rolling, nil
}

// canShowWindow reports whether a window can be opened: always on Windows
// and macOS, on other systems when a display is set.
func canShowWindow() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}
