package screens

import (
	"path"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"serialdesk/assets"
	"serialdesk/core"
)

// languageKey is the preference that keeps the language chosen in
// Settings…: "" for the system's.
const languageKey = "language"

// languages are the languages Serialdesk speaks, by tag, as Settings…
// names them; English is the one its texts are written in.
var languages = []struct{ tag, name string }{{"", words("The system's")}, {"en", "English"}, {"nb", "Norsk bokmål"}}

// UseLanguage sets the language Serialdesk speaks, as the app starts and
// before any screen is built: the one chosen in Settings…, or the
// system's (Norwegian for nb, no and nn; English for any other). Dates and
// amounts follow it.
func UseLanguage(prefs fyne.Preferences) error { return useLanguage(prefs.String(languageKey)) }

// UseSystemLanguage sets the language the command line speaks: the
// system's, as a scheduled command runs without the window's settings.
func UseSystemLanguage() error { return useLanguage("") }

// useLanguage speaks the language of the tag chosen, "" for the system's.
func useLanguage(chosen string) error {
	system := lang.SystemLocale()
	if chosen == "" {
		chosen = core.FormatsFor(string(system)).Language
	}
	SetFormats(core.FormatsFor(chosen))
	if chosen == core.EnglishFormats.Language {
		return nil // the texts as written
	}
	texts, err := assets.Translations.ReadFile(path.Join(assets.TranslationsDir, chosen+".json"))
	if err != nil {
		return err
	}
	// Fyne speaks the language among those it has that is closest to the
	// system's: given as the system's own, the chosen one is spoken
	// whatever the system says.
	return lang.AddTranslationsForLocale(texts, system)
}

// words marks English words kept in a table (a document kind's labels)
// that are translated where they are shown, with lang.L, so that the
// test of translations finds them.
func words(text string) string { return text }
