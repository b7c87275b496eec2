//go:build faulttest

package data

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The table check, run over and over while Badger compacts under it, never
// reports damage that is not there (make faulttest). It once did: Badger
// cuts a compacted table's file to nothing before removing it.
func TestFaultTableCheckDuringCompaction(t *testing.T) {
	log := logrus.New()
	log.SetOutput(io.Discard)
	s, err := Open(t.TempDir(), log)
	require.NoError(t, err)
	defer s.Close()
	var stop atomic.Bool
	var wg sync.WaitGroup
	var checks atomic.Int64
	var alarms []error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			checks.Add(1)
			if err := s.VerifyFiles(); err != nil {
				alarms = append(alarms, err)
			}
		}
	}()
	for round := range 30 {
		wb := s.db.NewWriteBatch()
		for i := range 100_000 {
			require.NoError(t, wb.Set(fmt.Appendf(nil, "k%02d-%08d", round%7, i), make([]byte, 40)))
		}
		require.NoError(t, wb.Flush())
	}
	require.NoError(t, s.db.Flatten(2))
	stop.Store(true)
	wg.Wait()
	t.Logf("%d checks during compaction", checks.Load())
	assert.Empty(t, alarms)
}
