package core

import (
	"slices"
	"sort"
	"strings"
)

// EntityRow is an entity with the names the entity list shows.
type EntityRow struct {
	Entity
	Model string // "Audi A6"
}

// SaveEntity creates an entity by hand (No 0), e.g. a car ordered from the
// factory whose serial is already known, or edits one. The parameter that
// holds the serial, as named on the model's item card, is checked like any
// serial and must be unique within the model.
func (r *Register) SaveEntity(in Entity) (Entity, error) {
	params, err := checkParams(in.Params)
	if err != nil {
		return Entity{}, err
	}
	return write(r, func(tx Tx) (Entity, error) {
		saved := in
		saved.Params = slices.Clone(params)
		if _, err := tx.Model(in.Model); err != nil {
			return in, notFoundAs(err, "choose the entity's model")
		}
		if err := normalizeEntitySerial(tx, &saved); err != nil {
			return in, err
		}
		now := r.now()
		if in.No == 0 {
			no, err := tx.NextID(SeqProject)
			saved.No, saved.Created, saved.Docs, saved.CreatedBy = ProjectNo(no), now, nil, DocRef{}
			if err != nil {
				return in, err
			}
		} else {
			old, err := tx.Entity(in.No)
			if err != nil {
				return in, notFoundAs(err, "project {{.Project}} was not found", Values{"Project": in.No})
			}
			if old.Model != in.Model && len(old.Docs) > 0 {
				return in, errorf(Conflict, "project {{.Project}} is on {{.Doc}}; its model cannot change", Values{"Project": in.No, "Doc": old.Docs[0]})
			}
			saved.Docs, saved.CreatedBy, saved.Created, saved.Edited = old.Docs, old.CreatedBy, old.Created, now
		}
		return saved, tx.PutEntity(saved)
	})
}

func checkParams(in []Param) ([]Param, error) {
	var problems problemList
	out := make([]Param, 0, len(in))
	for i, p := range in {
		name, err := cleanText(Say("the parameter name"), p.Name, 60)
		if err != nil {
			problems.addErr(i+1, "", err)
			continue
		}
		value, err := cleanText(Say("the value"), p.Value, MaxTextLength)
		if err != nil {
			problems.addErr(i+1, "", err)
			continue
		}
		if name == "" && value == "" {
			continue
		}
		if name == "" {
			problems.add(i+1, "", "the parameter has a value but no name")
			continue
		}
		if slices.ContainsFunc(out, func(q Param) bool { return strings.EqualFold(q.Name, name) }) {
			problems.add(i+1, "", "parameter {{.Name}} is there twice", Values{"Name": Echo(name).Quoted()})
			continue
		}
		out = append(out, Param{Name: name, Value: value})
	}
	return out, problems.err("The entity has a problem; nothing was saved.", "The entity has {{.Count}} problems; nothing was saved.")
}

// normalizeEntitySerial checks the serial parameter of an entity against the
// model's item and makes sure no other entity of the model carries it.
func normalizeEntitySerial(tx Tx, e *Entity) error {
	it, err := itemOfModel(tx, e.Model)
	if err != nil {
		return err
	}
	param := it.serialParam()
	for i, p := range e.Params {
		if !strings.EqualFold(p.Name, param) || p.Value == "" {
			continue
		}
		s, err := NormalizeSerial(p.Value)
		if err == nil && it.UseSerial {
			err = it.pattern().Check(s)
		}
		if err != nil {
			return &Error{Code: Invalid, Message: Say("The entity has a problem; nothing was saved."),
				Problems: []Problem{{Line: i + 1, Serial: p.Value, Reason: Reason(err)}}}
		}
		e.Params[i].Value = s
		holders, err := tx.EntitiesWith(e.Model, param, s)
		if err != nil {
			return err
		}
		for _, no := range holders {
			if no != e.No {
				return errorf(Conflict, "project {{.Project}} of this model already has {{.Param}} {{.Serial}}", Values{"Project": no, "Param": param, "Serial": s})
			}
		}
	}
	return nil
}

