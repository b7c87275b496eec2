package data

import (
	"errors"
	"fmt"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// freeSpace is how many bytes a user may still write on the disk that
// holds path.
func freeSpace(path string) (uint64, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return 0, err
	}
	var free, total, totalFree uint64
	if err := windows.GetDiskFreeSpaceEx(p, &free, &total, &totalFree); err != nil {
		return 0, err
	}
	return free, nil
}

// isDiskFull reports whether err is a write that found no room.
func isDiskFull(err error) bool {
	return errors.Is(err, windows.ERROR_DISK_FULL) || errors.Is(err, windows.ERROR_HANDLE_DISK_FULL)
}

// lockForReading takes the folder's lock the way Badger does for a writer
// (a file nobody else may open, removed when closed): Badger cannot lock a
// folder it opens read-only on Windows, so that open bypasses its lock.
func lockForReading(dir string) (func(), error) {
	path := filepath.Join(dir, "LOCK")
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := windows.CreateFile(p, 0, 0, nil, windows.OPEN_ALWAYS,
		windows.FILE_ATTRIBUTE_TEMPORARY|windows.FILE_FLAG_DELETE_ON_CLOSE, 0)
	if err != nil {
		// Worded as Badger's, which isLocked recognises.
		return nil, fmt.Errorf("Cannot create lock file %q.  Another process is using this Badger database: %w", path, err)
	}
	return func() { windows.CloseHandle(h) }, nil
}

const badgerLocksReaders = false

// inUse reports whether another program holds the folder's lock (Badger's
// LOCK file, which nobody else may open while it is held): the register is
// open there, and its files change under anyone who reads them.
func inUse(dir string) bool {
	p, err := windows.UTF16PtrFromString(filepath.Join(dir, "LOCK"))
	if err != nil {
		return false
	}
	// Asking for no access at all would not meet Badger's share mode.
	h, err := windows.CreateFile(p, windows.GENERIC_READ, 0, nil, windows.OPEN_EXISTING, 0, 0)
	if err != nil {
		return errors.Is(err, windows.ERROR_SHARING_VIOLATION)
	}
	windows.CloseHandle(h)
	return false
}
