// Package assets holds the files built into the program: the icon and the
// translations.
package assets

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"serialdesk/core"
)

// Icon is Serialdesk's icon, 512×512 PNG (also named in FyneApp.toml).
//
//go:embed icon.png
var Icon []byte

// Translations are the texts in each language Serialdesk speaks besides
// English, one file a language (nb.json: Norwegian Bokmål), each text
// found by its English words, as Fyne's translations (lang) read them.
//
//go:embed translations
var Translations embed.FS

// TranslationsDir is the folder in Translations that holds them.
const TranslationsDir = "translations"

// Speakers say messages in every language Serialdesk speaks, English
// first, without Fyne: for reading back what any of them wrote (a
// workbook), and for tests.
func Speakers() ([]core.Speaker, error) {
	files, err := fs.ReadDir(Translations, TranslationsDir)
	if err != nil {
		return nil, err
	}
	speakers := []core.Speaker{core.English}
	for _, f := range files {
		s, err := Speaker(strings.TrimSuffix(f.Name(), ".json"))
		if err != nil {
			return nil, err
		}
		speakers = append(speakers, s)
	}
	return speakers, nil
}

// Speaker says messages in the language of a translation file (nb).
func Speaker(language string) (core.Speaker, error) {
	b, err := Translations.ReadFile(path.Join(TranslationsDir, language+".json"))
	if err != nil {
		return core.Speaker{}, err
	}
	var texts map[string]string
	if err := json.Unmarshal(b, &texts); err != nil {
		return core.Speaker{}, fmt.Errorf("%s.json: %w", language, err)
	}
	return core.SpeakerOf(core.FormatsFor(language), texts), nil
}
