// Package core is the serial-number register: items and their serial
// settings, goods receipts, orders, the brand/model registry, entities
// (individual items with a project number) and the views the screens show.
//
// Every rule of the product lives here. core imports no Fyne, no Badger and
// no excelize: storage is reached through the Store interface (store.go),
// which package data implements with Badger.
package core
