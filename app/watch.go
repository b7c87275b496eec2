package app

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"serialdesk/data/postgres"
	"serialdesk/screens"
)

// settleChanges is how long the window gathers other counters' changes
// before it shows them: a burst is shown once.
const settleChanges = 300 * time.Millisecond

// watch keeps the window on a shop server's register up to date: what the
// other counters change is shown as it happens, and offline shows while
// the server cannot be reached.
func (e *env) watch(srv server, screen *screens.Env, main *screens.Screens, offline fyne.CanvasObject) {
	ctx, stop := context.WithCancel(context.Background())
	e.stopWatch = stop
	var mu sync.Mutex
	var gathered screens.Changed
	waiting := false
	show := func() {
		mu.Lock()
		changed := gathered
		gathered, waiting = screens.Changed{}, false
		mu.Unlock()
		main.ChangedElsewhere(changed)
	}
	srv.Watch(ctx, func(c postgres.Change) {
		mu.Lock()
		defer mu.Unlock()
		gathered.Docs = append(gathered.Docs, c.Docs...)
		gathered.Everything = gathered.Everything || c.Everything
		gathered.By = c.By
		if !waiting {
			waiting = true
			time.AfterFunc(settleChanges, func() { screen.OnUI(show) })
		}
	}, func(up bool) {
		screen.OnUI(func() {
			if !up {
				offline.Show()
				return
			}
			offline.Hide()
			main.ChangedElsewhere(screens.Changed{Everything: true}) // whatever changed meanwhile
		})
	})
}
