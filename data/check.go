package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"serialdesk/core"
	"serialdesk/data/record"
)

// CheckRecords reads every record and index of the register in one
// snapshot and reports each that disagrees with the others: an index entry
// without its record, a record missing from an index, a list head that is
// not its document's, a counter behind a number it has handed out, an
// operation a crash left half done. It implements core.RecordChecker.
func (s *Store) CheckRecords() ([]core.Message, error) {
	if err := s.VerifyFiles(); err != nil {
		return []core.Message{core.Told(err)}, nil
	}
	var found []core.Message
	err := s.View(func(ctx core.Tx) error {
		c := &checker{t: ctx.(*tx)}
		if err := c.run(); err != nil {
			return err
		}
		found = c.found
		return nil
	})
	core.SortMessages(found)
	return found, err
}

// stateUnknown stands for the state of a record that cannot be read, which
// is reported once, not again against each index.
const stateUnknown core.State = 0xff

type checker struct {
	t     *tx
	found []core.Message
	items map[core.ItemID]core.Item
	// Highest number in use of each counter.
	used map[core.Sequence]uint64
}

func (c *checker) report(key string, values core.Values) {
	c.found = append(c.found, core.Say(key, values))
}

// recordNo is a record's number as a finding names it, without grouping.
func recordNo[N ~uint64 | ~uint32](n N) string { return strconv.FormatUint(uint64(n), 10) }

