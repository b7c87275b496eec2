// Package assets holds the files built into the program: the icon and the
// translations.
package assets

import "embed"

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
