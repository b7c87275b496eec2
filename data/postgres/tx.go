package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"serialdesk/core"
	"serialdesk/data/record"
)

// errReadOnly is what a write in a View returns.
var errReadOnly = errors.New("a view of the register cannot write")

// tx implements core.Tx in one database transaction. The bulk of an
// operation (serials, their events, stock counts) is held back and sent in
// one round trip when something reads those tables or the operation ends,
// so a delivery of 10,000 serials costs a handful of round trips.
type tx struct {
	ctx   context.Context
	db    pgx.Tx
	write bool
	held  held
	sent  int // serials and history lines written, for reanalyze
	// What the operation changed, for the other counters (watch.go).
	wrote bool
	docs  []record.DocRef
	by    string
	// everything: the operation changed more than documents can name.
	everything bool
}

type serialKey struct {
	item   core.ItemID
	serial string
}

// held is what the operation wrote and has not sent yet. A serial's last
// write wins: nil deletes it.
type held struct {
	serials map[serialKey]*core.Serial
	events  []core.Event
	stock   map[core.ItemID]core.Stock
}

func (h *held) empty() bool { return len(h.serials) == 0 && len(h.events) == 0 && len(h.stock) == 0 }

// holdAtMost is how many serials and events an operation holds back before
// it sends them: a delivery of 50,000 serials still goes in one round trip,
// and copying a whole register does not fill the memory.
const holdAtMost = 100_000

// sendWhenFull sends what is held once it reaches holdAtMost.
func (t *tx) sendWhenFull() error {
	if len(t.held.serials)+len(t.held.events) < holdAtMost {
		return nil
	}
	return t.send()
}

// moves is the stored form of a serial's receipt, sale and return.
type moves struct {
	Received   *record.Movement `json:"received,omitempty"`
	Sold       *record.Movement `json:"sold,omitempty"`
	Returned   *record.Movement `json:"returned,omitempty"`
	ToSupplier *record.Movement `json:"to_supplier,omitempty"`
}

func (t *tx) canWrite() error {
	if !t.write {
		return errReadOnly
	}
	t.wrote = true
	return nil
}

// send writes what is held, in one batch.
func (t *tx) send() error { return t.sendWith(&pgx.Batch{}) }

// sendWith writes what is held after the statements in b, in one round trip.
func (t *tx) sendWith(b *pgx.Batch) error {
	if t.held.empty() && b.Len() == 0 {
		return nil
	}
	var put, gone serialColumns
	for k, rec := range t.held.serials {
		if rec == nil {
			gone.add(k, core.Serial{})
			continue
		}
		if err := put.addRecord(*rec); err != nil {
			return err
		}
	}
	if len(put.item) > 0 {
		b.Queue(`INSERT INTO serials (item, serial, state, project, moves, warranty)
			SELECT * FROM unnest($1::bigint[], $2::text[], $3::smallint[], $4::bigint[], $5::jsonb[], $6::date[])
			ON CONFLICT (item, serial) DO UPDATE SET state = excluded.state, project = excluded.project, moves = excluded.moves,
				warranty = excluded.warranty`,
			put.item, put.serial, put.state, put.project, put.moves, put.warranty)
	}
	if len(gone.item) > 0 {
		b.Queue(`DELETE FROM serials WHERE (item, serial) IN (SELECT * FROM unnest($1::bigint[], $2::text[]))`, gone.item, gone.serial)
	}
	if n := len(t.held.events); n > 0 {
		var c struct {
			item, docID, project             []int64
			serial, party, by, note, noteKey []string
			at                               []time.Time
			noteDate                         []*time.Time
			kind, docKind                    []int16
		}
		for _, ev := range t.held.events {
			c.item = append(c.item, int64(ev.Item))
			c.serial = append(c.serial, ev.Serial)
			c.at = append(c.at, ev.Time)
			c.kind = append(c.kind, int16(ev.Kind))
			c.docKind = append(c.docKind, int16(ev.Doc.Kind))
			c.docID = append(c.docID, int64(ev.Doc.ID))
			c.party = append(c.party, ev.Party)
			c.project = append(c.project, int64(ev.Project))
			c.by = append(c.by, ev.By)
			c.note, c.noteKey, c.noteDate = append(c.note, ev.Note), append(c.noteKey, core.NoteKey(ev.Note)), append(c.noteDate, at(ev.Date))
		}
		// In the order they were added: the id keeps events of one clock
		// reading in that order.
		b.Queue(`INSERT INTO events (item, serial, at, kind, doc_kind, doc_id, party, project, by_whom, note, note_key, note_date)
			SELECT item, serial, at, kind, doc_kind, doc_id, party, project, by_whom, note, note_key, note_date
			FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::smallint[], $5::smallint[], $6::bigint[], $7::text[], $8::bigint[], $9::text[],
				$10::text[], $11::text[], $12::date[])
				WITH ORDINALITY AS e(item, serial, at, kind, doc_kind, doc_id, party, project, by_whom, note, note_key, note_date, n)
			ORDER BY n`,
			c.item, c.serial, c.at, c.kind, c.docKind, c.docID, c.party, c.project, c.by, c.note, c.noteKey, c.noteDate)
	}
	for id, st := range t.held.stock {
		b.Queue(`INSERT INTO stock (item, purchased, sold, returned, to_supplier) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (item) DO UPDATE SET purchased = excluded.purchased, sold = excluded.sold, returned = excluded.returned,
				to_supplier = excluded.to_supplier`,
			int64(id), st.Purchased, st.Sold, st.Returned, st.ToSupplier)
	}
	t.sent += len(t.held.serials) + len(t.held.events)
	t.held = held{}
	return t.db.SendBatch(t.ctx, b).Close()
}

