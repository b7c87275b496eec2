// Package pgtest opens real PostgreSQL registers for tests: each in a
// schema of its own on the test server that make test starts
// (.ci/with-postgres sets SERIALDESK_TEST_PG), dropped when the test ends.
package pgtest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	neturl "net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

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
// schema of its own) and returns the address that reaches it; it goes when
// the test ends.
func NewDatabase(t testing.TB) string {
	t.Helper()
	url, drop, err := CreateDatabase(Server(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	return url
}

// CreateDatabase makes an empty register's place on the server at base: a
// schema of its own, which drop removes.
func CreateDatabase(base string) (url string, drop func(), err error) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", nil, fmt.Errorf("connect to the test server: %w", err)
	}
	defer conn.Close(ctx)
	schema := "t_" + rand.Text()[:16]
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		return "", nil, fmt.Errorf("make a schema: %w", err)
	}
	drop = func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
	}
	u, err := neturl.Parse(base)
	if err != nil {
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", fmt.Sprintf("%s,public", schema))
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
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

// OwnServer is a PostgreSQL server of one test's own, which the test may
// stop and start (the shared test server must stay up for the others).
type OwnServer struct {
	bin, dir string
	port     int
	as       []string // runs a server program as the user it must run as
	tls      string   // the server's options for encrypted connections
}

// StartServer starts a new, empty server in a temporary folder, stopped
// and removed when the test ends.
func StartServer(t testing.TB) *OwnServer {
	t.Helper()
	Server(t)
	bin := os.Getenv("SERIALDESK_TEST_PG_BIN")
	if bin == "" {
		t.Fatal("SERIALDESK_TEST_PG_BIN is not set: run the tests through make test")
	}
	s := &OwnServer{bin: bin, port: freePort(t)}
	dir, err := os.MkdirTemp("", "serialdesk-own-pg-")
	if err != nil {
		t.Fatal(err)
	}
	s.dir = dir
	t.Cleanup(func() {
		s.run("pg_ctl", "-D", s.data(), "-m", "immediate", "stop")
		os.RemoveAll(dir)
	})
	// PostgreSQL refuses to run as root: root runs it as the postgres
	// user that Debian's package makes.
	if os.Getuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("no postgres user to run the server as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		s.as = []string{"runuser", "-u", "postgres", "--"}
	}
	pwfile := filepath.Join(dir, "password")
	if err := os.WriteFile(pwfile, []byte(Password+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Connections over the network need the password, as on a shop's
	// server.
	if out, err := s.run("initdb", "-D", s.data(), "-U", "serialdesk", "--pwfile", pwfile, "--auth-local=trust", "--auth-host=scram-sha-256",
		"-E", "UTF8", "--locale=C.UTF-8"); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	s.Start(t)
	return s
}

func (s *OwnServer) data() string { return filepath.Join(s.dir, "data") }

func (s *OwnServer) run(program string, args ...string) ([]byte, error) {
	argv := append(append(slices.Clone(s.as), filepath.Join(s.bin, program)), args...)
	return exec.Command(argv[0], argv[1:]...).CombinedOutput()
}

// Password is the password of the own server's user, serialdesk.
const Password = "counter-secret"

// URL is the address of the server's database, with the password.
func (s *OwnServer) URL() string {
	return fmt.Sprintf("postgres://serialdesk:%s@127.0.0.1:%d/postgres?sslmode=disable", Password, s.port)
}

// Port is the server's port.
func (s *OwnServer) Port() int { return s.port }

// Start starts the server (again) and waits until it takes connections.
func (s *OwnServer) Start(t testing.TB) {
	t.Helper()
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", s.port, s.dir) + s.tls
	if out, err := s.run("pg_ctl", "-D", s.data(), "-l", filepath.Join(s.dir, "server.log"), "-w", "-t", "60", "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
		t.Fatalf("start the server: %v\n%s\n%s", err, out, log)
	}
}

// Stop stops the server at once, as a crash or a pulled plug would:
// connections are cut and the server recovers from its log when started.
func (s *OwnServer) Stop(t testing.TB) {
	t.Helper()
	if out, err := s.run("pg_ctl", "-D", s.data(), "-m", "immediate", "-w", "stop"); err != nil {
		t.Fatalf("stop the server: %v\n%s", err, out)
	}
}

// freePort is a local port nothing listens on.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// EncryptAs makes the server take encrypted connections with a
// certificate for host (an IP address or a name), signed by a new
// authority, and returns the authority's certificate file.
func (s *OwnServer) EncryptAs(t testing.TB, host string) (caFile string) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ca := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Shop CA"}, NotBefore: time.Now().Add(-time.Hour),
		NotAfter: time.Now().Add(24 * time.Hour), IsCA: true, KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	leaf := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: host}, NotBefore: time.Now().Add(-time.Hour),
		NotAfter: time.Now().Add(24 * time.Hour), KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	if ip := net.ParseIP(host); ip != nil {
		leaf.IPAddresses = []net.IP{ip}
	} else {
		leaf.DNSNames = []string{host}
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, kind string, der []byte, mode os.FileMode) string {
		path := filepath.Join(s.dir, name)
		if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}), mode); err != nil {
			t.Fatal(err)
		}
		if s.as != nil {
			u, _ := user.Lookup("postgres")
			uid, _ := strconv.Atoi(u.Uid)
			gid, _ := strconv.Atoi(u.Gid)
			os.Chown(path, uid, gid)
		}
		return path
	}
	caFile = write("ca.crt", "CERTIFICATE", caDER, 0o644)
	s.tls = fmt.Sprintf(" -c ssl=on -c ssl_cert_file=%s -c ssl_key_file=%s",
		write("server.crt", "CERTIFICATE", leafDER, 0o644), write("server.key", "PRIVATE KEY", keyDER, 0o600))
	s.Stop(t)
	s.Start(t)
	return caFile
}

// Exec runs SQL on the database at url, as someone working on the server
// by hand would.
func Exec(t testing.TB, url, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatal(err)
	}
}

// Query runs a query that answers one value on the database at url and
// returns it as text.
func Query(t testing.TB, url, sql string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var out string
	if err := conn.QueryRow(ctx, "SELECT ("+sql+")::text").Scan(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// BackToVersion1 turns a register's tables back into what version 1 of
// them was, for the tests of upgrades: each later migration undone.
const BackToVersion1 = `ALTER TABLE events DROP COLUMN by_whom;
	ALTER TABLE items DROP COLUMN revision, DROP COLUMN changed, DROP COLUMN changed_by;
	ALTER TABLE items DROP COLUMN vin, DROP COLUMN gtin, DROP COLUMN warranty_months, DROP COLUMN warranty_from;
	ALTER TABLE serials DROP COLUMN warranty;
	ALTER TABLE events DROP COLUMN note, DROP COLUMN note_key, DROP COLUMN note_date;
	ALTER TABLE stock DROP COLUMN to_supplier;
	DROP TABLE supplier_returns;
	DROP TABLE parties;
	DROP TABLE shop;
	ALTER TABLE receipts DROP COLUMN supplier_id;
	ALTER TABLE orders DROP COLUMN customer_id;
	UPDATE serialdesk SET value = '1' WHERE key = 'schema'`
