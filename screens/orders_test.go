package screens

import (
	"time"

	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func orderScreen(t *testing.T) (*Env, *Orders) {
	env := newTestEnv(t)
	require.NoError(t, env.Reg.LoadExamples())
	s := NewOrders(env)
	env.show(s.Content())
	s.Focus() // as the main window does when the section is chosen
	return env, s
}

func TestCounterSaleWithoutTheMouse(t *testing.T) {
	env, s := orderScreen(t)
	assert.Equal(t, s.editor.lines[0].itemText, env.Window.Canvas().Focused(), "a new order starts in the item")
	scan(env, "CS-500")    // item number, Enter
	scan(env, "996a1b2c4") // scan the serial, Enter
	assert.Equal(t, s.save, env.Window.Canvas().Focused(), "the last serial's Enter goes to Save")
	enter(env) // save
	env.settle()

	assert.Equal(t, "SO-000004 saved: 1 unit sold.", s.message.Text)
	saw, err := env.Reg.ItemByNo("CS-500")
	require.NoError(t, err)
	page, err := env.Reg.SearchSerials(core.SerialQuery{Item: saw.ID, Text: "996A1B2C4"})
	require.NoError(t, err)
	require.Len(t, page.Rows, 1)
	assert.Equal(t, core.Sold, page.Rows[0].State)
	assert.Equal(t, core.Money(59900), page.Rows[0].Sold.Amount, "the item's price is proposed")
}

func TestSerialSoldTwiceIsRefusedAtItsRow(t *testing.T) {
	env, s := orderScreen(t)
	e := s.editor
	e.party.SetText("John Roe")
	scan(env, "CS-500")
	e.lines[0].qty.SetText("2")
	e.serials.fillFrom(0, []string{"996A1B2C1", "996A1B2C5"})
	s.saveOrder()
	env.settle()
	assert.Equal(t, "already sold on SO-000001 to Ola Nordmann; a serial can be sold only once", e.serials.rows[0].mark.Text)
	assert.Empty(t, e.serials.rows[1].mark.Text)
	orders, err := env.Reg.Orders()
	require.NoError(t, err)
	assert.Len(t, orders, 3, "nothing was stored")
	assert.Equal(t, "John Roe", e.party.Text)
}

func TestEditReturnAndCancelAnOrder(t *testing.T) {
	env, s := orderScreen(t)
	require.Len(t, s.orders, 3)
	s.list.Select(2) // SO-000001: two chainsaws (one returned) and oil
	env.settle()
	assert.Equal(t, "SO-000001 · saved, with returns", s.title.Text)
	assert.True(t, s.retour.Visible())

	s.editor.lines[1].qty.SetText("5")
	s.saveOrder()
	env.settle()
	assert.Equal(t, "SO-000001 saved: 7 units sold.", s.message.Text)

	s.apply(func() (core.Order, error) {
		return env.Reg.ReturnToStock(s.order.ID, core.ReturnInput{Line: 1, Serials: []string{"996A1B2C1"}})
	}, func(o core.Order) string { return "Return taken on " + o.Ref().String() })
	env.settle()
	assert.Equal(t, "Return taken on SO-000001", s.message.Text)

	s.apply(func() (core.Order, error) { return env.Reg.CancelOrder(s.order.ID) }, cancelledText)
	env.settle()
	assert.Equal(t, "SO-000001 cancelled: 5 units are no longer sold; they are back in stock.", s.message.Text, "7 sold, 2 came back before")
	assert.Equal(t, "SO-000001 · cancelled", s.title.Text)
	assert.False(t, s.save.Visible(), "a cancelled order offers no saving")
	assert.True(t, s.editor.party.Disabled())
}

func TestReturnThroughTheDialog(t *testing.T) {
	env, s := orderScreen(t)
	s.list.Select(2) // SO-000001: 996A1B2C1 still sold, 996A1B2C2 returned
	env.settle()
	assert.Equal(t, "2, 1 back", s.editor.lines[0].serialsBtn.Text, "the order shows which serials came back")
	assert.Equal(t, "Serials · CS-500  Chainsaw 500 · came back: 996A1B2C2", s.editor.serialTitle.Text)
	test.Tap(s.retour)
	overlay := env.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay)
	assert.NotContains(t, labelTexts(overlay), "Units without a serial", "every unit of the line has its serial")
	var serials *widget.CheckGroup
	for _, o := range test.LaidOutObjects(overlay) {
		if cg, ok := o.(*widget.CheckGroup); ok {
			serials = cg
		}
	}
	require.NotNil(t, serials)
	assert.Equal(t, []string{"996A1B2C1"}, serials.Options, "only the serials still sold")
	serials.SetSelected([]string{"996A1B2C1"})
	test.Tap(findButton(overlay, "Return to stock"))
	env.settle()
	assert.Equal(t, "Return taken on SO-000001: 1 unit back in stock.", s.message.Text)
	page, err := env.Reg.SearchSerials(core.SerialQuery{Text: "996A1B2C1"})
	require.NoError(t, err)
	assert.Equal(t, core.Returned, page.Rows[0].State)
	assert.Equal(t, "Ola Nordmann", page.Rows[0].Returned.Party, "against the original customer")

	test.Tap(s.retour)
	assert.True(t, dialogSays(env, "Every unit of line 1 came back already"), "said before anything is asked")
}

