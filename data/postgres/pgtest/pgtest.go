// Package pgtest opens real PostgreSQL registers for tests: each in a
// schema of its own on the test server that make test starts
// (.ci/with-postgres sets SERIALDESK_TEST_PG), dropped when the test ends.
package pgtest

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/sirupsen/logrus"

	"serialdesk/data/postgres"
)

// Server is the test server's address, or "" when the tests run without
// one: skipped on a developer's machine, failed in CI.
func Server(t testing.TB) string {
	t.Helper()
	u := os.Getenv("SERIALDESK_TEST_PG")
	if u == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("SERIALDESK_TEST_PG is not set: CI runs the tests through make test, which starts a PostgreSQL server")
		}
		t.Skip("no PostgreSQL test server: run make test (or .ci/with-postgres go test ...)")
	}
	return u
}

// NewDatabase makes an empty register's place on the test server (a
// schema of its own) and returns the address that reaches it.
func NewDatabase(t testing.TB) string {
	t.Helper()
	base := Server(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer conn.Close(ctx)
	schema := "t_" + rand.Text()[:16]
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("make a schema: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", fmt.Sprintf("%s,public", schema))
	u.RawQuery = q.Encode()
	return u.String()
}

// Logger keeps tests quiet.
func Logger() *logrus.Logger {
	log := logrus.New()
	log.SetOutput(io.Discard)
	return log
}

// Open opens a new, empty register on the test server, closed when the
// test ends.
func Open(t testing.TB) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(NewDatabase(t), Logger())
	if err != nil {
		t.Fatalf("open the register: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