// serialColumns are serial records as the columns of one statement.
type serialColumns struct {
	item, project []int64
	serial, moves []string
	state         []int16
	warranty      []*time.Time
}

func (c *serialColumns) add(k serialKey, rec core.Serial) {
	c.item = append(c.item, int64(k.item))
	c.serial = append(c.serial, k.serial)
	c.state = append(c.state, int16(rec.State))
	c.project = append(c.project, int64(rec.Project))
}

func (c *serialColumns) addRecord(rec core.Serial) error {
	m, err := json.Marshal(moves{Received: record.FromMovement(rec.Received), Sold: record.FromMovement(rec.Sold),
		Returned: record.FromMovement(rec.Returned), ToSupplier: record.FromMovement(rec.ToSupplier)})
	if err != nil {
		return err
	}
	c.add(serialKey{rec.Item, rec.Serial}, rec)
	c.moves = append(c.moves, string(m))
	c.warranty = append(c.warranty, at(rec.Warranty))
	return nil
}

func (t *tx) NextID(seq core.Sequence) (uint64, error) {
	if err := t.canWrite(); err != nil {
		return 0, err
	}
	// The row stays locked until the operation ends, so numbers handed out
	// by counters at once are unique and, with the operation, gapless.
	var n int64
	err := t.db.QueryRow(t.ctx, `INSERT INTO sequences (name, value) VALUES ($1, 1)
		ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value`, string(seq)).Scan(&n)
	return uint64(n), err
}

func (t *tx) Sequences() (map[core.Sequence]uint64, error) {
	out := map[core.Sequence]uint64{}
	rows, err := t.db.Query(t.ctx, `SELECT name, value FROM sequences`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var n int64
		if err := rows.Scan(&name, &n); err != nil {
			return nil, err
		}
		out[core.Sequence(name)] = uint64(n)
	}
	return out, rows.Err()
}