// A unit registered before its item's pattern changed can still be sold;
// the serial table does not mark it, once the register has said so.
func TestSerialFromBeforeThePatternChangedIsNotMarked(t *testing.T) {
	env, s := orderScreen(t)
	saw, err := env.Reg.ItemByNo("CS-500")
	require.NoError(t, err)
	saw.Pattern = "996-####"
	_, err = env.Reg.SaveItem(saw)
	require.NoError(t, err)
	s.New()
	env.settle()
	e := s.editor
	scan(env, "CS-500")
	e.lines[0].qty.SetText("2")
	e.serials.fillFrom(0, []string{"996A1B2C4", "996A1B2C9"})
	env.settle()
	assert.Empty(t, e.serials.rows[0].mark.Text, "996A1B2C4 is in stock from before the new pattern")
	assert.Equal(t, "9 characters, the pattern 996-#### needs 8", e.serials.rows[1].mark.Text, "one never registered stays marked")
	assert.Contains(t, e.serials.summary.Text, "2 of 2 entered, 1 problem")

	e.lines[0].qty.SetText("1")
	e.serials.fillFrom(1, []string{""})
	s.saveOrder()
	env.settle()
	assert.Equal(t, "SO-000004 saved: 1 unit sold.", s.message.Text, "and the register sells it")
}

// In Norwegian an order shows its date as 26.11.2026 and its prices as
// 64 990,00, and reads them as typed there.
func TestAnOrderInNorwegianFormats(t *testing.T) {
	SetFormats(core.NorwegianFormats)
	t.Cleanup(func() { SetFormats(core.EnglishFormats) })
	env, s := orderScreen(t)
	env.settle()
	s.list.Select(1) // SO-000002: the Audi
	env.settle()
	e := s.editor
	assert.Equal(t, "64\u00a0990,00", e.lines[0].amount.Text)
	assert.Regexp(t, `^\d\d\.\d\d\.\d{4}$`, e.date.Text)
	assert.Equal(t, "DD.MM.ÅÅÅÅ", e.warranty.PlaceHolder)
	e.lines[0].amount.SetText("63 500,50")
	e.date.SetText("31.12")
	test.Tap(s.save)
	env.settle()
	o, err := env.Reg.Order(s.order.ID)
	require.NoError(t, err)
	assert.Equal(t, core.Money(63_500_50), o.Lines[0].UnitPrice)
	assert.Equal(t, time.Date(time.Now().Year(), 12, 31, 0, 0, 0, 0, time.UTC), o.Date)

	e.lines[0].amount.SetText("63,500")
	test.Tap(s.save)
	env.settle()
	assert.Contains(t, e.problems.Text, `Unit price: "63,500" is not an amount; write it like 1`+"\u00a0"+`250,00`)
}
