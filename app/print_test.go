package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/data/paper/papertest"
)

func TestPrintCommands(t *testing.T) {
	dir := exampleDir(t)
	out := t.TempDir()
	run := func(args ...string) (string, []byte) {
		t.Helper()
		file := filepath.Join(out, args[0]+".pdf")
		var stdout, stderr bytes.Buffer
		code := Main(append(append([]string{"print"}, args...), "--data", dir, "--out", file), &stdout, &stderr)
		require.Equal(t, 0, code, stderr.String())
		pdf, err := os.ReadFile(file)
		require.NoError(t, err)
		info, err := os.Stat(file)
		require.NoError(t, err)
		assert.NotZero(t, info.Mode().Perm()&0o040, "the group reads it, like any file the user saves")
		return stdout.String(), pdf
	}

	said, pdf := run("slip", "--order", "so-1")
	assert.Equal(t, "The paper of SO-000001 written to "+filepath.Join(out, "slip.pdf")+"\n", said)
	text := papertest.Text(t, pdf)
	for _, want := range []string{"Sales slip", "SO-000001", "Ola Nordmann", "996A1B2C1", "warranty until"} {
		assert.Contains(t, text, want)
	}

	_, pdf = run("receipt", "--receipt", "GR-000004")
	text = papertest.Text(t, pdf)
	for _, want := range []string{"Goods receipt", "GR-000004", "Oslo Auction House", "DR-990101", "1HGCM82633A004352"} {
		assert.Contains(t, text, want)
	}

	said, pdf = run("labels", "--receipt", "GR-000004", "--size", "89x36", "--qr")
	assert.Contains(t, said, "4 labels written to ")
	assert.Equal(t, [][]string{{"CODE-128:DR-990101", "QR-Code:DR-990101"}, {"CODE-128:DR-990102", "QR-Code:DR-990102"},
		{"CODE-128:DR-990103", "QR-Code:DR-990103"}, {"CODE-128:1HGCM82633A004352", "QR-Code:1HGCM82633A004352"}}, papertest.Scanned(t, pdf, "300"))
	said, pdf = run("labels", "--item", "CS-500", "--size", "a4-3x8")
	assert.Contains(t, said, "5 labels written to ", "the chainsaws in stock")
	assert.Len(t, papertest.Scanned(t, pdf, "300")[0], 5)
	_, pdf = run("labels", "--serial", "996a1b2c1")
	assert.Equal(t, [][]string{{"CODE-128:996A1B2C1"}}, papertest.Scanned(t, pdf, "300"))

	said, pdf = run("stock", "--item", "DRILL-18V")
	assert.Contains(t, said, "A stock list of 1 unit written to ")
	text = papertest.Text(t, pdf)
	assert.Contains(t, text, "DR-990102")
	assert.NotContains(t, text, "996A1B2C3")
}

func TestPrintCommandRefusals(t *testing.T) {
	dir := exampleDir(t)
	out := filepath.Join(t.TempDir(), "x.pdf")
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"print"}, 2, "Usage: serialdesk print slip|receipt|labels|stock"},
		{[]string{"print", "poster"}, 2, `there is no paper "poster"`},
		{[]string{"print", "slip", "--data", dir}, 2, "say where to write the PDF with --out FILE.pdf"},
		{[]string{"print", "slip", "--data", dir, "--out", out}, 1, "Say which document with --order SO-000001"},
		{[]string{"print", "slip", "--data", dir, "--out", out, "--order", "GR-000001"}, 1, "GR-000001 is not a document number like SO-000001"},
		{[]string{"print", "slip", "--data", dir, "--out", out, "--order", "SO-000099"}, 1, "SO-000099 was not found"},
		{[]string{"print", "labels", "--data", dir, "--out", out}, 1, "Say which labels with one of --receipt"},
		{[]string{"print", "labels", "--data", dir, "--out", out, "--serial", "NOPE-1"}, 1, "The serial NOPE-1 is not in the register"},
		{[]string{"print", "labels", "--data", dir, "--out", out, "--receipt", "1", "--size", "4x6"}, 1, "There is no label size 4x6; the sizes are 62x29, 57x32, 89x36, a4-3x8"},
		{[]string{"print", "stock", "--data", dir, "--out", out, "--item", "NOPE"}, 1, "There is no item with number NOPE"},
		{[]string{"print", "stock", "--data", dir, "--out", filepath.Join(dir, "missing", "x.pdf")}, 1, "annot write in"},
	} {
		var stdout, stderr bytes.Buffer
		assert.Equal(t, c.code, Main(c.args, &stdout, &stderr), "%v: %s", c.args, stderr.String())
		assert.Contains(t, stderr.String(), c.says, "%v", c.args)
		assert.NotContains(t, stderr.String(), "goroutine", "no stack trace")
		_, err := os.Stat(out)
		assert.True(t, os.IsNotExist(err), "%v: nothing written", c.args)
	}
}
