package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"github.com/zalando/go-keyring"

	"serialdesk/core"
	"serialdesk/data/postgres"
	"serialdesk/screens"
)

// Preferences that keep where the register is (Register… in the menu). The
// password is not among them: it goes into the system's keychain (Windows
// Credential Manager, macOS Keychain, the Secret Service on Linux), or is
// asked for at start.
const (
	registerKey = "register" // "server", or "" for this computer
	hostKey     = "register.host"
	portKey     = "register.port"
	databaseKey = "register.database"
	userKey     = "register.user"
	caKey       = "register.ca"
	// keychainService names Serialdesk's passwords in the keychain.
	keychainService = "Serialdesk"
)

// registers keeps the choice of register in the app's preferences.
type registers struct {
	prefs fyne.Preferences
	dir   string // the data folder: this computer's register
}

var _ screens.Registers = registers{}

func (r registers) Chosen() screens.RegisterChoice {
	c := screens.RegisterChoice{OnServer: r.prefs.String(registerKey) == "server", Host: r.prefs.String(hostKey),
		Port: r.prefs.String(portKey), Database: r.prefs.String(databaseKey), User: r.prefs.String(userKey), CAFile: r.prefs.String(caKey)}
	c.Password, _ = keyring.Get(keychainService, account(c))
	return c
}

// account names a server's password in the keychain: the user on the
// server and its database.
func account(c screens.RegisterChoice) string {
	return fmt.Sprintf("%s@%s:%s/%s", strings.TrimSpace(c.User), strings.TrimSpace(c.Host), portOf(c), strings.TrimSpace(c.Database))
}

func portOf(c screens.RegisterChoice) string {
	if p := strings.TrimSpace(c.Port); p != "" {
		return p
	}
	return "5432"
}

// address checks a server's settings and gives its address, or every
// problem with them at once.
func address(c screens.RegisterChoice) (postgres.Address, error) {
	a := postgres.Address{Host: strings.TrimSpace(c.Host), Database: strings.TrimSpace(c.Database), User: strings.TrimSpace(c.User),
		Password: c.Password, CAFile: strings.TrimSpace(c.CAFile)}
	var missing []string
	for _, f := range []struct{ value, name string }{{a.Host, "the server"}, {a.Database, "the database"}, {a.User, "the user"}} {
		if f.value == "" {
			missing = append(missing, f.name)
		}
	}
	port, err := strconv.Atoi(portOf(c))
	if err != nil || port < 1 || port > 65535 {
		missing = append(missing, fmt.Sprintf("a port from 1 to 65535 (not %s)", core.Echo(portOf(c))))
	}
	if len(missing) > 0 {
		return a, &core.Error{Code: core.Invalid, Message: "Fill in " + strings.Join(missing, ", ") + "."}
	}
	a.Port = port
	return a, nil
}

func (r registers) Test(c screens.RegisterChoice) (string, error) {
	a, err := address(c)
	if err != nil {
		return "", err
	}
	found, err := postgres.Probe(a.URL())
	if err != nil {
		return "", err
	}
	where := postgres.Describe(a.URL())
	switch {
	case found.Empty:
		return fmt.Sprintf("Connected to %s. The database is empty: Serialdesk makes the register there when it first opens it. "+
			"To take this computer's register there, close Serialdesk and run: serialdesk move %s %s",
			where, place{dir: r.dir}.flag(), place{db: a.URL()}.flag()), nil
	case found.Version < found.Known:
		return fmt.Sprintf("Connected to %s. Its register has %d item cards. Its tables are from an older Serialdesk: they are upgraded "+
			"when this one opens it, and counters with the older one cannot open it until they are updated too.", where, found.Items), nil
	}
	return fmt.Sprintf("Connected to %s. Its register has %d item cards.", where, found.Items), nil
}

func (r registers) Keep(c screens.RegisterChoice) (string, error) {
	if !c.OnServer {
		r.prefs.SetString(registerKey, "")
		return fmt.Sprintf("Serialdesk opens the register on this computer (%s) the next time it starts. Close it and start it again to work there now.", r.dir), nil
	}
	a, err := address(c)
	if err != nil {
		return "", err
	}
	r.prefs.SetString(registerKey, "server")
	r.prefs.SetString(hostKey, a.Host)
	r.prefs.SetString(portKey, strconv.Itoa(a.Port))
	r.prefs.SetString(databaseKey, a.Database)
	r.prefs.SetString(userKey, a.User)
	r.prefs.SetString(caKey, a.CAFile)
	said := fmt.Sprintf("Serialdesk opens the register on %s the next time it starts. Close it and start it again to work there now.", postgres.Describe(a.URL()))
	if c.Password == "" {
		keyring.Delete(keychainService, account(c))
		return said + " It takes the password from PGPASSWORD or the .pgpass file, or asks for it.", nil
	}
	if err := keyring.Set(keychainService, account(c), c.Password); err != nil {
		return said + fmt.Sprintf(" The password could not be kept in this computer's keychain (%v), so Serialdesk asks for it when it starts.", err), nil
	}
	return said + " The password is kept in this computer's keychain.", nil
}

// serverChosen is the shop server's register when Register… chose one,
// with the password from the keychain if it holds one.
func (r registers) serverChosen() (string, bool) {
	c := r.Chosen()
	if !c.OnServer {
		return "", false
	}
	a, err := address(c)
	if err != nil {
		return "", false
	}
	return a.URL(), true
}

// rememberPassword keeps a password typed at start, as Register… does.
func (r registers) rememberPassword(password string) error {
	return keyring.Set(keychainService, account(r.Chosen()), password)
}
