package app

import (
	"fmt"
	"io"
	"time"

	"serialdesk/core"
)

// demoCommand fills a new register with the example data and many
// generated serials, to try Serialdesk at a big dealership's scale:
// serialdesk demo --serials N --data DIR.
func demoCommand(args []string, stdout, stderr io.Writer) int {
	fs, at := newFlags("demo", "--serials N (--data DIR | --db postgres://…)",
		"Fills a new, empty register with the example data and N generated serials over 200 items, received and partly sold.", stderr)
	n := fs.Int("serials", 1_000_000, "how many serials to generate")
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
	err = env.reg.FillDemo(*n, func(done int) {
		if time.Since(shown) >= 2*time.Second {
			fmt.Fprintf(stdout, "%d of %d serials…\n", done, *n)
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
	fmt.Fprintf(stdout, "%d serials over %d items in %s, %s. Open it with: serialdesk %s\n",
		*n, core.DemoItems, time.Since(start).Round(time.Second/10), at.in(), at.flag())
	return 0
}
