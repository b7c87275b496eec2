package core

import "slices"

// SaveSupplierReturn checks a new return to the supplier and, when all is
// well, takes its units out of stock in one operation: each serial must be
// in stock and fit its item, with one serial per unit of an item that uses
// them. A unit received from another supplier is a warning, not a
// refusal (opening stock names no supplier). On any problem nothing is
// written and the error lists every problem.
func (r *Register) SaveSupplierReturn(in SupplierReturn) (SupplierReturn, error) {
	return write(r, func(tx Tx) (SupplierReturn, error) {
		sr, records, _, err := r.checkSupplierReturn(tx, in)
		if err != nil {
			return SupplierReturn{}, err
		}
		if sr.SupplierID, sr.Supplier, err = r.partyOf(tx, Supplier, sr.SupplierID, sr.Supplier); err != nil {
			return SupplierReturn{}, err
		}
		id, err := tx.NextID(SeqSupplierReturn)
		if err != nil {
			return SupplierReturn{}, err
		}
		sr.ID = DocID(id)
		now := r.now()
		sr.SavedAt = now
		r.change(&sr.LastChange, now)
		ref := sr.Ref()
		delta := stockDelta{}
		for _, l := range sr.Lines {
			delta.toSupplier(l.Item, l.Quantity)
			for _, s := range l.Serials {
				rec := records[serialKey{l.Item, s}]
				sr.Replaced = append(sr.Replaced, rec)
				rec.State = ToSupplier
				rec.ToSupplier = &Movement{Date: sr.Date, Doc: ref, Party: sr.Supplier, By: sr.By}
				ev := Event{Time: now, Kind: EventToSupplier, Item: l.Item, Serial: s, Doc: ref, Party: sr.Supplier, Project: rec.Project}
				if err := putSerial(tx, rec, []Event{ev}); err != nil {
					return SupplierReturn{}, err
				}
			}
		}
		if err := delta.write(tx); err != nil {
			return SupplierReturn{}, err
		}
		return sr, tx.PutSupplierReturn(sr)
	})
}

// CheckSupplierReturn checks a return to the supplier as saving it would,
// writing nothing, and returns its warnings: asked as each serial is
// scanned.
func (r *Register) CheckSupplierReturn(in SupplierReturn) (warnings []Problem, err error) {
	_, err = read(r, func(tx Tx) (struct{}, error) {
		_, _, check, err := r.checkSupplierReturn(tx, in)
		warnings = check.warningsOf()
		return struct{}{}, err
	})
	return warnings, err
}

// checkSupplierReturn cleans the header, checks every line, and returns
// the records of the serials going back.
func (r *Register) checkSupplierReturn(tx Tx, in SupplierReturn) (SupplierReturn, map[serialKey]Serial, *lineCheck, error) {
	sr := SupplierReturn{Date: r.docDate(in.Date), Lines: slices.Clone(in.Lines)}
	var err error
	if sr.Supplier, err = cleanText(Say("the supplier"), in.Supplier, MaxTextLength); err != nil {
		return sr, nil, nil, err
	}
	sr.SupplierID = in.SupplierID
	if err := linkParty(tx, Supplier, &sr.SupplierID, &sr.Supplier); err != nil {
		return sr, nil, nil, err
	}
	if sr.Reference, err = cleanText(Say("the reference"), in.Reference, MaxTextLength); err != nil {
		return sr, nil, nil, err
	}
	if sr.Reason, err = cleanText(Say("the reason"), in.Reason, MaxTextLength); err != nil {
		return sr, nil, nil, err
	}
	check := newLineCheck(tx)
	if sr.Supplier == "" {
		check.problems.add(0, "", "name the supplier the units go back to")
	}
	if len(sr.Lines) == 0 {
		check.problems.add(0, "", "add at least one line")
	}
	records := map[serialKey]Serial{}
	units := map[ItemID]int{}
	var order []ItemID // the items as the lines first name them, for the problems' order
	for i, l := range sr.Lines {
		n := i + 1
		it, ok, err := check.item(n, l.Item)
		if err != nil {
			return sr, nil, check, err
		}
		if !ok {
			continue
		}
		if _, seen := units[it.ID]; !seen {
			order = append(order, it.ID)
		}
		units[it.ID] += l.Quantity
		// The units that go back are these very ones: every serial is needed.
		serials := check.serials(n, it, l.Quantity, l.Serials, it.UseSerial)
		registered, err := tx.Serials(it.ID, serials)
		if err != nil {
			return sr, nil, check, err
		}
		for _, s := range serials {
			rec, exists := registered[s]
			switch {
			case !exists:
				check.problems.add(n, s, "never received; only units in stock go back to the supplier")
				continue
			case !rec.State.Available():
				check.problems.add(n, s, "not in stock: {{.Whereabouts}}", Values{"Whereabouts": rec.whereabouts()})
				continue
			case rec.Received != nil && rec.Received.Party != "" && partyKey(rec.Received.Party) != partyKey(sr.Supplier) && sr.Supplier != "":
				check.warnings.add(n, s, "received from {{.Supplier}} on {{.Doc}}, not from {{.Chosen}}", Values{"Supplier": rec.Received.Party, "Doc": rec.Received.Doc, "Chosen": sr.Supplier})
			}
			records[serialKey{it.ID, s}] = rec
		}
		sr.Lines[i].Serials = serials
	}
	for _, id := range order {
		n := units[id]
		st, err := tx.Stock(id)
		if err != nil {
			return sr, nil, check, err
		}
		if int64(n) > st.InStock() {
			check.problems.addReason("", 0, "", Count(n, "1 unit of {{.Item}} goes back, but {{.InStock}} are in stock",
				"{{.Count}} units of {{.Item}} go back, but {{.InStock}} are in stock").With(Values{"Item": check.items[id].Label(), "InStock": st.InStock()}))
		}
	}
	return sr, records, check, check.problems.err("The supplier return has a problem; nothing was saved.", "The supplier return has {{.Count}} problems; nothing was saved.")
}

