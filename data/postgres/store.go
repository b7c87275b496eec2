// Package postgres keeps the register (package core) in a PostgreSQL
// database that several counters share: each counter's Serialdesk connects
// to it, and every business operation is one SERIALIZABLE transaction. It
// has no rule of its own; the rules stay in core.
//
// postgres imports core and pgx; it knows nothing of Badger, Fyne or excelize.
package postgres

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	mathrand "math/rand/v2"
	"net"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/sirupsen/logrus"

	"serialdesk/core"
)

// Store is a register in a PostgreSQL database.
type Store struct {
	pool    *pgxpool.Pool
	conn    *pgx.ConnConfig // for the connection that listens
	log     logrus.FieldLogger
	where   core.Message   // "the shop server db.local:5432, database serialdesk", for messages
	where1  core.Message   // where at the start of a sentence: "The shop server …"
	notes   []core.Message // what opening did that the user should know
	id      string         // this program's, so that it does not hear its own changes
	channel string         // where changes are announced: one per register
	ca      string         // the certificate authority file the server is checked against, if any
	// bulk counts the serials and history lines written since the server
	// last looked at the tables' contents (reanalyze).
	bulk atomic.Int64
}

// reanalyzeAfter is how many serials and history lines make the tables'
// statistics stale: after moving a register in, the server would still
// plan for the empty tables and read all of them for one item's count.
const reanalyzeAfter = 100_000

// quiet is the log of a probe, which says nothing.
var quiet = func() logrus.FieldLogger {
	log := logrus.New()
	log.SetOutput(io.Discard)
	return log
}()

// retries is how often an operation that lost a race with another counter
// runs again before the user is told.
const retries = 30

// Open connects to the register at url (postgres://user@host/db?...), and
// creates or upgrades its tables. The password comes from the address, from
// PGPASSWORD or from the .pgpass file, as for every PostgreSQL program.
func Open(url string, log logrus.FieldLogger) (*Store, error) { return open(url, log, false) }

// OpenToRead connects to the register at url for a command that only
// reads it: it changes nothing, so it refuses a database that holds no
// register yet, or one whose tables an older Serialdesk made (opening it to
// work upgrades them).
func OpenToRead(url string, log logrus.FieldLogger) (*Store, error) { return open(url, log, true) }

// Server settings for each connection, unless the address sets them: a
// counter that vanishes in the middle of an operation lets go of what it
// held within a minute, and one waiting for another gives up after 30 s
// instead of hanging its window. Each query is planned for the text it
// looks for: a plan made once for any text read the whole serial index for
// a part that the trigram index finds at once (94 ms instead of 16 ms).
var serverSettings = map[string]string{
	"plan_cache_mode":                     "force_custom_plan",
	"idle_in_transaction_session_timeout": "60000",
	"lock_timeout":                        "30000",
	"tcp_keepalives_idle":                 "10",
	"tcp_keepalives_interval":             "5",
	"tcp_keepalives_count":                "3",
}

func open(url string, log logrus.FieldLogger, toRead bool) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, notUnderstood(err)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	// A dropped network shows within seconds, not after the system's
	// two hours of silence.
	dialer := &net.Dialer{KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: 5 * time.Second, Interval: 5 * time.Second, Count: 3}}
	cfg.ConnConfig.DialFunc = dialer.DialContext
	for name, value := range serverSettings {
		if _, set := cfg.ConnConfig.RuntimeParams[name]; !set {
			cfg.ConnConfig.RuntimeParams[name] = value
		}
	}
	s := &Store{log: log, conn: cfg.ConnConfig.Copy(), id: rand.Text(), ca: caFileOf(url)}
	s.where, s.where1 = describe(cfg.ConnConfig.Config)
	if s.pool, err = pgxpool.NewWithConfig(context.Background(), cfg); err != nil {
		return nil, s.failure(err, false)
	}
	check := s.migrate
	if toRead {
		check = s.readable
	}
	if err := check(context.Background()); err != nil {
		s.pool.Close()
		return nil, err
	}
	var schema string
	if err := s.pool.QueryRow(context.Background(), `SELECT current_schema()`).Scan(&schema); err != nil {
		s.pool.Close()
		return nil, s.failure(err, false)
	}
	// One channel per register, of a length PostgreSQL takes whatever the
	// schema's name.
	sum := sha256.Sum256([]byte(schema))
	s.channel = "serialdesk_" + hex.EncodeToString(sum[:8])
	return s, nil
}

