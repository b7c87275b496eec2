// Package data keeps the register's records (package core) in Badger, a
// key-value store embedded in the program. keys.go documents the key layout;
// store.go opens the store and runs operations; journal.go makes operations
// that are too large for one Badger transaction all-or-nothing.
//
// data imports core and Badger; it knows nothing of Fyne or excelize.
package data
