package app

import (
	"fmt"
	"io"
	"os"

	"fyne.io/fyne/v2/lang"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/postgres"
	"serialdesk/screens"
)

// moveCommand copies a register between a folder and a shop server:
// serialdesk move --data DIR --db postgres://… [--to-folder].
func moveCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("move", "--data DIR --db postgres://… [--to-folder]",
		lang.L("Copies the register in DIR onto the shop server (into its database, which must hold no register yet),\n"+
			"checks it there and says what it moved. With --to-folder, the other way: the server's register into DIR,\n"+
			"which must be new or empty. Nothing changes where the register comes from."), stderr)
	toFolder := fs.Bool("to-folder", false, lang.L("copy the server's register into the folder instead"))
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if at.db == "" {
		fmt.Fprintln(stderr, "serialdesk move: "+lang.L("say which shop server's database with --db postgres://USER@SERVER/DATABASE"))
		return 2
	}
	from, to := place{dir: at.dir}, place{db: at.db}
	if *toFolder {
		from, to = to, from
	}
	// Every sentence names both places, and is the one that fits where
	// the register goes.
	both := core.Values{"Folder": at.dir, "Server": postgres.Describe(at.db)}
	fmt.Fprintln(stderr, screens.Say(to.pick(core.Say("Copying the register on {{.Server}} into {{.Folder}}…"),
		core.Say("Copying the register in {{.Folder}} onto {{.Server}}…")).With(both)))
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
		fmt.Fprintln(stdout, screens.Say(to.pick(core.Say("The register is copied into {{.Folder}}, but the copy has problems ({{.Count}}):"),
			core.Say("The register is copied onto {{.Server}}, but the copy has problems ({{.Count}}):")).With(core.Values{"Count": len(found)})))
		for _, f := range grouped(found, shownProblems) {
			fmt.Fprintln(stdout, "  - "+f)
		}
		return 1
	}
	fmt.Fprintln(stdout, screens.Say(to.pick(
		core.Say("Copied into {{.Folder}}: {{.Copied}}. The copy is in order; the register on {{.Server}} is unchanged.\nOpen the copy with: {{.Command}}"),
		core.Say("Copied onto {{.Server}}: {{.Copied}}. The copy is in order; the register in {{.Folder}} is unchanged.\nOpen the copy with: {{.Command}}")).
		With(both).With(core.Values{"Copied": copied.Message(), "Command": "serialdesk " + to.flag()})))
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
		err = &core.Error{Code: core.Internal, Err: err, Problems: core.Problems(err), Message: core.Sentences(" ", core.Told(err),
			core.Say("The copy stopped part way, so the database holds part of the register: empty it (make the database again) before you try again."))}
	}
	return copied, err
}
