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
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
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
		// A command speaks the system's language: it runs without the
		// window's settings, from a schedule as often as typed.
		if err := screens.UseSystemLanguage(); err != nil {
			// Said in English, as everything after it: the texts of the
			// system's language are what could not be read.
			fmt.Fprintln(stderr, "serialdesk: the texts of the system's language cannot be read: "+oneLine(err))
		}
		run, ok := commands[args[0]]
		if !ok {
			fmt.Fprintln(stderr, "serialdesk: "+screens.Tr("unknown command {{.Command}}; the commands are: {{.Commands}}",
				core.Values{"Command": strconv.Quote(args[0]), "Commands": commandNames()}))
			return 2
		}
		return run(args[1:], stdout, stderr)
	}
	// The window's language is the one chosen in its settings, which the
	// app's preferences keep: its --help speaks it too.
	a := newApp()
	if err := screens.UseLanguage(a.Preferences()); err != nil {
		fmt.Fprintln(stderr, "serialdesk: the texts of the chosen language cannot be read: "+oneLine(err))
	}
	fs, at := newFlags("", "[--data DIR | --db postgres://…] [--demo] [--version]",
		screens.Tr("Opens the Serialdesk window on the register in DIR, or on the shop server's.\nCommands (each says more with --help): {{.Commands}}",
			core.Values{"Commands": commandNames()}), stderr)
	demo := fs.Bool("demo", false, lang.L("fill a new, empty register with the example data before opening it"))
	showVersion := fs.Bool("version", false, lang.L("print the version and stop"))
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *showVersion {
		fmt.Fprintln(stdout, "Serialdesk "+version)
		return 0
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
		fmt.Fprintln(stderr, "serialdesk: "+screens.ErrorText(err))
		if canShowWindow() {
			showStartupError(a, screens.ErrorText(err))
		}
		return 1
	}
	defer env.close()
	if *demo {
		if err := env.reg.LoadExamplesIn(screens.Speaker()); err != nil {
			fmt.Fprintln(stderr, "serialdesk: --demo: "+screens.ErrorText(err))
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
	fmt.Fprintln(stderr, "serialdesk "+command+": "+screens.ErrorText(err))
	return code
}

// oneLine is an error's text on one line, to follow a program's name.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// newFlags starts the flags of a command; every command takes --data and
// --db. The language must be set by then: what and the flags' descriptions
// are said in it, by --help.
func newFlags(command, synopsis, what string, stderr io.Writer) (*flags, *place) {
	name := strings.TrimSpace(core.Command() + " " + command)
	fs := &flags{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), stderr: stderr}
	// The flag package says its refusals in English: parse says them.
	fs.SetOutput(io.Discard)
	at := &place{}
	fs.StringVar(&at.dir, "data", DefaultDataDir(), lang.L("the folder that holds the register (with --db: the folder of the log)"))
	fs.StringVar(&at.db, "db", "",
		lang.L("the shop server's register instead, as postgres://USER@SERVER/DATABASE (the password from PGPASSWORD or the .pgpass file)"))
	fs.Usage = func() {
		if fs.parsing {
			return // the flag package's call, before parse says why
		}
		fmt.Fprintln(stderr, screens.Tr("Usage: {{.Command}} {{.Synopsis}}", core.Values{"Command": name, "Synopsis": synopsis}))
		fmt.Fprintln(stderr, what)
		fs.VisitAll(func(f *flag.Flag) { fmt.Fprint(stderr, flagHelp(f)) })
	}
	return fs, at
}

// flags are a command's flags, and where it tells the user about them.
type flags struct {
	*flag.FlagSet
	stderr  io.Writer
	parsing bool
}

// flagHelp is a flag as --help lists it, as the flag package does it but
// in the program's language: the flag, then what it is and its default.
func flagHelp(f *flag.Flag) string {
	kind, usage := flag.UnquoteUsage(f)
	line := "  -" + f.Name
	if said, ok := map[string]string{"string": lang.L("string"), "int": lang.L("int")}[kind]; ok {
		line += " " + said
	} else if kind != "" {
		line += " " + kind
	}
	if f.DefValue != "" && f.DefValue != "false" {
		usage += " " + screens.Tr("(default {{.Value}})", core.Values{"Value": strconv.Quote(f.DefValue)})
	}
	return line + "\n    \t" + usage + "\n"
}

// parse reads the flags; ok is false when the command should stop with
// the status code (0 after --help).
func parse(fs *flags, args []string) (code int, ok bool) {
	fs.parsing = true
	err := fs.Parse(args)
	fs.parsing = false
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return 0, false
	case err != nil:
		fmt.Fprintln(fs.stderr, fs.Name()+": "+flagError(err))
		fs.Usage()
		return 2, false
	case fs.NArg() > 0:
		fmt.Fprintln(fs.stderr, fs.Name()+": "+screens.Tr("unexpected {{.Argument}}", core.Values{"Argument": strconv.Quote(fs.Arg(0))}))
		fs.Usage()
		return 2, false
	}
	return 0, true
}

// flagError is the flag package's refusal in the program's language: it
// has no codes for them, only these texts (Go's flag.go).
func flagError(err error) string {
	msg := err.Error()
	if flag, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return screens.Tr("there is no option {{.Flag}}", core.Values{"Flag": flag})
	}
	if flag, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return screens.Tr("{{.Flag}} needs a value", core.Values{"Flag": flag})
	}
	return msg
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
		fmt.Fprintln(stderr, "serialdesk "+command+": "+screens.Say(n))
	}
	f, ok := e.folder()
	if !ok {
		return
	}
	if ro := f.ReadOnly(); reading && ro != nil && !errors.Is(ro, data.ErrOpenedToRead) {
		fmt.Fprintln(stderr, "serialdesk "+command+": "+screens.ErrorText(ro))
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
		return nil, nil, &core.Error{Code: core.Internal, Message: core.Say("Serialdesk cannot create its data folder {{.Folder}}: {{.Cause}}", core.Values{"Folder": dir, "Cause": err.Error()}), Err: err}
	}
	path := filepath.Join(dir, logFileName)
	// Opened here first, so that a folder the log cannot be written in is
	// said at once; lumberjack opens it again and rolls it over.
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, nil, &core.Error{Code: core.Internal, Message: core.Say("Serialdesk cannot write its log in {{.Folder}}: {{.Cause}}", core.Values{"Folder": dir, "Cause": err.Error()}), Err: err}
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
