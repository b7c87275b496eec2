package core_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// northAmericanCheckDigit is the VIN check digit worked out here from the
// table of the rule, apart from the code under test.
func northAmericanCheckDigit(t *testing.T, vin string) byte {
	t.Helper()
	values := map[byte]int{
		'A': 1, 'B': 2, 'C': 3, 'D': 4, 'E': 5, 'F': 6, 'G': 7, 'H': 8,
		'J': 1, 'K': 2, 'L': 3, 'M': 4, 'N': 5, 'P': 7, 'R': 9,
		'S': 2, 'T': 3, 'U': 4, 'V': 5, 'W': 6, 'X': 7, 'Y': 8, 'Z': 9,
	}
	for d := byte('0'); d <= '9'; d++ {
		values[d] = int(d - '0')
	}
	weights := []int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}
	require.Len(t, vin, len(weights))
	sum := 0
	for i, w := range weights {
		v, ok := values[vin[i]]
		require.True(t, ok, "%s: character %d", vin, i+1)
		sum += v * w
	}
	if sum%11 == 10 {
		return 'X'
	}
	return byte('0' + sum%11)
}

func TestCheckVIN(t *testing.T) {
	tests := []struct {
		vin, reason string
	}{
		{vin: "1M8GDM9AXKP042788"},
		{vin: "1HGCM82633A004352"},
		{vin: "5YJ3E1EA7KF317000"},
		{vin: "WVWZZZ1JZXW000001"}, // no check digit, still a VIN
		{vin: "1M8GDM9AXKP04278", reason: "a VIN has 17 characters; this has 16"},
		{vin: "1M8GDM9AXKP0427888", reason: "a VIN has 17 characters; this has 18"},
		{vin: "", reason: "a VIN has 17 characters; this has 0"},
		{vin: strings.Repeat("A", 10000), reason: "a VIN has 17 characters; this has 10,000"},
		{vin: "1M8GDM9AXKP04278Ä", reason: "character 17 'Ä' (U+00C4) is not allowed in a VIN; use letters and digits"},
		{vin: "IM8GDM9AXKP042788", reason: "character 1 is I; a VIN never has I, O or Q (I is read as 1)"},
		{vin: "1M8GOM9AXKP042788", reason: "character 5 is O; a VIN never has I, O or Q (O is read as 0)"},
		{vin: "1M8GDM9AQKP042788", reason: "character 9 is Q; a VIN never has I, O or Q (Q is read as 0)"},
		{vin: "1M8GDM9AXKP04278O", reason: "character 17 is O; a VIN never has I, O or Q (O is read as 0)"},
		{vin: "1M-GDM9AXKP042788", reason: `character 3 '-' is not allowed in a VIN; use letters and digits`},
		{vin: "1M8GDM9AXKP 42788", reason: "character 12 (a space) is not allowed in a VIN; use letters and digits"},
	}
	for _, tt := range tests {
		err := core.CheckVIN(tt.vin)
		if tt.reason == "" {
			assert.NoError(t, err, tt.vin)
			continue
		}
		require.Error(t, err, tt.vin)
		assert.Equal(t, tt.reason, err.Error(), "VIN %q", tt.vin)
		assert.Equal(t, core.Invalid, core.ErrorCode(err))
	}
}

func TestVINCheckDigit(t *testing.T) {
	tests := []struct {
		vin     string
		carries bool
		warning string
	}{
		{vin: "1M8GDM9AXKP042788", carries: true}, // the classic example: X
		{vin: "1HGCM82633A004352", carries: true},
		{vin: "JHMCM56557C404453", carries: true},
		{vin: "11111111111111111", carries: true},
		// Often quoted as a Tesla VIN, but its check digit works out to 2.
		{vin: "5YJ3E1EA7KF317000", warning: "position 9 is 7, the North American check digit would be 2; accept it if the car was made for Europe, where VINs need not carry one"},
		{vin: "1M8GDM9A5KP042788", warning: "position 9 is 5, the North American check digit would be X; accept it if the car was made for Europe, where VINs need not carry one"},
		{vin: "WVWZZZ1JZXW000001", warning: "position 9 is Z, the North American check digit would be 0; accept it if the car was made for Europe, where VINs need not carry one"},
	}
	for _, tt := range tests {
		want := northAmericanCheckDigit(t, tt.vin)
		assert.Equal(t, tt.carries, tt.vin[8] == want, "%s: the test's own check digit is %c", tt.vin, want)

		got, ok := core.VINCheckDigit(tt.vin)
		assert.Equal(t, string(want), string(got), tt.vin)
		assert.Equal(t, tt.carries, ok, tt.vin)
		assert.Equal(t, tt.warning, core.VINWarning(tt.vin).String(), tt.vin)
	}
	assert.Equal(t, byte('X'), northAmericanCheckDigit(t, "1M8GDM9AXKP042788"), "the classic example's check digit is X")
}

func TestNoVINNoCheckDigit(t *testing.T) {
	for _, vin := range []string{"", "1M8GDM9AXKP04278", "1M8GDM9AQKP042788", "1M-GDM9AXKP042788"} {
		got, ok := core.VINCheckDigit(vin)
		assert.Zero(t, got, vin)
		assert.False(t, ok, vin)
		assert.Empty(t, core.VINWarning(vin), vin)
	}
}
