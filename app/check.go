package app

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"fyne.io/fyne/v2/lang"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/screens"
)

// checkCommand checks a register, changing none of its files:
// serialdesk check [--data DIR]. It exits 1 when anything is wrong.
func checkCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("check", "[--data DIR | --db postgres://…]",
		lang.L("Checks that the register in DIR (or on the shop server) agrees with itself: its files, stock with the documents, every serial with its state and history, every index with its records. It changes nothing."), stderr)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	check := checkFolder
	if at.db != "" {
		check = checkServer
	}
	found, err := check(*at, stderr)
	if err != nil {
		return failed(stderr, "check", err, 1)
	}
	if len(found) == 0 {
		fmt.Fprintln(stdout, screens.Say(at.pick(core.Say("The register in {{.Folder}} is in order."), core.Say("The register on {{.Server}} is in order."))))
		return 0
	}
	fmt.Fprintln(stdout, screens.Say(at.pick(core.Say("The register in {{.Folder}} has problems ({{.Count}}):"),
		core.Say("The register on {{.Server}} has problems ({{.Count}}):")).With(core.Values{"Count": len(found)})))
	for _, f := range grouped(found, shownProblems) {
		fmt.Fprintln(stdout, "  - "+f)
	}
	return 1
}

// checkServer checks the records of the register on a shop server (the
// server checks its own files).
func checkServer(at place, stderr io.Writer) ([]core.Message, error) {
	env, err := openToRead(at, io.Discard)
	if err != nil {
		return nil, err
	}
	sayChecking(stderr, at)
	defer env.close()
	return env.reg.Check()
}

// checkFolder checks the files and the records of the register in a folder.
func checkFolder(at place, stderr io.Writer) ([]core.Message, error) {
	dir := at.dir
	found, exists := data.CheckFiles(dir)
	if !exists {
		return nil, &core.Error{Code: core.NotFound, Message: core.Say("There is no register in {{.Folder}}.", core.Values{"Folder": dir})}
	}
	// A million serials take half a minute: say what is going on.
	sayChecking(stderr, at)
	store, err := data.OpenReadOnly(dir, quietLog())
	switch {
	case errors.Is(err, data.ErrUnfinished):
		found = append(append(found, core.Told(err)), data.CheckTables(dir)...)
	case err != nil && !slices.ContainsFunc(found, func(m core.Message) bool { return m.String() == core.Told(err).String() }):
		found = append(found, core.Told(err))
	case err == nil:
		defer store.Close()
		found = append(found, store.Notices()...)
		if ro := store.ReadOnly(); !errors.Is(ro, data.ErrOpenedToRead) {
			found = append(found, core.Told(ro))
		}
		rules, err := core.New(store).Check()
		if err != nil {
			return nil, err
		}
		found = append(found, rules...)
	}
	return found, nil
}

// sayChecking says that a check has begun: a million serials take half a
// minute.
func sayChecking(stderr io.Writer, at place) {
	fmt.Fprintln(stderr, screens.Say(at.pick(core.Say("Checking the register in {{.Folder}}…"), core.Say("Checking the register on {{.Server}}…"))))
}

// shownProblems is how many lines of problems check prints: a screenful.
const shownProblems = 20

// grouped shows problems of one kind (one message, with another item,
// serial or number in it) once, with how many more there are like it, and
// at most max lines: one damaged block can make thousands of serials
// disagree with their index.
func grouped(found []core.Message, max int) []string {
	var order []string
	first := map[string]core.Message{}
	count := map[string]int{}
	for _, f := range found {
		kind := problemKind(f)
		if count[kind] == 0 {
			order = append(order, kind)
			first[kind] = f
		}
		count[kind]++
	}
	var out []string
	for i, kind := range order {
		if i == max-1 && len(order) > max {
			rest := 0
			for _, k := range order[i:] {
				rest += count[k]
			}
			// Both are 2 or more: the line stands for 2 kinds at least.
			out = append(out, screens.Tr("and {{.Count}} more problems of {{.Kinds}} other kinds",
				core.Values{"Count": rest, "Kinds": len(order) - i}))
			break
		}
		line := screens.Say(first[kind])
		if n := count[kind] - 1; n > 0 {
			line = screens.Tr("{{.Problem}} (and {{.Count}} more like it)", core.Values{"Problem": line, "Count": n})
		}
		out = append(out, line)
	}
	return out
}

// problemKind is what a problem says without the item, serial or number
// it names: its message, with the words put in it (which index, which
// list: messages of no values of their own) but not the data.
func problemKind(f core.Message) string {
	if f.Key == "" {
		return f.String()
	}
	kind := f.Key
	for _, name := range slices.Sorted(maps.Keys(f.Values)) {
		if words, ok := f.Values[name].(core.Message); ok && len(words.Values) == 0 {
			kind += "|" + words.String()
		}
	}
	return kind
}

// newLogCommand goes on from a damaged redo log:
// serialdesk new-log [--data DIR].
func newLogCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("new-log", "[--data DIR]",
		lang.L("Goes on from a damaged redo log: keeps a copy of it, writes back what it still holds and the register lacks, starts a new log and backs the register up."), stderr)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if at.db != "" {
		fmt.Fprintln(stderr, "serialdesk new-log: "+lang.L("a shop server keeps its own log; new-log is for a register in a folder (--data)"))
		return 2
	}
	log, logFile, err := openLog(at.dir, io.Discard)
	if err != nil {
		return failed(stderr, "new-log", err, 1)
	}
	defer logFile.Close()
	said, err := data.StartNewLog(at.dir, log, time.Now())
	if err != nil {
		return failed(stderr, "new-log", err, 1)
	}
	for _, s := range said {
		fmt.Fprintln(stdout, screens.Say(s))
	}
	return 0
}
