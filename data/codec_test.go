package data

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func sampleSerial() core.Serial {
	day := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	return core.Serial{Item: 300, Serial: "ÆØÅ-0012", State: core.Returned, Project: 70_001,
		Received:   &core.Movement{Date: day, Doc: core.DocRef{Kind: core.ReceiptDoc, ID: 1}, Party: "Husqvarna Nordic AB", Amount: 385_00, By: "kari@COUNTER-2"},
		Sold:       &core.Movement{Date: day.AddDate(0, 0, 2).In(time.FixedZone("", 2*3600)), Doc: core.DocRef{Kind: core.OrderDoc, ID: 1 << 40}, Party: "=cmd", Amount: -1},
		Returned:   &core.Movement{Date: day.AddDate(0, 1, 0), Doc: core.DocRef{Kind: core.OrderDoc, ID: 1 << 40}},
		ToSupplier: &core.Movement{Date: day.AddDate(0, 2, 0), Doc: core.DocRef{Kind: core.SupplierReturnDoc, ID: 3}, Party: "Husqvarna Nordic AB", By: "ola@WORKSHOP"},
		Warranty:   day.AddDate(2, 0, 0)}
}

func TestSerialRecordsComeBackAsWritten(t *testing.T) {
	for _, rec := range []core.Serial{sampleSerial(), {Item: 1, Serial: "A", State: core.InStock}} {
		b, err := encodeSerial(rec)
		require.NoError(t, err)
		var back core.Serial
		require.NoError(t, decodeSerial(b, &back))
		assert.Equal(t, rec.Serial, back.Serial)
		assert.Equal(t, rec.Project, back.Project)
		assert.True(t, rec.Warranty.Equal(back.Warranty), "warranty %v came back as %v", rec.Warranty, back.Warranty)
		for i, pair := range [][2]*core.Movement{{rec.Received, back.Received}, {rec.Sold, back.Sold}, {rec.Returned, back.Returned}, {rec.ToSupplier, back.ToSupplier}} {
			if pair[0] == nil {
				assert.Nil(t, pair[1], "movement %d", i)
				continue
			}
			require.NotNil(t, pair[1], "movement %d", i)
			assert.True(t, pair[0].Date.Equal(pair[1].Date), "movement %d date", i)
			_, off0 := pair[0].Date.Zone()
			_, off1 := pair[1].Date.Zone()
			assert.Equal(t, off0, off1, "movement %d keeps its offset", i)
			assert.Equal(t, pair[0].Doc, pair[1].Doc)
			assert.Equal(t, pair[0].Party, pair[1].Party)
			assert.Equal(t, pair[0].Amount, pair[1].Amount)
			assert.Equal(t, pair[0].By, pair[1].By)
		}
	}
}

// Records of the first binary forms, which did not say who entered a
// movement or had no warranty, are still read.
func TestSerialRecordsOfTheFirstFormAreRead(t *testing.T) {
	rec := core.Serial{Item: 1, Serial: "A", State: core.Returned,
		Returned: &core.Movement{Date: time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), Doc: core.DocRef{Kind: core.OrderDoc, ID: 5}, Party: "Jane", Amount: 7}}
	b, err := encodeSerial(rec)
	require.NoError(t, err)
	// The second form is this one without the last two bytes: no return
	// to the supplier (0) and no warranty (0); the first is without the
	// byte before too: the empty name of who entered the return.
	second := append([]byte{serialFormatNoWarranty}, b[1:len(b)-2]...)
	first := append([]byte{serialFormatNoBy}, b[1:len(b)-3]...)
	for _, old := range [][]byte{first, second} {
		var back core.Serial
		require.NoError(t, decodeSerial(old, &back))
		assert.Equal(t, rec.Returned.Party, back.Returned.Party)
		assert.Equal(t, rec.Returned.Amount, back.Returned.Amount)
		assert.Empty(t, back.Returned.By)
		assert.True(t, back.Warranty.IsZero())
	}
}

// Records written as JSON before the binary form are still read.
func TestSerialRecordsWrittenAsJSONAreRead(t *testing.T) {
	rec := sampleSerial()
	b, err := json.Marshal(rec)
	require.NoError(t, err)
	var back core.Serial
	require.NoError(t, decodeSerial(b, &back))
	assert.Equal(t, rec.Serial, back.Serial)
	assert.Equal(t, rec.Sold.Party, back.Sold.Party)
}

func TestDamagedSerialRecordsAreRefused(t *testing.T) {
	b, err := encodeSerial(sampleSerial())
	require.NoError(t, err)
	for n := range len(b) {
		var back core.Serial
		assert.Error(t, decodeSerial(b[:n], &back), "cut after %d bytes", n)
	}
	var back core.Serial
	assert.Error(t, decodeSerial(append(b, 0), &back), "a byte too many")
	assert.Error(t, decodeSerial([]byte{9, 1, 2}, &back), "an unknown form")
}

func FuzzDecodeSerial(f *testing.F) {
	b, err := encodeSerial(sampleSerial())
	require.NoError(f, err)
	f.Add(b)
	f.Add([]byte(`{"Item":1,"Serial":"A","State":1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var rec core.Serial
		if decodeSerial(b, &rec) != nil || b[0] == '{' {
			return
		}
		again, err := encodeSerial(rec)
		require.NoError(t, err)
		var back core.Serial
		require.NoError(t, decodeSerial(again, &back), "what was read is written and read again")
		assert.Equal(t, rec.Serial, back.Serial)
	})
}
