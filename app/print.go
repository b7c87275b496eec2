package app

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"fyne.io/fyne/v2/lang"

	"serialdesk/core"
	"serialdesk/data/paper"
	"serialdesk/screens"
)

// printCommand writes a paper as a PDF, for owners who script it:
//
//	serialdesk print slip --order SO-… --out F.pdf
//	serialdesk print receipt --receipt GR-… --out F.pdf
//	serialdesk print labels (--receipt GR-… | --item ITEMNO | --serial S) [--size 62x29|57x32|89x36|a4-3x8] [--qr] --out F.pdf
//	serialdesk print stock [--item ITEMNO] --out F.pdf
func printCommand(args []string, stdout, stderr io.Writer) int {
	usage := screens.Tr("Usage: {{.Command}} {{.Synopsis}} ({{.Help}} says more)", core.Values{"Command": "serialdesk print",
		"Synopsis": "slip|receipt|labels|stock … --out FILE.pdf", "Help": "serialdesk print KIND --help"})
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	kind, ok := paperKinds[args[0]]
	if !ok {
		fmt.Fprintln(stderr, "serialdesk print: "+screens.Tr("there is no paper {{.Kind}}", core.Values{"Kind": strconv.Quote(args[0])}))
		fmt.Fprintln(stderr, usage)
		return 2
	}
	command := "print " + args[0]
	fs, at := newFlags(command, kind.synopsis, kind.what(), stderr)
	var o printOptions
	fs.StringVar(&o.out, "out", "", lang.L("the .pdf file to write"))
	if kind.flags != nil {
		kind.flags(fs.StringVar, fs.BoolVar, &o)
	}
	if code, ok := parse(fs, args[1:]); !ok {
		return code
	}
	if o.out == "" {
		fmt.Fprintln(stderr, "serialdesk "+command+": "+lang.L("say where to write the PDF with --out FILE.pdf"))
		return 2
	}
	env, err := openToRead(*at, stderr)
	if err != nil {
		return failed(stderr, command, err, 1)
	}
	defer env.close()
	env.warn(stderr, command, true)
	var said core.Message
	if _, err := writeFile(o.out, func(w io.Writer) (int, error) {
		said, err = kind.print(env.reg, w, o)
		return 0, err
	}); err != nil {
		return failed(stderr, command, err, 1)
	}
	fmt.Fprintln(stdout, screens.Say(said.With(core.Values{"File": o.out})))
	return 0
}

// printOptions are what the print commands are told.
type printOptions struct {
	out, order, receipt, item, serial, size string
	qr                                      bool
}

// paperKind is one thing serialdesk print prints. what is said in the
// language set as the command runs, after this table is made. print says
// what it wrote, the file's name to be filled in ({{.File}}).
type paperKind struct {
	synopsis string
	what     func() string
	flags    func(str func(*string, string, string, string), boolean func(*bool, string, bool, string), o *printOptions)
	print    func(reg *core.Register, w io.Writer, o printOptions) (core.Message, error)
}

var paperKinds = map[string]paperKind{
	"slip": {
		synopsis: "--order SO-000001 --out FILE.pdf [--data DIR | --db postgres://…]",
		what: func() string {
			return lang.L("Writes an order's sales slip: the customer, each line with its serials and their warranty, and a line to sign.")
		},
		flags: func(str func(*string, string, string, string), _ func(*bool, string, bool, string), o *printOptions) {
			str(&o.order, "order", "", lang.L("the order's number"))
		},
		print: func(reg *core.Register, w io.Writer, o printOptions) (core.Message, error) {
			return document(reg, w, core.OrderDoc, o.order, "--order SO-000001", reg.OrderPaper)
		},
	},
	"receipt": {
		synopsis: "--receipt GR-000001 --out FILE.pdf [--data DIR | --db postgres://…]",
		what: func() string {
			return lang.L("Writes a goods receipt's list: the supplier, each line with its serials, and a line to sign.")
		},
		flags: func(str func(*string, string, string, string), _ func(*bool, string, bool, string), o *printOptions) {
			str(&o.receipt, "receipt", "", lang.L("the goods receipt's number"))
		},
		print: func(reg *core.Register, w io.Writer, o printOptions) (core.Message, error) {
			return document(reg, w, core.ReceiptDoc, o.receipt, "--receipt GR-000001", reg.ReceiptPaper)
		},
	},
	"labels": {
		synopsis: "(--receipt GR-000001 | --item ITEMNO | --serial S [--item ITEMNO]) [--size 62x29|57x32|89x36|a4-3x8] [--qr] --out FILE.pdf [--data DIR | --db postgres://…]",
		what: func() string {
			return lang.L("Writes a barcode label for each serial of a goods receipt, for each unit of an item in stock, or for one serial: " +
				"item number and name, the serial as a Code 128 barcode and as text.")
		},
		flags: func(str func(*string, string, string, string), boolean func(*bool, string, bool, string), o *printOptions) {
			str(&o.receipt, "receipt", "", lang.L("labels for every serial of this goods receipt"))
			str(&o.item, "item", "", lang.L("labels for every unit of this item in stock (with --serial: the item of that serial)"))
			str(&o.serial, "serial", "", lang.L("a label for this one serial"))
			str(&o.size, "size", string(paper.Brother62x29), lang.L("the labels: 62x29 (Brother QL), 57x32 or 89x36 (DYMO), a4-3x8 (A4 sheet of 24)"))
			boolean(&o.qr, "qr", false, lang.L("a QR code of the serial on each label too"))
		},
		print: printLabels,
	},
	"stock": {
		synopsis: "[--item ITEMNO] --out FILE.pdf [--data DIR | --db postgres://…]",
		what: func() string {
			return lang.L("Writes a stock list to count by: each item's units in stock with the day they came in and a box to tick.")
		},
		flags: func(str func(*string, string, string, string), _ func(*bool, string, bool, string), o *printOptions) {
			str(&o.item, "item", "", lang.L("only this item (its item number)"))
		},
		print: func(reg *core.Register, w io.Writer, o printOptions) (core.Message, error) {
			item, err := itemNumbered(reg, o.item)
			if err != nil {
				return core.Message{}, err
			}
			n, err := paper.StockList(context.Background(), w, reg, item, screens.Speaker(), nil, time.Now())
			return core.Count(n, "A stock list of 1 unit written to {{.File}}", "A stock list of {{.Count}} units written to {{.File}}"), err
		},
	},
}

