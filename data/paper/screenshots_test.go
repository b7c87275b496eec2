package paper_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
	"serialdesk/data/paper"
	"serialdesk/data/paper/papertest"
)

// TestScreenshots writes each kind of paper from the example data and,
// with SCREENSHOTS=DIR (make screenshots), renders its first page there as
// paper-*.png with poppler, to be looked at beside the screens; the A4
// papers in Norwegian too, in DIR/nb as the screens are.
func TestScreenshots(t *testing.T) {
	shots := map[string]func(*bytes.Buffer) error{}
	var units []paper.Label
	for folder, in := range map[string]core.Speaker{"": core.English, "nb": papertest.Norwegian(t)} {
		// The example data as a shop of the language types it.
		reg := datatest.NewRegister(t)
		require.NoError(t, reg.LoadExamplesIn(in))
		order, err := reg.OrderPaper(1)
		require.NoError(t, err)
		receipt, err := reg.ReceiptPaper(4)
		require.NoError(t, err)
		if folder == "" {
			page, err := reg.DocumentSerials(core.DocRef{Kind: core.ReceiptDoc, ID: 4}, 0, 0)
			require.NoError(t, err)
			units = paper.LabelsOf(page.Rows)
		}
		shots[filepath.Join(folder, "slip")] = func(w *bytes.Buffer) error { return paper.Document(w, order, in, printedAt) }
		shots[filepath.Join(folder, "receipt")] = func(w *bytes.Buffer) error { return paper.Document(w, receipt, in, printedAt) }
		shots[filepath.Join(folder, "stock-list")] = func(w *bytes.Buffer) error {
			_, err := paper.StockList(context.Background(), w, reg, 0, in, nil, printedAt)
			return err
		}
	}
	for _, size := range paper.LabelSizes {
		shots["labels-"+string(size)] = func(w *bytes.Buffer) error {
			_, err := paper.Labels(context.Background(), w, units, paper.LabelOptions{Size: size, QR: size == paper.Dymo89x36}, nil, printedAt)
			return err
		}
	}
	dir := os.Getenv("SCREENSHOTS")
	for name, write := range shots {
		var buf bytes.Buffer
		require.NoError(t, write(&buf), name)
		if dir == "" {
			continue
		}
		pdf := filepath.Join(t.TempDir(), "paper.pdf")
		require.NoError(t, os.WriteFile(pdf, buf.Bytes(), 0o644))
		dpi := "110" // an A4 page about as large as the screens
		if strings.HasPrefix(name, "labels-") && name != "labels-"+string(paper.A4Sheet3x8) {
			dpi = "250" // a label from a roll is small: drawn large enough to read
		}
		folder, file := filepath.Split(name)
		require.NoError(t, os.MkdirAll(filepath.Join(dir, folder), 0o755))
		out, err := exec.Command("pdftoppm", "-r", dpi, "-png", "-singlefile", "-f", "1", "-l", "1", pdf, filepath.Join(dir, folder, "paper-"+file)).CombinedOutput()
		require.NoError(t, err, "poppler-utils renders the PDF (make test-deps): %s", out)
	}
}
