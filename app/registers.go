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
	var missing []core.Message
	for _, f := range []struct {
		value string
		name  core.Message
	}{{a.Host, core.Say("the server")}, {a.Database, core.Say("the database")}, {a.User, core.Say("the user")}} {
		if f.value == "" {
			missing = append(missing, f.name)
		}
	}
	port, err := strconv.Atoi(portOf(c))
	if err != nil || port < 1 || port > 65535 {
		missing = append(missing, core.Say("a port from 1 to 65535 (not {{.Typed}})", core.Values{"Typed": core.Echo(portOf(c))}))
	}
	if len(missing) > 0 {
		return a, &core.Error{Code: core.Invalid, Message: core.Say("Fill in {{.Missing}}.", core.Values{"Missing": core.Sentences(", ", missing...)})}
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
	where := core.Values{"Server": postgres.Describe(a.URL())}
	if found.Empty {
		move := core.Values{"Command": "serialdesk move " + place{dir: r.dir}.flag() + " " + place{db: a.URL()}.flag()}
		return screens.Say(core.Say("Connected to {{.Server}}. The database is empty: Serialdesk makes the register there when it first opens it. "+
			"To take this computer's register there, close Serialdesk and run: {{.Command}}", move).With(where)), nil
	}
	connected := core.Count(found.Items, "Connected to {{.Server}}. Its register has 1 item card.",
		"Connected to {{.Server}}. Its register has {{.Count}} item cards.").With(where)
	if found.Version < found.Known {
		return screens.Say(core.Sentences(" ", connected, core.Say("Its tables are from an older Serialdesk: they are upgraded "+
			"when this one opens it, and counters with the older one cannot open it until they are updated too."))), nil
	}
	return screens.Say(connected), nil
}

func (r registers) Keep(c screens.RegisterChoice) (string, error) {
	if !c.OnServer {
		r.prefs.SetString(registerKey, "")
		return screens.Tr("Serialdesk opens the register on this computer ({{.Folder}}) the next time it starts. Close it and start it again to work there now.",
			core.Values{"Folder": r.dir}), nil
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
	opens := core.Say("Serialdesk opens the register on {{.Server}} the next time it starts. Close it and start it again to work there now.",
		core.Values{"Server": postgres.Describe(a.URL())})
	var password core.Message
	if c.Password == "" {
		keyring.Delete(keychainService, account(c))
		password = core.Say("It takes the password from PGPASSWORD or the .pgpass file, or asks for it.")
	} else if err := keyring.Set(keychainService, account(c), c.Password); err != nil {
		password = core.Say("The password could not be kept in this computer's keychain ({{.Error}}), so Serialdesk asks for it when it starts.",
			core.Values{"Error": err.Error()})
	} else {
		password = core.Say("The password is kept in this computer's keychain.")
	}
	return screens.Say(core.Sentences(" ", opens, password)), nil
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
