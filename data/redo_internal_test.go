package data

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// Whatever a crash or a bad disk leaves at the end of the redo log, opening
// it does not panic, and an operation appended after it is read back.
func FuzzRedoLog(f *testing.F) {
	head := redoHeader{}.encode()
	whole := append(append([]byte(nil), head...), encodeRedo(1, []redoEntry{{key: []byte{pItem, 1}, val: []byte("{}")}})...)
	f.Add(whole)
	f.Add(whole[:len(whole)-3])
	f.Add(append(append([]byte(nil), whole...), 0, 0, 1, 0, 9))
	f.Add(append(append([]byte(nil), head...), 0xff, 0xff, 0xff, 0xff))
	f.Add([]byte("not a log"))
	f.Add(append([]byte(redoMagic1), make([]byte, 16)...))
	f.Fuzz(func(t *testing.T, file []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, redoFile), file, 0o644); err != nil {
			t.Fatal(err)
		}
		sc, err := scanRedoFile(filepath.Join(dir, redoFile))
		if err != nil {
			return // damaged: refused, not read
		}
		r, _, err := openRedo(dir, sc, 0)
		if err != nil {
			t.Fatal(err)
		}
		next := r.seq + 1
		entry := redoEntry{key: []byte{pItem, 2}, val: binary.BigEndian.AppendUint64(nil, next)}
		if err := r.append(next, []redoEntry{entry}); err != nil {
			t.Fatal(err)
		}
		r.close()
		records, err := readLog(filepath.Join(dir, redoFile), next-1)
		if err != nil {
			t.Fatal(err)
		}
		if len(records) != 1 || records[0].seq != next || string(records[0].entries[0].val) != string(entry.val) {
			t.Fatalf("the appended record is not read back: %+v", records)
		}
	})
}

// A record that cannot be written whole leaves no half of it behind, and
// a log that cannot be written says so instead of writing further.
func TestFailedAppendLeavesTheLogWhole(t *testing.T) {
	dir := t.TempDir()
	r, _, err := openRedo(dir, redoScan{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	entry := []redoEntry{{key: []byte{pItem, 1}, val: []byte("{}")}}
	if err := r.append(1, entry); err != nil {
		t.Fatal(err)
	}
	end := r.end
	// A handle that cannot write, as a disk that refuses: the write fails,
	// and cutting back fails too.
	r.f.Close()
	if r.f, err = os.Open(r.path); err != nil {
		t.Fatal(err)
	}
	if err := r.append(2, entry); err == nil {
		t.Fatal("the append should fail")
	}
	if err := r.append(3, entry); err != errRedoClosed {
		t.Fatalf("a log that cannot be written refuses: %v", err)
	}
	info, err := os.Stat(r.path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() != end {
		t.Fatalf("the log is %d bytes, its whole records end at %d", info.Size(), end)
	}
	records, err := readLog(r.path, 0)
	if err != nil || len(records) != 1 || records[0].seq != 1 {
		t.Fatalf("records %+v, %v", records, err)
	}
}

// readLog reads a redo log's records after done.
func readLog(path string, done uint64) ([]redoRecord, error) {
	sc, err := scanRedoFile(path)
	if err != nil {
		return nil, err
	}
	return sc.readAfter(path, done)
}
