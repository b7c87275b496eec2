package main

import (
	"bytes"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain runs the program itself when a test asks for it in a child
// process: the locale is read as the process starts, before any test.
func TestMain(m *testing.M) {
	if args := os.Getenv("SERIALDESK_RUN_AS_PROGRAM"); args != "" {
		os.Args = []string{"serialdesk", args}
		main()
	}
	os.Exit(m.Run())
}

// A locale that names no language (Debian's default C.UTF-8, C, POSIX,
// none) is English, without a word on the command's output.
func TestALocaleWithoutALanguageIsEnglishQuietly(t *testing.T) {
	for _, locale := range []string{"C.UTF-8", "C.utf8", "POSIX.UTF-8", "C", "POSIX", "", "en_US.UTF-8", "nb_NO.UTF-8"} {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "SERIALDESK_RUN_AS_PROGRAM=--version", "LANG="+locale, "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		require.NoError(t, cmd.Run(), "LANG=%s: %s", locale, stderr.String())
		assert.Regexp(t, `^Serialdesk \d`, stdout.String(), "LANG=%s", locale)
		assert.Empty(t, stderr.String(), "LANG=%s: nothing on the error output", locale)
	}
}
