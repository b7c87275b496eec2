package screens

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAboutShowsWhereTheDataIs(t *testing.T) {
	env := newTestEnv(t)
	env.Version, env.DataDir = "0.1.0 (build 1)", filepath.Join(t.TempDir(), "Jörg's shop", "serialdesk")
	env.showAbout()
	about := env.Window.Canvas().Overlays().Top()
	texts := labelTexts(about)
	assert.Contains(t, texts, "Serialdesk 0.1.0 (build 1)")
	assert.Contains(t, texts, env.DataDir)
	assert.Contains(t, texts, filepath.Join(env.DataDir, "serialdesk.log"))
	assert.Contains(t, texts, filepath.Join(env.DataDir, "backups"))
	assert.NotNil(t, findButton(about, "Open the data folder"), "a button opens the folder")
}

func TestFolderURL(t *testing.T) {
	assert.Equal(t, "file:///home/j%C3%B6rg/my%20shop", fileURL("/home/jörg/my shop").String())
	assert.Equal(t, "file:///C:/Users/Jane%20Doe/AppData/Roaming/serialdesk", fileURL("C:/Users/Jane Doe/AppData/Roaming/serialdesk").String(),
		"a Windows path, as filepath.ToSlash gives it there")
}
