package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

func TestShopDetailsAreKeptAndChecked(t *testing.T) {
	reg := core.New(datatest.NewStore(t))
	shop, err := reg.Shop()
	require.NoError(t, err)
	assert.Zero(t, shop, "nothing until someone saves them")

	_, err = reg.SaveShop(core.Shop{Name: "Motor\u200b & Sag", Phone: "call us", Email: "post at motorsag"})
	problems := inEnglish(core.Problems(err))
	require.Len(t, problems, 3, "every problem at once: %v", err)
	shop, err = reg.Shop()
	require.NoError(t, err)
	assert.Zero(t, shop, "nothing saved")

	saved, err := reg.SaveShop(core.Shop{Name: "  Motor & Sag AS ", Address: "Storgata 1, 0155 Oslo", Phone: "+47 22 00 00 00",
		Email: "post@motorsag.no", OrgNo: "999 999 999 MVA"})
	require.NoError(t, err)
	assert.Equal(t, "Motor & Sag AS", saved.Name)
	shop, err = reg.Shop()
	require.NoError(t, err)
	assert.Equal(t, saved, shop)

	other := shop
	other.Phone = "+47 22 11 11 11"
	_, err = reg.SaveShop(other)
	require.NoError(t, err)
	shop.Name = "Motor og Sag AS"
	_, err = reg.SaveShop(shop)
	assert.Equal(t, core.Conflict, core.ErrorCode(err), "another counter changed them since they were read")
	now, err := reg.Shop()
	require.NoError(t, err)
	assert.Equal(t, "Motor & Sag AS", now.Name)
	assert.Equal(t, "+47 22 11 11 11", now.Phone)
}

// The shop's currency is a three-letter code, kept as capitals; none
// leaves the language's: NOK in Norwegian, none in English.
func TestTheShopsCurrency(t *testing.T) {
	reg := core.New(datatest.NewStore(t))
	saved, err := reg.SaveShop(core.Shop{Name: "Motor & Sag AS", Currency: " eur "})
	require.NoError(t, err)
	assert.Equal(t, "EUR", saved.Currency)
	assert.Equal(t, "EUR", saved.CurrencyIn(core.NorwegianFormats))
	assert.Equal(t, "NOK", core.Shop{}.CurrencyIn(core.NorwegianFormats))
	assert.Equal(t, "", core.Shop{}.CurrencyIn(core.EnglishFormats))

	saved.Currency = "kroner"
	_, err = reg.SaveShop(saved)
	requireProblems(t, err, core.Invalid, said{Reason: `the currency "KRONER" is not a currency code like NOK, SEK or EUR`})
}
