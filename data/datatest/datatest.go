// Package datatest opens real stores in temporary directories for tests.
package datatest

import (
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4/fb"
	"github.com/sirupsen/logrus"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/postgres/pgtest"
)

// Logger is a logger that keeps tests quiet.
func Logger() *logrus.Logger {
	log := logrus.New()
	log.SetOutput(io.Discard)
	return log
}

// MustOpen opens a store in dir, or in a new temporary directory when dir
// is empty, and closes it when the test ends.
func MustOpen(t testing.TB, dir string) *data.Store {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	s, err := data.Open(dir, Logger())
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// NewRegister is a register on a fresh store of the engine under test:
// Badger, or PostgreSQL when SERIALDESK_TEST_ENGINE is "postgres" (make
// test runs the register's tests on both).
func NewRegister(t testing.TB) *core.Register {
	t.Helper()
	return core.New(NewStore(t))
}

// NewStore is a fresh store of the engine under test.
func NewStore(t testing.TB) core.Store {
	t.Helper()
	switch engine := os.Getenv("SERIALDESK_TEST_ENGINE"); engine {
	case "", "badger":
		return MustOpen(t, "")
	case "postgres":
		return pgtest.Open(t)
	default:
		t.Fatalf("SERIALDESK_TEST_ENGINE=%q: the engines are badger and postgres", engine)
		return nil
	}
}

// DamageTableBlock overwrites the middle of the first block of a table file
// in dir that has more than one: opening never reads that block (it reads
// a table's index and its last block), so the register opens and only a
// check of every block finds the damage.
func DamageTableBlock(t testing.TB, dir string) {
	t.Helper()
	tables, err := filepath.Glob(filepath.Join(dir, "*.sst"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range tables {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var first fb.BlockOffset
		index := tableIndex(b)
		if index == nil || index.OffsetsLength() < 2 || !index.Offsets(&first, 0) {
			continue
		}
		start, n := int(first.Offset()), int(first.Len())
		for i := start + n/4; i < start+n*3/4; i++ {
			b[i] ^= 0x5a
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("no table file in %s has more than one block", dir)
}

// tableIndex reads a table file's index from its footer, laid out as
// Badger writes it: index, its length, checksum, the checksum's length.
func tableIndex(b []byte) *fb.TableIndex {
	end := len(b) - 4
	if end < 0 {
		return nil
	}
	end -= int(binary.BigEndian.Uint32(b[end:])) + 4
	if end < 0 {
		return nil
	}
	start := end - int(binary.BigEndian.Uint32(b[end:]))
	if start < 0 {
		return nil
	}
	return fb.GetRootAsTableIndex(b[start:end], 0)
}

// DamageFile overwrites the middle of the first file in dir whose name has
// the suffix, as a failing disk would.
func DamageFile(t testing.TB, dir, suffix string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), suffix) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(path)
		if err != nil || len(b) == 0 {
			t.Fatalf("read %s: %v (%d bytes)", path, err, len(b))
		}
		for i := len(b) / 4; i < len(b)*3/4; i++ {
			b[i] ^= 0x5a
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("no %s file in %s", suffix, dir)
}

// cannotMount stops a test that needs a small disk it cannot have: in CI
// (which runs as root and must run it) it fails, elsewhere it is skipped.
func cannotMount(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("cannot mount a small file system for this test (CI runs as root and must run it): %v", err)
	}
	t.Skipf("needs root to mount a small file system (CI runs it): %v", err)
}

// BeforeParties turns a register into one a Serialdesk from before
// customers and suppliers were kept left: no cards, and documents that
// name theirs by name alone.
func BeforeParties(t testing.TB, store core.Store) {
	t.Helper()
	err := store.Update(func(tx core.Tx) error {
		parties, err := tx.Parties()
		if err != nil {
			return err
		}
		for _, p := range parties {
			if err := tx.DeleteParty(p.ID); err != nil {
				return err
			}
		}
		orders, err := tx.OrderHeads()
		if err != nil {
			return err
		}
		for _, h := range orders {
			o, err := tx.Order(h.ID)
			if err != nil {
				return err
			}
			o.CustomerID = 0
			if err := tx.PutOrder(o); err != nil {
				return err
			}
		}
		receipts, err := tx.ReceiptHeads()
		if err != nil {
			return err
		}
		for _, h := range receipts {
			rc, err := tx.Receipt(h.ID)
			if err != nil {
				return err
			}
			rc.SupplierID = 0
			if err := tx.PutReceipt(rc); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("making the register one from before parties: %v", err)
	}
}

// English is messages as English says them, for tests to compare.
func English(ms []core.Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.String()
	}
	return out
}
