package data

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// WriteFile writes a file whole or not at all: into a temporary file beside
// it, synced to disk and renamed over it, so that a crash or a full disk
// never leaves half a file under its name.
func WriteFile(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
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
