package core

import (
	"errors"
	"time"
)

// Register is the serial-number register: every operation a screen or a
// command performs is one method call.
type Register struct {
	store Store
	now   func() time.Time
	user  string // who works on it, recorded with every change
}

// New returns a register that keeps its records in store.
func New(store Store) *Register {
	return &Register{store: store, now: clock}
}

// SetUser names who works on the register from now on, as documents and
// history record it: the signed-in user and the computer, "kari@COUNTER-2".
// Set it before the register is used.
func (r *Register) SetUser(who string) { r.user = who }

// clock is the register's time: UTC to the microsecond, as every engine
// keeps times (a database server keeps microseconds). Screens show times in
// local time.
func clock() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// today is the calendar day at the counter.
func (r *Register) today() time.Time { return Day(r.now().Local()) }

// Limits that keep a typo from becoming a ten-million-row document, and a
// pasted page from becoming a name. A workbook's size limits follow from
// them (data/sheets).
const (
	MaxQuantity = 1_000_000
	// MaxTextLength is the most characters of a name, a party, a
	// reference or a note.
	MaxTextLength = 200
	// MaxItemNoLength is the most characters of an item number.
	MaxItemNoLength = 40
)

func isNotFound(err error) bool { return ErrorCode(err) == NotFound }

// notFoundAs turns a store's not-found into a message naming the thing.
func notFoundAs(err error, key string, values ...Values) error {
	if isNotFound(err) {
		return errorf(NotFound, key, values...)
	}
	return err
}

// read runs fn on a consistent snapshot of the register and returns what
// it found.
func read[T any](r *Register, fn func(Tx) (T, error)) (T, error) {
	return run(r.store.View, fn)
}

// write runs fn as one business operation and returns what it saved.
func write[T any](r *Register, fn func(Tx) (T, error)) (T, error) {
	return run(r.store.Update, func(tx Tx) (T, error) { return fn(signed{tx, r.user}) })
}

// signed records who did each thing an operation adds to the history.
type signed struct {
	Tx
	by string
}

func (s signed) AddEvent(ev Event) error {
	ev.By = s.by
	return s.Tx.AddEvent(ev)
}

func run[T any](do func(func(Tx) error) error, fn func(Tx) (T, error)) (T, error) {
	var out T
	err := asError(do(func(tx Tx) (err error) {
		out, err = fn(tx)
		return err
	}))
	if err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}

// asError keeps the register's errors and wraps anything else as Internal,
// so that no storage message is shown to a user (Speaker.Error).
func asError(err error) error {
	var e *Error
	if err == nil || errors.As(err, &e) {
		return err
	}
	return &Error{Code: Internal, Err: err}
}

// numberFor hands out the number of a new record (id 0), or checks with
// load that the record being changed exists.
func numberFor(tx Tx, seq Sequence, id uint64, load func() error) (uint64, error) {
	if id != 0 {
		return id, load()
	}
	return tx.NextID(seq)
}

// change marks a document as changed now by the register's user.
func (r *Register) change(c *LastChange, now time.Time) {
	c.Revision++
	c.Changed, c.By = now, r.user
}

// sameRevision refuses to save over a document or card (what) that changed
// since the user opened it (in, as the screen had it) on another counter or
// window.
func sameRevision(what Message, stored, in LastChange) error {
	if stored.Revision == in.Revision {
		return nil
	}
	values := Values{"What": what, "By": stored.By, "When": Moment(stored.Changed.Local())}
	if stored.By == "" {
		return errorf(Conflict, "{{.What}} was changed at {{.When}} while you had it open, so your changes were not saved. "+
			"They are still on screen: note them, open it again and enter them there.", values)
	}
	return errorf(Conflict, "{{.What}} was changed by {{.By}} at {{.When}} while you had it open, so your changes were not saved. "+
		"They are still on screen: note them, open it again and enter them there.", values)
}
