package data

import (
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
)

// WriteFile writes a file whole or not at all: into a temporary file beside
// it, synced to disk and renamed over it, so that a crash or a full disk
// never leaves half a file under its name. The file gets the permissions of
// any file the user saves (the umask's), not a temporary file's 0600, so
// that a workbook for the accountant is readable by whoever may read the
// folder.
func WriteFile(path string, write func(io.Writer) error) error {
	f, err := createBeside(path)
	if err != nil {
		return DiskFull(err, path)
	}
	tmp := f.Name()
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return DiskFull(err, path)
	}
	return syncDir(filepath.Dir(path))
}

// createBeside creates a new file with a random name in path's folder, as
// os.CreateTemp does but with 0666 for the umask to take from.
func createBeside(path string) (f *os.File, err error) {
	prefix := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".")
	for range 100 {
		f, err = os.OpenFile(prefix+strconv.FormatUint(uint64(rand.Uint32()), 36), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	return f, err
}

// syncDir makes a rename in dir durable. Windows keeps names with the
// file's own flush and cannot sync a folder.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
