package data

import (
	"encoding/binary"
	"encoding/json"
	"strings"

	"serialdesk/core"
)

// tx implements core.Tx on a kv.
type tx struct {
	kv *kv
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
func list[T any](t *tx, prefix byte) ([]T, error) {
	var out []T
	err := t.kv.scan([]byte{prefix}, false, func(_, val []byte) error {
		var v T
		if err := json.Unmarshal(val, &v); err != nil {
			return err
		}
		out = append(out, v)
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

// Items

func (t *tx) Item(id core.ItemID) (it core.Item, err error) {
	return it, t.getJSON(itemKey(id), &it)
}

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

func (t *tx) Items() ([]core.Item, error) { return list[core.Item](t, pItem) }

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
	return t.putJSON(itemKey(it.ID), it)
}

func (t *tx) Stock(id core.ItemID) (st core.Stock, err error) {
	err = t.getJSON(stockKey(id), &st)
	if core.ErrorCode(err) == core.NotFound {
		err = nil
	}
	return st, err
}

func (t *tx) PutStock(id core.ItemID, st core.Stock) error { return t.putJSON(stockKey(id), st) }

// Serials

func (t *tx) Serial(id core.ItemID, serial string) (rec core.Serial, err error) {
	b, err := t.kv.get(serialKey(id, serial))
	if err != nil {
		return rec, err
	}
	return rec, decodeSerial(b, &rec)
}

func (t *tx) PutSerial(rec core.Serial) error {
	b, err := encodeSerial(rec)
	if err != nil {
		return err
	}
	if err := t.kv.set(serialTextKey(rec.Item, rec.Serial), []byte{byte(rec.State)}); err != nil {
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
	return t.putJSON(k, ev)
}

func (t *tx) History(id core.ItemID, serial string) ([]core.Event, error) {
	var out []core.Event
	err := t.kv.scan(eventPrefix(id, serial), false, func(_, val []byte) error {
		var ev core.Event
		if err := json.Unmarshal(val, &ev); err != nil {
			return err
		}
		out = append(out, ev)
		return nil
	})
	return out, err
}

// Documents and the registry

func (t *tx) Receipt(id core.DocID) (rc core.Receipt, err error) {
	return rc, t.getJSON(receiptKey(id), &rc)
}
func (t *tx) ReceiptHeads() ([]core.ReceiptHead, error) {
	return list[core.ReceiptHead](t, pReceiptHead)
}

// PutReceipt keeps the head beside the receipt, so that listing receipts
// does not read every serial of every delivery.
func (t *tx) PutReceipt(rc core.Receipt) error {
	if err := t.putJSON(key(pReceiptHead, uint64(rc.ID)), rc.Head()); err != nil {
		return err
	}
	return t.putJSON(receiptKey(rc.ID), rc)
}

func (t *tx) Order(id core.DocID) (o core.Order, err error) { return o, t.getJSON(orderKey(id), &o) }
func (t *tx) OrderHeads() ([]core.OrderHead, error)         { return list[core.OrderHead](t, pOrderHead) }

func (t *tx) PutOrder(o core.Order) error {
	if err := t.putJSON(key(pOrderHead, uint64(o.ID)), o.Head()); err != nil {
		return err
	}
	return t.putJSON(orderKey(o.ID), o)
}

func (t *tx) Brand(id core.BrandID) (b core.Brand, err error) { return b, t.getJSON(brandKey(id), &b) }
func (t *tx) Brands() ([]core.Brand, error)                   { return list[core.Brand](t, pBrand) }
func (t *tx) PutBrand(b core.Brand) error                     { return t.putJSON(brandKey(b.ID), b) }

func (t *tx) Model(id core.ModelID) (m core.Model, err error) { return m, t.getJSON(modelKey(id), &m) }
func (t *tx) Models() ([]core.Model, error)                   { return list[core.Model](t, pModel) }
func (t *tx) PutModel(m core.Model) error                     { return t.putJSON(modelKey(m.ID), m) }

// Entities

func (t *tx) Entity(no core.ProjectNo) (e core.Entity, err error) {
	return e, t.getJSON(entityKey(no), &e)
}

func (t *tx) Entities() ([]core.Entity, error) { return list[core.Entity](t, pEntity) }

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
	return t.putJSON(entityKey(e.No), e)
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
