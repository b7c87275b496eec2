package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain runs the program itself when a test asks for it in a child
// process: the locale is read as the process starts, before any test.
func TestMain(m *testing.M) {
	if args := os.Getenv("SERIALDESK_RUN_AS_PROGRAM"); args != "" {
		os.Args = append([]string{"serialdesk"}, strings.Fields(args)...)
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

// The command line speaks the system's language: its refusals, its
// options' help and the flag package's own refusals too.
func TestTheCommandLineSpeaksTheSystemsLanguage(t *testing.T) {
	run := func(args string) (string, error) {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "SERIALDESK_RUN_AS_PROGRAM="+args, "LANG=nb_NO.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		return stderr.String(), err
	}
	dir := filepath.Join(t.TempDir(), "nothing")
	said, err := run("check --data " + dir)
	require.Error(t, err)
	assert.Equal(t, "serialdesk check: Det finnes ikke noe register i "+dir+".\n", said)

	said, err = run("check --bogus")
	require.Error(t, err)
	assert.Contains(t, said, "serialdesk check: det finnes ikke noe valg -bogus\nBruk: serialdesk check")
	assert.Contains(t, said, "(standard ")
	assert.NotContains(t, said, "flag provided")
	assert.NotContains(t, said, "Translation failure")
}
