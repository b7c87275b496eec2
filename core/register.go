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
}

// New returns a register that keeps its records in store.
func New(store Store) *Register {
	return &Register{store: store, now: time.Now}
}

// Limits that keep a typo from becoming a ten-million-row document.
const (
	MaxQuantity  = 1_000_000
	maxTextField = 200
)

func isNotFound(err error) bool { return ErrorCode(err) == NotFound }

// notFoundAs turns a store's not-found into a message naming the thing.
func notFoundAs(err error, format string, args ...any) error {
	if isNotFound(err) {
		return errorf(NotFound, format, args...)
	}
	return err
}

// view runs a read.
func (r *Register) view(fn func(Tx) error) error { return asError(r.store.View(fn)) }

// update runs one business operation.
func (r *Register) update(fn func(Tx) error) error { return asError(r.store.Update(fn)) }

// asError keeps the register's errors and wraps anything else as Internal,
// so that UserMessage never shows a storage message to a user.
func asError(err error) error {
	var e *Error
	if err == nil || errors.As(err, &e) {
		return err
	}
	return &Error{Code: Internal, Err: err}
}
