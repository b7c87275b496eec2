package data

import (
	"bytes"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBadgerLogsWarningsThroughLogrus(t *testing.T) {
	var out bytes.Buffer
	log := logrus.New()
	log.SetOutput(&out)
	s, err := Open(t.TempDir(), log)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	assert.NotContains(t, out.String(), `level=info msg="badger`, "Badger's chatter stays out of the log")
	assert.Contains(t, out.String(), `level=info msg="closing the register" bytes=0 keys=0`, "what the session wrote")

	l := badgerLogger{log}
	l.Warningf("value log %d is large\n", 3)
	l.Errorf("disk full")
	l.Infof("ignored")
	assert.Contains(t, out.String(), `level=warning msg="badger: value log 3 is large"`)
	assert.Contains(t, out.String(), `level=error msg="badger: disk full"`)
	assert.NotContains(t, out.String(), "ignored")
}
