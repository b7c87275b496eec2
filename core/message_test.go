package core_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"serialdesk/core"
)

// A message is said whole in the language, each value written its way:
// numbers grouped, days and moments as the language writes them, amounts
// with its decimal mark, a long typed value cut with its length said in
// the language, other messages said in it too.
func TestAMessageIsSaidInTheLanguageWithItsValues(t *testing.T) {
	nb := core.SpeakerOf(core.NorwegianFormats, map[string]string{
		"{{.Typed}} on {{.Day}} at {{.When}}: {{.Amount}} for {{.Count}} units, {{.Why}}": "{{.Typed}} den {{.Day}} kl. {{.When}}: {{.Amount}} for {{.Count}} enheter, {{.Why}}",
		"{{.Start}} ({{.Count}} characters)":                                              "{{.Start}} ({{.Count}} tegn)",
		"sold":                                                                            "solgt",
	})
	m := core.Say("{{.Typed}} on {{.Day}} at {{.When}}: {{.Amount}} for {{.Count}} units, {{.Why}}", core.Values{
		"Typed":  core.Echo(strings.Repeat("X", 1200)).Quoted(),
		"Day":    time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC),
		"When":   core.Moment(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)),
		"Amount": core.Money(64_990_00),
		"Count":  12000,
		"Why":    core.Say("sold"),
	})
	cut := `"` + strings.Repeat("X", 40) + `…"`
	assert.Equal(t, cut+" (1\u00a0200 tegn) den 31.12.2026 kl. 31.12.2026 00:00: 64\u00a0990,00 for 12\u00a0000 enheter, solgt", nb.Say(m))
	assert.Equal(t, cut+" (1,200 characters) on 2026-12-31 at 2026-12-31 00:00: 64,990.00 for 12,000 units, sold", m.String())
}

// One and many are two texts; sentences said one after the other keep
// their own values; a text missing from a translation is said in English.
func TestCountsSentencesAndWhatIsNotTranslated(t *testing.T) {
	nb := core.SpeakerOf(core.NorwegianFormats, map[string]string{"1 unit": "1 enhet", "{{.Count}} units": "{{.Count}} enheter"})
	assert.Equal(t, "1 enhet", nb.Say(core.Count(1, "1 unit", "{{.Count}} units")))
	assert.Equal(t, "0 enheter", nb.Say(core.Count(0, "1 unit", "{{.Count}} units")))
	both := core.Sentences(" ", core.Count(2, "1 unit", "{{.Count}} units"), core.Say("Nothing was {{.Done}}.", core.Values{"Done": "saved"}))
	assert.Equal(t, "2 enheter Nothing was saved.", nb.Say(both))
	assert.Equal(t, "2 units Nothing was saved.", both.String())
	assert.True(t, core.Message{}.Empty())
	assert.Equal(t, "3 units of CS-500", core.Count(3, "1 unit of {{.Item}}", "{{.Count}} units of {{.Item}}").With(core.Values{"Item": "CS-500"}).String())
}