func (t *tx) SetSequence(seq core.Sequence, n uint64) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	_, err := t.db.Exec(t.ctx, `INSERT INTO sequences (name, value) VALUES ($1, $2)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, string(seq), int64(n))
	return err
}

// one reads a single row; no row is core's not-found.
func one(row pgx.Row, dest ...any) error {
	err := row.Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return core.ErrNotFound
	}
	return err
}

// Items

const itemColumns = `id, no, name, price, use_serial, pattern, require_at_sale, require_at_purchase,
	coalesce(model, 0), create_entity, create_on_save, create_on_stock_update, serial_param, revision, changed, changed_by,
	vin, gtin, warranty_months, warranty_from`

func scanItem(row pgx.Row) (core.Item, error) {
	var r record.Item
	var changed *time.Time
	err := one(row, &r.ID, &r.No, &r.Name, &r.Price, &r.UseSerial, &r.Pattern, &r.RequireAtSale, &r.RequireAtPurchase,
		&r.Model, &r.CreateEntity, &r.CreateOnSave, &r.CreateOnStockUpdate, &r.SerialParam, &r.Revision, &changed, &r.By,
		&r.VIN, &r.GTIN, &r.WarrantyMonths, &r.WarrantyFrom)
	r.Changed = utc(changed)
	return r.Core(), err
}

func (t *tx) Item(id core.ItemID) (core.Item, error) {
	return scanItem(t.db.QueryRow(t.ctx, `SELECT `+itemColumns+` FROM items WHERE id = $1`, int64(id)))
}

func (t *tx) ItemByNo(no string) (core.Item, error) {
	return scanItem(t.db.QueryRow(t.ctx, `SELECT `+itemColumns+` FROM items WHERE no_key = $1`, core.ItemNoKey(no)))
}

func (t *tx) ItemOfModel(m core.ModelID) (core.ItemID, error) {
	var id int64
	err := one(t.db.QueryRow(t.ctx, `SELECT id FROM items WHERE model = $1`, int64(m)), &id)
	return core.ItemID(id), err
}

func (t *tx) Items() ([]core.Item, error) {
	return all(t, `SELECT `+itemColumns+` FROM items ORDER BY id`, nil, scanItem)
}

// all reads every row of a query.
func all[T any](t *tx, query string, args []any, scan func(pgx.Row) (T, error)) ([]T, error) {
	rows, err := t.db.Query(t.ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func (t *tx) PutItem(it core.Item) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	r := record.FromItem(it)
	var model *int64
	if r.Model != 0 {
		m := int64(r.Model)
		model = &m
	}
	_, err := t.db.Exec(t.ctx, `INSERT INTO items (id, no, no_key, name, price, use_serial, pattern, require_at_sale,
			require_at_purchase, model, create_entity, create_on_save, create_on_stock_update, serial_param, revision, changed, changed_by,
			vin, gtin, warranty_months, warranty_from)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
		ON CONFLICT (id) DO UPDATE SET no = excluded.no, no_key = excluded.no_key, name = excluded.name,
			price = excluded.price, use_serial = excluded.use_serial, pattern = excluded.pattern,
			require_at_sale = excluded.require_at_sale, require_at_purchase = excluded.require_at_purchase,
			model = excluded.model, create_entity = excluded.create_entity, create_on_save = excluded.create_on_save,
			create_on_stock_update = excluded.create_on_stock_update, serial_param = excluded.serial_param,
			revision = excluded.revision, changed = excluded.changed, changed_by = excluded.changed_by,
			vin = excluded.vin, gtin = excluded.gtin, warranty_months = excluded.warranty_months, warranty_from = excluded.warranty_from`,
		int64(r.ID), r.No, core.ItemNoKey(r.No), r.Name, r.Price, r.UseSerial, r.Pattern, r.RequireAtSale,
		r.RequireAtPurchase, model, r.CreateEntity, r.CreateOnSave, r.CreateOnStockUpdate, r.SerialParam,
		r.Revision, at(r.Changed), r.By, r.VIN, r.GTIN, r.WarrantyMonths, int16(r.WarrantyFrom))
	return err
}

func (t *tx) Clear() error {
	if err := t.canWrite(); err != nil {
		return err
	}
	t.held, t.everything = held{}, true
	batch := &pgx.Batch{}
	for _, table := range []string{"entity_params", "entities", "models", "brands", "supplier_returns", "orders", "receipts", "events", "serials",
		"stock", "items", "parties", "shop", "sequences"} {
		batch.Queue(`DELETE FROM ` + table)
	}
	return t.db.SendBatch(t.ctx, batch).Close()
}

func (t *tx) DeleteItem(id core.ItemID) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	delete(t.held.stock, id)
	batch := &pgx.Batch{}
	batch.Queue(`DELETE FROM stock WHERE item = $1`, int64(id))
	batch.Queue(`DELETE FROM items WHERE id = $1`, int64(id))
	return t.db.SendBatch(t.ctx, batch).Close()
}

// ItemListed asks the server to look through the lines of every receipt
// and order; the record's JSON names are frozen (package record).
func (t *tx) ItemListed(id core.ItemID) (bool, error) {
	line, err := json.Marshal([]map[string]uint64{{"Item": uint64(id)}})
	if err != nil {
		return false, err
	}
	var listed bool
	err = t.db.QueryRow(t.ctx, `SELECT EXISTS (SELECT 1 FROM receipts WHERE body->'Lines' @> $1::jsonb)
		OR EXISTS (SELECT 1 FROM orders WHERE body->'Lines' @> $1::jsonb)
		OR EXISTS (SELECT 1 FROM supplier_returns WHERE body->'Lines' @> $1::jsonb)`, string(line)).Scan(&listed)
	return listed, err
}

func (t *tx) Stock(id core.ItemID) (core.Stock, error) {
	if st, ok := t.held.stock[id]; ok {
		return st, nil
	}
	var r record.Stock
	err := one(t.db.QueryRow(t.ctx, `SELECT purchased, sold, returned, to_supplier FROM stock WHERE item = $1`, int64(id)),
		&r.Purchased, &r.Sold, &r.Returned, &r.ToSupplier)
	if errors.Is(err, core.ErrNotFound) {
		err = nil
	}
	return r.Core(), err
}

func (t *tx) PutStock(id core.ItemID, st core.Stock) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	if t.held.stock == nil {
		t.held.stock = map[core.ItemID]core.Stock{}
	}
	t.held.stock[id] = st
	return nil
}

// Serials

const serialSelect = `SELECT item, serial, state, project, moves, warranty FROM serials`

func scanSerial(row pgx.Row) (core.Serial, error) {
	var (
		r        record.Serial
		m        []byte
		warranty *time.Time
	)
	if err := one(row, &r.Item, &r.Serial, &r.State, &r.Project, &m, &warranty); err != nil {
		return core.Serial{}, err
	}
	r.Warranty = utc(warranty)
	var mv moves
	if err := json.Unmarshal(m, &mv); err != nil {
		return core.Serial{}, err
	}
	r.Received, r.Sold, r.Returned, r.ToSupplier = mv.Received, mv.Sold, mv.Returned, mv.ToSupplier
	return r.Core(), nil
}

func (t *tx) Serial(id core.ItemID, serial string) (core.Serial, error) {
	if rec, ok := t.held.serials[serialKey{id, serial}]; ok {
		if rec == nil {
			return core.Serial{}, core.ErrNotFound
		}
		return *rec, nil
	}
	return scanSerial(t.db.QueryRow(t.ctx, serialSelect+` WHERE item = $1 AND serial = $2`, int64(id), serial))
}

func (t *tx) SerialOfEveryItem(serial string) ([]core.Serial, error) {
	if err := t.send(); err != nil {
		return nil, err
	}
	return all(t, serialSelect+` WHERE serial = $1 ORDER BY item`, []any{serial}, scanSerial)
}

func (t *tx) Serials(id core.ItemID, serials []string) (map[string]core.Serial, error) {
	out := map[string]core.Serial{}
	if len(serials) == 0 {
		return out, nil
	}
	if err := t.send(); err != nil {
		return nil, err
	}
	// Driven by the list: each serial looked up in the key's index. As
	// "serial = ANY(list)" the server sometimes compared every row of the
	// table with every serial of the list, a minute for a delivery.
	recs, err := all(t, `SELECT s.item, s.serial, s.state, s.project, s.moves, s.warranty FROM unnest($2::text[]) AS k(serial)
		JOIN serials s ON s.item = $1 AND s.serial = k.serial`, []any{int64(id), serials}, scanSerial)
	for _, rec := range recs {
		out[rec.Serial] = rec
	}
	return out, err
}

func (t *tx) hold(k serialKey, rec *core.Serial) {
	if t.held.serials == nil {
		t.held.serials = map[serialKey]*core.Serial{}
	}
	t.held.serials[k] = rec
}

func (t *tx) PutSerial(rec core.Serial) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	t.hold(serialKey{rec.Item, rec.Serial}, &rec)
	return t.sendWhenFull()
}

func (t *tx) DeleteSerial(id core.ItemID, serial string) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	if _, err := t.Serial(id, serial); err != nil {
		return err
	}
	t.hold(serialKey{id, serial}, nil)
	return nil
}

// SearchSerials asks for the page and the total in one round trip. A part
// of the serial is found through the trigram index (serials_by_part).
func (t *tx) SearchSerials(q core.SerialQuery) ([]core.Serial, int, error) {
	if err := t.send(); err != nil {
		return nil, 0, err
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if q.Text != "" {
		where = append(where, "serial LIKE "+arg("%"+likeEscaper.Replace(q.Text)+"%"))
	}
	if q.Item != 0 {
		where = append(where, "item = "+arg(int64(q.Item)))
	}
	if states := q.States(); states != nil {
		codes := make([]int16, len(states))
		for i, st := range states {
			codes[i] = int16(st)
		}
		where = append(where, "state = ANY("+arg(codes)+")")
	}
	switch q.Warranty {
	case core.UnderWarranty:
		where = append(where, "warranty >= "+arg(core.Day(q.Today)))
	case core.WarrantyExpired:
		where = append(where, "warranty < "+arg(core.Day(q.Today)))
	}
	filter := ""
	if len(where) > 0 {
		filter = " WHERE " + strings.Join(where, " AND ")
	}
	countArgs := slices.Clone(args)
	page := serialSelect + filter + ` ORDER BY serial, item`
	if q.Offset > 0 {
		page += " OFFSET " + arg(q.Offset)
	}
	if q.Limit > 0 {
		page += " LIMIT " + arg(q.Limit)
	}
	b := &pgx.Batch{}
	var recs []core.Serial
	var total int64
	b.Queue(page, args...).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			rec, err := scanSerial(rows)
			if err != nil {
				return err
			}
			recs = append(recs, rec)
		}
		return rows.Err()
	})
	b.Queue(`SELECT count(*) FROM serials`+filter, countArgs...).QueryRow(func(row pgx.Row) error { return row.Scan(&total) })
	if err := t.db.SendBatch(t.ctx, b).Close(); err != nil {
		return nil, 0, err
	}
	return recs, int(total), nil
}

// likeEscaper makes typed text match as typed in LIKE.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// EachSerial reads the serials a chunk at a time, so that fn may read the
// register too (one connection answers one query at a time).
func (t *tx) EachSerial(fn func(core.Serial) error) error {
	if err := t.send(); err != nil {
		return err
	}
	const chunk = 10_000
	after := serialKey{}
	for {
		recs, err := all(t, serialSelect+` WHERE (item, serial) > ($1, $2) ORDER BY item, serial LIMIT `+strconv.Itoa(chunk),
			[]any{int64(after.item), after.serial}, scanSerial)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			if err := fn(rec); err != nil {
				return err
			}
		}
		if len(recs) < chunk {
			return nil
		}
		last := recs[len(recs)-1]
		after = serialKey{last.Item, last.Serial}
	}
}

func (t *tx) AddEvent(ev core.Event) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	t.held.events = append(t.held.events, ev)
	t.by = ev.By
	return t.sendWhenFull()
}

func (t *tx) History(id core.ItemID, serial string) ([]core.Event, error) {
	if err := t.send(); err != nil {
		return nil, err
	}
	return all(t, `SELECT `+eventColumns+` FROM events
		WHERE item = $1 AND serial = $2 ORDER BY at, id`, []any{int64(id), serial}, func(row pgx.Row) (core.Event, error) {
		return scanEvent(row)
	})
}

// EachEvent reads the events a chunk at a time, as EachSerial does.
func (t *tx) EachEvent(fn func(core.Event) error) error {
	if err := t.send(); err != nil {
		return err
	}
	const chunk = 10_000
	type row struct {
		id int64
		ev core.Event
	}
	var after struct {
		item   int64
		serial string
		at     time.Time
		id     int64
	}
	for {
		rows, err := all(t, `SELECT id, `+eventColumns+` FROM events
			WHERE (item, serial, at, id) > ($1, $2, $3, $4) ORDER BY item, serial, at, id LIMIT `+strconv.Itoa(chunk),
			[]any{after.item, after.serial, after.at, after.id}, func(r pgx.Row) (row, error) {
				var out row
				ev, err := scanEvent(r, &out.id)
				out.ev = ev
				return out, err
			})
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := fn(r.ev); err != nil {
				return err
			}
		}
		if len(rows) < chunk {
			return nil
		}
		last := rows[len(rows)-1]
		after.item, after.serial, after.at, after.id = int64(last.ev.Item), last.ev.Serial, last.ev.Time, last.id
	}
}

const eventColumns = `at, kind, item, serial, doc_kind, doc_id, party, project, by_whom, note, note_date`

// scanEvent reads an event's columns, after the extra ones given.
func scanEvent(row pgx.Row, extra ...any) (core.Event, error) {
	var r record.Event
	var noteDate *time.Time
	err := row.Scan(append(extra, &r.Time, &r.Kind, &r.Item, &r.Serial, &r.Doc.Kind, &r.Doc.ID, &r.Party, &r.Project, &r.By, &r.Note, &noteDate)...)
	r.Time, r.Date = r.Time.UTC(), utc(noteDate)
	return r.Core(), err
}

// Notes looks through the notes alone (events_notes), in any case by
// their key.
func (t *tx) Notes(text string) ([]core.Event, error) {
	if err := t.send(); err != nil {
		return nil, err
	}
	return all(t, `SELECT `+eventColumns+` FROM events WHERE note <> '' AND note_key LIKE $1 ORDER BY item, serial, at, id`,
		[]any{"%" + likeEscaper.Replace(core.NoteKey(text)) + "%"}, func(row pgx.Row) (core.Event, error) { return scanEvent(row) })
}

// Documents

// body reads a document kept whole in a JSON column.
func body[R interface{ Core() C }, C any](row pgx.Row) (C, error) {
	var b []byte
	if err := one(row, &b); err != nil {
		var zero C
		return zero, err
	}
	var r R
	err := json.Unmarshal(b, &r)
	return r.Core(), err
}

// at is a time column: NULL for the zero time.
func at(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

func (t *tx) Receipt(id core.DocID) (core.Receipt, error) {
	return body[record.Receipt](t.db.QueryRow(t.ctx, `SELECT body FROM receipts WHERE id = $1`, int64(id)))
}

func (t *tx) ReceiptHeads() ([]core.ReceiptHead, error) {
	return all(t, `SELECT id, status, date, supplier, supplier_id, reference, units FROM receipts ORDER BY id`, nil,
		func(row pgx.Row) (core.ReceiptHead, error) {
			var r record.ReceiptHead
			err := row.Scan(&r.ID, &r.Status, &r.Date, &r.Supplier, &r.SupplierID, &r.Reference, &r.Units)
			return r.Core(), err
		})
}

func (t *tx) PutReceipt(rc core.Receipt) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	b, err := json.Marshal(record.FromReceipt(rc))
	if err != nil {
		return err
	}
	h := record.FromReceiptHead(rc.Head())
	t.docs, t.by = append(t.docs, record.FromDocRef(rc.Ref())), rc.By
	_, err = t.db.Exec(t.ctx, `INSERT INTO receipts (id, status, date, supplier, supplier_id, reference, units, confirmed_at, cancelled_at, body)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (id) DO UPDATE SET status = excluded.status, date = excluded.date, supplier = excluded.supplier,
			supplier_id = excluded.supplier_id, reference = excluded.reference, units = excluded.units, confirmed_at = excluded.confirmed_at,
			cancelled_at = excluded.cancelled_at, body = excluded.body`,
		int64(h.ID), int16(h.Status), h.Date, h.Supplier, int64(h.SupplierID), h.Reference, h.Units, at(rc.ConfirmedAt), at(rc.CancelledAt), b)
	return err
}

func (t *tx) DeleteReceipt(id core.DocID) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	t.docs = append(t.docs, record.FromDocRef(core.DocRef{Kind: core.ReceiptDoc, ID: id}))
	_, err := t.db.Exec(t.ctx, `DELETE FROM receipts WHERE id = $1`, int64(id))
	return err
}

func (t *tx) Order(id core.DocID) (core.Order, error) {
	return body[record.Order](t.db.QueryRow(t.ctx, `SELECT body FROM orders WHERE id = $1`, int64(id)))
}

func (t *tx) OrderHeads() ([]core.OrderHead, error) {
	return all(t, `SELECT id, date, customer, customer_id, reference, units, returns, cancelled_at FROM orders ORDER BY id`, nil,
		func(row pgx.Row) (core.OrderHead, error) {
			var r record.OrderHead
			var cancelled *time.Time
			err := row.Scan(&r.ID, &r.Date, &r.Customer, &r.CustomerID, &r.Reference, &r.Units, &r.Returns, &cancelled)
			r.CancelledAt = utc(cancelled)
			return r.Core(), err
		})
}

func (t *tx) PutOrder(o core.Order) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	b, err := json.Marshal(record.FromOrder(o))
	if err != nil {
		return err
	}
	h := record.FromOrderHead(o.Head())
	t.docs, t.by = append(t.docs, record.FromDocRef(o.Ref())), o.By
	_, err = t.db.Exec(t.ctx, `INSERT INTO orders (id, date, customer, customer_id, reference, units, returns, saved_at, cancelled_at, body)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (id) DO UPDATE SET date = excluded.date, customer = excluded.customer, customer_id = excluded.customer_id,
			reference = excluded.reference, units = excluded.units, returns = excluded.returns, saved_at = excluded.saved_at,
			cancelled_at = excluded.cancelled_at, body = excluded.body`,
		int64(h.ID), h.Date, h.Customer, int64(h.CustomerID), h.Reference, h.Units, h.Returns, at(o.SavedAt), at(h.CancelledAt), b)
	return err
}

func (t *tx) SupplierReturn(id core.DocID) (core.SupplierReturn, error) {
	return body[record.SupplierReturn](t.db.QueryRow(t.ctx, `SELECT body FROM supplier_returns WHERE id = $1`, int64(id)))
}

func (t *tx) SupplierReturnHeads() ([]core.SupplierReturnHead, error) {
	return all(t, `SELECT id, date, supplier, supplier_id, reference, units, cancelled_at FROM supplier_returns ORDER BY id`, nil,
		func(row pgx.Row) (core.SupplierReturnHead, error) {
			var r record.SupplierReturnHead
			var cancelled *time.Time
			err := row.Scan(&r.ID, &r.Date, &r.Supplier, &r.SupplierID, &r.Reference, &r.Units, &cancelled)
			r.CancelledAt = utc(cancelled)
			return r.Core(), err
		})
}

func (t *tx) PutSupplierReturn(sr core.SupplierReturn) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	b, err := json.Marshal(record.FromSupplierReturn(sr))
	if err != nil {
		return err
	}
	h := sr.Head()
	t.docs, t.by = append(t.docs, record.FromDocRef(sr.Ref())), sr.By
	_, err = t.db.Exec(t.ctx, `INSERT INTO supplier_returns (id, date, supplier, supplier_id, reference, units, cancelled_at, body)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (id) DO UPDATE SET date = excluded.date, supplier = excluded.supplier, supplier_id = excluded.supplier_id,
			reference = excluded.reference, units = excluded.units, cancelled_at = excluded.cancelled_at, body = excluded.body`,
		int64(h.ID), h.Date, h.Supplier, int64(h.SupplierID), h.Reference, h.Units, at(h.CancelledAt), b)
	return err
}

// Customers and suppliers

func (t *tx) Party(id core.PartyID) (core.Party, error) {
	return body[record.Party](t.db.QueryRow(t.ctx, `SELECT body FROM parties WHERE id = $1`, int64(id)))
}

func (t *tx) Parties() ([]core.Party, error) {
	return all(t, `SELECT body FROM parties ORDER BY id`, nil, body[record.Party])
}

func (t *tx) PutParty(p core.Party) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	b, err := json.Marshal(record.FromParty(p))
	if err != nil {
		return err
	}
	_, err = t.db.Exec(t.ctx, `INSERT INTO parties (id, kind, body) VALUES ($1, $2, $3)
		ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, body = excluded.body`, int64(p.ID), int16(p.Kind), b)
	return err
}

func (t *tx) DeleteParty(id core.PartyID) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	_, err := t.db.Exec(t.ctx, `DELETE FROM parties WHERE id = $1`, int64(id))
	return err
}

// The shop's details

func (t *tx) Shop() (core.Shop, error) {
	return body[record.Shop](t.db.QueryRow(t.ctx, `SELECT body FROM shop WHERE id = 1`))
}

func (t *tx) PutShop(s core.Shop) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	b, err := json.Marshal(record.FromShop(s))
	if err != nil {
		return err
	}
	_, err = t.db.Exec(t.ctx, `INSERT INTO shop (id, body) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET body = excluded.body`, b)
	return err
}

// The brand/model registry

func scanBrand(row pgx.Row) (core.Brand, error) {
	var r record.Brand
	err := one(row, &r.ID, &r.Name)
	return r.Core(), err
}

func (t *tx) Brand(id core.BrandID) (core.Brand, error) {
	return scanBrand(t.db.QueryRow(t.ctx, `SELECT id, name FROM brands WHERE id = $1`, int64(id)))
}

func (t *tx) Brands() ([]core.Brand, error) {
	return all(t, `SELECT id, name FROM brands ORDER BY id`, nil, scanBrand)
}

func (t *tx) PutBrand(b core.Brand) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	_, err := t.db.Exec(t.ctx, `INSERT INTO brands (id, name) VALUES ($1, $2)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name`, int64(b.ID), b.Name)
	return err
}

func (t *tx) DeleteBrand(id core.BrandID) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	_, err := t.db.Exec(t.ctx, `DELETE FROM brands WHERE id = $1`, int64(id))
	return err
}

func scanModel(row pgx.Row) (core.Model, error) {
	var r record.Model
	err := one(row, &r.ID, &r.Brand, &r.Name)
	return r.Core(), err
}

func (t *tx) Model(id core.ModelID) (core.Model, error) {
	return scanModel(t.db.QueryRow(t.ctx, `SELECT id, brand, name FROM models WHERE id = $1`, int64(id)))
}

func (t *tx) Models() ([]core.Model, error) {
	return all(t, `SELECT id, brand, name FROM models ORDER BY id`, nil, scanModel)
}

func (t *tx) PutModel(m core.Model) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	_, err := t.db.Exec(t.ctx, `INSERT INTO models (id, brand, name) VALUES ($1, $2, $3)
		ON CONFLICT (id) DO UPDATE SET brand = excluded.brand, name = excluded.name`, int64(m.ID), int64(m.Brand), m.Name)
	return err
}

func (t *tx) DeleteModel(id core.ModelID) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	_, err := t.db.Exec(t.ctx, `DELETE FROM models WHERE id = $1`, int64(id))
	return err
}

// Entities

func (t *tx) Entity(no core.ProjectNo) (core.Entity, error) {
	return body[record.Entity](t.db.QueryRow(t.ctx, `SELECT body FROM entities WHERE no = $1`, int64(no)))
}

func (t *tx) Entities() ([]core.Entity, error) {
	return all(t, `SELECT body FROM entities ORDER BY no`, nil, body[record.Entity])
}

func (t *tx) EntitiesWith(m core.ModelID, param, value string) ([]core.ProjectNo, error) {
	name, val := core.ParamKey(param, value)
	return all(t, `SELECT project FROM entity_params WHERE model = $1 AND name_key = $2 AND value_key = $3 ORDER BY project`,
		[]any{int64(m), name, val}, func(row pgx.Row) (core.ProjectNo, error) {
			var no int64
			err := row.Scan(&no)
			return core.ProjectNo(no), err
		})
}

// PutEntity writes the entity and its parameters' index in one round trip.
func (t *tx) PutEntity(e core.Entity) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	b, err := json.Marshal(record.FromEntity(e))
	if err != nil {
		return err
	}
	var names, values []string
	for _, p := range e.Params {
		name, val := core.ParamKey(p.Name, p.Value)
		names, values = append(names, name), append(values, val)
	}
	batch := &pgx.Batch{}
	batch.Queue(`INSERT INTO entities (no, model, body) VALUES ($1, $2, $3)
		ON CONFLICT (no) DO UPDATE SET model = excluded.model, body = excluded.body`, int64(e.No), int64(e.Model), b)
	batch.Queue(`DELETE FROM entity_params WHERE project = $1`, int64(e.No))
	batch.Queue(`INSERT INTO entity_params (project, model, name_key, value_key)
		SELECT $1, $2, name, value FROM unnest($3::text[], $4::text[]) AS p(name, value)`, int64(e.No), int64(e.Model), names, values)
	return t.db.SendBatch(t.ctx, batch).Close()
}

func (t *tx) DeleteEntity(no core.ProjectNo) error {
	if err := t.canWrite(); err != nil {
		return err
	}
	batch := &pgx.Batch{}
	batch.Queue(`DELETE FROM entity_params WHERE project = $1`, int64(no))
	batch.Queue(`DELETE FROM entities WHERE no = $1`, int64(no))
	return t.db.SendBatch(t.ctx, batch).Close()
}

var _ core.Tx = (*tx)(nil)
