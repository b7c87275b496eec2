package data

import (
	"errors"
	"syscall"
)

// Windows refuses a file another program holds open without sharing it:
// a sync client (OneDrive), a backup program or a virus scanner.
const (
	errorSharingViolation syscall.Errno = 32
	errorLockViolation    syscall.Errno = 33
)

func heldByAnotherProgram(err error) bool {
	return errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation)
}