// Describe names the register at url in messages, without its password:
// "the shop server db.local:5432, database serialdesk".
func Describe(url string) core.Message {
	cfg, err := pgconn.ParseConfig(url)
	if err != nil {
		return core.Say("the shop server")
	}
	where, _ := describe(*cfg)
	return where
}

// describe names the register in messages: inside a sentence, and at its
// start.
func describe(cfg pgconn.Config) (where, atStart core.Message) {
	values := core.Values{"Address": fmt.Sprintf("%s:%d", cfg.Host, cfg.Port), "Database": cfg.Database}
	return core.Say("the shop server {{.Address}}, database {{.Database}}", values),
		core.Say("The shop server {{.Address}}, database {{.Database}}", values)
}

// Notices is what opening did that the user should know: an upgrade of the
// register's tables.
func (s *Store) Notices() []core.Message { return s.notes }

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
		if !lostRace(err) {
			return err
		}
		if attempt == retries {
			s.log.WithError(err).Warn("operation kept running into other counters'")
			return &core.Error{Code: core.Unavailable, Err: err, Message: core.Say("Other counters were saving the same units at the same moment, " +
				"again and again, so this was not saved. Try again.")}
		}
		s.log.WithError(err).Debugf("operation ran into another counter's; running it again (%d)", attempt)
		// Backing off further each time, at random, so that counters that
		// collided do not collide again.
		time.Sleep(time.Duration(mathrand.IntN(min(1<<attempt, 500))+1) * time.Millisecond)
	}
}

func (s *Store) run(opts pgx.TxOptions, write bool, fn func(core.Tx) error) error {
	ctx := context.Background()
	db, err := s.begin(ctx, opts)
	if err != nil {
		return s.failure(err, write)
	}
	defer db.Rollback(ctx)
	t := &tx{ctx: ctx, db: db, write: write}
	if err := fn(t); err != nil {
		return s.failure(err, write)
	}
	// The last writes and the announcement of the change go together.
	last := &pgx.Batch{}
	if err := s.announce(t, last); err != nil {
		return s.failure(err, write)
	}
	if err := t.sendWith(last); err != nil {
		return s.failure(err, write)
	}
	if err := db.Commit(ctx); err != nil {
		if lostRace(err) || !write {
			return s.failure(err, false)
		}
		s.log.WithError(err).Error("commit failed")
		return &core.Error{Code: core.Internal, Err: err, Message: core.Say("The connection to {{.Server}} broke while saving, so Serialdesk cannot tell whether it was saved. Look it up before you enter it again.", core.Values{"Server": s.where})}
	}
	s.reanalyze(ctx, t.sent)
	return nil
}

// reanalyze has the server look at the tables' contents again once enough
// rows were written in bulk since it last did (a register moved in, a
// large import). It runs beside the work, after the operation is saved,
// and only fails into the log.
func (s *Store) reanalyze(ctx context.Context, rows int) {
	if s.bulk.Add(int64(rows)) < reanalyzeAfter {
		return
	}
	s.bulk.Store(0)
	go func() {
		if _, err := s.pool.Exec(ctx, `ANALYZE serials, events`); err != nil {
			s.log.WithError(err).Warn("the server could not look at the tables' contents again")
		}
	}()
}

// PasswordRefused reports whether the server refused the password (or that
// none was given), so that the user can be asked for it.
func PasswordRefused(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "28P01"
}

