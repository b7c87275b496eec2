package postgres_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/postgres"
	"serialdesk/data/postgres/pgtest"
)

// bigReceipt is a delivery of 50,000 serials, each starting with prefix.
func bigReceipt(item core.ItemID, prefix string) core.Receipt {
	serials := make([]string, 50_000)
	for i := range serials {
		serials[i] = fmt.Sprintf("%s%06d", prefix, i)
	}
	return core.Receipt{Supplier: "Husqvarna AB", Lines: []core.ReceiptLine{{Item: item, Quantity: len(serials), Serials: serials}}}
}

// received counts the serials starting with prefix, and checks that the
// register agrees with itself.
func received(t *testing.T, url, prefix string) int {
	t.Helper()
	s, err := postgres.Open(url, pgtest.Logger())
	require.NoError(t, err)
	defer s.Close()
	reg := core.New(s)
	page, err := reg.SearchSerials(core.SerialQuery{Text: prefix, Limit: 1})
	require.NoError(t, err)
	found, err := reg.Check()
	require.NoError(t, err)
	require.Empty(t, found)
	return page.Total
}

func sawOn(t *testing.T, url string) core.Item {
	t.Helper()
	s, err := postgres.Open(url, pgtest.Logger())
	require.NoError(t, err)
	defer s.Close()
	it, err := core.New(s).SaveItem(core.Item{No: "SAW", Name: "Saw", UseSerial: true})
	require.NoError(t, err)
	return it
}

// A counter killed (SIGKILL) in the middle of a 50,000-serial receipt:
// the receipt is whole or absent.
func TestKilledCounterLeavesTheReceiptWholeOrAbsent(t *testing.T) {
	if url := os.Getenv("SERIALDESK_BIG_RECEIPT_DB"); url != "" {
		bigReceiptChild(url, os.Getenv("SERIALDESK_BIG_RECEIPT_PREFIX"))
		return
	}
	if testing.Short() {
		t.Skip("receives 200,000 serials")
	}
	url := pgtest.NewDatabase(t)
	sawOn(t, url)
	// The receipt takes about 1.5 s here: killed before it starts writing,
	// while it writes, while it commits, and not at all.
	for round, after := range []time.Duration{100 * time.Millisecond, 700 * time.Millisecond, 1300 * time.Millisecond, time.Minute} {
		prefix := fmt.Sprintf("K%d", round)
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledCounterLeavesTheReceiptWholeOrAbsent$")
		cmd.Env = append(os.Environ(), "SERIALDESK_BIG_RECEIPT_DB="+url, "SERIALDESK_BIG_RECEIPT_PREFIX="+prefix)
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		require.NoError(t, cmd.Start())
		lines := bufio.NewScanner(out)
		require.True(t, lines.Scan(), "the counter starts: %s", stderr.String())
		require.Equal(t, "start", lines.Text())
		killed := time.AfterFunc(after, func() { cmd.Process.Kill() })
		done := lines.Scan() && strings.HasPrefix(lines.Text(), "done")
		killed.Stop()
		cmd.Wait()

		n := received(t, url, prefix)
		if done {
			assert.Equal(t, 50_000, n, "round %d: the counter saw it saved", round)
		} else {
			assert.Contains(t, []int{0, 50_000}, n, "round %d, killed after %s: whole or absent", round, after)
		}
		t.Logf("round %d: killed after %s: %d serials (saved: %v)", round, after, n, done)
	}
}

func bigReceiptChild(url, prefix string) {
	s, err := postgres.Open(url, pgtest.Logger())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	reg := core.New(s)
	it, err := reg.ItemByNo("SAW")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	rc := bigReceipt(it.ID, prefix)
	fmt.Println("start")
	saved, err := reg.ConfirmReceipt(rc)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("done", saved.Ref())
}

// The server stopped (as by a crash) in the middle of a 50,000-serial
// receipt: the receipt is whole or absent, and the counter is told in its
// words.
func TestServerStoppedInTheMiddleOfAReceipt(t *testing.T) {
	if testing.Short() {
		t.Skip("stops and starts a server of its own")
	}
	srv := pgtest.StartServer(t)
	url := srv.URL()
	it := sawOn(t, url)
	for round, after := range []time.Duration{300 * time.Millisecond, 1000 * time.Millisecond} {
		prefix := fmt.Sprintf("X%d", round)
		s, err := postgres.Open(url, pgtest.Logger())
		require.NoError(t, err)
		errc := make(chan error, 1)
		go func() {
			_, err := core.New(s).ConfirmReceipt(bigReceipt(it.ID, prefix))
			errc <- err
		}()
		time.Sleep(after)
		srv.Stop(t)
		err = <-errc
		s.Close()
		srv.Start(t)

		n := received(t, url, prefix)
		if err == nil {
			assert.Equal(t, 50_000, n, "round %d: saved before the stop", round)
		} else {
			assert.Contains(t, []int{0, 50_000}, n, "round %d: whole or absent", round)
			msg := core.English.Error(err)
			assert.Regexp(t, `^(Cannot reach|The connection to|The shop server)`, msg, "round %d: said in the user's words", round)
			// Stopped in the middle of the commit, the counter cannot know.
			assert.Regexp(t, `Nothing was saved\.|cannot tell whether it was saved`, msg)
			assert.Contains(t, msg, "the shop server 127.0.0.1")
		}
		t.Logf("round %d: stopped after %s: %d serials (%v)", round, after, n, err)
	}
}
