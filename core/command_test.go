package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCommandIsTheConsoleProgramOnWindows(t *testing.T) {
	assert.Equal(t, "serialdesk-cli", command("windows"))
	assert.Equal(t, "serialdesk", command("darwin"))
	assert.Equal(t, "serialdesk", command("linux"))
}

// A path in a command the user is told to type reads back as the same path
// in the Command Prompt and in a shell.
func TestQuotedPathsAreTypedAsTheyAre(t *testing.T) {
	for _, c := range []struct{ goos, path, want string }{
		{"windows", `C:\Users\Jörg Müller\AppData\Roaming\serialdesk`, `"C:\Users\Jörg Müller\AppData\Roaming\serialdesk"`},
		{"windows", `D:\shop $ & co\backups`, `"D:\shop $ & co\backups"`},
		{"linux", "/home/jörg/my shop", `"/home/jörg/my shop"`},
		{"darwin", "/Users/ann/shop \"A\" $HOME `x` a\\b", "\"/Users/ann/shop \\\"A\\\" \\$HOME \\`x\\` a\\\\b\""},
	} {
		assert.Equal(t, c.want, quoted(c.goos, c.path), "%s: %s", c.goos, c.path)
	}
}
