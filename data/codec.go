package data

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"time"

	"serialdesk/core"
	"serialdesk/data/record"
)

// Serial records are the register's bulk (a million of them in a big
// dealership), so they are kept in a compact binary form rather than JSON:
// decoding JSON was most of the time an export spent. The first byte tells
// the forms apart; a record written as JSON (it starts with '{') is still
// read, and so are form 1, which did not say who entered a movement, and
// form 2, which had no return to the supplier and no warranty.
const (
	serialFormatNoBy       byte = 1
	serialFormatNoWarranty byte = 2
	serialFormat           byte = 3
)

// encodeSerial: format, item, serial, state, project, then received, sold,
// returned and to the supplier, each absent (0) or present (1) with date,
// document kind and number, party, amount and who entered it, then the
// warranty's end (see warrantyDay). Numbers are varints, text is
// length-prefixed.
func encodeSerial(rec core.Serial) ([]byte, error) {
	b := make([]byte, 0, 64+len(rec.Serial))
	b = append(b, serialFormat)
	b = binary.AppendUvarint(b, uint64(rec.Item))
	b = appendText(b, rec.Serial)
	b = append(b, byte(rec.State))
	b = binary.AppendUvarint(b, uint64(rec.Project))
	for _, m := range []*core.Movement{rec.Received, rec.Sold, rec.Returned, rec.ToSupplier} {
		if m == nil {
			b = append(b, 0)
			continue
		}
		date, err := m.Date.MarshalBinary()
		if err != nil {
			return nil, err
		}
		b = append(b, 1)
		b = appendText(b, string(date))
		b = append(b, byte(m.Doc.Kind))
		b = binary.AppendUvarint(b, uint64(m.Doc.ID))
		b = appendText(b, m.Party)
		b = binary.AppendVarint(b, int64(m.Amount))
		b = appendText(b, m.By)
	}
	return binary.AppendUvarint(b, uint64(warrantyDay(rec.Warranty))), nil
}

// warrantyDay is a warranty's end as the days since 1970 and one, so that
// 0 is no warranty: what the text index keeps for the finder too.
func warrantyDay(end time.Time) uint32 {
	if end.IsZero() {
		return 0
	}
	return uint32(core.Day(end).Unix()/86400) + 1
}

// warrantyEnd is the day warrantyDay stands for.
func warrantyEnd(day uint32) time.Time {
	if day == 0 {
		return time.Time{}
	}
	return time.Unix(int64(day-1)*86400, 0).UTC()
}

func appendText(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errDamagedSerial = errors.New("damaged serial record")

func decodeSerial(b []byte, rec *core.Serial) error {
	if len(b) > 0 && b[0] == '{' {
		var old record.Serial
		err := json.Unmarshal(b, &old)
		*rec = old.Core()
		return err
	}
	if len(b) == 0 || b[0] < serialFormatNoBy || b[0] > serialFormat {
		return errDamagedSerial
	}
	withBy := b[0] != serialFormatNoBy
	r := reader{b: b[1:]}
	*rec = core.Serial{Item: core.ItemID(r.uvarint()), Serial: r.text(), State: core.State(r.byte()), Project: core.ProjectNo(r.uvarint())}
	moves := []**core.Movement{&rec.Received, &rec.Sold, &rec.Returned, &rec.ToSupplier}
	if b[0] != serialFormat {
		moves = moves[:3]
	}
	for _, m := range moves {
		if r.byte() == 0 {
			continue
		}
		mv := &core.Movement{}
		if err := mv.Date.UnmarshalBinary([]byte(r.text())); err != nil && r.err == nil {
			r.err = err
		}
		mv.Doc = core.DocRef{Kind: core.DocKind(r.byte()), ID: core.DocID(r.uvarint())}
		mv.Party = r.text()
		mv.Amount = core.Money(r.varint())
		if withBy {
			mv.By = r.text()
		}
		*m = mv
	}
	if b[0] == serialFormat {
		rec.Warranty = warrantyEnd(uint32(r.uvarint()))
	}
	if r.err == nil && len(r.b) > 0 {
		r.err = errDamagedSerial
	}
	return r.err
}

// reader takes a record apart; after the first problem it reads zeros and
// keeps the error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail() { r.err, r.b = errDamagedSerial, nil }

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) uvarint() uint64 { return readNumber(r, binary.Uvarint) }
func (r *reader) varint() int64   { return readNumber(r, binary.Varint) }

func readNumber[N uint64 | int64](r *reader, decode func([]byte) (N, int)) N {
	v, n := decode(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) text() string { return string(r.bytes()) }

// bytes reads a length and that many bytes, without copying them.
func (r *reader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	b := r.b[:n:n]
	r.b = r.b[n:]
	return b
}
