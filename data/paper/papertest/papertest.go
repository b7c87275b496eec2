// Package papertest reads PDFs back for the tests, with other programs
// than the one that wrote them: poppler (pdftotext, pdftoppm) reads the
// text and renders the pages as a printer would, and zbar reads the
// barcodes off the rendered pages. Each is a Debian package that make test
// installs (make test-deps). It also speaks Norwegian as the program does,
// from the translations it ships.
package papertest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"serialdesk/assets"
	"serialdesk/core"
)

// Norwegian says messages in Norwegian Bokmål as the program does: each
// text as assets/translations/nb.json translates it, its values filled in
// (Go's text/template, as Fyne's translations do), with Norwegian dates
// and amounts. A text not translated yet is said in English.
func Norwegian(t testing.TB) core.Speaker {
	t.Helper()
	nb, err := assets.Speaker("nb")
	require.NoError(t, err)
	return nb
}

// tool is the path of a reader, failing the test when it is missing.
func tool(t testing.TB, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	require.NoError(t, err, "%s (Debian package %s) reads the PDFs in these tests: run make test-deps", name, pkg)
	return path
}

// save writes a generated PDF to a file of the test's own.
func save(t testing.TB, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "paper.pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o644))
	return path
}

// Text is the PDF's text as poppler reads it, its pages laid out.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext", "poppler-utils"), "-layout", save(t, pdf), "-").Output()
	require.NoError(t, err, "poppler reads the PDF")
	return string(out)
}

// Info is what poppler says of the PDF: its properties and page count.
func Info(t testing.TB, pdf []byte) string {
	t.Helper()
	out, err := exec.Command(tool(t, "pdfinfo", "poppler-utils"), save(t, pdf)).Output()
	require.NoError(t, err, "poppler reads the PDF")
	return string(out)
}

// Scanned are the codes zbar reads off each page rendered at dpi, as
// "CODE-128:serial" and "QR-Code:serial", by page, sorted.
func Scanned(t testing.TB, pdf []byte, dpi string) [][]string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command(tool(t, "pdftoppm", "poppler-utils"), "-r", dpi, "-gray", "-png", save(t, pdf), filepath.Join(dir, "page")).CombinedOutput()
	require.NoError(t, err, "poppler renders the PDF: %s", out)
	pages, err := filepath.Glob(filepath.Join(dir, "page-*.png"))
	require.NoError(t, err)
	sort.Strings(pages)
	var codes [][]string
	for _, png := range pages {
		cmd := exec.Command(tool(t, "zbarimg", "zbar-tools"), "-q", png)
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		// zbarimg exits 4 when it finds no code: that page has none.
		if err := cmd.Run(); err != nil && cmd.ProcessState.ExitCode() != 4 {
			require.NoError(t, err, "zbar reads %s", png)
		}
		var found []string
		for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
			if line != "" {
				found = append(found, line)
			}
		}
		sort.Strings(found)
		codes = append(codes, found)
	}
	return codes
}
