package data

import "github.com/dgraph-io/badger/v4"

// RawDB gives the benchmarks the Badger database under a store, for the
// baseline that writes to it without the register.
func RawDB(s *Store) *badger.DB { return s.db }
