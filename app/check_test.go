package app

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data"
	"serialdesk/data/datatest"
)

func TestCheckCommand(t *testing.T) {
	dir := exampleDir(t)
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, Main([]string{"check", "--data", dir}, &stdout, &stderr), stderr.String())
	assert.Equal(t, "The register in "+dir+" is in order.\n", stdout.String())

	// A stock count that the documents do not back.
	store, err := data.Open(dir, datatest.Logger())
	require.NoError(t, err)
	reg := core.New(store)
	bolts, err := reg.ItemByNo("OIL-1L")
	require.NoError(t, err)
	require.NoError(t, store.Update(func(tx core.Tx) error {
		return tx.PutStock(bolts.ID, core.Stock{Purchased: 1})
	}))
	require.NoError(t, store.Close())

	stdout.Reset()
	assert.Equal(t, 1, Main([]string{"check", "--data", dir}, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "The register in "+dir+" has problems (1):\n  - item OIL-1L: stock says 1 purchased")
}

func TestCheckCommandWithoutARegister(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nothing here")
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, Main([]string{"check", "--data", dir}, &stdout, &stderr))
	assert.Equal(t, "serialdesk check: There is no register in "+dir+".\n", stderr.String())
	assert.NoDirExists(t, dir, "checking creates nothing")
}
