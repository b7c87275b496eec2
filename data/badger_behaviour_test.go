package data

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/stretchr/testify/require"
)

// Why changes backups are the redo log's records (changes.go) and not
// Badger's backup since a version: once compaction has dropped a deleted
// key's tombstone with its old value, that backup leaves the deletion out,
// and a restore of the whole backup and the one since brings the key back.
// Should Badger change this, this test fails, and the choice can be looked
// at again.
func TestBadgerBackupSinceAVersionBringsADeletedKeyBack(t *testing.T) {
	db, err := badger.Open(badger.DefaultOptions(t.TempDir()).WithLogger(nil))
	require.NoError(t, err)
	defer db.Close()
	require.NoError(t, db.Update(func(txn *badger.Txn) error { return txn.Set([]byte("serial"), []byte("in stock")) }))
	var whole bytes.Buffer
	since, err := db.Backup(&whole, 0)
	require.NoError(t, err)
	require.NoError(t, db.Update(func(txn *badger.Txn) error { return txn.Delete([]byte("serial")) }))
	require.NoError(t, db.Update(func(txn *badger.Txn) error { return txn.Set([]byte("other"), []byte("x")) }))
	require.NoError(t, db.DropPrefix([]byte("none"))) // writes the memtable out
	require.NoError(t, db.Flatten(1))
	var changes bytes.Buffer
	_, err = db.Backup(&changes, since+1)
	require.NoError(t, err)

	restored, err := badger.Open(badger.DefaultOptions(t.TempDir()).WithLogger(nil))
	require.NoError(t, err)
	defer restored.Close()
	require.NoError(t, restored.Load(&whole, 16))
	require.NoError(t, restored.Load(&changes, 16))
	err = restored.View(func(txn *badger.Txn) error { _, err := txn.Get([]byte("serial")); return err })
	require.False(t, errors.Is(err, badger.ErrKeyNotFound), "the deleted key is back")
}

// A kill in the instant after Badger makes a memtable's or a value log's
// file and before it sizes it leaves the file empty, and Badger then
// refuses to open the register: it takes its own "new file" signal for an
// error. The crash test met it once (kill 21 of a run). Opening removes
// such a file, which holds nothing, before Badger opens the folder (see
// folder.empty).
func TestBadgerRefusesAnEmptyFile(t *testing.T) {
	for _, name := range []string{"00005.mem", "000005.vlog"} {
		dir := t.TempDir()
		db, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
		require.NoError(t, err)
		require.NoError(t, db.Close())
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), nil, 0o644))
		_, err = badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
		require.ErrorContains(t, err, "Create a new file", "Badger refuses an empty %s", name)
	}
}
