package app

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zalando/go-keyring"

	"serialdesk/core"
	"serialdesk/data/postgres"
	"serialdesk/data/postgres/pgtest"
	"serialdesk/screens"
)

// The choice of register is kept in the preferences, the password in the
// keychain and never in the preferences.
func TestRegisterChoiceIsKept(t *testing.T) {
	keyring.MockInit()
	a := test.NewTempApp(t)
	r := registers{prefs: a.Preferences(), dir: "/home/kari/.config/serialdesk"}
	assert.False(t, r.Chosen().OnServer, "this computer's register until a server is chosen")

	said, err := r.Keep(screens.RegisterChoice{OnServer: true, Host: " shop-server ", Database: "serialdesk", User: "kari", Password: "s3cret"})
	require.NoError(t, err)
	assert.Contains(t, said, "Serialdesk opens the register on the shop server shop-server:5432, database serialdesk the next time it starts.")
	assert.Contains(t, said, "The password is kept in this computer's keychain.")
	assert.Equal(t, screens.RegisterChoice{OnServer: true, Host: "shop-server", Port: "5432", Database: "serialdesk", User: "kari", Password: "s3cret"}, r.Chosen())
	for _, key := range []string{registerKey, hostKey, portKey, databaseKey, userKey, caKey} {
		assert.NotContains(t, a.Preferences().String(key), "s3cret")
	}
	url, ok := r.serverChosen()
	require.True(t, ok)
	assert.Equal(t, "postgres://kari:s3cret@shop-server:5432/serialdesk", url)

	// Every missing setting at once.
	_, err = r.Keep(screens.RegisterChoice{OnServer: true, Port: "54x2"})
	assert.Equal(t, "Fill in the server, the database, the user, a port from 1 to 65535 (not 54x2).", core.English.Error(err))

	// A computer whose keychain cannot be used: the choice is kept, and the
	// password asked for at start.
	keyring.MockInitWithError(errors.New("no Secret Service"))
	said, err = r.Keep(screens.RegisterChoice{OnServer: true, Host: "shop-server", Database: "serialdesk", User: "ola", Password: "x"})
	require.NoError(t, err)
	assert.Contains(t, said, "The password could not be kept in this computer's keychain (no Secret Service), so Serialdesk asks for it when it starts.")
	assert.Equal(t, "ola", r.Chosen().User)
	assert.Empty(t, r.Chosen().Password)

	keyring.MockInit()
	said, err = r.Keep(screens.RegisterChoice{})
	require.NoError(t, err)
	assert.Contains(t, said, "Serialdesk opens the register on this computer (/home/kari/.config/serialdesk)")
	_, ok = r.serverChosen()
	assert.False(t, ok)
}

// Test connection says what is on the server, and why not when it cannot.
func TestTestConnection(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server of its own")
	}
	keyring.MockInit()
	srv := pgtest.StartServer(t)
	a := test.NewTempApp(t)
	r := registers{prefs: a.Preferences(), dir: "/srv/shop"}
	choice := screens.RegisterChoice{OnServer: true, Host: "127.0.0.1", Port: strconv.Itoa(srv.Port()), Database: "postgres", User: "serialdesk", Password: pgtest.Password}
	said, err := r.Test(choice)
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("Connected to the shop server 127.0.0.1:%d, database postgres. The database is empty: Serialdesk makes the register there when it first opens it. "+
		"To take this computer's register there, close Serialdesk and run: serialdesk move --data \"/srv/shop\" --db \"postgres://serialdesk@127.0.0.1:%d/postgres\"", srv.Port(), srv.Port()), said)

	s, err := postgres.Open(srv.URL(), pgtest.Logger())
	require.NoError(t, err)
	require.NoError(t, core.New(s).LoadExamples())
	s.Close()
	said, err = r.Test(choice)
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("Connected to the shop server 127.0.0.1:%d, database postgres. Its register has 5 item cards.", srv.Port()), said)

	choice.Password = "wrong"
	_, err = r.Test(choice)
	assert.Contains(t, core.English.Error(err), "The user name or password was refused by the shop server 127.0.0.1:")
}

// A register on a server whose password is not kept is opened once the
// password is typed at start; a wrong one is said and can be typed again.
func TestThePasswordIsAskedForAtStart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server of its own")
	}
	keyring.MockInit()
	srv := pgtest.StartServer(t)
	a := test.NewTempApp(t)
	r := registers{prefs: a.Preferences(), dir: t.TempDir()}
	choice := screens.RegisterChoice{OnServer: true, Host: "127.0.0.1", Port: strconv.Itoa(srv.Port()), Database: "postgres", User: "serialdesk"}
	_, err := r.Keep(choice)
	require.NoError(t, err)
	url, ok := r.serverChosen()
	require.True(t, ok)
	at := place{dir: r.dir, db: url}
	_, err = open(at, &strings.Builder{})
	require.True(t, postgres.PasswordRefused(err), "no password: %v", err)

	opened := make(chan *env, 1)
	w := passwordWindow(a, at, r, func(e *env) { opened <- e })
	w.Resize(fyne.NewSize(560, 300))
	password := w.Canvas().Focused().(*widget.Entry)
	test.Type(password, "wrong")
	password.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	require.Eventually(t, func() bool {
		return slices.ContainsFunc(labelsIn(w.Content()), func(s string) bool { return strings.Contains(s, "The user name or password was refused") })
	}, 10*time.Second, 20*time.Millisecond)

	password.SetText(pgtest.Password)
	password.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	select {
	case e := <-opened:
		defer e.close()
		_, err := e.reg.Items("")
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("the register did not open with the right password")
	}
	assert.Equal(t, pgtest.Password, r.Chosen().Password, "kept in the keychain for the next start")
}
