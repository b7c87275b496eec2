package screens

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
)

// Papers writes the register's papers as PDF files, whole or not at all;
// the app gives them (package data/paper), so that the screens never touch
// a file format. Fyne cannot print: the system's PDF viewer prints them.
type Papers interface {
	// Document writes a receipt's list or an order's sales slip.
	Document(path string, p core.Paper) error
	// Labels writes a label for each unit, on labels of the size (a
	// LabelSize's Key); tooLong are the serials whose barcode did not fit
	// and got a QR code instead.
	Labels(ctx context.Context, path string, units []core.SerialRow, size string, qr bool, progress func(done, total int)) (tooLong []string, err error)
	// StockList writes the units in stock of one item (0: all) to count by.
	StockList(ctx context.Context, path string, item core.ItemID, progress func(done, total int)) (int, error)
	// LabelSizes are the sizes of labels there are, the usual first.
	LabelSizes() []LabelSize
}

// LabelSize is a size of labels: Key as the settings keep it, Name as the
// choice shows it.
type LabelSize struct{ Key, Name string }

// The preferences that remember how this counter prints labels: its
// printer's size, and whether a QR code goes on them.
const (
	labelSizeKey = "labelSize"
	labelQRKey   = "labelQR"
)

// keepPrintouts is how long a printed paper's PDF is kept in the folder of
// printouts before the next print clears it away.
const keepPrintouts = 14 * 24 * time.Hour

// printJob is one paper to print: what it is, its file's name, and what
// writes it (with a note for the user, or "").
type printJob struct {
	what  string // "Printing labels…"
	name  string // the file's name, without the time and .pdf
	long  bool   // it can take a while: show its progress, with Cancel
	write func(ctx context.Context, path string, progress func(done, total int)) (note string, err error)
}

// print writes a paper in the background into the folder of printouts and
// opens it in the system's PDF viewer, to print or save. A long one shows
// its progress and can be cancelled, which writes nothing.
func (env *Env) print(job printJob) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	var progress *dialog.CustomDialog
	if job.long {
		progress = dialog.NewCustomWithoutButtons(job.what, bar, env.Window)
		progress.SetButtons([]fyne.CanvasObject{newButton(lang.L("Cancel"), theme.CancelIcon(), cancel)})
		progress.Show()
	}
	path := filepath.Join(env.PrintDir, fileName(job.name)+" "+time.Now().Format("2006-01-02 15.04.05")+".pdf")
	background(env, func() (string, error) {
		defer cancel()
		if err := os.MkdirAll(env.PrintDir, 0o755); err != nil {
			why := err
			var pathErr *os.PathError
			if errors.As(err, &pathErr) {
				why = pathErr.Err // "permission denied", without the system call
			}
			return "", &core.Error{Code: core.Invalid, Message: core.Say("The folder for printouts {{.Folder}} cannot be made ({{.Cause}}).", core.Values{"Folder": env.PrintDir, "Cause": why.Error()}), Err: err}
		}
		env.clearOldPrintouts()
		return job.write(ctx, path, func(done, total int) {
			if total > 0 {
				env.OnUI(func() { bar.SetValue(float64(done) / float64(total)) })
			}
		})
	}, func(note string, err error) {
		if progress != nil {
			progress.Hide()
		}
		switch {
		case errors.Is(err, context.Canceled):
			return // the user stopped it: nothing was written
		case err != nil:
			env.showError(err)
			return
		}
		opened := env.openFile(path)
		if opened != nil {
			env.Log.WithError(opened).Warn("could not open a printout")
			note = strings.TrimSpace(lang.L("The PDF viewer could not be opened; open the file yourself to print it.") + "\n\n" + note)
		}
		if note != "" {
			env.showSaved(lang.L("Printed to a PDF"), note+"\n\n"+path, storage.NewFileURI(path))
		}
	})
}

// openFile opens a printout in the system's viewer (tests give their own).
func (env *Env) openFile(path string) error {
	if env.OpenFile != nil {
		return env.OpenFile(path)
	}
	return openInSystem(path)
}

// clearOldPrintouts removes the printouts older than keepPrintouts: each
// print makes a new file (a viewer may hold the last one open), and the
// folder should not grow for ever.
func (env *Env) clearOldPrintouts() {
	files, err := filepath.Glob(filepath.Join(env.PrintDir, "*.pdf"))
	if err != nil {
		return
	}
	for _, f := range files {
		if info, err := os.Stat(f); err == nil && time.Since(info.ModTime()) > keepPrintouts {
			os.Remove(f)
		}
	}
}