// begin starts a transaction. A connection the server closed while it lay
// in the pool (the server restarted, the network came back) is dropped and
// the next one tried.
func (s *Store) begin(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error) {
	for range 3 {
		db, err := s.pool.BeginTx(ctx, opts)
		if err == nil || !pgconn.SafeToRetry(err) {
			return db, err
		}
	}
	return s.pool.BeginTx(ctx, opts)
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
// and puts everything else in the user's words; saving says whether the
// user was saving something.
func (s *Store) failure(err error, saving bool) error {
	var ours *core.Error
	if errors.As(err, &ours) || lostRace(err) {
		return err
	}
	code, msg := s.explain(err, saving)
	s.log.WithError(err).Warn(msg.String())
	return &core.Error{Code: code, Err: err, Message: msg}
}

// explain says in the user's words why the server did not do what was
// asked; Unavailable when trying again later may work. saving says
// whether the user was saving something, which then was not saved.
func (s *Store) explain(err error, saving bool) (core.Code, core.Message) {
	at := core.Values{"Server": s.where}
	first := core.Values{"Server": s.where1}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch {
		case PasswordRefused(err):
			return core.Invalid, core.Say("The user name or password was refused by {{.Server}}. Check them under Register… in the Serialdesk menu.", at)
		case pg.Code == "28000":
			return core.Invalid, core.Say("{{.Server}} does not let this computer in as that user ({{.Cause}}). Ask whoever runs the server to allow it (pg_hba.conf).",
				core.Values{"Server": s.where1, "Cause": pg.Message})
		case pg.Code == "55P03" || pg.Code == "57014":
			if saving {
				return core.Unavailable, core.Say("Another counter held up {{.Server}} for too long. Nothing was saved. Try again in a moment.", at)
			}
			return core.Unavailable, core.Say("Another counter held up {{.Server}} for too long. Try again in a moment.", at)
		case pg.Code == "3D000":
			return core.NotFound, core.Say("There is no such database on {{.Server}}. Check its name under Register… in the Serialdesk menu, or ask whoever runs the server to make it.", at)
		case pg.Code == "42501":
			return core.Internal, core.Say("The user has no right to change the tables on {{.Server}}. Ask whoever runs the server to make the user the database's owner.", at)
		case pg.Code == "53100":
			if saving {
				return core.Unavailable, core.Say("The disk of {{.Server}} is full. Nothing was saved.", at)
			}
			return core.Unavailable, core.Say("The disk of {{.Server}} is full.", at)
		case pg.Code == "57P01" || pg.Code == "57P02" || pg.Code == "57P03":
			if saving {
				return core.Unavailable, core.Say("{{.Server}} is shutting down or starting. Nothing was saved. Try again in a moment.", first)
			}
			return core.Unavailable, core.Say("{{.Server}} is shutting down or starting. Try again in a moment.", first)
		}
	}
	var unknownCA x509.UnknownAuthorityError
	var wrongHost x509.HostnameError
	var unchecked *tls.CertificateVerificationError
	if errors.As(err, &unknownCA) || errors.As(err, &wrongHost) || errors.As(err, &unchecked) {
		return core.Invalid, core.Say("The certificate of {{.Server}} could not be checked against the certificate authority in {{.File}}, so Serialdesk did not connect: "+
			"it may not be the shop's server. Check the CA file under Register… in the Serialdesk menu, or ask whoever runs the server.", core.Values{"Server": s.where, "File": s.ca})
	}
	var conn *pgconn.ConnectError
	if errors.As(err, &conn) || pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded) {
		if saving {
			return core.Unavailable, core.Say("Cannot reach {{.Server}}. Nothing was saved. Check that the server is on and that this computer is on the shop's network.", at)
		}
		return core.Unavailable, core.Say("Cannot reach {{.Server}}. Check that the server is on and that this computer is on the shop's network.", at)
	}
	var network net.Error
	if errors.As(err, &network) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || pgconn.SafeToRetry(err) {
		if saving {
			return core.Unavailable, core.Say("The connection to {{.Server}} broke. Nothing was saved. Try again when the network is back.", at)
		}
		return core.Unavailable, core.Say("The connection to {{.Server}} broke. Try again when the network is back.", at)
	}
	if saving {
		return core.Internal, core.Say("{{.Server}} could not do what was asked. Nothing was saved. The details are in the log file.", first)
	}
	return core.Internal, core.Say("{{.Server}} could not do what was asked. The details are in the log file.", first)
}
