// Package sheets writes the register's serial lists as Excel workbooks, for
// owners to send to their accountant, manufacturer or insurer. It speaks
// the register's words (package core) and uses excelize; it knows nothing of
// Badger or Fyne.
package sheets
