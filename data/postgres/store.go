// Package postgres keeps the register (package core) in a PostgreSQL
// database that several counters share: each counter's Serialdesk connects
// to it, and every business operation is one SERIALIZABLE transaction. It
// has no rule of its own; the rules stay in core.
//
// postgres imports core and pgx; it knows nothing of Badger, Fyne or excelize.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/sirupsen/logrus"

	"serialdesk/core"
)

// Store is a register in a PostgreSQL database.
type Store struct {
	pool  *pgxpool.Pool
	log   logrus.FieldLogger
	where string   // "the shop server db.local:5432, database serialdesk", for messages
	notes []string // what opening did that the user should know
}

// retries is how often an operation that lost a race with another counter
// runs again before the user is told.
const retries = 20

// Open connects to the register at url (postgres://user@host/db?...), and
// creates or upgrades its tables. The password comes from the address, from
// PGPASSWORD or from the .pgpass file, as for every PostgreSQL program.
func Open(url string, log logrus.FieldLogger) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, &core.Error{Code: core.Invalid, Err: err,
			Message: "the address of the shop server is not understood; write it like postgres://user@server/database"}
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	s := &Store{log: log, where: describe(cfg.ConnConfig.Config)}
	if s.pool, err = pgxpool.NewWithConfig(context.Background(), cfg); err != nil {
		return nil, s.failure(err)
	}
	if err := s.migrate(context.Background()); err != nil {
		s.pool.Close()
		return nil, err
	}
	return s, nil
}

// Describe names the register at url in messages, without its password:
// "the shop server db.local:5432, database serialdesk".
func Describe(url string) string {
	cfg, err := pgconn.ParseConfig(url)
	if err != nil {
		return "the shop server"
	}
	return describe(*cfg)
}

func describe(cfg pgconn.Config) string {
	return fmt.Sprintf("the shop server %s:%d, database %s", cfg.Host, cfg.Port, cfg.Database)
}

// Notices is what opening did that the user should know: an upgrade of the
// register's tables.
func (s *Store) Notices() []string { return s.notes }

// Close ends the connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// View runs fn on one consistent snapshot of the register.
func (s *Store) View(fn func(core.Tx) error) error {
	return s.run(pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, false, fn)
}

// Update runs fn as one SERIALIZABLE transaction. When it loses a race with
// another counter (both sold the same serial), the database refuses one of
// them; that one runs again and then sees what the other did, so core's
// checks tell its user which order has the serial.
func (s *Store) Update(fn func(core.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := s.run(pgx.TxOptions{IsoLevel: pgx.Serializable}, true, fn)
		if !lostRace(err) || attempt == retries {
			return err
		}
		s.log.WithError(err).Debugf("operation ran into another counter's; running it again (%d)", attempt)
		time.Sleep(time.Duration(rand.IntN(attempt*10)+1) * time.Millisecond)
	}
}

func (s *Store) run(opts pgx.TxOptions, write bool, fn func(core.Tx) error) error {
	ctx := context.Background()
	db, err := s.pool.BeginTx(ctx, opts)
	if err != nil {
		return s.failure(err)
	}
	defer db.Rollback(ctx)
	t := &tx{ctx: ctx, db: db, write: write}
	if err := fn(t); err != nil {
		return s.failure(err)
	}
	if err := t.send(); err != nil {
		return s.failure(err)
	}
	if err := db.Commit(ctx); err != nil {
		if lostRace(err) {
			return err
		}
		s.log.WithError(err).Error("commit failed")
		return &core.Error{Code: core.Internal, Err: err, Message: fmt.Sprintf(
			"The connection to %s broke while saving, so Serialdesk cannot tell whether it was saved. Look it up before you enter it again.", s.where)}
	}
	return nil
}

// lostRace reports an operation the database refused because another
// counter's ran at the same time; run again, it succeeds or is refused for a
// reason core names.
func lostRace(err error) bool {
	var pg *pgconn.PgError
	if !errors.As(err, &pg) {
		return false
	}
	switch pg.Code {
	case "40001", "40P01": // serialization_failure, deadlock_detected
		return true
	}
	return false
}

// failure keeps the register's own errors and a lost race (to run again),
// and puts everything else in the user's words.
func (s *Store) failure(err error) error {
	var ours *core.Error
	if errors.As(err, &ours) || lostRace(err) {
		return err
	}
	msg := s.explain(err)
	s.log.WithError(err).Warn(msg)
	return &core.Error{Code: core.Internal, Err: err, Message: msg}
}

// explain says in the user's words why the server did not do what was asked.
func (s *Store) explain(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "28P01", "28000":
			return fmt.Sprintf("The user name or password was refused by %s. Check them in Settings, Register.", s.where)
		case "3D000":
			return fmt.Sprintf("There is no such database on %s. Check its name in Settings, Register, or ask whoever runs the server to make it.", s.where)
		case "42501":
			return fmt.Sprintf("The user has no right to change the tables on %s. Ask whoever runs the server to make the user the database's owner.", s.where)
		case "53100":
			return fmt.Sprintf("Nothing was saved: the disk of %s is full.", s.where)
		case "57P01", "57P02", "57P03":
			return fmt.Sprintf("Nothing was saved: %s is shutting down or starting. Try again in a moment.", s.where)
		}
	}
	var conn *pgconn.ConnectError
	if errors.As(err, &conn) || pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("Cannot reach %s; nothing was saved. Check that the server is on and that this computer is on the shop's network.", s.where)
	}
	var network net.Error
	if errors.As(err, &network) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Sprintf("The connection to %s broke; nothing was saved. Try again when the network is back.", s.where)
	}
	return fmt.Sprintf("Nothing was saved: %s could not do what was asked. The details are in the log file.", s.where)
}
