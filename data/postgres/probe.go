package postgres

import (
	"context"
	"errors"
	"io/fs"
	"net/url"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"serialdesk/core"
)

// Address is a shop server's register as the Register settings hold it.
type Address struct {
	Host     string
	Port     int
	Database string
	User     string
	Password string
	// CAFile is the certificate of the authority that signed the server's:
	// with it the connection is encrypted and the server checked
	// (sslmode=verify-full); without, it is encrypted when the server
	// offers it.
	CAFile string
}

// URL is the address as the commands' --db takes it.
func (a Address) URL() string {
	u := url.URL{Scheme: "postgres", Host: a.Host, Path: "/" + a.Database}
	if a.Port != 0 {
		u.Host += ":" + strconv.Itoa(a.Port)
	}
	switch {
	case a.Password != "":
		u.User = url.UserPassword(a.User, a.Password)
	case a.User != "":
		u.User = url.User(a.User)
	}
	q := url.Values{}
	if a.CAFile != "" {
		q.Set("sslmode", "verify-full")
		q.Set("sslrootcert", a.CAFile)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Found is what a test of the connection found on the server.
type Found struct {
	Empty   bool // an empty database: the register is made there when first opened
	Version int  // of the register's tables
	Known   int  // the newest version this program knows
	Items   int  // item cards in the register
}

// Probe connects to the register at url and says what is there, changing
// nothing. Each way the server can refuse is said in the user's words.
func Probe(url string) (Found, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return Found{}, notUnderstood(err)
	}
	probe := &Store{log: quiet, ca: caFileOf(url)}
	probe.where, probe.where1 = describe(cfg.Config)
	ctx, stop := context.WithTimeout(context.Background(), 15*time.Second)
	defer stop()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return Found{}, probe.failure(err, false)
	}
	defer conn.Close(context.Background())
	all, err := steps()
	if err != nil {
		return Found{}, err
	}
	f := Found{Known: len(all)}
	if f.Version, f.Empty, err = readSchema(ctx, conn, probe.where); err != nil {
		return f, probe.failure(err, false)
	}
	if err := newer(f.Version, f.Known, probe.where); err != nil {
		return f, err
	}
	if f.Version > 0 {
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM items`).Scan(&f.Items); err != nil {
			return f, probe.failure(err, false)
		}
	}
	return f, nil
}

// notUnderstood says why an address cannot be used: a certificate
// authority file that cannot be read, or an address not written as one.
func notUnderstood(err error) error {
	var file *fs.PathError
	if errors.As(err, &file) {
		return &core.Error{Code: core.Invalid, Err: err, Message: core.Say("Serialdesk cannot read the certificate authority file {{.File}} ({{.Cause}}). Check the CA file under Register… in the Serialdesk menu.", core.Values{"File": file.Path, "Cause": file.Err.Error()})}
	}
	return &core.Error{Code: core.Invalid, Err: err,
		Message: core.Say("the address of the shop server is not understood; write it like postgres://user@server/database")}
}

// caFileOf is the certificate authority file an address names, if any.
func caFileOf(address string) string {
	u, err := url.Parse(address)
	if err != nil {
		return ""
	}
	return u.Query().Get("sslrootcert")
}

// WithPassword is the address with the password given, in place of any it
// has.
func WithPassword(address, password string) string {
	u, err := url.Parse(address)
	if err != nil {
		return address
	}
	name := ""
	if u.User != nil {
		name = u.User.Username()
	}
	u.User = url.UserPassword(name, password)
	return u.String()
}
