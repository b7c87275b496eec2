package data

import (
	"maps"
	"path/filepath"
	"slices"

	"serialdesk/core"
)

// CheckFiles reads the files of the register in dir, changing nothing,
// and reports what is wrong with them (serialdesk check runs it before it
// opens the register read-only to check its records): whatever opening
// would refuse, a redo log that ends in a record a crash cut off, a
// missing DISCARD. exists is false when dir holds no register.
func CheckFiles(dir string) (found []core.Message, exists bool) {
	f, err := inspect(dir)
	if err != nil {
		return []core.Message{core.Told(err)}, true
	}
	if !f.register {
		return nil, false
	}
	var said []core.Message
	if f.redo.end < f.redo.size {
		said = append(said, core.Say("{{.RedoLog}} ends in {{.Bytes}} bytes of a record that was not written whole (after operation {{.Operation}}), as a crash while saving leaves it; "+
			"that operation was never saved, and opening the register drops it.", core.Values{"RedoLog": redoFile, "Bytes": int(f.redo.size - f.redo.end), "Operation": f.redo.last()}))
	}
	if f.noDiscard {
		said = append(said, core.Say("Badger's DISCARD file is missing or empty; opening the register makes a new one (it holds nothing of the register)."))
	}
	return said, true
}

// CheckTables checks every block of every table of the register in dir
// against its checksums, reading the files only: for a register that
// cannot be opened read-only (VerifyFiles checks an open one).
func CheckTables(dir string) []core.Message {
	f, err := inspect(dir)
	if err != nil {
		return nil // CheckFiles says why
	}
	var found []core.Message
	var c tableChecker
	for _, id := range slices.Sorted(maps.Keys(f.tables)) {
		name := tableFileName(id)
		c.compression = f.tables[id].Compression
		if err := c.checkFile(filepath.Join(dir, name)); err != nil {
			found = append(found, core.Say("{{.File}} is damaged: {{.Cause}}.", core.Values{"File": name, "Cause": core.Reason(err)}))
		}
	}
	return found
}
