package screens

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"serialdesk/data/datatest"
)

// newTestEnv is a screen environment on Fyne's test app, with a real
// register in a temporary directory.
func newTestEnv(t *testing.T) *Env {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("Serialdesk")
	w.Resize(fyne.NewSize(1200, 760))
	t.Cleanup(w.Close)
	return &Env{Reg: datatest.NewRegister(t), Window: w, Prefs: a.Preferences(), Log: datatest.Logger()}
}

// settle waits until the background work the screens started is done and
// shown.
func (env *Env) settle() { env.busy.Wait() }

// show puts a screen in the window, as the main window would.
func (env *Env) show(o fyne.CanvasObject) {
	env.Window.SetContent(o)
	env.settle()
}

// findButton finds a button by its label anywhere below o, dialogs included.
func findButton(o fyne.CanvasObject, label string) *widget.Button {
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	return nil
}
