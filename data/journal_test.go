package data

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// smallStore is a store whose transactions hold only a few entries, so that
// small operations go through the journal.
func smallStore(t *testing.T, dir string) *Store {
	t.Helper()
	log := logrus.New()
	log.SetOutput(io.Discard)
	s, err := Open(dir, log)
	require.NoError(t, err)
	s.whole = budget{count: 10, size: 1 << 20}
	s.chunk = s.whole
	return s
}

// read returns the values of keys, "-" for a missing key, and how many
// journal entries are left.
func read(t *testing.T, s *Store, keys ...string) ([]string, int) {
	t.Helper()
	var out []string
	journal := 0
	require.NoError(t, s.View(func(ctx core.Tx) error {
		k := ctx.(*tx).kv
		for _, key := range keys {
			v, err := k.get([]byte(key))
			switch {
			case core.ErrorCode(err) == core.NotFound:
				out = append(out, "-")
			case err != nil:
				return err
			default:
				out = append(out, string(v))
			}
		}
		for _, p := range []byte{pUndo, pDone} {
			if err := k.scan([]byte{p}, true, func(_, _ []byte) error { journal++; return nil }); err != nil {
				return err
			}
		}
		return nil
	}))
	return out, journal
}

// seed writes a and b, which the operations below overwrite and delete.
func seed(t *testing.T, s *Store) {
	require.NoError(t, s.Update(func(ctx core.Tx) error {
		k := ctx.(*tx).kv
		if err := k.set([]byte("a"), []byte("old a")); err != nil {
			return err
		}
		return k.set([]byte("b"), []byte("old b"))
	}))
}

// bigWrite overwrites a, deletes b and writes 100 new keys.
func bigWrite(k *kv) error {
	if err := k.set([]byte("a"), []byte("new a")); err != nil {
		return err
	}
	if err := k.del([]byte("b")); err != nil {
		return err
	}
	for i := range 100 {
		if err := k.set(fmt.Appendf(nil, "n%03d", i), []byte("new")); err != nil {
			return err
		}
	}
	return k.set([]byte("a"), []byte("newer a"))
}

var probe = []string{"a", "b", "n000", "n099"}

func TestJournaledOperationLandsWhole(t *testing.T) {
	s := smallStore(t, t.TempDir())
	defer s.Close()
	seed(t, s)
	require.NoError(t, s.Update(func(ctx core.Tx) error { return bigWrite(ctx.(*tx).kv) }))
	got, journal := read(t, s, probe...)
	assert.Equal(t, []string{"newer a", "-", "new", "new"}, got)
	assert.Zero(t, journal, "the journal is cleared")
}

func TestJournaledOperationRollsBackOnError(t *testing.T) {
	s := smallStore(t, t.TempDir())
	defer s.Close()
	seed(t, s)
	failure := errors.New("the last check failed")
	err := s.Update(func(ctx core.Tx) error {
		if err := bigWrite(ctx.(*tx).kv); err != nil {
			return err
		}
		return failure
	})
	require.ErrorIs(t, err, failure)
	got, journal := read(t, s, probe...)
	assert.Equal(t, []string{"old a", "old b", "-", "-"}, got)
	assert.Zero(t, journal)
}

// crash runs bigWrite through the journal and stops the store dead, before
// the operation finishes: no rollback, no cleanup.
func crash(t *testing.T, s *Store, markDone bool) {
	t.Helper()
	j := newJournal(s.chunk)
	k := &kv{s: s, txn: s.db.NewTransaction(true), journal: j}
	require.NoError(t, bigWrite(k))
	require.NotZero(t, j.chunk, "some chunks were written before the crash")
	if markDone {
		require.NoError(t, j.flush(k, true))
	}
	k.txn.Discard()
	require.NoError(t, s.db.Close())
}

// A crash before the done marker rolls the operation back on the next
// open; a crash after it keeps the operation. Either way the journal is
// cleared.
func TestCrashIsFinishedOnOpen(t *testing.T) {
	for _, tt := range []struct {
		markDone bool
		want     []string
	}{
		{false, []string{"old a", "old b", "-", "-"}},
		{true, []string{"newer a", "-", "new", "new"}},
	} {
		dir := t.TempDir()
		s := smallStore(t, dir)
		seed(t, s)
		crash(t, s, tt.markDone)

		s = smallStore(t, dir)
		got, journal := read(t, s, probe...)
		assert.Equal(t, tt.want, got, "marked done: %v", tt.markDone)
		assert.Zero(t, journal)
		require.NoError(t, s.Close())
	}
}

func TestUndoRecordRoundTrip(t *testing.T) {
	var rec []byte
	rec = appendUndo(rec, []byte("k1"), []byte("v1"), true)
	rec = appendUndo(rec, []byte("k2"), nil, false)
	rec = appendUndo(rec, []byte("k3"), []byte{}, true)
	var got []string
	require.NoError(t, readUndo(rec, func(k, v []byte, present bool) error {
		got = append(got, fmt.Sprintf("%s=%s/%v", k, v, present))
		return nil
	}))
	assert.Equal(t, []string{"k1=v1/true", "k2=/false", "k3=/true"}, got)
	assert.Error(t, readUndo(rec[:len(rec)-3], func(_, _ []byte, _ bool) error { return nil }), "a cut record is refused")
}

func TestBudgetCountsEntriesAndBytes(t *testing.T) {
	k := &kv{s: &Store{whole: budget{count: 10, size: 1000}}}
	assert.False(t, k.over([]byte("k"), []byte("v")))
	k.count = 9
	assert.True(t, k.over([]byte("k"), []byte("v")), "the tenth entry does not fit")
	k.count = 0
	assert.True(t, k.over([]byte("k"), make([]byte, 1000)), "nor a thousand bytes")
}

func TestConfirmedWorkIsSyncedToDisk(t *testing.T) {
	s := smallStore(t, t.TempDir())
	defer s.Close()
	assert.True(t, s.db.Opts().SyncWrites, "every commit waits for the disk")
}
