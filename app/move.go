package app

import (
	"fmt"
	"io"
	"os"

	"serialdesk/core"
	"serialdesk/data"
)

// moveCommand copies a register between a folder and a shop server:
// serialdesk move --data DIR --db postgres://… [--to-folder].
func moveCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("move", "--data DIR --db postgres://… [--to-folder]",
		"Copies the register in DIR onto the shop server (into its database, which must hold no register yet),\n"+
			"checks it there and says what it moved. With --to-folder, the other way: the server's register into DIR,\n"+
			"which must be new or empty. Nothing changes where the register comes from.", stderr)
	toFolder := fs.Bool("to-folder", false, "copy the server's register into the folder instead")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if at.db == "" {
		fmt.Fprintln(stderr, "serialdesk move: say which shop server's database with --db postgres://USER@SERVER/DATABASE")
		return 2
	}
	from, to := place{dir: at.dir}, place{db: at.db}
	if *toFolder {
		from, to = to, from
	}
	fmt.Fprintf(stderr, "Copying the register %s %s…\n", from.in(), to.into())
	copied, err := copyInto(from, to)
	if err != nil {
		return failed(stderr, "move", err, 1)
	}
	env, err := openToRead(to, stderr)
	if err != nil {
		return failed(stderr, "move", err, 1)
	}
	defer env.close()
	found, err := env.reg.Check()
	if err != nil {
		return failed(stderr, "move", err, 1)
	}
	if len(found) > 0 {
		fmt.Fprintf(stdout, "The register is copied %s, but the copy has problems (%d):\n", to.into(), len(found))
		for _, f := range grouped(found, shownProblems) {
			fmt.Fprintln(stdout, "  - "+f)
		}
		return 1
	}
	fmt.Fprintf(stdout, "Copied %s: %s. The copy is in order; the register %s is unchanged.\nOpen the copy with: serialdesk %s\n",
		to.into(), copied, from.in(), to.flag())
	return 0
}

// copyInto copies the register at from into a new one at to: a new or
// empty folder, or a database that holds no register. A folder made for
// it is removed again should the copy fail.
func copyInto(from, to place) (core.Copied, error) {
	src, err := openStore(from, quietLog(), true)
	if err != nil {
		return core.Copied{}, err
	}
	defer src.Close()
	if to.db == "" {
		if err := data.MustBeNew(to.dir); err != nil {
			return core.Copied{}, err
		}
	}
	dst, err := openStore(to, quietLog(), false)
	if err != nil {
		return core.Copied{}, err
	}
	copied, err := core.CopyRegister(src, dst, nil)
	dst.Close()
	switch {
	case err != nil && to.db == "":
		os.RemoveAll(to.dir)
	case err != nil && core.ErrorCode(err) != core.Conflict:
		err = &core.Error{Code: core.Internal, Err: err, Message: core.UserMessage(err) +
			" The copy stopped part way, so the database holds part of the register: empty it (make the database again) before you try again."}
	}
	return copied, err
}
