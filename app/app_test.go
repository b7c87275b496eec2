package app

import (
	"bytes"
	_ "early.serialdesk/systemlocale" // the tests' output without Fyne's word on C.UTF-8
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
	"serialdesk/screens"
)

// testWindow is the main window on a register, once its background work
// is done: the results are shown on the test's goroutine, as on the app's.
func testWindow(t *testing.T, a fyne.App, store *data.Store) fyne.Window {
	env := &screens.Env{Reg: core.New(store), Log: datatest.Logger(), BackupTo: store.BackupTo}
	return settled(env, func() fyne.Window {
		w, _ := mainWindow(a, env)
		return w
	})
}

// settled builds a window on env with make and shows the results of its
// background work on the test's goroutine, as the app's loop would.
func settled(env *screens.Env, make func() fyne.Window) fyne.Window {
	var mu sync.Mutex
	var queued []func()
	env.Deliver = func(show func()) {
		mu.Lock()
		defer mu.Unlock()
		queued = append(queued, show)
	}
	w := make()
	for {
		env.Wait()
		mu.Lock()
		shows := queued
		queued = nil
		mu.Unlock()
		if len(shows) == 0 {
			return w
		}
		for _, show := range shows {
			show()
		}
	}
}

func TestMainWindowShowsEverySection(t *testing.T) {
	a := test.NewTempApp(t)
	w := testWindow(t, a, datatest.MustOpen(t, ""))
	defer w.Close()
	assert.Contains(t, w.Title(), "Serialdesk")
	assert.NotNil(t, w.Canvas().Overlays().Top(), "an empty register offers the example data")
	tabs, ok := w.Content().(*container.AppTabs)
	require.True(t, ok)
	var names []string
	for _, item := range tabs.Items {
		names = append(names, item.Text)
	}
	assert.Equal(t, []string{"Items", "Goods receipts", "Orders", "Supplier returns", "Serial search", "Customers & suppliers", "Entities", "Brands & models"}, names)
	menus := map[string][]string{}
	for _, m := range w.MainMenu().Items {
		for _, item := range m.Items {
			menus[m.Label] = append(menus[m.Label], item.Label)
		}
	}
	assert.Equal(t, map[string][]string{
		"Serialdesk": {"New goods receipt", "New order", "Serial search", "", "New (in this section)", "Save", "Confirm the receipt, or save the order", "", "Print a stock list", "Settings…", "", "Remove the example data…", "Back up now…"},
		"Help":       {"Keys and scanner", "About Serialdesk"},
	}, menus)
}

func TestOpenWritesTheLogInTheDataDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my shop", "regíster")
	var stderr bytes.Buffer
	e, err := open(place{dir: dir}, &stderr)
	require.NoError(t, err)
	_, err = e.reg.SaveItem(core.Item{No: "A", Name: "A"})
	require.NoError(t, err)
	e.close()
	log, err := os.ReadFile(filepath.Join(dir, "serialdesk.log"))
	require.NoError(t, err)
	assert.Contains(t, string(log), "register opened")
	assert.Contains(t, stderr.String(), "register opened", "the log also goes to stderr")
}

func TestCommandLine(t *testing.T) {
	var stderr bytes.Buffer
	assert.Equal(t, 2, Main([]string{"frobnicate"}, io.Discard, &stderr))
	assert.Contains(t, stderr.String(), `unknown command "frobnicate"`)
	stderr.Reset()
	assert.Equal(t, 0, Main([]string{"--help"}, io.Discard, &stderr))
	assert.Contains(t, stderr.String(), "--data")
	assert.Contains(t, stderr.String(), "Usage: "+core.Command()+" [--data DIR | --db postgres://…] [--demo] [--version]")
	assert.Contains(t, stderr.String(), "Commands (each says more with --help): backup, check, demo, export, import, move, new-log, print, restore")
	assert.Equal(t, 2, Main([]string{"--nonsense"}, io.Discard, &stderr))
}

