package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"serialdesk/core"
)

// migrations are the steps from an empty database to the tables this
// program uses, numbered; each runs once, in order, and the database
// remembers the last one (table serialdesk, key "schema").
//
//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock keeps two counters that start at once from upgrading the
// same database together (an advisory lock, held until the upgrade ends).
const migrationLock = 0x5e71a1de5c

// steps returns the migrations in order; step n is steps[n-1].
func steps() ([]string, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	out := make([]string, len(names))
	for _, name := range names {
		n, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(name, "migrations/"), "_", 2)[0])
		if err != nil || n < 1 || n > len(names) || out[n-1] != "" {
			return nil, fmt.Errorf("migration %s is misnumbered", name)
		}
		b, err := migrations.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out[n-1] = string(b)
	}
	return out, nil
}

// migrate brings the database's tables up to this program's, all in one
// transaction: a failed upgrade leaves the database as it was.
func (s *Store) migrate(ctx context.Context) error {
	all, err := steps()
	if err != nil {
		return err
	}
	db, err := s.pool.Begin(ctx)
	if err != nil {
		return s.failure(err, false)
	}
	defer db.Rollback(ctx)
	if _, err := db.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
		return s.failure(err, false)
	}
	have, err := s.schemaVersion(ctx, db)
	if err != nil {
		return err
	}
	if err := newer(have, len(all), s.where); err != nil {
		return err
	}
	if have == len(all) {
		return nil
	}
	for n := have + 1; n <= len(all); n++ {
		if _, err := db.Exec(ctx, all[n-1]); err != nil {
			return s.failure(fmt.Errorf("migration %d: %w", n, err), false)
		}
	}
	if _, err := db.Exec(ctx, `UPDATE serialdesk SET value = $1 WHERE key = 'schema'`, strconv.Itoa(len(all))); err != nil {
		return s.failure(err, false)
	}
	if err := db.Commit(ctx); err != nil {
		return s.failure(err, false)
	}
	if have > 0 {
		s.notes = append(s.notes, core.Say("The register's tables on {{.Server}} were upgraded for this version of Serialdesk (from version {{.Have}} to {{.Known}}). Counters with an older Serialdesk cannot open it until they are updated too.",
			core.Values{"Server": s.where, "Have": have, "Known": len(all)}))
	}
	s.log.Infof("the register on %s is at version %d of its tables (was %d)", s.where, len(all), have)
	return nil
}

// schemaVersion reads which migrations the database has had. An empty
// database is made a Serialdesk one (version 0).
func (s *Store) schemaVersion(ctx context.Context, db pgx.Tx) (int, error) {
	have, empty, err := readSchema(ctx, db, s.where)
	if err != nil {
		return 0, s.failure(err, false)
	}
	if !empty {
		return have, nil
	}
	if _, err := db.Exec(ctx, `CREATE TABLE serialdesk (key text PRIMARY KEY, value text NOT NULL);
		INSERT INTO serialdesk VALUES ('schema', '0')`); err != nil {
		return 0, s.failure(err, false)
	}
	return 0, nil
}

// querier is a connection or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// readSchema reads which migrations the database has had, or that it is
// empty. One that holds another program's tables is refused, so that
// Serialdesk never writes into another program's database.
func readSchema(ctx context.Context, db querier, where core.Message) (version int, empty bool, err error) {
	var marked bool
	if err := db.QueryRow(ctx, `SELECT to_regclass('serialdesk') IS NOT NULL`).Scan(&marked); err != nil {
		return 0, false, err
	}
	if !marked {
		var others int
		if err := db.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()`).Scan(&others); err != nil {
			return 0, false, err
		}
		if others > 0 {
			return 0, false, &core.Error{Code: core.Conflict, Message: core.Say("The database on {{.Server}} is not a Serialdesk register: it holds {{.Count}} tables of another program. Serialdesk needs a database of its own; make an empty one for it.",
				core.Values{"Server": where, "Count": others})}
		}
		return 0, true, nil
	}
	var v string
	if err := db.QueryRow(ctx, `SELECT value FROM serialdesk WHERE key = 'schema'`).Scan(&v); err != nil {
		return 0, false, err
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, false, &core.Error{Code: core.Internal, Err: err, Message: core.Say("The register on {{.Server}} does not say which version its tables are.", core.Values{"Server": where})}
	}
	return n, false, nil
}

// newer refuses a register a newer Serialdesk upgraded.
func newer(have, known int, where core.Message) error {
	if have <= known {
		return nil
	}
	return &core.Error{Code: core.Conflict, Message: core.Say("The register on {{.Server}} was upgraded by a newer Serialdesk (its tables are version {{.Have}}, this program knows up to {{.Known}}). Install the newer Serialdesk on this computer too.", core.Values{"Server": where, "Have": have, "Known": known})}
}

// readable checks that the database holds a register this program reads
// as it is, changing nothing.
func (s *Store) readable(ctx context.Context) error {
	all, err := steps()
	if err != nil {
		return err
	}
	db, err := s.pool.Acquire(ctx)
	if err != nil {
		return s.failure(err, false)
	}
	defer db.Release()
	have, empty, err := readSchema(ctx, db, s.where)
	switch {
	case err != nil:
		return s.failure(err, false)
	case empty:
		return &core.Error{Code: core.NotFound, Message: core.Say("There is no Serialdesk register on {{.Server}} yet: the database is empty. Check its name, or move a register there first (serialdesk move).", core.Values{"Server": s.where})}
	case have < len(all):
		return &core.Error{Code: core.Conflict, Message: core.Say("The register on {{.Server}} was made by an older Serialdesk (its tables are version {{.Have}}, this program's are {{.Known}}). "+
			"A command that only reads does not upgrade it: open it once with the window, or let another counter's newer Serialdesk do so.", core.Values{"Server": s.where, "Have": have, "Known": len(all)})}
	}
	return newer(have, len(all), s.where)
}
