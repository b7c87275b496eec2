// Package datatest opens real stores in temporary directories for tests.
package datatest

import (
	"io"
	"testing"

	"github.com/sirupsen/logrus"

	"serialdesk/core"
	"serialdesk/data"
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

// NewRegister is a register on a fresh store.
func NewRegister(t testing.TB) *core.Register {
	t.Helper()
	return core.New(MustOpen(t, ""))
}
