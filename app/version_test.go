package app

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVersionComesFromFyneApp(t *testing.T) {
	assert.Equal(t, "1.2.3 (build 7)", versionOf("[Details]\n  Icon = \"x.png\"\n  Version = \"1.2.3\"\n  Build = 7\n"))
	assert.Equal(t, "1.2.3", versionOf("Version = \"1.2.3\""))
	assert.Equal(t, "unknown", versionOf("nothing here"))

	toml, err := os.ReadFile("../FyneApp.toml")
	require.NoError(t, err)
	SetVersion(string(toml))
	t.Cleanup(func() { version = "unknown" })
	assert.Regexp(t, `^\d+\.\d+\.\d+ \(build \d+\)$`, version, "the real FyneApp.toml has both")

	var stdout bytes.Buffer
	assert.Equal(t, 0, Main([]string{"--version"}, &stdout, io.Discard))
	assert.Equal(t, "Serialdesk "+version+"\n", stdout.String())
}
