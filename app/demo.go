package app

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"fyne.io/fyne/v2/lang"

	"serialdesk/core"
	"serialdesk/screens"
)

// demoCommand fills a new register with the example data and many
// generated serials, to try Serialdesk at a big dealership's scale:
// serialdesk demo --serials N --data DIR.
func demoCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("demo", "--serials N (--data DIR | --db postgres://…)",
		lang.L("Fills a new, empty register with the example data and N generated serials over 200 items, received and partly sold."), stderr)
	n := fs.Int("serials", 1_000_000, lang.L("how many serials to generate"))
	if code, ok := parse(fs, args); !ok {
		return code
	}
	env, err := open(*at, io.Discard)
	if err != nil {
		return failed(stderr, "demo", err, 1)
	}
	defer env.close()
	env.warn(stderr, "demo", false)
	start, shown := time.Now(), time.Now()
	err = env.reg.FillDemo(*n, screens.Speaker(), func(done int) {
		if time.Since(shown) >= 2*time.Second {
			fmt.Fprintln(stdout, screens.Say(core.Count(*n, "{{.Done}} of 1 serial…", "{{.Done}} of {{.Count}} serials…").With(core.Values{"Done": done})))
			shown = time.Now()
		}
	})
	if err != nil {
		return failed(stderr, "demo", err, 1)
	}
	// Backed up like a day's work in the window, which also trims the
	// redo log of the million serials, and compacted now rather than while
	// the window first opens on it.
	if f, ok := env.folder(); ok {
		env.autoBackup()
		if err := f.Compact(); err != nil {
			env.log.WithError(err).Warn("could not compact the register")
		}
	}
	fmt.Fprintln(stdout, screens.Say(at.pick(
		core.Say("{{.Serials}} over {{.Items}} items in {{.Time}}, in {{.Folder}}. Open it with: {{.Command}}"),
		core.Say("{{.Serials}} over {{.Items}} items in {{.Time}}, on {{.Server}}. Open it with: {{.Command}}")).
		With(core.Values{"Serials": core.Count(*n, "1 serial number", "{{.Count}} serial numbers"), "Items": core.DemoItems,
			"Time": seconds(time.Since(start)), "Command": "serialdesk " + at.flag()})))
	return 0
}

// seconds says a duration to a tenth of a second: 1.2 s.
func seconds(d time.Duration) core.Message {
	tenths := int(d.Round(time.Second/10) / (time.Second / 10))
	return core.Say("{{.Whole}}.{{.Tenth}} s", core.Values{"Whole": tenths / 10, "Tenth": strconv.Itoa(tenths % 10)})
}
