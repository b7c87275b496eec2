package screens

import (
	"context"
	_ "early.serialdesk/systemlocale" // the tests' output without Fyne's word on C.UTF-8
	"io"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
	"serialdesk/data/paper"
	"serialdesk/data/sheets"
)

// newTestEnv is a screen environment on Fyne's test app, with a real
// register in a temporary directory.
func newTestEnv(t *testing.T) *Env {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("Serialdesk")
	w.Resize(fyne.NewSize(1200, 760))
	t.Cleanup(w.Close)
	return testEnv(t, a, w)
}

// testEnv is an environment whose background results wait in a queue until
// the test settles, so that widgets are only ever touched from the test's
// goroutine, as from the app's UI goroutine.
func testEnv(t *testing.T, a fyne.App, w fyne.Window) *Env {
	return testEnvOn(t, a, w, datatest.MustOpen(t, ""))
}

// testEnvOn is testEnv on a store of the test's own.
func testEnvOn(t *testing.T, a fyne.App, w fyne.Window, store *data.Store) *Env {
	reg := core.New(store)
	env := &Env{Reg: reg, Window: w, Prefs: a.Preferences(), Log: datatest.Logger(), Sheets: testSheets{sheets.Exporter{Reg: reg, In: Speaker()}},
		BackupTo: store.BackupTo, Papers: testPapers{reg}, PrintDir: t.TempDir(),
		OpenFile: func(string) error { return nil }} // no viewer pops up: a test that prints looks at the file
	q := &uiQueue{}
	env.Deliver = q.push
	queues.Store(env, q)
	return env
}

// queues holds each test environment's queue of results.
var queues sync.Map

type uiQueue struct {
	mu    sync.Mutex
	shows []func()
}

func (q *uiQueue) push(show func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.shows = append(q.shows, show)
}

func (q *uiQueue) take() []func() {
	q.mu.Lock()
	defer q.mu.Unlock()
	shows := q.shows
	q.shows = nil
	return shows
}

// settle waits until the background work the screens started is done and
// shown, including work that showing it started.
func (env *Env) settle() {
	q, _ := queues.Load(env)
	for {
		env.busy.Wait()
		shows := q.(*uiQueue).take()
		if len(shows) == 0 {
			return
		}
		for _, show := range shows {
			show()
		}
	}
}

// show puts a screen in the window, as the main window would.
func (env *Env) show(o fyne.CanvasObject) {
	env.Window.SetContent(o)
	env.settle()
}

// findButton finds a button by its label anywhere below o, dialogs included.
func findButton(o fyne.CanvasObject, label string) *widget.Button {
	switch b := buttonObject(o, label).(type) {
	case *button:
		return &b.Button
	case *enterButton:
		return &b.Button
	case *widget.Button:
		return b
	}
	return nil
}

// buttonObject is the button with the label below o, as it sits in the
// tree: one of ours, or one of Fyne's.
func buttonObject(o fyne.CanvasObject, label string) fyne.CanvasObject {
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*button); ok && b.Text == label {
			return b
		}
		if b, ok := obj.(*enterButton); ok && b.Text == label {
			return b
		}
		if b, ok := obj.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	return nil
}

// findEnterButton finds a button that Enter presses by its label below o.
func findEnterButton(o fyne.CanvasObject, label string) *enterButton {
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*enterButton); ok && b.Text == label {
			return b
		}
	}
	return nil
}

// labelTexts is the text of every label below o, dialogs included.
func labelTexts(o fyne.CanvasObject) []string {
	var texts []string
	for _, obj := range test.LaidOutObjects(o) {
		if l, ok := obj.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	return texts
}

// testSheets is what the app gives the screens, as the app does it.
type testSheets struct{ sheets.Exporter }

func (testSheets) OpenWorkbook(r io.Reader) (Workbook, error) {
	wb, err := sheets.OpenWorkbook(r)
	if err != nil {
		return nil, err
	}
	return wb, nil
}

func (s testSheets) ReadOpeningStock(r io.Reader) (core.OpeningStock, error) {
	return sheets.ReadOpeningStock(r, s.In)
}

func (s testSheets) WriteTemplate(w io.Writer) error { return sheets.WriteTemplate(w, s.In) }

// testPapers is what the app gives the screens, as the app does it.
type testPapers struct{ reg *core.Register }

func (testPapers) Document(path string, p core.Paper) error {
	return data.WriteFile(path, func(w io.Writer) error { return paper.Document(w, p, Speaker(), time.Now()) })
}

func (testPapers) Labels(ctx context.Context, path string, units []core.SerialRow, size string, qr bool, progress func(done, total int)) ([]string, error) {
	var printed paper.Printed
	err := data.WriteFile(path, func(w io.Writer) (err error) {
		printed, err = paper.Labels(ctx, w, paper.LabelsOf(units), paper.LabelOptions{Size: paper.LabelSize(size), QR: qr, In: Speaker()}, progress, time.Now())
		return err
	})
	return printed.QRInstead, err
}

func (p testPapers) StockList(ctx context.Context, path string, item core.ItemID, progress func(done, total int)) (n int, err error) {
	err = data.WriteFile(path, func(w io.Writer) error {
		n, err = paper.StockList(ctx, w, p.reg, item, Speaker(), progress, time.Now())
		return err
	})
	return n, err
}

func (testPapers) LabelSizes() []LabelSize {
	out := make([]LabelSize, len(paper.LabelSizes))
	for i, s := range paper.LabelSizes {
		out[i] = LabelSize{Key: string(s), Name: Say(s.Name())}
	}
	return out
}
