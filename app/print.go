package app

import (
	"context"
	"fmt"
	"io"
	"time"

	"serialdesk/core"
	"serialdesk/data/paper"
)

// printCommand writes a paper as a PDF, for owners who script it:
//
//	serialdesk print slip --order SO-… --out F.pdf
//	serialdesk print receipt --receipt GR-… --out F.pdf
//	serialdesk print labels (--receipt GR-… | --item ITEMNO | --serial S) [--size 62x29|57x32|89x36|a4-3x8] [--qr] --out F.pdf
//	serialdesk print stock [--item ITEMNO] --out F.pdf
func printCommand(args []string, stdout, stderr io.Writer) int {
	usage := "Usage: serialdesk print slip|receipt|labels|stock … --out FILE.pdf (serialdesk print KIND --help says more)"
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	kind, ok := paperKinds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "serialdesk print: there is no paper %q\n%s\n", args[0], usage)
		return 2
	}
	command := "print " + args[0]
	fs, at := newFlags(command, kind.synopsis, kind.what, stderr)
	var o printOptions
	fs.StringVar(&o.out, "out", "", "the .pdf file to write")
	if kind.flags != nil {
		kind.flags(fs.StringVar, fs.BoolVar, &o)
	}
	if code, ok := parse(fs, args[1:]); !ok {
		return code
	}
	if o.out == "" {
		fmt.Fprintf(stderr, "serialdesk %s: say where to write the PDF with --out FILE.pdf\n", command)
		return 2
	}
	env, err := openToRead(*at, stderr)
	if err != nil {
		return failed(stderr, command, err, 1)
	}
	defer env.close()
	env.warn(stderr, command, true)
	var said string
	if _, err := writeFile(o.out, func(w io.Writer) (int, error) {
		said, err = kind.print(env.reg, w, o)
		return 0, err
	}); err != nil {
		return failed(stderr, command, err, 1)
	}
	fmt.Fprintf(stdout, "%s written to %s\n", said, o.out)
	return 0
}

// printOptions are what the print commands are told.
type printOptions struct {
	out, order, receipt, item, serial, size string
	qr                                      bool
}

// paperKind is one thing serialdesk print prints; print says what it
// wrote.
type paperKind struct {
	synopsis, what string
	flags          func(str func(*string, string, string, string), boolean func(*bool, string, bool, string), o *printOptions)
	print          func(reg *core.Register, w io.Writer, o printOptions) (string, error)
}

