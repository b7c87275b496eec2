package core

import (
	"slices"
	"strings"
	"time"
)

// AddNote adds a dated service note to a unit's history: "chain brake
// replaced", "EU control passed". The unit must be registered, in any
// state; its entity, when it has one, is named with the note. The day is
// today when none is given, and cannot be after today.
func (r *Register) AddNote(item ItemID, serial string, day time.Time, text string) (Event, error) {
	text, err := cleanText(Say("the note"), text, MaxTextLength)
	switch {
	case err != nil:
		return Event{}, err
	case text == "":
		return Event{}, errorf(Invalid, "the note is empty; write what was done to the unit")
	}
	day = r.docDate(day)
	if day.After(r.today()) {
		return Event{}, errorf(Invalid, "the note's date {{.Date}} is after today", Values{"Date": day})
	}
	serial, err = NormalizeSerial(serial)
	if err != nil {
		return Event{}, err
	}
	return write(r, func(tx Tx) (Event, error) {
		rec, err := tx.Serial(item, serial)
		if err != nil {
			return Event{}, notFoundAs(err, "{{.Serial}} is not registered for this item; a note goes with a unit the register knows", Values{"Serial": serial})
		}
		ev := Event{Time: r.now(), Kind: EventNote, Item: item, Serial: serial, Project: rec.Project, Note: text, Date: day, By: r.user}
		return ev, tx.AddEvent(ev)
	})
}

// NoteKey is what a note's text is found by: any case. A database keeps
// it beside the note, so that finding does not depend on its locale.
func NoteKey(text string) string { return strings.ToUpper(text) }

// NoteHolds reports whether a note's text holds what was searched.
func NoteHolds(note, text string) bool { return strings.Contains(NoteKey(note), NoteKey(text)) }

// notedSerials is the search of the units whose service notes hold q.Text:
// the notes are few, so the page is made here from their units' records.
func notedSerials(tx Tx, q SerialQuery) ([]Serial, int, error) {
	notes, err := tx.Notes(strings.TrimSpace(q.Text))
	if err != nil {
		return nil, 0, err
	}
	byItem := map[ItemID][]string{}
	for _, n := range notes {
		if (q.Item == 0 || n.Item == q.Item) && !slices.Contains(byItem[n.Item], n.Serial) {
			byItem[n.Item] = append(byItem[n.Item], n.Serial)
		}
	}
	states := q.States()
	var found []Serial
	for item, serials := range byItem {
		recs, err := tx.Serials(item, serials)
		if err != nil {
			return nil, 0, err
		}
		for _, rec := range recs {
			if (states == nil || slices.Contains(states, rec.State)) && q.Selects(rec.Warranty) {
				found = append(found, rec)
			}
		}
	}
	slices.SortFunc(found, func(a, b Serial) int {
		if c := strings.Compare(a.Serial, b.Serial); c != 0 {
			return c
		}
		return int(a.Item) - int(b.Item)
	})
	end := len(found)
	if q.Limit > 0 {
		end = min(end, q.Offset+q.Limit)
	}
	return found[min(max(q.Offset, 0), end):end], len(found), nil
}

// NoteRow is a service note with its unit's item, for an export.
type NoteRow struct {
	Event
	ItemNo, ItemName string
}

// Notes lists every service note, by item, serial and time.
func (r *Register) Notes() ([]NoteRow, error) {
	return read(r, func(tx Tx) ([]NoteRow, error) {
		notes, err := tx.Notes("")
		if err != nil {
			return nil, err
		}
		items := map[ItemID]Item{}
		rows := make([]NoteRow, len(notes))
		for i, n := range notes {
			it, ok := items[n.Item]
			if !ok {
				if it, err = tx.Item(n.Item); err != nil {
					return nil, err
				}
				items[n.Item] = it
			}
			rows[i] = NoteRow{Event: n, ItemNo: it.No, ItemName: it.Name}
		}
		return rows, nil
	})
}

// EntityNotes lists the service notes of an entity's units, by the day
// each is about: the car's service history.
func (r *Register) EntityNotes(no ProjectNo) ([]Event, error) {
	return read(r, func(tx Tx) ([]Event, error) {
		notes, err := tx.Notes("")
		var out []Event
		for _, n := range notes {
			if n.Project == no && no != 0 {
				out = append(out, n)
			}
		}
		slices.SortStableFunc(out, func(a, b Event) int { return a.Date.Compare(b.Date) })
		return out, err
	})
}
