package datatest

import (
	"fmt"
	"os"
	"syscall"
	"testing"
)

// SmallDisk mounts a file system of the given size (a tmpfs) for a test
// and returns its folder; it is unmounted when the test ends. Mounting
// needs root, which CI has: there (CI set) a test that cannot mount
// fails, elsewhere it is skipped, saying why.
func SmallDisk(t testing.TB, megabytes int) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%dm", megabytes)); err != nil {
		cannotMount(t, err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// Fill takes the room on the disk that holds dir until only free bytes
// are left, and returns a function that gives it back.
func Fill(t testing.TB, dir string, free int64) (giveBack func()) {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	have := int64(st.Bavail) * st.Bsize
	if have <= free {
		return func() {}
	}
	f, err := os.CreateTemp(dir, "filler-*")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Fallocate(int(f.Fd()), 0, 0, have-free); err != nil {
		t.Fatalf("fill %s: %v", dir, err)
	}
	path := f.Name()
	return func() { os.Remove(path) }
}

// FillUp takes all the room on the disk that holds dir.
func FillUp(t testing.TB, dir string) (giveBack func()) {
	t.Helper()
	return Fill(t, dir, 0)
}