func (c *checker) run() error {
	c.used = map[core.Sequence]uint64{}
	for _, step := range []func() error{c.journal, c.itemIndexes, c.serials, c.documents, c.registry, c.sequences} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// journal: Open finishes or rolls back what a crash interrupted, so
// nothing of it may be left.
func (c *checker) journal() error {
	for _, p := range []byte{pUndo, pDone} {
		if err := c.t.kv.scan([]byte{p}, true, func(k, _ []byte) error {
			c.report("operation {{.Operation}} was interrupted and is still in the journal", core.Values{"Operation": recordNo(binaryUint64(k[1:]))})
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

func binaryUint64(b []byte) uint64 {
	if len(b) < 8 {
		return 0
	}
	return lastUint64(b[:8])
}

// itemIndexes: item cards against the item number, model and stock keys.
func (c *checker) itemIndexes() error {
	c.items = map[core.ItemID]core.Item{}
	items, err := c.t.Items()
	if err != nil {
		return err
	}
	for _, it := range items {
		c.items[it.ID] = it
		c.used[core.SeqItem] = max(c.used[core.SeqItem], uint64(it.ID))
	}
	pointsTo := func(prefix byte, what core.Message, ok func(k []byte, it core.Item) bool) (map[core.ItemID]bool, error) {
		indexed := map[core.ItemID]bool{}
		err := c.t.kv.scan([]byte{prefix}, false, func(k, v []byte) error {
			id := core.ItemID(binaryUint64(v))
			it, exists := c.items[id]
			switch {
			case !exists:
				c.report("the {{.Index}} index has {{.Key}} for item {{.ID}}, which does not exist", core.Values{"Index": what, "Key": strconv.Quote(string(k[1:])), "ID": recordNo(id)})
			case !ok(k, it):
				c.report("the {{.Index}} index has {{.Key}} for item {{.Item}}", core.Values{"Index": what, "Key": strconv.Quote(string(k[1:])), "Item": it.No})
			default:
				indexed[id] = true
			}
			return nil
		})
		return indexed, err
	}
	byNo, err := pointsTo(pItemNo, core.Say("item number"), func(k []byte, it core.Item) bool {
		return bytes.Equal(k, itemNoKey(it.No))
	})
	if err != nil {
		return err
	}
	byModel, err := pointsTo(pModelItem, core.Say("model"), func(k []byte, it core.Item) bool {
		return bytes.Equal(k, modelItemKey(it.Model))
	})
	if err != nil {
		return err
	}
	for _, it := range items {
		if !byNo[it.ID] {
			c.report("item {{.Item}} is missing from the item number index", core.Values{"Item": it.No})
		}
		if it.Model != 0 && !byModel[it.ID] {
			c.report("item {{.Item}} is missing from the model index", core.Values{"Item": it.No})
		}
	}
	return c.t.kv.scan([]byte{pStock}, true, func(k, _ []byte) error {
		if _, ok := c.items[core.ItemID(lastUint64(k))]; !ok {
			c.report("stock is kept for item {{.ID}}, which does not exist", core.Values{"ID": recordNo(lastUint64(k))})
		}
		return nil
	})
}

// serials: every serial record against the text index, the finder built
// from it, and its history.
func (c *checker) serials() error {
	var records []serialChange
	var owners [][]byte // serial keys, in key order, for the history check
	err := c.t.kv.scan([]byte{pSerial}, false, func(k, v []byte) error {
		id, serial := core.ItemID(binaryUint64(k[1:])), string(k[9:])
		var rec core.Serial
		switch err := decodeSerial(v, &rec); {
		case err != nil:
			c.report("item {{.ID}}, serial {{.Serial}}: the record cannot be read: {{.Cause}}", core.Values{"ID": recordNo(id), "Serial": serial, "Cause": err.Error()})
			rec.State = stateUnknown
		case rec.Item != id || rec.Serial != serial:
			c.report("item {{.ID}}, serial {{.Serial}}: the record is of item {{.Other}}, serial {{.OtherSerial}}", core.Values{"ID": recordNo(id), "Serial": serial, "Other": recordNo(rec.Item), "OtherSerial": rec.Serial})
		}
		if _, ok := c.items[id]; !ok {
			c.report("serial {{.Serial}} is registered for item {{.ID}}, which does not exist", core.Values{"Serial": serial, "ID": recordNo(id)})
		}
		records = append(records, serialChange{entryKey{serial, id}, rec.State, warrantyDay(rec.Warranty)})
		owners = append(owners, bytes.Clone(k))
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(records, func(a, b serialChange) int { return a.key.compare(b.key) })
	var fromRecords, index serialList
	for _, r := range records {
		fromRecords.add([]byte(r.key.serial), r.key.item, r.state, r.warranty)
	}
	if err := readTextIndex(c.t.kv.txn, []byte{pSerialText}, nil, &index); err != nil {
		return err
	}
	c.sameSerials(fromRecords, core.Say("the serial records"), index, core.Say("the serial search index"))
	c.sameSerials(index, core.Say("the serial search index"), c.t.kv.s.find.merged(), core.Say("the serial search in memory"))
	return c.history(owners)
}

// sameSerials reports every entry where two lists of serials differ.
func (c *checker) sameSerials(a serialList, aName core.Message, b serialList, bName core.Message) {
	i, j := 0, 0
	for i < a.len() || j < b.len() {
		switch {
		case j == b.len() || i < a.len() && a.compare(i, b.key(j)) < 0:
			c.report("item {{.ID}}, serial {{.Serial}}: in {{.In}}, not in {{.NotIn}}", core.Values{"ID": recordNo(a.item[i]), "Serial": string(a.serial(i)), "In": aName, "NotIn": bName})
			i++
		case i == a.len() || a.compare(i, b.key(j)) > 0:
			c.report("item {{.ID}}, serial {{.Serial}}: in {{.In}}, not in {{.NotIn}}", core.Values{"ID": recordNo(b.item[j]), "Serial": string(b.serial(j)), "In": bName, "NotIn": aName})
			j++
		default:
			known := a.state[i] != stateUnknown && b.state[j] != stateUnknown
			if a.state[i] != b.state[j] && known {
				c.report("item {{.ID}}, serial {{.Serial}}: {{.One}} say {{.State}}, {{.Other}} says {{.OtherState}}", core.Values{"ID": recordNo(a.item[i]), "Serial": string(a.serial(i)), "One": aName, "State": a.state[i].Word(), "Other": bName, "OtherState": b.state[j].Word()})
			} else if a.warranty[i] != b.warranty[j] && known {
				c.report("item {{.ID}}, serial {{.Serial}}: {{.One}} say the warranty ends {{.Ends}}, {{.Other}} says {{.OtherEnds}}", core.Values{"ID": recordNo(a.item[i]), "Serial": string(a.serial(i)),
					"One": aName, "Ends": warrantyText(a.warranty[i]), "Other": bName, "OtherEnds": warrantyText(b.warranty[j])})
			}
			i++
			j++
		}
	}
}

// history: every registered serial has at least one event. Event keys
// start with the serial key and 0x00, so both walk in the same order.
func (c *checker) history(owners [][]byte) error {
	next := 0
	err := c.t.kv.scan([]byte{pEvent}, true, func(k, _ []byte) error {
		end := bytes.IndexByte(k[9:], 0)
		if end < 0 {
			c.report("an event key cannot be read: {{.Key}}", core.Values{"Key": strconv.Quote(string(k))})
			return nil
		}
		owner := append([]byte{pSerial}, k[1:9+end]...)
		for next < len(owners) && bytes.Compare(owners[next], owner) < 0 {
			c.noHistory(owners[next])
			next++
		}
		if next < len(owners) && bytes.Equal(owners[next], owner) {
			next++
		}
		return nil
	})
	for ; next < len(owners); next++ {
		c.noHistory(owners[next])
	}
	if err != nil {
		return err
	}
	return c.notes()
}

// notes: every service note's own key has its line in the history.
func (c *checker) notes() error {
	var keys [][]byte
	if err := c.t.kv.scan([]byte{pNote}, true, func(k, _ []byte) error {
		keys = append(keys, bytes.Clone(k))
		return nil
	}); err != nil {
		return err
	}
	for _, k := range keys {
		if _, err := c.t.kv.get(append([]byte{pEvent}, k[1:]...)); core.ErrorCode(err) == core.NotFound {
			c.report("item {{.ID}}: a service note has no line in the history: {{.Key}}", core.Values{"ID": recordNo(binaryUint64(k[1:])), "Key": strconv.Quote(string(k[9:]))})
		} else if err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) noHistory(serialKey []byte) {
	c.report("item {{.ID}}, serial {{.Serial}}: registered without any history", core.Values{"ID": recordNo(binaryUint64(serialKey[1:])), "Serial": string(serialKey[9:])})
}

// documents: every receipt, order and supplier return has its list head,
// and every head its document.
func (c *checker) documents() error {
	if err := sameHeads[record.Receipt](c, pReceipt, pReceiptHead, core.SeqReceipt, receiptHead, core.Receipt.Ref); err != nil {
		return err
	}
	if err := sameHeads[record.Order](c, pOrder, pOrderHead, core.SeqOrder, orderHead, core.Order.Ref); err != nil {
		return err
	}
	return sameHeads[record.SupplierReturn](c, pSupplierReturn, pSupplierReturnHead, core.SeqSupplierReturn, supplierReturnHead,
		core.SupplierReturn.Ref)
}

func sameHeads[R interface{ Core() D }, D any](c *checker, docs, heads byte, seq core.Sequence, head func(D) any, ref func(D) core.DocRef) error {
	stored := map[uint64][]byte{}
	if err := c.t.kv.scan([]byte{heads}, false, func(k, v []byte) error {
		stored[lastUint64(k)] = v
		return nil
	}); err != nil {
		return err
	}
	err := c.t.kv.scan([]byte{docs}, false, func(k, v []byte) error {
		id := lastUint64(k)
		c.used[seq] = max(c.used[seq], id)
		var kept R
		if err := json.Unmarshal(v, &kept); err != nil {
			c.report("document {{.ID}} (key {{.Key}}) cannot be read: {{.Cause}}", core.Values{"ID": recordNo(id), "Key": fmt.Sprintf("%x", k[0]), "Cause": err.Error()})
			return nil
		}
		doc := kept.Core()
		want, err := json.Marshal(head(doc))
		if err != nil {
			return err
		}
		switch have, ok := stored[id]; {
		case !ok:
			c.report("{{.Doc}} is missing from its list", core.Values{"Doc": ref(doc)})
		case !bytes.Equal(have, want):
			c.report("{{.Doc}}: the list shows {{.Shown}}, the document is {{.Kept}}", core.Values{"Doc": ref(doc), "Shown": string(have), "Kept": string(want)})
		}
		delete(stored, id)
		return nil
	})
	for id := range stored {
		c.report("the list has document {{.ID}} (key {{.Key}}), which does not exist", core.Values{"ID": recordNo(id), "Key": fmt.Sprintf("%x", heads)})
	}
	return err
}

// registry: brands, models and entities point to each other, and every
// entity parameter is in the parameter index and nothing else is.
func (c *checker) registry() error {
	brands, err := c.t.Brands()
	if err != nil {
		return err
	}
	haveBrand := map[core.BrandID]bool{}
	for _, b := range brands {
		haveBrand[b.ID] = true
		c.used[core.SeqBrand] = max(c.used[core.SeqBrand], uint64(b.ID))
	}
	models, err := c.t.Models()
	if err != nil {
		return err
	}
	haveModel := map[core.ModelID]bool{}
	for _, m := range models {
		haveModel[m.ID] = true
		c.used[core.SeqModel] = max(c.used[core.SeqModel], uint64(m.ID))
		if !haveBrand[m.Brand] {
			c.report("model {{.Model}} has brand {{.ID}}, which does not exist", core.Values{"Model": m.Name, "ID": recordNo(m.Brand)})
		}
	}
	for _, it := range c.items {
		if it.Model != 0 && !haveModel[it.Model] {
			c.report("item {{.Item}} sells model {{.ID}}, which does not exist", core.Values{"Item": it.No, "ID": recordNo(it.Model)})
		}
	}
	entities, err := c.t.Entities()
	if err != nil {
		return err
	}
	params := map[string]bool{}
	for _, e := range entities {
		c.used[core.SeqProject] = max(c.used[core.SeqProject], uint64(e.No))
		if !haveModel[e.Model] {
			c.report("{{.Project}} has model {{.ID}}, which does not exist", core.Values{"Project": e.No, "ID": recordNo(e.Model)})
		}
		for _, p := range e.Params {
			params[string(paramKey(e.Model, p, e.No))] = true
		}
	}
	if err := c.t.kv.scan([]byte{pParam}, true, func(k, _ []byte) error {
		if !params[string(k)] {
			c.report("the parameter index has {{.Param}} for {{.Project}}, which has no such parameter", core.Values{"Param": strconv.Quote(strings.ReplaceAll(string(k[9:len(k)-9]), "\x00", " = ")), "Project": core.ProjectNo(lastUint64(k))})
		}
		delete(params, string(k))
		return nil
	}); err != nil {
		return err
	}
	for k := range params {
		c.report("{{.Project}}: parameter {{.Param}} is missing from the parameter index", core.Values{"Project": core.ProjectNo(lastUint64([]byte(k))), "Param": strconv.Quote(strings.ReplaceAll(k[9:len(k)-9], "\x00", " = "))})
	}
	return nil
}

// sequences: no counter is behind a number in use, or the next record
// would overwrite one.
func (c *checker) sequences() error {
	parties, err := c.t.Parties()
	if err != nil {
		return err
	}
	for _, p := range parties {
		c.used[core.SeqParty] = max(c.used[core.SeqParty], uint64(p.ID))
	}
	for _, seq := range []core.Sequence{core.SeqItem, core.SeqReceipt, core.SeqOrder, core.SeqSupplierReturn, core.SeqParty, core.SeqBrand,
		core.SeqModel, core.SeqProject} {
		n, err := c.t.getID(key(pSeq, string(seq)))
		if err != nil && core.ErrorCode(err) != core.NotFound {
			return err
		}
		if n < c.used[seq] {
			c.report("the {{.Counter}} counter is at {{.At}}, but number {{.Used}} is in use", core.Values{"Counter": counterNames[seq], "At": recordNo(n), "Used": recordNo(c.used[seq])})
		}
	}
	return nil
}

// counterNames name the counters in findings.
var counterNames = map[core.Sequence]core.Message{core.SeqItem: core.Say("item card"), core.SeqReceipt: core.Say("goods receipt"),
	core.SeqOrder: core.Say("order"), core.SeqSupplierReturn: core.Say("supplier return"), core.SeqParty: core.Say("customer and supplier"),
	core.SeqBrand: core.Say("brand"), core.SeqModel: core.Say("model"), core.SeqProject: core.Say("project")}

var _ core.RecordChecker = (*Store)(nil)

// warrantyText names a warranty's end in a report.
func warrantyText(day uint32) core.Message {
	if day == 0 {
		return core.Say("never (none)")
	}
	return core.Say("{{.Date}}", core.Values{"Date": warrantyEnd(day)})
}
