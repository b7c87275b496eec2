package app

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"time"

	"serialdesk/core"
	"serialdesk/data"
)

// checkCommand checks a register, changing none of its files:
// serialdesk check [--data DIR]. It exits 1 when anything is wrong.
func checkCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("check", "[--data DIR | --db postgres://…]",
		"Checks that the register in DIR (or on the shop server) agrees with itself: its files, stock with the documents, every serial with its state and history, every index with its records. It changes nothing.", stderr)
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
		fmt.Fprintf(stdout, "The register %s is in order.\n", at.in())
		return 0
	}
	fmt.Fprintf(stdout, "The register %s has problems (%d):\n", at.in(), len(found))
	for _, f := range grouped(found, shownProblems) {
		fmt.Fprintln(stdout, "  - "+f)
	}
	return 1
}

// checkServer checks the records of the register on a shop server (the
// server checks its own files).
func checkServer(at place, stderr io.Writer) ([]string, error) {
	env, err := openToRead(at, io.Discard)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "Checking the register %s…\n", at.in())
	defer env.close()
	return env.reg.Check()
}

// checkFolder checks the files and the records of the register in a folder.
func checkFolder(at place, stderr io.Writer) ([]string, error) {
	dir := at.dir
	found, exists := data.CheckFiles(dir)
	if !exists {
		return nil, &core.Error{Code: core.NotFound, Message: fmt.Sprintf("There is no register in %s.", dir)}
	}
	// A million serials take half a minute: say what is going on.
	fmt.Fprintf(stderr, "Checking the register %s…\n", at.in())
	store, err := data.OpenReadOnly(dir, quietLog())
	switch {
	case errors.Is(err, data.ErrUnfinished):
		found = append(append(found, core.UserMessage(err)), data.CheckTables(dir)...)
	case err != nil && !slices.Contains(found, core.UserMessage(err)):
		found = append(found, core.UserMessage(err))
	case err == nil:
		defer store.Close()
		found = append(found, store.Notices()...)
		if ro := store.ReadOnly(); !errors.Is(ro, data.ErrOpenedToRead) {
			found = append(found, core.UserMessage(ro))
		}
		rules, err := core.New(store).Check()
		if err != nil {
			return nil, err
		}
		found = append(found, rules...)
	}
	return found, nil
}

// shownProblems is how many lines of problems check prints: a screenful.
const shownProblems = 20

// grouped shows problems that differ only in their item, serial or number
// once, with how many more there are like it, and at most max lines: one
// damaged block can make thousands of serials disagree with their index.
func grouped(found []string, max int) []string {
	var order []string
	first := map[string]string{}
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
			out = append(out, fmt.Sprintf("and %d more problems of %d other kinds", rest, len(order)-i))
			break
		}
		line := first[kind]
		if n := count[kind] - 1; n > 0 {
			line += fmt.Sprintf(" (and %d more like it)", n)
		}
		out = append(out, line)
	}
	return out
}

var (
	serialOf = regexp.MustCompile(`serial [^ :]+`)
	numbers  = regexp.MustCompile(`[0-9]+`)
	quoted   = regexp.MustCompile(`"[^"]*"|[A-Z]{2}-[0-9]+`)
)

// problemKind is a problem with what names one item, serial or document
// taken out.
func problemKind(f string) string {
	f = serialOf.ReplaceAllString(f, "serial …")
	f = quoted.ReplaceAllString(f, "…")
	return numbers.ReplaceAllString(f, "#")
}

// newLogCommand goes on from a damaged redo log:
// serialdesk new-log [--data DIR].
func newLogCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("new-log", "[--data DIR]",
		"Goes on from a damaged redo log: keeps a copy of it, writes back what it still holds and the register lacks, starts a new log and backs the register up.", stderr)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if at.db != "" {
		fmt.Fprintln(stderr, "serialdesk new-log: a shop server keeps its own log; new-log is for a register in a folder (--data)")
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
		fmt.Fprintln(stdout, s)
	}
	return 0
}