// TestSecondProcessIsTurnedAway starts a second Serialdesk on a data
// directory this process has open: it must say so and exit non-zero,
// without a stack trace and without harming the first.
func TestSecondProcessIsTurnedAway(t *testing.T) {
	if dir := os.Getenv("SERIALDESK_SECOND_DATA"); dir != "" {
		os.Exit(Main([]string{"--data", dir}, os.Stdout, os.Stderr))
	}
	dir := filepath.Join(t.TempDir(), "data")
	reg := core.New(datatest.MustOpen(t, dir))

	cmd := exec.Command(os.Args[0], "-test.run=^TestSecondProcessIsTurnedAway$")
	cmd.Env = append(os.Environ(), "SERIALDESK_SECOND_DATA="+dir, "DISPLAY=", "WAYLAND_DISPLAY=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 1, exit.ExitCode())
	assert.Contains(t, stderr.String(), "serialdesk: Serialdesk is already open on "+dir)
	assert.NotContains(t, stderr.String(), "goroutine", "no stack trace")
	assert.False(t, strings.Contains(stderr.String(), "panic"))

	_, err = reg.SaveItem(core.Item{No: "A", Name: "A"})
	assert.NoError(t, err, "the first process is unharmed")
}

func TestDemoNeedsAnEmptyRegister(t *testing.T) {
	dir := t.TempDir()
	store, err := data.Open(dir, datatest.Logger())
	require.NoError(t, err)
	_, err = core.New(store).SaveItem(core.Item{No: "A", Name: "A"})
	require.NoError(t, err)
	require.NoError(t, store.Close())
	var stderr bytes.Buffer
	assert.Equal(t, 1, Main([]string{"--data", dir, "--demo"}, io.Discard, &stderr))
	assert.Contains(t, stderr.String(), "serialdesk: --demo: The example data goes into an empty register only")
}

func TestWindowSizeIsRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	store := datatest.MustOpen(t, "")
	w := testWindow(t, a, store)
	w.Resize(fyne.NewSize(900, 600))
	w.Close()
	again := testWindow(t, a, store)
	defer again.Close()
	assert.Equal(t, fyne.NewSize(900, 600), again.Canvas().Size())
}

func TestHeapGrowthIsLimited(t *testing.T) {
	was := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(was) })

	t.Setenv("GOMEMLIMIT", "")
	debug.SetMemoryLimit(math.MaxInt64)
	var out bytes.Buffer
	Main([]string{"--help"}, &out, &out)
	assert.Equal(t, int64(heapLimit), debug.SetMemoryLimit(-1), "the app aims its heap at the limit")

	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(math.MaxInt64)
	Main([]string{"--help"}, &out, &out)
	assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1), "GOMEMLIMIT set by the user wins")
}

// The default data folder sits in the user's configuration folder, whose
// path holds the user's name: spaces and accents included.
func TestDefaultDataFolderUnderAUserNameWithSpacesAndAccents(t *testing.T) {
	home := filepath.Join(t.TempDir(), "Jörg Müller-Åström")
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("HOME", home)
	t.Setenv("AppData", filepath.Join(home, "AppData", "Roaming"))
	config := map[string]string{
		"windows": filepath.Join(home, "AppData", "Roaming"),
		"darwin":  filepath.Join(home, "Library", "Application Support"),
	}[runtime.GOOS]
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	dir := DefaultDataDir()
	assert.Equal(t, filepath.Join(config, "serialdesk"), dir)

	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, Main([]string{"demo", "--serials", "100"}, &stdout, &stderr), stderr.String())
	stdout.Reset()
	require.Equal(t, 0, Main([]string{"check"}, &stdout, &stderr), stderr.String())
	assert.Equal(t, "The register in "+dir+" is in order.\n", stdout.String())
	backup := filepath.Join(home, "Desktop", "Sicherung März.backup")
	require.NoError(t, os.MkdirAll(filepath.Dir(backup), 0o755))
	require.Equal(t, 0, Main([]string{"backup", "--out", backup}, &stdout, &stderr), stderr.String())
	require.Equal(t, 0, Main([]string{"restore", "--in", backup, "--data", filepath.Join(home, "Wiederhergestellt")}, &stdout, &stderr), stderr.String())
}