// CancelSupplierReturn undoes a return to the supplier: its units are in
// stock again, as they were before it. It is refused while any of them has
// moved on since (received again as a replacement, say).
func (r *Register) CancelSupplierReturn(id DocID) (SupplierReturn, error) {
	return write(r, func(tx Tx) (SupplierReturn, error) {
		sr, err := tx.SupplierReturn(id)
		if err != nil {
			return SupplierReturn{}, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": DocRef{SupplierReturnDoc, id}})
		}
		ref := sr.Ref()
		if sr.Cancelled() {
			return SupplierReturn{}, errorf(Conflict, "{{.Doc}} is already cancelled", Values{"Doc": ref})
		}
		var problems problemList
		for i, l := range sr.Lines {
			registered, err := tx.Serials(l.Item, l.Serials)
			if err != nil {
				return SupplierReturn{}, err
			}
			for _, s := range l.Serials {
				if rec, ok := registered[s]; !ok || rec.State != ToSupplier || rec.ToSupplier == nil || rec.ToSupplier.Doc != ref {
					problems.add(i+1, s, "{{.Whereabouts}} since", Values{"Whereabouts": rec.whereabouts()})
				}
			}
		}
		if err := problems.conflict("{{.Doc}} cannot be cancelled: some of its units have moved on. Cancel those documents first.", Values{"Doc": ref}); err != nil {
			return SupplierReturn{}, err
		}
		now := r.now()
		delta := stockDelta{}
		for _, l := range sr.Lines {
			delta.toSupplier(l.Item, -l.Quantity)
			for _, s := range l.Serials {
				prior, _ := replacedRecord(sr.Replaced, serialKey{l.Item, s})
				// Back as it was, less a customer's return cancelled since.
				left, keep, err := withoutCancelledSale(tx, prior)
				if err != nil {
					return SupplierReturn{}, err
				}
				if err := putOrDelete(tx, serialKey{l.Item, s}, left, keep); err != nil {
					return SupplierReturn{}, err
				}
				ev := Event{Time: now, Kind: EventSupplierReturnCancelled, Item: l.Item, Serial: s, Doc: ref, Party: sr.Supplier, Project: prior.Project}
				if err := tx.AddEvent(ev); err != nil {
					return SupplierReturn{}, err
				}
			}
		}
		if err := delta.write(tx); err != nil {
			return SupplierReturn{}, err
		}
		sr.CancelledAt, sr.CancelledBy = now, r.user
		r.change(&sr.LastChange, now)
		return sr, tx.PutSupplierReturn(sr)
	})
}

// SupplierReturn returns one return to the supplier.
func (r *Register) SupplierReturn(id DocID) (SupplierReturn, error) {
	return read(r, func(tx Tx) (SupplierReturn, error) {
		sr, err := tx.SupplierReturn(id)
		return sr, notFoundAs(err, "{{.Doc}} was not found", Values{"Doc": DocRef{SupplierReturnDoc, id}})
	})
}

// SupplierReturns lists the returns to the supplier, newest first.
func (r *Register) SupplierReturns() ([]SupplierReturnHead, error) {
	return read(r, func(tx Tx) ([]SupplierReturnHead, error) {
		list, err := tx.SupplierReturnHeads()
		slices.Reverse(list)
		return list, err
	})
}
