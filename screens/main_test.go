package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShortcutsAndTheLastSection(t *testing.T) {
	env := newTestEnv(t)
	main := Main(env)
	env.show(main.Tabs)

	shortcut(env, fyne.KeyO)
	assert.Equal(t, ordersSection, main.Tabs.SelectedIndex())
	assert.Equal(t, main.Orders.editor.lines[0].itemText, env.Window.Canvas().Focused(), "a new order, ready for the item")
	shortcut(env, fyne.KeyR)
	assert.Equal(t, receiptsSection, main.Tabs.SelectedIndex())
	assert.Equal(t, "New goods receipt", main.Receipts.title.Text)
	shortcut(env, fyne.KeyF)
	assert.Equal(t, main.Search.text, env.Window.Canvas().Focused())
	env.settle()

	require.Len(t, sectionNames, len(main.Tabs.Items), "every section has its name")
	again := Main(env)
	assert.Equal(t, searchSection, again.Tabs.SelectedIndex(), "the next start opens on the section shown last")
}

func TestEmptyRegisterOffersTheExampleData(t *testing.T) {
	env := newTestEnv(t)
	main := Main(env)
	env.show(main.Tabs)
	main.OfferExamples(env)
	env.settle()
	overlay := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay, "a question is shown")
	enter(env)
	env.settle()
	assert.Nil(t, env.Window.Canvas().Overlays().Top(), "Enter answers")
	empty, err := env.Reg.IsEmpty()
	require.NoError(t, err)
	assert.True(t, empty, "and the default leaves the real register as it is")

	main.OfferExamples(env)
	env.settle()
	load := findButton(env.Window.Canvas().Overlays().Top(), "Load the examples")
	require.NotNil(t, load)
	test.Tap(load)
	env.settle()
	empty, err = env.Reg.IsEmpty()
	require.NoError(t, err)
	assert.False(t, empty)
	assert.Len(t, main.Items.rows, 5, "the screens show the examples at once")
	assert.Equal(t, "13 serials", main.Search.table.count.Text)
}

// Quitting with typing not saved asks first; with nothing typed it goes
// at once.
func TestQuittingWithTypingNotSavedAsksFirst(t *testing.T) {
	env := newTestEnv(t)
	main := Main(env)
	env.show(main.Tabs)
	quit := 0
	main.Leave(func() { quit++ })
	assert.Equal(t, 1, quit, "nothing typed")

	main.Orders.editor.party.SetText("Jane Doe")
	main.Leave(func() { quit++ })
	assert.Equal(t, 1, quit, "asked first")
	asked := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, asked)
	assert.Contains(t, strings.Join(labelTexts(asked), " "), "The order on the screen has changes that are not saved.")
	test.Tap(findEnterButton(asked, "Keep editing"))
	assert.Equal(t, 1, quit, "kept")
	assert.Equal(t, "Jane Doe", main.Orders.editor.party.Text)

	main.Leave(func() { quit++ })
	test.Tap(findButton(env.Window.Canvas().Overlays().Top(), "Discard"))
	assert.Equal(t, 2, quit, "given up, it quits")
}
