package data

import "github.com/dgraph-io/badger/v4"

// RawDB gives the benchmarks the Badger database under a store, for the
// baseline that writes to it without the register.
func RawDB(s *Store) *badger.DB { return s.db }

// Keys, for tests that damage records on purpose.
var (
	ItemNoKey      = itemNoKey
	SerialKey      = serialKey
	SerialTextKey  = serialTextKey
	EventPrefix    = eventPrefix
	SeqKey         = func(seq string) []byte { return key(pSeq, seq) }
	UndoKey        = func(op uint64) []byte { return key(pUndo, op, uint32(0)) }
	ReceiptHeadKey = func(id uint64) []byte { return key(pReceiptHead, id) }
)

// OpenError and SetHeldOpen let a test give the error Windows gives for a file
// another program holds open.
var OpenError = openError

func SetHeldOpen(f func(error) bool) (restore func()) {
	was := heldOpen
	heldOpen = f
	return func() { heldOpen = was }
}

// SetRemoveFile lets a test refuse to delete files, as Windows refuses to
// delete a file Badger still has mapped.
func SetRemoveFile(f func(string) error) (restore func()) {
	was := removeFile
	removeFile = f
	return func() { removeFile = was }
}

// SetOpenBadger lets a test make Badger's open fail after it made files.
func SetOpenBadger(f func(badger.Options) (*badger.DB, error)) (restore func()) {
	was := openBadger
	openBadger = f
	return func() { openBadger = was }
}

// SetBeforeLogging lets a test fill the disk in the middle of an operation,
// after its room was checked and before the redo log takes it.
func SetBeforeLogging(f func()) (restore func()) {
	was := beforeLogging
	beforeLogging = f
	return func() { beforeLogging = was }
}
