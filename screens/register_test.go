package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// fakeRegisters stands for the app's preferences and keychain.
type fakeRegisters struct {
	chosen RegisterChoice
	tested RegisterChoice
	kept   []RegisterChoice
}

func (f *fakeRegisters) Chosen() RegisterChoice { return f.chosen }

func (f *fakeRegisters) Test(c RegisterChoice) (string, error) {
	f.tested = c
	if c.Password != "right" {
		return "", &core.Error{Code: core.Invalid, Message: core.Say("The user name or password was refused by the shop server db:5432, database shop.")}
	}
	return "Connected to the shop server db:5432, database shop. Its register has 4 item cards.", nil
}

func (f *fakeRegisters) Keep(c RegisterChoice) (string, error) {
	f.kept = append(f.kept, c)
	return "Serialdesk opens the register on the shop server db:5432, database shop the next time it starts.", nil
}

func TestRegisterSettings(t *testing.T) {
	env := newTestEnv(t)
	regs := &fakeRegisters{}
	env.Registers, env.DataDir = regs, "/home/kari/.config/serialdesk"
	env.show(widget.NewLabel("window"))
	env.showRegister()
	env.settle()
	dlg := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, dlg)
	said := strings.Join(labelTexts(dlg), " ")
	assert.Contains(t, said, "The register is kept in /home/kari/.config/serialdesk, for this computer only.")

	var radio *widget.RadioGroup
	var entries []*entry
	for _, o := range test.LaidOutObjects(dlg) {
		switch w := o.(type) {
		case *widget.RadioGroup:
			radio = w
		case *entry:
			entries = append(entries, w)
		}
	}
	require.NotNil(t, radio)
	assert.Equal(t, onThisComputer, radio.Selected)
	radio.SetSelected(onServer)
	require.GreaterOrEqual(t, len(entries), 6)
	for i, text := range []string{"db", "5432", "shop", "kari", "wrong"} {
		test.Type(entries[i], text)
	}
	test.Tap(findButton(dlg, "Test connection"))
	env.settle()
	assert.Equal(t, RegisterChoice{OnServer: true, Host: "db", Port: "5432", Database: "shop", User: "kari", Password: "wrong"}, regs.tested)
	assert.Contains(t, labelTexts(dlg), "The user name or password was refused by the shop server db:5432, database shop.")

	entries[4].SetText("right")
	test.Tap(findButton(dlg, "Test connection"))
	env.settle()
	assert.Contains(t, labelTexts(dlg), "Connected to the shop server db:5432, database shop. Its register has 4 item cards.")

	test.Tap(findButton(dlg, "Save"))
	env.settle()
	require.Len(t, regs.kept, 1)
	assert.Equal(t, "right", regs.kept[0].Password)
	assert.Contains(t, strings.Join(labelTexts(env.Window.Canvas().Overlays().Top()), " "), "the next time it starts")
}