var paperKinds = map[string]paperKind{
	"slip": {
		synopsis: "--order SO-000001 --out FILE.pdf [--data DIR | --db postgres://…]",
		what:     "Writes an order's sales slip: the customer, each line with its serials and their warranty, and a line to sign.",
		flags: func(str func(*string, string, string, string), _ func(*bool, string, bool, string), o *printOptions) {
			str(&o.order, "order", "", "the order's number")
		},
		print: func(reg *core.Register, w io.Writer, o printOptions) (string, error) {
			return document(reg, w, core.OrderDoc, o.order, "--order SO-000001", reg.OrderPaper)
		},
	},
	"receipt": {
		synopsis: "--receipt GR-000001 --out FILE.pdf [--data DIR | --db postgres://…]",
		what:     "Writes a goods receipt's list: the supplier, each line with its serials, and a line to sign.",
		flags: func(str func(*string, string, string, string), _ func(*bool, string, bool, string), o *printOptions) {
			str(&o.receipt, "receipt", "", "the goods receipt's number")
		},
		print: func(reg *core.Register, w io.Writer, o printOptions) (string, error) {
			return document(reg, w, core.ReceiptDoc, o.receipt, "--receipt GR-000001", reg.ReceiptPaper)
		},
	},
	"labels": {
		synopsis: "(--receipt GR-000001 | --item ITEMNO | --serial S [--item ITEMNO]) [--size 62x29|57x32|89x36|a4-3x8] [--qr] --out FILE.pdf [--data DIR | --db postgres://…]",
		what: "Writes a barcode label for each serial of a goods receipt, for each unit of an item in stock, or for one serial: " +
			"item number and name, the serial as a Code 128 barcode and as text.",
		flags: func(str func(*string, string, string, string), boolean func(*bool, string, bool, string), o *printOptions) {
			str(&o.receipt, "receipt", "", "labels for every serial of this goods receipt")
			str(&o.item, "item", "", "labels for every unit of this item in stock (with --serial: the item of that serial)")
			str(&o.serial, "serial", "", "a label for this one serial")
			str(&o.size, "size", string(paper.Brother62x29), "the labels: 62x29 (Brother QL), 57x32 or 89x36 (DYMO), a4-3x8 (A4 sheet of 24)")
			boolean(&o.qr, "qr", false, "a QR code of the serial on each label too")
		},
		print: printLabels,
	},
	"stock": {
		synopsis: "[--item ITEMNO] --out FILE.pdf [--data DIR | --db postgres://…]",
		what:     "Writes a stock list to count by: each item's units in stock with the day they came in and a box to tick.",
		flags: func(str func(*string, string, string, string), _ func(*bool, string, bool, string), o *printOptions) {
			str(&o.item, "item", "", "only this item (its item number)")
		},
		print: func(reg *core.Register, w io.Writer, o printOptions) (string, error) {
			item, err := itemNumbered(reg, o.item)
			if err != nil {
				return "", err
			}
			n, err := paper.StockList(context.Background(), w, reg, item, nil, time.Now())
			return "A stock list of " + core.Count(n, "unit", "units"), err
		},
	},
}

// document prints a receipt's or an order's paper.
func document(reg *core.Register, w io.Writer, kind core.DocKind, number, flag string, read func(core.DocID) (core.Paper, error)) (string, error) {
	if number == "" {
		return "", &core.Error{Code: core.Invalid, Message: "say which document with " + flag}
	}
	ref, err := core.ParseDocRef(kind, number)
	if err != nil {
		return "", err
	}
	p, err := read(ref.ID)
	if err != nil {
		return "", err
	}
	return "The paper of " + ref.String(), paper.Document(w, p, time.Now())
}

// printLabels prints the labels of a receipt, an item's stock or a serial.
func printLabels(reg *core.Register, w io.Writer, o printOptions) (string, error) {
	size, err := paper.ParseLabelSize(o.size)
	if err != nil {
		return "", err
	}
	rows, err := labelRows(reg, o)
	if err != nil {
		return "", err
	}
	printed, err := paper.Labels(context.Background(), w, paper.LabelsOf(rows), paper.LabelOptions{Size: size, QR: o.qr}, nil, time.Now())
	said := core.Count(printed.Labels, "label", "labels")
	if n := len(printed.QRInstead); n > 0 {
		said += fmt.Sprintf(" (%s too long for a barcode on %s labels: a QR code instead)", core.Count(n, "serial", "serials"), size)
	}
	return said, err
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
			return nil, &core.Error{Code: core.NotFound, Message: "the serial " + serial + " is not in the register"}
		case len(rows) > 1:
			return nil, &core.Error{Code: core.Invalid, Message: "items " + rows[0].ItemNo + " and " + rows[1].ItemNo +
				" both have the serial " + serial + "; say which with --item"}
		}
		return rows, nil
	case o.item != "" && o.receipt == "":
		page, err := reg.SearchSerials(core.SerialQuery{Item: item, State: core.InStock})
		return page.Rows, err
	}
	return nil, &core.Error{Code: core.Invalid, Message: "say which labels with one of --receipt GR-000001, --item ITEMNO or --serial S"}
}

// itemNumbered is the item an option names by its number, 0 for none.
func itemNumbered(reg *core.Register, no string) (core.ItemID, error) {
	if no == "" {
		return 0, nil
	}
	it, err := reg.ItemByNo(no)
	return it.ID, err
}
