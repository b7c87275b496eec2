package core

// Deleting is for what was entered by mistake and left no trace: a draft,
// an item that never moved, a brand or model no item sells, an entity no
// document names. Anything with a history stays, so that the history stays
// whole; a confirmed document is cancelled, not deleted.

// DeleteReceiptDraft deletes a receipt that is still a draft.
func (r *Register) DeleteReceiptDraft(id DocID) error {
	return change(r, func(tx Tx) error {
		rc, err := tx.Receipt(id)
		if err != nil {
			return notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": DocRef{ReceiptDoc, id}})
		}
		if rc.Status != Draft {
			return errorf(Conflict, "{{.Doc}} is {{.Status}}; only a draft can be deleted (a confirmed receipt is cancelled instead)", Values{"Doc": rc.Ref(), "Status": rc.Status.Word()})
		}
		return tx.DeleteReceipt(id)
	})
}

// DeleteItem deletes an item card that never moved: no units counted, no
// serial registered, on no receipt or order.
func (r *Register) DeleteItem(id ItemID) error {
	return change(r, func(tx Tx) error {
		it, err := tx.Item(id)
		if err != nil {
			return notFoundAs(err, "the item was not found")
		}
		st, err := tx.Stock(id)
		if err != nil {
			return err
		}
		_, serials, err := tx.SearchSerials(SerialQuery{Item: id, Limit: 1})
		if err != nil {
			return err
		}
		listed, err := tx.ItemListed(id)
		if err != nil {
			return err
		}
		if st != (Stock{}) || serials > 0 || listed {
			return errorf(Conflict, "{{.Item}} cannot be deleted: it has been received or sold, or is on a receipt or an order, and its history stays", Values{"Item": it.Label()})
		}
		return tx.DeleteItem(id)
	})
}

// DeleteModel deletes a model that no item sells and no entity is of.
func (r *Register) DeleteModel(id ModelID) error {
	return change(r, func(tx Tx) error {
		m, err := tx.Model(id)
		if err != nil {
			return notFoundAs(err, "the model was not found")
		}
		if err := modelUnused(tx, m); err != nil {
			return err
		}
		return tx.DeleteModel(id)
	})
}

// DeleteBrand deletes a brand with its models, when no item sells any of
// them and no entity is of one.
func (r *Register) DeleteBrand(id BrandID) error {
	return change(r, func(tx Tx) error {
		if _, err := tx.Brand(id); err != nil {
			return notFoundAs(err, "the brand was not found")
		}
		models, err := tx.Models()
		if err != nil {
			return err
		}
		for _, m := range models {
			if m.Brand != id {
				continue
			}
			if err := modelUnused(tx, m); err != nil {
				return err
			}
			if err := tx.DeleteModel(m.ID); err != nil {
				return err
			}
		}
		return tx.DeleteBrand(id)
	})
}

// modelUnused refuses a model an item sells or an entity is of.
func modelUnused(tx Tx, m Model) error {
	name, err := modelName(tx, m)
	if err != nil {
		return err
	}
	item, err := tx.ItemOfModel(m.ID)
	switch {
	case err == nil:
		it, err := tx.Item(item)
		if err != nil {
			return err
		}
		return errorf(Conflict, "{{.Name}} cannot be deleted: item {{.Item}} sells it", Values{"Name": name, "Item": it.Label()})
	case !isNotFound(err):
		return err
	}
	entities, err := tx.Entities()
	if err != nil {
		return err
	}
	for _, e := range entities {
		if e.Model == m.ID {
			return errorf(Conflict, "{{.Name}} cannot be deleted: entity {{.Project}} is of it", Values{"Name": name, "Project": e.No})
		}
	}
	return nil
}

// DeleteEntity deletes an entity no document names (one made in advance,
// or by mistake).
func (r *Register) DeleteEntity(no ProjectNo) error {
	return change(r, func(tx Tx) error {
		e, err := tx.Entity(no)
		if err != nil {
			return notFoundAs(err, "entity {{.Project}} was not found", Values{"Project": no})
		}
		if len(e.Docs) > 0 {
			return errorf(Conflict, "entity {{.Project}} cannot be deleted: {{.Doc}} names it, and its history stays", Values{"Project": no, "Doc": e.Docs[0]})
		}
		return tx.DeleteEntity(no)
	})
}

// change runs fn as one business operation that returns nothing.
func change(r *Register, fn func(Tx) error) error {
	_, err := write(r, func(tx Tx) (struct{}, error) { return struct{}{}, fn(tx) })
	return err
}