// document prints a receipt's or an order's paper.
func document(reg *core.Register, w io.Writer, kind core.DocKind, number, flag string, read func(core.DocID) (core.Paper, error)) (core.Message, error) {
	if number == "" {
		return core.Message{}, &core.Error{Code: core.Invalid, Message: core.Say("say which document with {{.Flag}}", core.Values{"Flag": flag})}
	}
	ref, err := core.ParseDocRef(kind, number)
	if err != nil {
		return core.Message{}, err
	}
	p, err := read(ref.ID)
	if err != nil {
		return core.Message{}, err
	}
	return core.Say("The paper of {{.Doc}} written to {{.File}}", core.Values{"Doc": ref.String()}), paper.Document(w, p, screens.Speaker(), time.Now())
}

// printLabels prints the labels of a receipt, an item's stock or a serial.
func printLabels(reg *core.Register, w io.Writer, o printOptions) (core.Message, error) {
	size, err := paper.ParseLabelSize(o.size)
	if err != nil {
		return core.Message{}, err
	}
	rows, err := labelRows(reg, o)
	if err != nil {
		return core.Message{}, err
	}
	printed, err := paper.Labels(context.Background(), w, paper.LabelsOf(rows), paper.LabelOptions{Size: size, QR: o.qr, In: screens.Speaker()}, nil, time.Now())
	n := len(printed.QRInstead)
	if n == 0 {
		return core.Count(printed.Labels, "1 label written to {{.File}}", "{{.Count}} labels written to {{.File}}"), err
	}
	return core.Count(n, "{{.Labels}} (1 serial too long for a barcode on {{.Size}} labels: a QR code instead) written to {{.File}}",
		"{{.Labels}} ({{.Count}} serials too long for a barcode on {{.Size}} labels: a QR code instead) written to {{.File}}").
		With(core.Values{"Labels": core.Count(printed.Labels, "1 label", "{{.Count}} labels"), "Size": size.Name()}), err
}

// labelRows are the units the options name.
func labelRows(reg *core.Register, o printOptions) ([]core.SerialRow, error) {
	item, err := itemNumbered(reg, o.item)
	if err != nil {
		return nil, err
	}
	switch {
	case o.receipt != "" && o.item == "" && o.serial == "":
		ref, err := core.ParseDocRef(core.ReceiptDoc, o.receipt)
		if err != nil {
			return nil, err
		}
		if _, err := reg.Receipt(ref.ID); err != nil {
			return nil, err
		}
		page, err := reg.DocumentSerials(ref, 0, 0)
		return page.Rows, err
	case o.serial != "" && o.receipt == "":
		serial, err := core.NormalizeSerial(o.serial)
		if err != nil {
			return nil, err
		}
		page, err := reg.SearchSerials(core.SerialQuery{Text: serial, Item: item})
		if err != nil {
			return nil, err
		}
		var rows []core.SerialRow
		for _, r := range page.Rows {
			if r.Serial.Serial == serial {
				rows = append(rows, r)
			}
		}
		switch {
		case len(rows) == 0:
			return nil, &core.Error{Code: core.NotFound, Message: core.Say("the serial {{.Serial}} is not in the register", core.Values{"Serial": serial})}
		case len(rows) > 1:
			return nil, &core.Error{Code: core.Invalid, Message: core.Say("items {{.Item}} and {{.Other}} both have the serial {{.Serial}}; say which with --item",
				core.Values{"Item": rows[0].ItemNo, "Other": rows[1].ItemNo, "Serial": serial})}
		}
		return rows, nil
	case o.item != "" && o.receipt == "":
		page, err := reg.SearchSerials(core.SerialQuery{Item: item, State: core.InStock})
		return page.Rows, err
	}
	return nil, &core.Error{Code: core.Invalid, Message: core.Say("say which labels with one of --receipt GR-000001, --item ITEMNO or --serial S")}
}

// itemNumbered is the item an option names by its number, 0 for none.
func itemNumbered(reg *core.Register, no string) (core.ItemID, error) {
	if no == "" {
		return 0, nil
	}
	it, err := reg.ItemByNo(no)
	return it.ID, err
}
