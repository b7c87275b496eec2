// Package paper prints the register's papers as PDF files, which the
// system's viewer prints or saves (Fyne cannot print): a sales slip for an
// order, the list of a goods receipt, barcode labels for units, and a stock
// list to count the shelves by. It speaks the register's words (package
// core) in the language it is given (a core.Speaker: its words, dates and
// amounts, and the shop's currency), draws with go-pdf/fpdf and encodes
// barcodes with boombuler/barcode; it knows nothing of Badger or Fyne.
package paper
