//go:build !linux

package datatest

import (
	"errors"
	"testing"
)

// SmallDisk needs Linux's tmpfs; see disk_linux.go.
func SmallDisk(t testing.TB, megabytes int) string {
	cannotMount(t, errors.New("a small disk for tests is made with Linux's tmpfs"))
	return ""
}

// Fill: see disk_linux.go.
func Fill(t testing.TB, dir string, free int64) func() { return func() {} }

// FillUp: see disk_linux.go.
func FillUp(t testing.TB, dir string) func() { return func() {} }
