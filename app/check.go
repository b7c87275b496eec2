package app

import (
	"fmt"
	"io"

	"serialdesk/core"
	"serialdesk/data"
)

// checkCommand runs the register's consistency check on a data directory:
// serialdesk check [--data DIR]. It exits 1 when anything is wrong.
func checkCommand(args []string, stdout, stderr io.Writer) int {
	fs, dir := newFlags("check", "[--data DIR]",
		"Checks that the register in DIR agrees with itself: stock with the documents, every serial with its state and history, every index with its records.", stderr)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	env, err := openExisting(*dir)
	if err != nil {
		return failed(stderr, "check", err, 1)
	}
	defer env.close()
	// A million serials take half a minute: say what is going on.
	fmt.Fprintf(stderr, "Checking the register in %s…\n", *dir)
	found, err := env.reg.Check()
	if err != nil {
		return failed(stderr, "check", err, 1)
	}
	if len(found) == 0 {
		fmt.Fprintf(stdout, "The register in %s is in order.\n", *dir)
		return 0
	}
	env.log.WithField("problems", len(found)).Error("the register check found problems")
	fmt.Fprintf(stdout, "The register in %s has problems (%d):\n", *dir, len(found))
	for _, f := range found {
		fmt.Fprintln(stdout, "  - "+f)
	}
	return 1
}

// openExisting opens the register in dir for a command that works on one
// that is already there, rather than starting an empty one.
func openExisting(dir string) (*env, error) {
	if !data.Exists(dir) {
		return nil, &core.Error{Code: core.NotFound, Message: fmt.Sprintf("There is no register in %s.", dir)}
	}
	return open(dir, io.Discard)
}
