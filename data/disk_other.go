//go:build !windows

package data

import (
	"errors"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// freeSpace is how many bytes a user may still write on the disk that
// holds path.
func freeSpace(path string) (uint64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(path, &st); err != nil {
		return 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}

// isDiskFull reports whether err is a write that found no room.
func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// lockForReading: Badger locks a folder it opens read-only itself (a
// shared lock) on these systems.
func lockForReading(string) (func(), error) { return func() {}, nil }

const badgerLocksReaders = true

// inUse reports whether another program holds the folder's lock, which
// Badger takes on the folder itself: the register is open there, and its
// files change under anyone who reads them.
func inUse(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_SH|unix.LOCK_NB); err != nil {
		return errors.Is(err, unix.EWOULDBLOCK)
	}
	unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return false
}
