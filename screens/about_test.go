package screens

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

func TestAboutShowsWhereTheDataIs(t *testing.T) {
	env := newTestEnv(t)
	env.Version, env.DataDir = "0.1.0 (build 1)", filepath.Join(t.TempDir(), "Jörg's shop", "serialdesk")
	env.showAbout()
	var texts []string
	var open bool
	for _, o := range test.LaidOutObjects(env.Window.Canvas().Overlays().Top()) {
		switch w := o.(type) {
		case *widget.Label:
			texts = append(texts, w.Text)
		case *widget.Button:
			open = open || w.Text == "Open the data folder"
		}
	}
	assert.Contains(t, texts, "Serialdesk 0.1.0 (build 1)")
	assert.Contains(t, texts, env.DataDir)
	assert.Contains(t, texts, filepath.Join(env.DataDir, "serialdesk.log"))
	assert.Contains(t, texts, filepath.Join(env.DataDir, "backups"))
	assert.True(t, open, "a button opens the folder")
}

func TestFolderURL(t *testing.T) {
	assert.Equal(t, "file:///home/j%C3%B6rg/my%20shop", folderURL("/home/jörg/my shop").String())
	assert.Equal(t, "file:///C:/Users/Jane%20Doe/AppData/Roaming/serialdesk", folderURL("C:/Users/Jane Doe/AppData/Roaming/serialdesk").String(),
		"a Windows path, as filepath.ToSlash gives it there")
}
