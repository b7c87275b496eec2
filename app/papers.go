package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"time"

	"serialdesk/core"
	"serialdesk/data/paper"
	"serialdesk/screens"
)

// papers gives the screens package data/paper, each PDF written whole or
// not at all.
type papers struct{ reg *core.Register }

func (papers) Document(path string, p core.Paper) error {
	_, err := writeFile(path, func(w io.Writer) (int, error) { return 0, paper.Document(w, p, screens.Speaker(), time.Now()) })
	return err
}

func (papers) Labels(ctx context.Context, path string, units []core.SerialRow, size string, qr bool, progress func(done, total int)) ([]string, error) {
	var printed paper.Printed
	_, err := writeFile(path, func(w io.Writer) (n int, err error) {
		printed, err = paper.Labels(ctx, w, paper.LabelsOf(units), paper.LabelOptions{Size: paper.LabelSize(size), QR: qr, In: screens.Speaker()}, progress, time.Now())
		return printed.Labels, err
	})
	return printed.QRInstead, err
}

func (p papers) StockList(ctx context.Context, path string, item core.ItemID, progress func(done, total int)) (int, error) {
	return writeFile(path, func(w io.Writer) (int, error) {
		return paper.StockList(ctx, w, p.reg, item, screens.Speaker(), progress, time.Now())
	})
}

func (papers) LabelSizes() []screens.LabelSize {
	out := make([]screens.LabelSize, len(paper.LabelSizes))
	for i, s := range paper.LabelSizes {
		out[i] = screens.LabelSize{Key: string(s), Name: screens.Say(s.Name())}
	}
	return out
}

// printDir is where the papers printed from the window are written before
// the system's viewer opens them: the user's cache, which is theirs and
// not in the way; the viewer saves a copy elsewhere.
func printDir() string {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	return filepath.Join(base, "Serialdesk", "Printouts")
}
