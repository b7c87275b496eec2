package core_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

// Careless and hostile input through the calls the screens make: each gets
// a clear message and changes nothing, or is stored exactly as the rules
// say. None panics.
func TestHostileInput(t *testing.T) {
	s := newShop(t)
	drill, err := s.reg.SaveItem(core.Item{No: "DRILL", Name: "Drill", UseSerial: true, RequireAtPurchase: true})
	require.NoError(t, err)
	long := strings.Repeat("9", 10_000)
	receive := func(serial string) func() error {
		return func() error {
			_, err := s.reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: drill.ID, Quantity: 1, Serials: []string{serial}}}})
			return err
		}
	}
	receiveQty := func(qty int) func() error {
		return func() error {
			_, err := s.reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: s.bolts.ID, Quantity: qty}}})
			return err
		}
	}
	fromSupplier := func(supplier string) func() error {
		return func() error {
			_, err := s.reg.ConfirmReceipt(core.Receipt{Supplier: supplier, Lines: []core.ReceiptLine{{Item: s.bolts.ID, Quantity: 1}}})
			return err
		}
	}
	item := func(no, name string) func() error {
		return func() error { _, err := s.reg.SaveItem(core.Item{No: no, Name: name}); return err }
	}
	refused := []struct {
		name string
		do   func() error
		want string
	}{
		{"empty serial", receive(""), "DRILL Drill needs a serial for every unit: 0 of 1 entered"},
		{"serial of spaces", receive("   "), "DRILL Drill needs a serial for every unit: 0 of 1 entered"},
		{"serial of 10,000 characters", receive(long), "longer than the 64 characters a serial may have"},
		{"serial with a control character", receive("SN\a1"), "character 3 (control character U+0007) is not allowed"},
		{"serial with a tab inside", receive("SN\t1"), "character 3 (control character U+0009) is not allowed"},
		{"serial with a right-to-left override", receive("\u202eSN1"), `serial "\u202eSN1": character 1 '\u202e' (U+202E) is not allowed`},
		{"serial with a zero-width space", receive("SN\u200b1"), "character 3 '\\u200b' (U+200B) is not allowed"},
		{"serial in Arabic digits", receive("١٢٣"), "character 1 '١' (U+0661) is not allowed"},
		{"serial with a dotless i", receive("ıd-1"), "character 1 'ı' (U+0131) is not allowed"},
		{"serial starting with =", receive("=1+1"), "character 1 '=' is not allowed"},
		{"serial starting with +", receive("+31"), "character 1 '+' is not allowed"},
		{"serial starting with @", receive("@SUM"), "character 1 '@' is not allowed"},
		{"quantity 0", receiveQty(0), "the quantity must be at least 1"},
		{"negative quantity", receiveQty(-3), "the quantity must be at least 1"},
		{"quantity of 10 million", receiveQty(10_000_000), "a quantity of 10,000,000 is more than one line can hold (1,000,000)"},
		{"supplier of 10,000 characters", fromSupplier(long), "The supplier has 10,000 characters, at most 200 are allowed"},
		{"supplier with a control character", fromSupplier("ACME\x00"), "The supplier: character 5 (control character U+0000) is not allowed"},
		{"supplier with a zero-width joiner", fromSupplier("AC\u200dME"), "The supplier: character 3 '\\u200d' (U+200D) is not allowed"},
		{"supplier with a direction mark", fromSupplier("\u200fACME"), "The supplier: character 1 '\\u200f' (U+200F) is not allowed"},
		{"empty item number", item("", "Saw"), "the item number is empty"},
		{"item number of spaces", item("   ", "Saw"), "the item number is empty"},
		{"item number of 10,000 characters", item(long, "Saw"), "the item number has 10,000 characters, at most 40 are allowed"},
		{"item name with a byte-order mark", item("SAW", "\ufeffSaw"), "the name: character 1 '\\ufeff' (U+FEFF) is not allowed"},
		{"item name of spaces", item("SAW", " \t "), "the name is empty"},
		{"pattern with a space", func() error {
			_, err := s.reg.SaveItem(core.Item{No: "SAW", Name: "Saw", UseSerial: true, Pattern: "99 6"})
			return err
		}, "pattern character 3 (a space) is not allowed"},
		{"pattern of 10,000 characters", func() error {
			_, err := s.reg.SaveItem(core.Item{No: "SAW", Name: "Saw", UseSerial: true, Pattern: long})
			return err
		}, "the pattern has 10,000 characters; a serial has at most 64"},
		{"customer with a control character", func() error {
			_, err := s.reg.SaveOrder(core.Order{Customer: "Jane\x1bDoe", Lines: []core.OrderLine{{Item: s.bolts.ID, Quantity: 1}}})
			return err
		}, "The customer: character 5 (control character U+001B) is not allowed"},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			before := snapshotOf(t, s.reg)
			var err error
			require.NotPanics(t, func() { err = c.do() })
			require.Error(t, err)
			assert.Contains(t, core.English.Error(err), c.want)
			assert.Equal(t, before, snapshotOf(t, s.reg), "a refused input changes nothing")
		})
	}

	t.Run("text that looks like a formula is kept as typed", func(t *testing.T) {
		for _, party := range []string{"=HYPERLINK(\"http://x\")", "+31 20 123", "-minus", "@home", "شركة الأمل", "עברית"} {
			rc, err := s.reg.ConfirmReceipt(core.Receipt{Supplier: party, Lines: []core.ReceiptLine{{Item: s.bolts.ID, Quantity: 1}}})
			require.NoError(t, err)
			got, err := s.reg.Receipt(rc.ID)
			require.NoError(t, err)
			assert.Equal(t, party, got.Supplier)
		}
	})
	t.Run("a serial starting with - is a serial", func(t *testing.T) {
		require.NoError(t, receive(" -12/a.b_c ")())
		rec, ok := s.serial(drill, "-12/A.B_C")
		require.True(t, ok, "trimmed and upper-cased, as the rules say")
		assert.Equal(t, core.InStock, rec.State)
	})
	t.Run("a serial of exactly 64 characters", func(t *testing.T) {
		require.NoError(t, receive(strings.Repeat("a", 64))())
		_, ok := s.serial(drill, strings.Repeat("A", 64))
		assert.True(t, ok)
	})
	t.Run("pattern *** on an item holding longer serials", func(t *testing.T) {
		s.receive(s.chainsaw, "996AAAAA1")
		saw := s.chainsaw
		saw.Pattern = "***"
		saw, err := s.reg.SaveItem(saw)
		require.NoError(t, err, "the pattern is for serials still to come")
		_, err = s.reg.ConfirmReceipt(core.Receipt{Lines: []core.ReceiptLine{{Item: saw.ID, Quantity: 1, Serials: []string{"996AAAAA2"}}}})
		require.Error(t, err)
		assert.Contains(t, core.English.Error(err), "9 characters, the pattern *** needs 3")
		s.sell(saw, "996AAAAA1") // a unit already registered can still be sold
		rec, _ := s.serial(saw, "996AAAAA1")
		assert.Equal(t, core.Sold, rec.State)
	})
	t.Run("searching for anything", func(t *testing.T) {
		for _, text := range []string{"", "   ", long, "\x00", "\u202e", "%", "*", "=1+1"} {
			require.NotPanics(t, func() {
				_, err := s.reg.SearchSerials(core.SerialQuery{Text: text, Limit: 10})
				assert.NoError(t, err, "%q", text)
			})
		}
	})
	t.Run("amounts", func(t *testing.T) {
		for _, text := range []string{"=1", "1e9", long, "12,50,3", "\u0661", "-"} {
			require.NotPanics(t, func() {
				_, err := core.ParseMoney(text)
				assert.Error(t, err, "%q", text)
			})
		}
	})

	found, err := s.reg.Check()
	require.NoError(t, err)
	assert.Empty(t, found)
}

// snapshotOf is what the lists show: enough to see that nothing changed.
func snapshotOf(t *testing.T, reg *core.Register) [3]int {
	t.Helper()
	items, err := reg.Items("")
	require.NoError(t, err)
	receipts, err := reg.Receipts()
	require.NoError(t, err)
	orders, err := reg.Orders()
	require.NoError(t, err)
	return [3]int{len(items), len(receipts), len(orders)}
}
