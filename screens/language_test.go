package screens

import (
	"os"
	"os/exec"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// inChild runs the test again in a process of its own, with env: Fyne's
// translations are the process's, and a language given to them stays.
// It reports whether this is that process.
func inChild(t *testing.T, env ...string) bool {
	if os.Getenv("SERIALDESK_LANGUAGE_CHILD") != "" {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), "SERIALDESK_LANGUAGE_CHILD=1"), env...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return false
}

// Norwegian chosen in Settings… is spoken whatever the system's language,
// with its dates and amounts.
func TestTheChosenLanguageIsSpoken(t *testing.T) {
	if !inChild(t, "LANG=en_US.UTF-8", "LANGUAGE=", "LC_ALL=", "LC_MESSAGES=") {
		return
	}
	defer SetFormats(core.EnglishFormats)
	env := newTestEnv(t)
	env.Prefs.SetString(languageKey, "nb")
	require.NoError(t, UseLanguage(env.Prefs))
	s := Main(env)
	assert.Equal(t, "Varer", s.Tabs.Items[itemsSection].Text)
	assert.Equal(t, "Varemottak", s.Tabs.Items[receiptsSection].Text)
	assert.Equal(t, "Nytt varemottak", s.MenuItems()[0].Label)
	assert.Equal(t, core.NorwegianFormats.Language, speaker.Formats.Language)
}

// The system's language is spoken when none is chosen: Norwegian for nb,
// no and nn; and English chosen on a Norwegian system is English.
func TestTheSystemsLanguageIsSpokenUnlessAnotherIsChosen(t *testing.T) {
	for _, c := range []struct {
		name, lang, chosen, items string
	}{{"nn", "nn_NO.UTF-8", "", "Varer"}, {"no", "no_NO.UTF-8", "", "Varer"}, {"English chosen", "nb_NO.UTF-8", "en", "Items"}, {"sv", "sv_SE.UTF-8", "", "Items"}} {
		t.Run(c.name, func(t *testing.T) {
			if !inChild(t, "LANG="+c.lang, "LANGUAGE=", "LC_ALL=", "LC_MESSAGES=", "SERIALDESK_CHOSEN="+c.chosen, "SERIALDESK_ITEMS="+c.items) {
				return
			}
			defer SetFormats(core.EnglishFormats)
			a := test.NewTempApp(t)
			a.Preferences().SetString(languageKey, os.Getenv("SERIALDESK_CHOSEN"))
			require.NoError(t, UseLanguage(a.Preferences()))
			w := a.NewWindow("Serialdesk")
			env := testEnv(t, a, w)
			s := Main(env)
			assert.Equal(t, os.Getenv("SERIALDESK_ITEMS"), s.Tabs.Items[itemsSection].Text)
		})
	}
}

// The register's refusals are said in the language spoken, each value
// written its way: a number grouped by a space, the document's own words.
func TestTheRegistersMessagesAreSaidInTheLanguageSpoken(t *testing.T) {
	if !inChild(t, "LANG=nb_NO.UTF-8", "LANGUAGE=", "LC_ALL=", "LC_MESSAGES=") {
		return
	}
	defer SetFormats(core.EnglishFormats)
	env := newTestEnv(t)
	require.NoError(t, UseLanguage(env.Prefs))
	bolt, err := env.Reg.SaveItem(core.Item{No: "BOLT-8", Name: "Bolt M8"})
	require.NoError(t, err)
	_, err = env.Reg.SaveOrder(core.Order{Lines: []core.OrderLine{{Item: bolt.ID, Quantity: 10_000_000}, {}}})
	require.Error(t, err)
	assert.Equal(t, "Ordren har 2 problemer; ingenting ble lagret.\n"+
		"  linje 1: et antall på 10\u00a0000\u00a0000 er mer enn én linje kan ha (1\u00a0000\u00a0000)\n"+
		"  linje 2: velg en vare for linjen", ErrorText(err))
	assert.Equal(t, "Ordren har 2 problemer; ingenting ble lagret.", speaker.Summary(err))

	_, err = core.NorwegianFormats.ParseDate("32.13", time.Now())
	assert.Equal(t, `"32.13" er ikke en dato; skriv den som 31.12.2026`, ErrorText(err))
}
