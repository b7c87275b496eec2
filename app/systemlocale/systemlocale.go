// Package systemlocale makes a system locale that names no language, such
// as Debian's default C.UTF-8, read as English, before Fyne's translations
// look at it: Fyne would print "Fyne error: Error parsing user locale C"
// into every command's output (an owner's scheduled export log) at start.
//
// It is a module of its own so that its path sorts before fyne.io: Go
// initializes packages in the order of their import paths where their
// imports allow, so this init runs before Fyne's. The app imports it for
// that alone.
package systemlocale

import (
	"os"
	"strings"

	"golang.org/x/text/language"
)

func init() {
	// The variables in the order Fyne reads them (github.com/jeandeaual/go-locale).
	locale := ""
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = os.Getenv(name); locale != "" {
			break
		}
	}
	if locale == "" || locale == "C" || locale == "POSIX" || os.Getenv("LANGUAGE") != "" {
		return // none, which Fyne reads as English without a word, or LANGUAGE, which it reads first
	}
	if _, err := language.Parse(Language(locale)); err != nil {
		// LANGUAGE is what gettext reads for messages alone; the C
		// library's character handling stays as the system set it.
		os.Setenv("LANGUAGE", "en")
	}
}

// Language is the language part of a POSIX locale, as a language tag:
// nb_NO.UTF-8@euro is nb-NO, C.UTF-8 is C.
func Language(locale string) string {
	locale, _, _ = strings.Cut(locale, "@")
	locale, _, _ = strings.Cut(locale, ".")
	return strings.ReplaceAll(locale, "_", "-")
}
