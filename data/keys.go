package data

import (
	"encoding/binary"

	"serialdesk/core"
)

// Key layout. Every key starts with one byte naming the record kind or
// index; integers are 8-byte big-endian so that keys sort by number; text is
// stored as is, ended by 0x00 where more follows (serials, item numbers and
// parameter values cannot contain 0x00). Index entries with nothing to say
// have empty values and are scanned key-only.
//
//	0x01 seq      <name>                                  → uint64 last number handed out
//	0x02 item     <item id>                               → record.Item (JSON)
//	0x03 item no  <ITEM NO upper-cased>                   → item id
//	0x04 model    → item <model id>                       → item id (one item per model)
//	0x05 stock    <item id>                               → record.Stock (JSON)
//	0x06 serial   <item id><serial>                       → serial record (codec.go; JSON before)
//	0x07 by text  <serial>0x00<item id>                   → state (1 byte), then the warranty's end
//	                                                        (4 bytes, see warrantyDay) if it has one:
//	                                                        what the finder (finder.go) loads to search serials
//	0x08 retired: was <item id><state><serial>; the finder answers by state
//	0x09 event    <item id><serial>0x00<unix ns><n>       → record.Event (JSON), in time order; n counts
//	                                                        the store's events, so none overwrites another
//	0x0a receipt  <doc id>                                → record.Receipt (JSON)
//	0x0b order    <doc id>                                → record.Order (JSON)
//	0x0c brand    <brand id>                              → record.Brand (JSON)
//	0x0d model    <model id>                              → record.Model (JSON)
//	0x0e entity   <project no>                            → record.Entity (JSON)
//	0x0f param    <model id><param lower>0x00<VALUE>0x00<project no> → empty
//	0x10 undo     <operation id><chunk uint32>            → old values (journal.go)
//	0x11 done     <operation id>                          → empty: the operation committed
//	0x12 receipt head <doc id>                            → record.ReceiptHead (JSON): the list, without lines
//	0x13 order head   <doc id>                            → record.OrderHead (JSON)
//	0x14 applied                                          → uint64: the last operation in the redo
//	                                                        log that Badger holds (redo.go)
//	0x15 note     <item id><serial>0x00<unix ns><n>       → record.Event (JSON): a service note, also under
//	                                                        0x09; the notes are read here without the history
//	0x16 supplier return <doc id>                         → record.SupplierReturn (JSON)
//	0x17 supplier return head <doc id>                    → record.SupplierReturnHead (JSON)
//	0x18 party    <party id>                              → record.Party (JSON): a customer or supplier
//	0x19 shop                                             → record.Shop (JSON): the shop's details for its papers
//
// Retired prefixes stay reserved: never reuse a byte for another meaning.
const (
	pSeq byte = iota + 1
	pItem
	pItemNo
	pModelItem
	pStock
	pSerial
	pSerialText
	_ // 0x08, retired
	pEvent
	pReceipt
	pOrder
	pBrand
	pModel
	pEntity
	pParam
	pUndo
	pDone
	pReceiptHead
	pOrderHead
	_ // 0x14, applied (redo.go)
	pNote
	pSupplierReturn
	pSupplierReturnHead
	pParty
	pShop
)

// key builds a key from a prefix and parts: uint64 and uint32 parts are
// written big-endian, strings as bytes, a byte as itself.
func key(prefix byte, parts ...any) []byte {
	k := []byte{prefix}
	for _, p := range parts {
		switch v := p.(type) {
		case uint64:
			k = binary.BigEndian.AppendUint64(k, v)
		case uint32:
			k = binary.BigEndian.AppendUint32(k, v)
		case string:
			k = append(k, v...)
		case byte:
			k = append(k, v)
		default:
			panic("data: unsupported key part")
		}
	}
	return k
}

func itemKey(id core.ItemID) []byte      { return key(pItem, uint64(id)) }
func itemNoKey(no string) []byte         { return key(pItemNo, core.ItemNoKey(no)) }
func modelItemKey(m core.ModelID) []byte { return key(pModelItem, uint64(m)) }
func stockKey(id core.ItemID) []byte     { return key(pStock, uint64(id)) }
func serialKey(id core.ItemID, serial string) []byte {
	return key(pSerial, uint64(id), serial)
}
func serialTextKey(id core.ItemID, serial string) []byte {
	return key(pSerialText, serial, byte(0), uint64(id))
}
func eventPrefix(id core.ItemID, serial string) []byte {
	return key(pEvent, uint64(id), serial, byte(0))
}
func receiptKey(id core.DocID) []byte    { return key(pReceipt, uint64(id)) }
func orderKey(id core.DocID) []byte      { return key(pOrder, uint64(id)) }
func brandKey(id core.BrandID) []byte    { return key(pBrand, uint64(id)) }
func modelKey(id core.ModelID) []byte    { return key(pModel, uint64(id)) }
func entityKey(no core.ProjectNo) []byte { return key(pEntity, uint64(no)) }
func paramPrefix(m core.ModelID, param, value string) []byte {
	name, val := core.ParamKey(param, value)
	return key(pParam, uint64(m), name, byte(0), val, byte(0))
}
func paramKey(m core.ModelID, p core.Param, no core.ProjectNo) []byte {
	return append(paramPrefix(m, p.Name, p.Value), key(0, uint64(no))[1:]...)
}

// lastUint64 reads the number that ends a key.
func lastUint64(k []byte) uint64 { return binary.BigEndian.Uint64(k[len(k)-8:]) }
