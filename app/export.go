package app

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"fyne.io/fyne/v2/lang"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/sheets"
	"serialdesk/screens"
)

// exportCommand writes serials to a workbook, for owners who schedule it:
// serialdesk export --out FILE.xlsx [--item ITEMNO] [--state STATE] [--query TEXT].
func exportCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("export", "--out FILE.xlsx [--item ITEMNO] [--state in-stock|sold|returned] [--query TEXT] [--data DIR | --db postgres://…]",
		lang.L("Writes the serials (all of them, or those the options select) to an Excel workbook."), stderr)
	out := fs.String("out", "", lang.L("the .xlsx file to write"))
	item := fs.String("item", "", lang.L("only this item's serials (its item number)"))
	state := fs.String("state", "", lang.L("only serials in this state: in-stock, sold, returned or returned-to-supplier"))
	query := fs.String("query", "", lang.L("only serials containing this text"))
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "serialdesk export: "+lang.L("say where to write the workbook with --out FILE.xlsx"))
		return 2
	}
	env, err := openToRead(*at, stderr)
	if err != nil {
		return failed(stderr, "export", err, 1)
	}
	defer env.close()
	env.warn(stderr, "export", true)
	if err := env.verifyFiles(); err != nil {
		// What can be read is still worth having; the user is told what not.
		fmt.Fprintln(stderr, "serialdesk export: "+screens.ErrorText(err)+"\n"+
			lang.L("The workbook holds what could be read; serials in the damaged part are missing from it."))
	}
	q := core.SerialQuery{Text: *query}
	if *item != "" {
		it, err := env.reg.ItemByNo(*item)
		if err != nil {
			return failed(stderr, "export", err, 1)
		}
		q.Item = it.ID
	}
	if *state != "" {
		if q.State, err = core.ParseState(*state); err != nil {
			return failed(stderr, "export", err, 2)
		}
	}
	all := q == (core.SerialQuery{})
	ex := sheets.Exporter{Reg: env.reg, In: screens.Speaker()}
	title, err := ex.QueryTitle(q)
	if err != nil {
		return failed(stderr, "export", err, 1)
	}
	n, err := writeFile(*out, func(w io.Writer) (int, error) { return ex.Export(w, title, ex.Query(q), all, nil) })
	if err != nil {
		env.log.WithError(err).Error("export failed")
		return failed(stderr, "export", err, 1)
	}
	fmt.Fprintln(stdout, screens.Say(core.Count(n, "1 serial written to {{.File}}", "{{.Count}} serials written to {{.File}}").With(core.Values{"File": *out})))
	return 0
}

// writeFile writes a file whole or not at all (data.WriteFile) and
// returns how many serials went into it.
func writeFile(path string, write func(io.Writer) (int, error)) (int, error) {
	var n int
	err := data.WriteFile(path, func(w io.Writer) (err error) {
		n, err = write(w)
		return err
	})
	var e *core.Error
	if err != nil && !errors.As(err, &e) {
		err = &core.Error{Code: core.Invalid, Message: core.Say("cannot write in {{.Folder}}: {{.Cause}}", core.Values{"Folder": filepath.Dir(path), "Cause": err.Error()}), Err: err}
	}
	return n, err
}
