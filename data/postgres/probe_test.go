package postgres_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/postgres"
	"serialdesk/data/postgres/pgtest"
)

// Test connection says what is on the server, changing nothing.
func TestProbeSaysWhatIsThere(t *testing.T) {
	url := pgtest.NewDatabase(t)
	found, err := postgres.Probe(url)
	require.NoError(t, err)
	assert.True(t, found.Empty)
	found, err = postgres.Probe(url)
	require.NoError(t, err)
	assert.True(t, found.Empty, "probing changed nothing")

	s, err := postgres.Open(url, pgtest.Logger())
	require.NoError(t, err)
	_, err = core.New(s).SaveItem(core.Item{No: "A", Name: "A"})
	require.NoError(t, err)
	s.Close()
	found, err = postgres.Probe(url)
	require.NoError(t, err)
	assert.Equal(t, postgres.Found{Version: found.Known, Known: found.Known, Items: 1}, found)
}

// The password: refused when wrong, and taken from the address, from
// PGPASSWORD or from the .pgpass file.
func TestPasswords(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server of its own")
	}
	srv := pgtest.StartServer(t)
	at := func(password string) string {
		return postgres.Address{Host: "127.0.0.1", Port: srv.Port(), Database: "postgres", User: "serialdesk", Password: password}.URL()
	}
	_, err := postgres.Probe(at("wrong"))
	require.Error(t, err)
	assert.Equal(t, fmt.Sprintf("The user name or password was refused by the shop server 127.0.0.1:%d, database postgres. Check them under Register… in the Serialdesk menu.", srv.Port()),
		core.English.Error(err))
	_, err = postgres.Probe(at(pgtest.Password))
	require.NoError(t, err)

	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("PGPASSWORD", pgtest.Password)
	_, err = postgres.Probe(at(""))
	require.NoError(t, err, "from PGPASSWORD")

	t.Setenv("PGPASSWORD", "")
	pgpass := filepath.Join(t.TempDir(), ".pgpass")
	require.NoError(t, os.WriteFile(pgpass, []byte(fmt.Sprintf("127.0.0.1:%d:*:serialdesk:%s\n", srv.Port(), pgtest.Password)), 0o600))
	t.Setenv("PGPASSFILE", pgpass)
	s, err := postgres.Open(at(""), pgtest.Logger())
	require.NoError(t, err, "from the .pgpass file")
	s.Close()
}

func TestAddressURL(t *testing.T) {
	assert.Equal(t, "postgres://kari:p%40ss%2Fword@db.shop.local:5433/serialdesk", postgres.Address{Host: "db.shop.local", Port: 5433,
		Database: "serialdesk", User: "kari", Password: "p@ss/word"}.URL())
	assert.Equal(t, "postgres://kari@db/shop?sslmode=verify-full&sslrootcert=%2Fetc%2Fshop-ca.crt", postgres.Address{Host: "db",
		Database: "shop", User: "kari", CAFile: "/etc/shop-ca.crt"}.URL())
}

// An encrypted connection, the server checked against the shop's own
// certificate authority (sslmode=verify-full); a server whose certificate
// does not check out is refused in the user's words.
func TestEncryptedConnection(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server of its own")
	}
	srv := pgtest.StartServer(t)
	ca := srv.EncryptAs(t, "127.0.0.1")
	at := postgres.Address{Host: "127.0.0.1", Port: srv.Port(), Database: "postgres", User: "serialdesk", Password: pgtest.Password, CAFile: ca}
	s, err := postgres.Open(at.URL(), pgtest.Logger())
	require.NoError(t, err)
	_, err = core.New(s).SaveItem(core.Item{No: "A", Name: "A"})
	require.NoError(t, err)
	s.Close()

	// A certificate made out to another name: refused.
	other := pgtest.StartServer(t)
	otherCA := other.EncryptAs(t, "db.elsewhere.example")
	at.Port, at.CAFile = other.Port(), otherCA
	_, err = postgres.Probe(at.URL())
	require.Error(t, err)
	assert.Contains(t, core.English.Error(err), "could not be checked against the certificate authority in "+otherCA)

	// The wrong authority's certificate: refused.
	at.Port, at.CAFile = srv.Port(), otherCA
	_, err = postgres.Probe(at.URL())
	require.Error(t, err)
	assert.Contains(t, core.English.Error(err), "could not be checked against the certificate authority in "+otherCA)

	// A CA file that is not there.
	at.CAFile = filepath.Join(t.TempDir(), "missing.crt")
	_, err = postgres.Probe(at.URL())
	require.Error(t, err)
	assert.Contains(t, core.English.Error(err), "missing.crt")
}

// A command that only reads changes nothing on the server: an empty
// database stays empty, and older tables are not upgraded by it.
func TestReadingChangesNothing(t *testing.T) {
	url := pgtest.NewDatabase(t)
	_, err := postgres.OpenToRead(url, pgtest.Logger())
	require.Equal(t, core.NotFound, core.ErrorCode(err))
	assert.Contains(t, core.English.Error(err), "There is no Serialdesk register on the shop server")
	found, err := postgres.Probe(url)
	require.NoError(t, err)
	assert.True(t, found.Empty, "nothing was made")

	s, err := postgres.Open(url, pgtest.Logger())
	require.NoError(t, err)
	s.Close()
	pgtest.Exec(t, url, pgtest.BackToVersion1)
	_, err = postgres.OpenToRead(url, pgtest.Logger())
	require.Equal(t, core.Conflict, core.ErrorCode(err))
	assert.Contains(t, core.English.Error(err), "was made by an older Serialdesk (its tables are version 1")
	found, err = postgres.Probe(url)
	require.NoError(t, err)
	assert.Equal(t, 1, found.Version, "not upgraded")

	s, err = postgres.Open(url, pgtest.Logger())
	require.NoError(t, err)
	s.Close()
	r, err := postgres.OpenToRead(url, pgtest.Logger())
	require.NoError(t, err)
	r.Close()
}

func TestWithPassword(t *testing.T) {
	assert.Equal(t, "postgres://kari:s3cret@db/shop", postgres.WithPassword("postgres://kari:old@db/shop", "s3cret"))
	assert.Equal(t, "postgres://:s3cret@db/shop", postgres.WithPassword("postgres://db/shop", "s3cret"), "the typed password is kept without a user name")
}