// itemOfModel returns the item linked to a model, or an empty item (with the
// default serial parameter) when there is none.
func itemOfModel(tx Tx, model ModelID) (Item, error) {
	id, err := tx.ItemOfModel(model)
	if isNotFound(err) {
		return Item{}, nil
	}
	if err != nil {
		return Item{}, err
	}
	return tx.Item(id)
}

// Entity returns one entity.
func (r *Register) Entity(no ProjectNo) (Entity, error) {
	return read(r, func(tx Tx) (Entity, error) {
		e, err := tx.Entity(no)
		return e, notFoundAs(err, "project {{.Project}} was not found", Values{"Project": no})
	})
}

// Entities lists the entities whose project number, model or a parameter
// value contains filter (any case), newest first.
func (r *Register) Entities(filter string) ([]EntityRow, error) {
	filter = strings.ToUpper(strings.TrimSpace(filter))
	return read(r, func(tx Tx) ([]EntityRow, error) {
		entities, err := tx.Entities()
		if err != nil {
			return nil, err
		}
		names, err := modelNames(tx)
		if err != nil {
			return nil, err
		}
		var rows []EntityRow
		for _, e := range entities {
			row := EntityRow{Entity: e, Model: names[e.Model]}
			if filter == "" || strings.Contains(strings.ToUpper(row.searchText()), filter) {
				rows = append(rows, row)
			}
		}
		sort.Slice(rows, func(i, j int) bool { return rows[i].No > rows[j].No })
		return rows, nil
	})
}

func (row EntityRow) searchText() string {
	parts := []string{row.No.String(), row.Model}
	for _, p := range row.Params {
		parts = append(parts, p.Value)
	}
	return strings.Join(parts, "\x00")
}

// attachEntity links a serial that goes through a document to its entity:
// the one it already has, the one of the item's model that carries the serial
// (created in advance), or, when create is set, a new one. It returns the
// project number (0 when none) and the events to record.
func attachEntity(tx Tx, it Item, rec *Serial, doc DocRef, create bool, ev Event) ([]Event, error) {
	if it.Model == 0 {
		return nil, nil
	}
	no := rec.Project
	if no == 0 {
		holders, err := tx.EntitiesWith(it.Model, it.serialParam(), rec.Serial)
		if err != nil {
			return nil, err
		}
		if len(holders) > 0 {
			no = holders[0]
		}
	}
	if no == 0 && !create {
		return nil, nil
	}
	var e Entity
	kind := EventEntityLinked
	if no == 0 {
		id, err := tx.NextID(SeqProject)
		if err != nil {
			return nil, err
		}
		no, kind = ProjectNo(id), EventEntityCreated
		e = Entity{No: no, Model: it.Model, Params: []Param{{it.serialParam(), rec.Serial}}, CreatedBy: doc, Created: ev.Time}
	} else {
		var err error
		if e, err = tx.Entity(no); err != nil {
			return nil, err
		}
	}
	if !slices.Contains(e.Docs, doc) {
		e.Docs = append(e.Docs, doc)
	}
	rec.Project = no
	ev.Kind, ev.Project = kind, no
	return []Event{ev}, tx.PutEntity(e)
}

// detachEntity undoes attachEntity for a document being cancelled: the
// entity forgets the document, and an entity that the document created and
// nobody has touched since goes away with it.
func detachEntity(tx Tx, no ProjectNo, doc DocRef) error {
	if no == 0 {
		return nil
	}
	e, err := tx.Entity(no)
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	e.Docs = slices.DeleteFunc(e.Docs, func(d DocRef) bool { return d == doc })
	if e.CreatedBy == doc && e.Edited.IsZero() && len(e.Docs) == 0 {
		return tx.DeleteEntity(no)
	}
	return tx.PutEntity(e)
}
