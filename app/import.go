package app

import (
	"fmt"
	"io"
	"os"

	"fyne.io/fyne/v2/lang"

	"serialdesk/core"
	"serialdesk/data/sheets"
	"serialdesk/screens"
)

// importCommand brings opening stock into the register from a workbook in
// the layout of a full export: serialdesk import --in FILE.xlsx.
func importCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("import", "--in FILE.xlsx [--data DIR | --db postgres://…]",
		lang.L("Imports item cards and serials in stock (opening stock) from a workbook laid out as a full export or the template."), stderr)
	in := fs.String("in", "", lang.L("the .xlsx file to read"))
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *in == "" {
		fmt.Fprintln(stderr, "serialdesk import: "+lang.L("say which workbook to read with --in FILE.xlsx"))
		return 2
	}
	f, err := os.Open(*in)
	if err != nil {
		fmt.Fprintln(stderr, "serialdesk import: "+screens.Tr("cannot open {{.File}}: {{.Error}}", core.Values{"File": *in, "Error": err.Error()}))
		return 1
	}
	defer f.Close()
	stock, err := sheets.ReadOpeningStock(f, screens.Speaker())
	if err != nil {
		return failed(stderr, "import", err, 1)
	}
	env, err := open(*at, io.Discard)
	if err != nil {
		return failed(stderr, "import", err, 1)
	}
	defer env.close()
	env.warn(stderr, "import", false)
	// Nothing is written into a register whose files are damaged.
	if err := env.verifyFiles(); err != nil {
		return failed(stderr, "import", err, 1)
	}
	res, err := env.reg.ImportOpeningStock(stock)
	if err != nil {
		return failed(stderr, "import", err, 1)
	}
	fmt.Fprintln(stdout, screens.Say(res.Message()))
	return 0
}