// fileName keeps what a file name may hold on every system.
func fileName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 0x20 {
			return '-'
		}
		return r
	}, s)
}

// withShop runs then once the shop's details are there to head a paper,
// or the user chose to print without them.
func (env *Env) withShop(then func()) {
	background(env, env.Reg.Shop, func(shop core.Shop, err error) {
		switch {
		case err != nil:
			env.readFailed(err)
		case shop.Name != "":
			then()
		default:
			env.ask(lang.L("The shop's details are missing"), lang.L("Papers print the shop's name, address and organisation number at their head, "+
				"and none are saved yet. Enter them once for every counter, under Settings… in the Serialdesk menu."),
				lang.L("Enter them…"), theme.DocumentCreateIcon(), func() { env.askShop(shop, "") }, lang.L("Print without"), theme.DocumentPrintIcon(), then)
		}
	})
}

// printDocument prints a receipt's list or an order's sales slip.
func (env *Env) printDocument(doc core.DocRef) {
	env.withShop(func() { env.printDocumentNow(doc) })
}

func (env *Env) printDocumentNow(doc core.DocRef) {
	env.print(printJob{what: Tr("Printing {{.Doc}}…", core.Values{"Doc": doc}), name: Say(doc.Kind.PaperTitle()) + " " + doc.String(),
		write: func(_ context.Context, path string, _ func(int, int)) (string, error) {
			read := env.Reg.OrderPaper
			if doc.Kind == core.ReceiptDoc {
				read = env.Reg.ReceiptPaper
			}
			p, err := read(doc.ID)
			if err != nil {
				return "", err
			}
			return "", env.Papers.Document(path, p)
		}})
}

// printLabels prints labels for the units fetch brings, on this counter's
// label size.
func (env *Env) printLabels(name string, fetch func() ([]core.SerialRow, error)) {
	size := env.labelSize()
	env.print(printJob{what: lang.L("Printing labels…"), name: name, long: true,
		write: func(ctx context.Context, path string, progress func(int, int)) (string, error) {
			units, err := fetch()
			if err != nil {
				return "", err
			}
			tooLong, err := env.Papers.Labels(ctx, path, units, size.Key, env.Prefs.Bool(labelQRKey), progress)
			if err != nil || len(tooLong) == 0 {
				return "", err
			}
			values := core.Values{"Size": size.Name, "Serials": strings.Join(firstOf(tooLong, 5), ", ")}
			return Say(core.Count(len(tooLong), "1 serial is too long for a barcode that scans on {{.Size}} labels; its label carries a QR code instead, which 2D scanners read: {{.Serials}}. Wider labels give a barcode more room.",
				"{{.Count}} serials are too long for a barcode that scans on {{.Size}} labels; their labels carry a QR code instead, which 2D scanners read: {{.Serials}}. Wider labels give a barcode more room.").With(values)), nil
		}})
}

func firstOf(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(s[:n:n], "…")
}

// labelSize is the size of labels this counter prints on.
func (env *Env) labelSize() LabelSize {
	sizes := env.Papers.LabelSizes()
	key := env.Prefs.StringWithFallback(labelSizeKey, sizes[0].Key)
	for _, s := range sizes {
		if s.Key == key {
			return s
		}
	}
	return sizes[0]
}

// printStockList prints the units in stock of one item (0: every item).
func (env *Env) printStockList(item core.ItemID, name string) {
	env.withShop(func() { env.printStockListNow(item, name) })
}

func (env *Env) printStockListNow(item core.ItemID, name string) {
	env.print(printJob{what: lang.L("Printing the stock list…"), name: Tr("Stock list {{.Item}}", core.Values{"Item": name}), long: true,
		write: func(ctx context.Context, path string, progress func(int, int)) (string, error) {
			_, err := env.Papers.StockList(ctx, path, item, progress)
			return "", err
		}})
}

// StockListItem is the menu item that prints a stock list of every item.
func StockListItem(env *Env) *fyne.MenuItem {
	return fyne.NewMenuItem(lang.L("Print a stock list"), func() { env.printStockList(0, lang.L("all items")) })
}