// Closing with work not yet backed up shows a small window while the
// backup is written, and closes the register once it is written.
func TestClosingShowsTheBackupBeingWritten(t *testing.T) {
	dir := backedUpExampleDir(t)
	e, err := open(place{dir: dir}, io.Discard)
	require.NoError(t, err)
	_, err = e.reg.SaveBrand(core.Brand{Name: "Since the backup"})
	require.NoError(t, err)
	a := test.NewTempApp(t)
	screen := e.screenEnv()
	w := settled(screen, func() fyne.Window { return desktopWindow(a, e, screen) })
	w.Resize(fyne.NewSize(900, 600))
	closeWithBackup(a, w, e)
	var titles []string
	for _, win := range a.Driver().AllWindows() {
		titles = append(titles, win.Title())
	}
	assert.Contains(t, titles, "Serialdesk is closing")
	require.Eventually(t, func() bool {
		s, err := data.OpenReadOnly(dir, datatest.Logger())
		if err == nil {
			s.Close()
		}
		return err == nil
	}, 10*time.Second, 10*time.Millisecond, "the closing backup is written and the register closed")
	backups := data.Backups(dir)
	restored := filepath.Join(t.TempDir(), "restored")
	require.NoError(t, data.Restore(backups[len(backups)-1], "", restored, datatest.Logger()))
	brands, err := core.New(datatest.MustOpen(t, restored)).Brands()
	require.NoError(t, err)
	assert.Equal(t, "Since the backup", brands[len(brands)-1].Name)
	assert.Equal(t, float64(900), a.Preferences().Float(widthKey), "the window's size is kept")
}

// A register that saves nothing says why above every section, and what
// opening did is said at once.
func TestTheWindowSaysWhatOpeningFound(t *testing.T) {
	dir := exampleDir(t)
	require.NoError(t, os.Remove(filepath.Join(dir, "redo.log")))
	e, _, w := openWindow(t, place{dir: dir})
	a := fyne.CurrentApp()
	said := labelsIn(w.Canvas().Overlays().Top())
	assert.Contains(t, strings.Join(said, " "), "The redo log was missing from "+dir+"; Serialdesk started a new one.")
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Nil(t, w.Canvas().Overlays().Top(), "Enter closes it")

	ro, err := data.OpenReadOnly(exampleDir(t), datatest.Logger())
	require.NoError(t, err)
	defer ro.Close()
	reading := &env{dir: dir, log: e.log, logFile: io.NopCloser(nil), store: ro, reg: core.New(ro)}
	screen := reading.screenEnv()
	w = settled(screen, func() fyne.Window { return desktopWindow(a, reading, screen) })
	defer w.Close()
	assert.Contains(t, labelsIn(w.Content()), core.English.Error(ro.ReadOnly()), "the banner says why nothing is saved")
}

// openWindow opens the register at p and its main window on Fyne's test
// app, as Serialdesk starts; both close when the test ends. What the
// window's background work hands to the UI waits in the queue returned,
// set before anything starts, until the test runs it.
func openWindow(t *testing.T, p place) (*env, *uiQueue, fyne.Window) {
	t.Helper()
	e, err := open(p, io.Discard)
	require.NoError(t, err)
	t.Cleanup(e.close)
	a := test.NewTempApp(t)
	screen := e.screenEnv()
	ui := queueUI(screen)
	w := desktopWindow(a, e, screen)
	ui.settle(screen)
	t.Cleanup(w.Close)
	return e, ui, w
}

// labelsIn is the text of every label in o.
func labelsIn(o fyne.CanvasObject) []string {
	var texts []string
	for _, obj := range test.LaidOutObjects(o) {
		if l, ok := obj.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	return texts
}
