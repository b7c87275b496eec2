package data

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"strings"

	"serialdesk/core"
	"serialdesk/data/record"
)

// tx implements core.Tx on a kv.
type tx struct {
	kv *kv
}

// get reads a record in its stored form and returns it as core knows it.
func get[R interface{ Core() C }, C any](t *tx, k []byte) (C, error) {
	var r R
	if err := t.getJSON(k, &r); err != nil {
		var zero C
		return zero, err
	}
	return r.Core(), nil
}

func (t *tx) getJSON(k []byte, v any) error {
	b, err := t.kv.get(k)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func (t *tx) putJSON(k []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return t.kv.set(k, b)
}

func (t *tx) getID(k []byte) (uint64, error) {
	b, err := t.kv.get(k)
	if err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint64(b), nil
}

func (t *tx) putID(k []byte, id uint64) error {
	return t.kv.set(k, binary.BigEndian.AppendUint64(nil, id))
}

// list decodes every record under a prefix.
func list[R interface{ Core() C }, C any](t *tx, prefix byte) ([]C, error) {
	var out []C
	err := t.kv.scan([]byte{prefix}, false, func(_, val []byte) error {
		var r R
		if err := json.Unmarshal(val, &r); err != nil {
			return err
		}
		out = append(out, r.Core())
		return nil
	})
	return out, err
}

func (t *tx) NextID(seq core.Sequence) (uint64, error) {
	k := key(pSeq, string(seq))
	n, err := t.getID(k)
	if err != nil && core.ErrorCode(err) != core.NotFound {
		return 0, err
	}
	return n + 1, t.putID(k, n+1)
}

func (t *tx) Sequences() (map[core.Sequence]uint64, error) {
	out := map[core.Sequence]uint64{}
	err := t.kv.scan([]byte{pSeq}, false, func(k, val []byte) error {
		out[core.Sequence(k[1:])] = binary.BigEndian.Uint64(val)
		return nil
	})
	return out, err
}

func (t *tx) SetSequence(seq core.Sequence, n uint64) error {
	return t.putID(key(pSeq, string(seq)), n)
}

// Items

func (t *tx) Item(id core.ItemID) (core.Item, error) { return get[record.Item](t, itemKey(id)) }

func (t *tx) ItemByNo(no string) (core.Item, error) {
	id, err := t.getID(itemNoKey(no))
	if err != nil {
		return core.Item{}, err
	}
	return t.Item(core.ItemID(id))
}

func (t *tx) ItemOfModel(m core.ModelID) (core.ItemID, error) {
	id, err := t.getID(modelItemKey(m))
	return core.ItemID(id), err
}

func (t *tx) Items() ([]core.Item, error) { return list[record.Item](t, pItem) }

func (t *tx) PutItem(it core.Item) error {
	old, err := t.Item(it.ID)
	switch {
	case err == nil:
		if !strings.EqualFold(old.No, it.No) {
			if err := t.kv.del(itemNoKey(old.No)); err != nil {
				return err
			}
		}
		if old.Model != 0 && old.Model != it.Model {
			if err := t.kv.del(modelItemKey(old.Model)); err != nil {
				return err
			}
		}
	case core.ErrorCode(err) != core.NotFound:
		return err
	}
	if err := t.putID(itemNoKey(it.No), uint64(it.ID)); err != nil {
		return err
	}
	if it.Model != 0 {
		if err := t.putID(modelItemKey(it.Model), uint64(it.ID)); err != nil {
			return err
		}
	}
	return t.putJSON(itemKey(it.ID), record.FromItem(it))
}

func (t *tx) DeleteItem(id core.ItemID) error {
	old, err := t.Item(id)
	if err != nil {
		return err
	}
	keys := [][]byte{itemNoKey(old.No), stockKey(id), itemKey(id)}
	if old.Model != 0 {
		keys = append(keys, modelItemKey(old.Model))
	}
	for _, k := range keys {
		if err := t.kv.del(k); err != nil {
			return err
		}
	}
	return nil
}

// ItemListed reads the lines of every receipt and order.
func (t *tx) ItemListed(id core.ItemID) (bool, error) {
	for _, p := range []byte{pReceipt, pOrder, pSupplierReturn} {
		err := t.kv.scan([]byte{p}, false, func(_, val []byte) error {
			var doc struct{ Lines []struct{ Item uint64 } }
			if err := json.Unmarshal(val, &doc); err != nil {
				return err
			}
			for _, l := range doc.Lines {
				if l.Item == uint64(id) {
					return errStopScan
				}
			}
			return nil
		})
		if errors.Is(err, errStopScan) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
	}
	return false, nil
}

// Clear deletes the keys of every record and index, serials through
// DeleteSerial's keys so that the finder lets go of them too.
func (t *tx) Clear() error {
	for _, p := range []byte{pSerialText, pSerial, pEvent, pItem, pItemNo, pModelItem, pStock, pReceipt, pReceiptHead,
		pOrder, pOrderHead, pBrand, pModel, pEntity, pParam, pSeq, pNote, pSupplierReturn, pSupplierReturnHead, pParty, pShop} {
		var keys [][]byte
		if err := t.kv.scan([]byte{p}, true, func(k, _ []byte) error {
			keys = append(keys, append([]byte(nil), k...))
			return nil
		}); err != nil {
			return err
		}
		for _, k := range keys {
			if err := t.kv.del(k); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *tx) Stock(id core.ItemID) (core.Stock, error) {
	st, err := get[record.Stock](t, stockKey(id))
	if core.ErrorCode(err) == core.NotFound {
		err = nil
	}
	return st, err
}

func (t *tx) PutStock(id core.ItemID, st core.Stock) error {
	return t.putJSON(stockKey(id), record.FromStock(st))
}

// Serials

func (t *tx) Serial(id core.ItemID, serial string) (rec core.Serial, err error) {
	b, err := t.kv.get(serialKey(id, serial))
	if err != nil {
		return rec, err
	}
	return rec, decodeSerial(b, &rec)
}

// SerialOfEveryItem finds the items in the text index, which leads with
// the serial.
func (t *tx) SerialOfEveryItem(serial string) ([]core.Serial, error) {
	var items []core.ItemID
	if err := t.kv.scan(key(pSerialText, serial, byte(0)), true, func(k, _ []byte) error {
		items = append(items, core.ItemID(lastUint64(k)))
		return nil
	}); err != nil {
		return nil, err
	}
	out := make([]core.Serial, 0, len(items))
	for _, id := range items {
		rec, err := t.Serial(id, serial)
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

func (t *tx) Serials(id core.ItemID, serials []string) (map[string]core.Serial, error) {
	out := map[string]core.Serial{}
	for _, s := range serials {
		rec, err := t.Serial(id, s)
		switch {
		case err == nil:
			out[s] = rec
		case core.ErrorCode(err) != core.NotFound:
			return nil, err
		}
	}
	return out, nil
}

func (t *tx) PutSerial(rec core.Serial) error {
	b, err := encodeSerial(rec)
	if err != nil {
		return err
	}
	if err := t.kv.set(serialTextKey(rec.Item, rec.Serial), textValue(rec)); err != nil {
		return err
	}
	return t.kv.set(serialKey(rec.Item, rec.Serial), b)
}

func (t *tx) DeleteSerial(id core.ItemID, serial string) error {
	if _, err := t.Serial(id, serial); err != nil {
		return err
	}
	for _, k := range [][]byte{serialTextKey(id, serial), serialKey(id, serial)} {
		if err := t.kv.del(k); err != nil {
			return err
		}
	}
	return nil
}

// SearchSerials asks the finder, which in a View agrees with the snapshot,
// and reads the page's records. In an Update it would not see the
// operation's own writes; the register searches in Views only.
func (t *tx) SearchSerials(q core.SerialQuery) ([]core.Serial, int, error) {
	hits, total := t.kv.s.find.search(q)
	recs := make([]core.Serial, len(hits))
	for i, h := range hits {
		var err error
		if recs[i], err = t.Serial(h.item, h.serial); err != nil {
			return nil, 0, err
		}
	}
	return recs, total, nil
}

func (t *tx) EachSerial(fn func(core.Serial) error) error {
	return t.kv.scan([]byte{pSerial}, false, func(_, val []byte) error {
		var rec core.Serial
		if err := decodeSerial(val, &rec); err != nil {
			return err
		}
		return fn(rec)
	})
}

func (t *tx) AddEvent(ev core.Event) error {
	// The store's counter keeps two events of one clock reading apart,
	// in the order they were added.
	k := append(eventPrefix(ev.Item, ev.Serial), key(0, uint64(ev.Time.UnixNano()), t.kv.s.events.Add(1))[1:]...)
	if ev.Kind == core.EventNote {
		if err := t.putJSON(append([]byte{pNote}, k[1:]...), record.FromEvent(ev)); err != nil {
			return err
		}
	}
	return t.putJSON(k, record.FromEvent(ev))
}

// Notes reads the notes' own keys: a few thousand beside millions of
// history lines.
func (t *tx) Notes(text string) ([]core.Event, error) {
	var out []core.Event
	err := t.kv.scan([]byte{pNote}, false, func(_, val []byte) error {
		var ev record.Event
		if err := json.Unmarshal(val, &ev); err != nil {
			return err
		}
		if core.NoteHolds(ev.Note, text) {
			out = append(out, ev.Core())
		}
		return nil
	})
	return out, err
}

func (t *tx) History(id core.ItemID, serial string) ([]core.Event, error) {
	var out []core.Event
	err := t.kv.scan(eventPrefix(id, serial), false, func(_, val []byte) error {
		var ev record.Event
		if err := json.Unmarshal(val, &ev); err != nil {
			return err
		}
		out = append(out, ev.Core())
		return nil
	})
	return out, err
}

func (t *tx) EachEvent(fn func(core.Event) error) error {
	return t.kv.scan([]byte{pEvent}, false, func(_, val []byte) error {
		var ev record.Event
		if err := json.Unmarshal(val, &ev); err != nil {
			return err
		}
		return fn(ev.Core())
	})
}

// Documents and the registry

func (t *tx) Receipt(id core.DocID) (core.Receipt, error) {
	return get[record.Receipt](t, receiptKey(id))
}
func (t *tx) ReceiptHeads() ([]core.ReceiptHead, error) {
	return list[record.ReceiptHead](t, pReceiptHead)
}

// PutReceipt keeps the head beside the receipt, so that listing receipts
// does not read every serial of every delivery.
func (t *tx) PutReceipt(rc core.Receipt) error {
	if err := t.putJSON(key(pReceiptHead, uint64(rc.ID)), receiptHead(rc)); err != nil {
		return err
	}
	return t.putJSON(receiptKey(rc.ID), record.FromReceipt(rc))
}

func (t *tx) DeleteReceipt(id core.DocID) error {
	if err := t.kv.del(key(pReceiptHead, uint64(id))); err != nil {
		return err
	}
	return t.kv.del(receiptKey(id))
}

func (t *tx) Order(id core.DocID) (core.Order, error) { return get[record.Order](t, orderKey(id)) }
func (t *tx) OrderHeads() ([]core.OrderHead, error)   { return list[record.OrderHead](t, pOrderHead) }

func (t *tx) PutOrder(o core.Order) error {
	if err := t.putJSON(key(pOrderHead, uint64(o.ID)), orderHead(o)); err != nil {
		return err
	}
	return t.putJSON(orderKey(o.ID), record.FromOrder(o))
}

func (t *tx) SupplierReturn(id core.DocID) (core.SupplierReturn, error) {
	return get[record.SupplierReturn](t, key(pSupplierReturn, uint64(id)))
}

func (t *tx) SupplierReturnHeads() ([]core.SupplierReturnHead, error) {
	return list[record.SupplierReturnHead](t, pSupplierReturnHead)
}

func (t *tx) PutSupplierReturn(sr core.SupplierReturn) error {
	if err := t.putJSON(key(pSupplierReturnHead, uint64(sr.ID)), supplierReturnHead(sr)); err != nil {
		return err
	}
	return t.putJSON(key(pSupplierReturn, uint64(sr.ID)), record.FromSupplierReturn(sr))
}

func (t *tx) Party(id core.PartyID) (core.Party, error) {
	return get[record.Party](t, key(pParty, uint64(id)))
}
func (t *tx) Parties() ([]core.Party, error) { return list[record.Party](t, pParty) }
func (t *tx) PutParty(p core.Party) error {
	return t.putJSON(key(pParty, uint64(p.ID)), record.FromParty(p))
}
func (t *tx) DeleteParty(id core.PartyID) error { return t.kv.del(key(pParty, uint64(id))) }

func (t *tx) Shop() (core.Shop, error)  { return get[record.Shop](t, key(pShop)) }
func (t *tx) PutShop(s core.Shop) error { return t.putJSON(key(pShop), record.FromShop(s)) }

func (t *tx) Brand(id core.BrandID) (core.Brand, error) { return get[record.Brand](t, brandKey(id)) }
func (t *tx) Brands() ([]core.Brand, error)             { return list[record.Brand](t, pBrand) }
func (t *tx) PutBrand(b core.Brand) error               { return t.putJSON(brandKey(b.ID), record.FromBrand(b)) }
func (t *tx) DeleteBrand(id core.BrandID) error         { return t.kv.del(brandKey(id)) }

func (t *tx) Model(id core.ModelID) (core.Model, error) { return get[record.Model](t, modelKey(id)) }
func (t *tx) Models() ([]core.Model, error)             { return list[record.Model](t, pModel) }
func (t *tx) PutModel(m core.Model) error               { return t.putJSON(modelKey(m.ID), record.FromModel(m)) }
func (t *tx) DeleteModel(id core.ModelID) error         { return t.kv.del(modelKey(id)) }

// Entities

func (t *tx) Entity(no core.ProjectNo) (core.Entity, error) {
	return get[record.Entity](t, entityKey(no))
}

func (t *tx) Entities() ([]core.Entity, error) { return list[record.Entity](t, pEntity) }

func (t *tx) EntitiesWith(m core.ModelID, param, value string) ([]core.ProjectNo, error) {
	var out []core.ProjectNo
	err := t.kv.scan(paramPrefix(m, param, value), true, func(k, _ []byte) error {
		out = append(out, core.ProjectNo(lastUint64(k)))
		return nil
	})
	return out, err
}

func (t *tx) PutEntity(e core.Entity) error {
	if err := t.dropEntityParams(e.No); err != nil {
		return err
	}
	for _, p := range e.Params {
		if err := t.kv.set(paramKey(e.Model, p, e.No), nil); err != nil {
			return err
		}
	}
	return t.putJSON(entityKey(e.No), record.FromEntity(e))
}

func (t *tx) DeleteEntity(no core.ProjectNo) error {
	if err := t.dropEntityParams(no); err != nil {
		return err
	}
	return t.kv.del(entityKey(no))
}

// dropEntityParams removes the parameter index entries of a stored entity.
func (t *tx) dropEntityParams(no core.ProjectNo) error {
	old, err := t.Entity(no)
	if core.ErrorCode(err) == core.NotFound {
		return nil
	}
	if err != nil {
		return err
	}
	for _, p := range old.Params {
		if err := t.kv.del(paramKey(old.Model, p, no)); err != nil {
			return err
		}
	}
	return nil
}

var _ core.Tx = (*tx)(nil)
