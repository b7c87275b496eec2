package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// A car's serial is its VIN: 17 characters without I, O or Q; a check
// digit that is not the North American one is a warning, never a refusal.
func TestVINsAreCheckedAndTheirCheckDigitWarned(t *testing.T) {
	s := newShop(t)
	car, err := s.reg.SaveItem(core.Item{No: "CAR", Name: "Used car", UseSerial: true, VIN: true})
	require.NoError(t, err)

	rc := core.Receipt{Lines: []core.ReceiptLine{{Item: car.ID, Quantity: 4,
		Serials: []string{"1m8gdm9axkp042788", "WVWZZZ1JZXW000001", "WVWZZZ1JZXWO00001", "1HGCM82633A00435"}}}}
	warnings, err := s.reg.CheckReceipt(rc)
	assert.Equal(t, []said{
		{Line: 1, Serial: "WVWZZZ1JZXWO00001", Reason: "character 12 is O; a VIN never has I, O or Q (O is read as 0)"},
		{Line: 1, Serial: "1HGCM82633A00435", Reason: "a VIN has 17 characters; this has 16"},
	}, inEnglish(core.Problems(err)))
	assert.Equal(t, []said{{Line: 1, Serial: "WVWZZZ1JZXW000001", Reason: core.VINWarning("WVWZZZ1JZXW000001").String()}}, inEnglish(warnings))
	assert.Contains(t, warnings[0].Reason.String(), "accept it if the car was made for Europe")
	_, err = s.reg.ConfirmReceipt(rc)
	require.Error(t, err)
	heads, err := s.reg.Receipts()
	require.NoError(t, err)
	assert.Empty(t, heads, "a refused receipt changes nothing")

	// Accepted: the European VIN is received with the warning, and not
	// questioned again when the car is sold.
	rc.Lines[0].Quantity, rc.Lines[0].Serials = 2, rc.Lines[0].Serials[:2]
	_, err = s.reg.ConfirmReceipt(rc)
	require.NoError(t, err)
	warnings, err = s.reg.CheckOrder(core.Order{Lines: []core.OrderLine{{Item: car.ID, Quantity: 1, Serials: []string{"WVWZZZ1JZXW000001"}}}})
	require.NoError(t, err)
	assert.Empty(t, warnings)
}

func TestAVINRuleIsNotAPattern(t *testing.T) {
	s := newShop(t)
	_, err := s.reg.SaveItem(core.Item{No: "CAR", Name: "Car", VIN: true, Pattern: "WVW**************"})
	assert.Equal(t, []said{
		{Reason: "VIN needs Use serial number: the VIN is the unit's serial"},
		{Reason: "a VIN has its own rule; clear the pattern, or turn VIN off"},
	}, inEnglish(core.Problems(err)))
}

// A GS1 code scanned into a serial row gives the serial it carries, and
// must be of the item when the card has a GTIN.
func TestGS1CodesGiveTheirSerial(t *testing.T) {
	s := newShop(t)
	drill, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true, GTIN: "9501101020917"})
	require.NoError(t, err)
	assert.Equal(t, "09501101020917", drill.GTIN, "kept as GTIN-14")

	const gs = "\x1d"
	rc, err := s.reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: 3, Serials: []string{
		"]d2010950110102091717270101" + "21dr0001",
		"(01)09501101020917(21)DR0002",
		"0109501101020917" + "21DR0003" + gs + "10LOT7",
	}}}})
	require.NoError(t, err)
	assert.Equal(t, []string{"DR0001", "DR0002", "DR0003"}, rc.Lines[0].Serials)

	_, err = s.reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: 3, Serials: []string{
		"(01)04006381333931(21)DR0009",
		"(01)09501101020917(17)270101",
		"DR0004",
	}}}})
	assert.Equal(t, []said{
		{Line: 1, Serial: "(01)04006381333931(21)DR0009", Reason: "the scanned GS1 code is of GTIN 04006381333931, but DRILL Drill has GTIN 09501101020917"},
		{Line: 1, Serial: "(01)09501101020917(17)270101", Reason: "the GS1 code has no serial (AI 21); scan the barcode that carries the serial"},
	}, inEnglish(core.Problems(err)))

	// A card without a GTIN takes any item's code, by its serial.
	saw := s.chainsaw
	rc, err = s.reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: saw.ID, Quantity: 1, Serials: []string{"(01)04006381333931(21)996000123"}}}})
	require.NoError(t, err)
	assert.Equal(t, []string{"996000123"}, rc.Lines[0].Serials)
	row, err := saw.ReadSerial("(01)04006381333931(21)996000124")
	require.NoError(t, err)
	assert.Equal(t, "996000124", row)

	// Scanned to sell, or into the search, the code is its serial too.
	unit, err := s.reg.UnitToSell("]d2010950110102091721DR0002")
	require.NoError(t, err)
	assert.Equal(t, "DR0002", unit.Serial.Serial)
	found, err := s.reg.SearchSerials(core.SerialQuery{Text: "(01)09501101020917(21)DR0003"})
	require.NoError(t, err)
	require.Equal(t, 1, found.Total)
	assert.Equal(t, "DR0003", found.Rows[0].Serial.Serial)
}

func TestAGTINOnTheCardIsChecked(t *testing.T) {
	s := newShop(t)
	_, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", GTIN: "9501101020918"})
	require.Len(t, inEnglish(core.Problems(err)), 1)
	assert.Contains(t, inEnglish(core.Problems(err))[0].Reason, "check digit")
}
