// Package sheets writes the register's serial lists as Excel workbooks, for
// owners to send to their accountant, manufacturer or insurer, and reads a
// supplier's serial list or a shop's opening stock from one, within limits
// that refuse a zip bomb at once (scan.go). It speaks the register's words
// (package core), in the language of the shop (words.go), and uses
// excelize; it knows nothing of Badger or Fyne.
package sheets
