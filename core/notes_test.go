package core_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// A service note is a dated line of the unit's history, in date order with
// the documents, and the search finds the unit by its words.
func TestServiceNotesJoinTheHistoryAndAreFound(t *testing.T) {
	s := newShop(t)
	s.reg.SetUser("ola@WORKSHOP")
	rc, err := s.reg.ConfirmReceipt(core.Receipt{Date: date(2026, 1, 5), Lines: []core.ReceiptLine{
		{Item: s.chainsaw.ID, Quantity: 2, Serials: []string{"996000001", "996000002"}}}})
	require.NoError(t, err)
	o, err := s.reg.SaveOrder(core.Order{Date: date(2026, 3, 1), Customer: "Jane", Lines: []core.OrderLine{
		{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000001"}}}})
	require.NoError(t, err)

	// Written down after the sale, about a service before it.
	n, err := s.reg.AddNote(s.chainsaw.ID, " 996000001 ", date(2026, 2, 10), "  Chain brake replaced ")
	require.NoError(t, err)
	assert.Equal(t, "Chain brake replaced", n.Note)
	assert.Equal(t, "ola@WORKSHOP", n.By)
	_, err = s.reg.AddNote(s.chainsaw.ID, "996000001", time.Time{}, "EU control passed")
	require.NoError(t, err)

	history, err := s.reg.SerialHistory(s.chainsaw.ID, "996000001")
	require.NoError(t, err)
	var lines []string
	for _, h := range history {
		lines = append(lines, h.DocDate.Format(time.DateOnly)+" "+h.Kind.String()+" "+h.Note)
	}
	today := time.Now().Format(time.DateOnly)
	assert.Equal(t, []string{"2026-01-05 received ", "2026-02-10 note Chain brake replaced", "2026-03-01 sold ", today + " note EU control passed"}, lines)
	assert.Equal(t, rc.Ref(), history[0].Doc)
	assert.Equal(t, o.Ref(), history[2].Doc)

	page, err := s.reg.SearchSerials(core.SerialQuery{Text: "brake", InNotes: true})
	require.NoError(t, err)
	require.Equal(t, 1, page.Total)
	assert.Equal(t, "996000001", page.Rows[0].Serial.Serial)
	assert.Equal(t, "CS-500", page.Rows[0].ItemNo)
	page, err = s.reg.SearchSerials(core.SerialQuery{Text: "brake", InNotes: true, State: core.InStock})
	require.NoError(t, err)
	assert.Zero(t, page.Total, "the filters hold for notes too")
	page, err = s.reg.SearchSerials(core.SerialQuery{Text: "brake"})
	require.NoError(t, err)
	assert.Zero(t, page.Total, "a serial search looks at serials")

	notes, err := s.reg.Notes()
	require.NoError(t, err)
	require.Len(t, notes, 2)
	assert.Equal(t, "Chainsaw 500", notes[0].ItemName)
}

func TestNotesThatCannotBeAreRefused(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996000001")
	for _, c := range []struct {
		serial, text string
		day          time.Time
		want         string
	}{
		{"996000001", "  ", time.Time{}, "The note is empty; write what was done to the unit"},
		{"996000009", "Oiled", time.Time{}, "996000009 is not registered for this item; a note goes with a unit the register knows"},
		{"996000001", "Oiled", time.Now().AddDate(0, 0, 2), "The note's date " + core.Day(time.Now().AddDate(0, 0, 2)).Format(time.DateOnly) + " is after today"},
		{"996 01", "Oiled", time.Time{}, "Character 4 (a space) is not allowed; use letters, digits and - / . _"},
	} {
		_, err := s.reg.AddNote(s.chainsaw.ID, c.serial, c.day, c.text)
		assert.Equal(t, c.want, core.English.Error(err))
	}
	notes, err := s.reg.Notes()
	require.NoError(t, err)
	assert.Empty(t, notes, "nothing was written")
}

// A note on a car's serial is in the car's (the entity's) service history.
func TestAnEntityHasItsUnitsNotes(t *testing.T) {
	s := newShop(t)
	rc, err := s.reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: s.audi.ID, Quantity: 2, Serials: []string{"XY123AAA", "XY123AAB"}}}})
	require.NoError(t, err)
	require.NotEmpty(t, rc.Lines)
	car := stateOf(t, s, s.audi, "XY123AAA")
	require.NotZero(t, car.Project)
	_, err = s.reg.AddNote(s.audi.ID, "XY123AAA", date(2026, 11, 2), "EU control passed")
	require.NoError(t, err)
	_, err = s.reg.AddNote(s.audi.ID, "XY123AAA", date(2026, 10, 1), "Tyres changed")
	require.NoError(t, err)
	_, err = s.reg.AddNote(s.audi.ID, "XY123AAB", time.Time{}, "Another car")
	require.NoError(t, err)
	notes, err := s.reg.EntityNotes(car.Project)
	require.NoError(t, err)
	require.Len(t, notes, 2)
	assert.Equal(t, "Tyres changed", notes[0].Note, "by the day each is about")
	assert.Equal(t, "EU control passed", notes[1].Note)
}
