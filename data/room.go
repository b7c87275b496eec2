package data

import (
	"errors"
	"math"
	"path/filepath"
	"strconv"

	"serialdesk/core"
)

// Badger writes through memory maps into files it makes at full length
// without taking their space on disk. When the disk fills up under one of
// those writes, the system stops the program (SIGBUS) rather than failing
// the write. So Serialdesk checks the room on the disk before it opens a
// register for writing and before every transaction, and keeps enough
// free for what Badger does on its own: a memtable written out as a table
// (up to 32 MB) and the compaction that follows, which rewrites up to the
// whole of a small register before it frees the old tables.
const (
	baseReserve = 64 << 20
	maxReserve  = 256 << 20
)

// ErrDiskFull is wrapped by the error of an operation refused for room.
var ErrDiskFull = errors.New("the disk is full")

// reserve is the room Badger keeps for its own work.
func (s *Store) reserve() int64 {
	_, wrote := s.Written()
	return min(baseReserve+s.size+wrote, maxReserve)
}

// room refuses to write bytes when the disk holding the register lacks
// the room for them and Badger's reserve. Where the room cannot be told,
// it lets the write go on.
func (s *Store) room(bytes int64) error {
	free, err := freeSpace(s.dir)
	if err != nil {
		s.log.WithError(err).Warn("cannot tell the free space on the disk")
		return nil
	}
	if need := s.reserve() + bytes; free < uint64(need) {
		return diskFullError(s.dir, free, uint64(need))
	}
	return nil
}

// diskFull is the error for a disk the redo log found full.
func (s *Store) diskFull(dir string) error {
	free, _ := freeSpace(dir)
	return diskFullError(dir, free, uint64(s.reserve()))
}

func diskFullError(dir string, free, need uint64) error {
	return &core.Error{Code: core.Conflict, Err: ErrDiskFull,
		Message: core.Say("The disk that holds {{.Folder}} is full ({{.Free}} free; Serialdesk needs {{.Needed}} to save safely). Make room on it and try again. Nothing was changed.", core.Values{"Folder": dir, "Free": bytesText(free), "Needed": bytesText(need)})}
}

// openedReadOnly is why a register opened on a full disk saves nothing:
// it stays so until Serialdesk is started again.
func openedReadOnly(full error) error {
	e := *full.(*core.Error)
	// The same values as diskFullError's, in the sentence for a register
	// that was opened read-only.
	e.Message = core.Say("The disk that holds {{.Folder}} is full ({{.Free}} free; Serialdesk needs {{.Needed}} to save safely), so the register was opened read-only. Make room on it and start again. Nothing was changed.", e.Message.Values)
	return &e
}

// cannotWrite is the error for a write in the data folder that failed.
func (s *Store) cannotWrite(err error) error {
	if isDiskFull(err) {
		return s.diskFull(s.dir)
	}
	return &core.Error{Code: core.Internal, Err: err, Message: core.Say("Serialdesk cannot write in its data folder {{.Folder}}: {{.Cause}}. Nothing was changed.", core.Values{"Folder": s.dir, "Cause": err.Error()})}
}

// bytesText says a size in words: "3 MB", "640 KB".
func bytesText(n uint64) core.Message {
	switch {
	case n >= 10<<20:
		return core.Say("{{.Count}} MB", core.Values{"Count": int(n >> 20)})
	case n >= 1<<20:
		tenths := int(math.Round(float64(n) * 10 / (1 << 20)))
		return core.Say("{{.Whole}}.{{.Tenth}} MB", core.Values{"Whole": tenths / 10, "Tenth": strconv.Itoa(tenths % 10)})
	}
	return core.Say("{{.Count}} KB", core.Values{"Count": int((n + 1023) >> 10)})
}

// DiskFull names a write that found the disk full, as a user would say it:
// err itself when it is not that. file is what could not be written ("" when
// not known).
func DiskFull(err error, file string) error {
	var e *core.Error
	if err == nil || !isDiskFull(err) || errors.As(err, &e) {
		return err
	}
	if file == "" {
		return &core.Error{Code: core.Conflict, Err: errors.Join(ErrDiskFull, err),
			Message: core.Say("The disk is full, so the file could not be written. Make room on it, or choose another disk, and try again.")}
	}
	free, _ := freeSpace(filepath.Dir(file))
	return &core.Error{Code: core.Conflict, Err: errors.Join(ErrDiskFull, err),
		Message: core.Say("The disk that holds {{.Folder}} is full ({{.Free}} free), so {{.File}} could not be written. Make room on it, or choose another disk, and try again.", core.Values{"Folder": filepath.Dir(file), "Free": bytesText(free), "File": filepath.Base(file)})}
}
