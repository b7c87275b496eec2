package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/datatest"
)

func TestPartyCards(t *testing.T) {
	s := newShop(t)
	jane, err := s.reg.SaveParty(core.Party{Kind: core.Customer, Name: "  Jane Doe ", Phone: "+47 900 00 000", Email: "jane@example.no"})
	require.NoError(t, err)
	assert.Equal(t, "Jane Doe", jane.Name)
	assert.Equal(t, "C-00001", jane.No, "a number is given")
	stihl, err := s.reg.SaveParty(core.Party{Kind: core.Supplier, Name: "Stihl Norge AS", No: "L-77", OrgNo: "912 345 678"})
	require.NoError(t, err)
	assert.Equal(t, "L-77", stihl.No, "a number typed is kept")

	_, err = s.reg.SaveParty(core.Party{Kind: core.Customer, Name: "", Email: "jane(at)example", Phone: "ring me"})
	assert.Equal(t, []said{
		{Reason: "the name is empty"},
		{Reason: "the e-mail jane(at)example is not an address like name@example.no"},
		{Reason: "the phone ring me has more than digits, spaces and + - ( )"},
	}, inEnglish(core.Problems(err)))
	_, err = s.reg.SaveParty(core.Party{Kind: core.Customer, Name: "JANE DOE"})
	assert.Equal(t, "There is already a customer Jane Doe (C-00001); give this one another name", core.English.Error(err))
	_, err = s.reg.SaveParty(core.Party{Kind: core.Customer, Name: "John", No: "c-00001"})
	assert.Equal(t, "Number C-00001 is already Jane Doe's", core.English.Error(err))
	same, err := s.reg.SaveParty(core.Party{Kind: core.Supplier, Name: "Jane Doe"})
	require.NoError(t, err, "a supplier may have a customer's name")
	assert.Equal(t, "S-00001", same.No)

	// Found by part of the name, the number or the phone's digits.
	for _, filter := range []string{"jane", "c-0000", "90000"} {
		found, err := s.reg.Parties(core.Customer, filter)
		require.NoError(t, err)
		require.Len(t, found, 1, filter)
		assert.Equal(t, jane.ID, found[0].ID)
	}

	// A second counter's change is not saved over.
	jane.Phone = "+47 911 11 111"
	_, err = s.reg.SaveParty(jane)
	require.NoError(t, err)
	jane.Address = "Storgata 1"
	_, err = s.reg.SaveParty(jane)
	assert.Equal(t, core.Conflict, core.ErrorCode(err))
}

// A document names its party: the one chosen, the one of the name typed,
// or a new one added on the spot; a counter sale may have none.
func TestDocumentsNameTheirParties(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996000001", "996000002", "996000003")
	heads, err := s.reg.Receipts()
	require.NoError(t, err)
	suppliers, err := s.reg.Parties(core.Supplier, "")
	require.NoError(t, err)
	require.Len(t, suppliers, 1, "the supplier typed is added to the register")
	assert.Equal(t, suppliers[0].ID, heads[0].SupplierID)

	o := s.sell(s.chainsaw, "996000001") // to Jane Doe, a new customer
	jane := o.CustomerID
	require.NotZero(t, jane)
	again, err := s.reg.SaveOrder(core.Order{Customer: " jane doe", Lines: []core.OrderLine{{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000002"}}}})
	require.NoError(t, err)
	assert.Equal(t, jane, again.CustomerID, "the same customer, however it is typed")
	assert.Equal(t, "Jane Doe", again.Customer, "spelled as the card")

	cash, err := s.reg.SaveOrder(core.Order{Lines: []core.OrderLine{{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000003"}}}})
	require.NoError(t, err)
	assert.Zero(t, cash.CustomerID, "a cash sale names no customer")
	customers, err := s.reg.Parties(core.Customer, "")
	require.NoError(t, err)
	assert.Len(t, customers, 1)

	_, err = s.reg.SaveOrder(core.Order{CustomerID: suppliers[0].ID, Lines: []core.OrderLine{{Item: s.bolts.ID, Quantity: 1}}})
	assert.Contains(t, core.English.Error(err), "is a supplier, not a customer")
	err = s.reg.DeleteParty(jane)
	assert.Equal(t, "Jane Doe (C-00001) stays: it is on 2 documents (the first SO-000001). Only a customer no document names can be deleted.", core.English.Error(err))
	nobody, err := s.reg.SaveParty(core.Party{Kind: core.Customer, Name: "Nobody"})
	require.NoError(t, err)
	require.NoError(t, s.reg.DeleteParty(nobody.ID))
}

// A party's page has its documents and every unit it bought, as each
// stands now, and the first open of an older register makes its names
// parties once, without changing anything else.
func TestAPartysPageAndTheNamesOfAnOlderRegister(t *testing.T) {
	s := newShop(t)
	s.receive(s.chainsaw, "996000001", "996000002")
	for _, o := range []core.Order{
		{Customer: "Ola Nordmann", Lines: []core.OrderLine{{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000001"}}}},
		{Customer: " ola nordmann ", Lines: []core.OrderLine{{Item: s.chainsaw.ID, Quantity: 1, Serials: []string{"996000002"}}, {Item: s.bolts.ID, Quantity: 2}}},
	} {
		_, err := s.reg.SaveOrder(o)
		require.NoError(t, err)
	}
	ola, err := s.reg.Parties(core.Customer, "ola")
	require.NoError(t, err)
	require.Len(t, ola, 1)
	page, err := s.reg.PartyPage(ola[0].ID, 0, 0)
	require.NoError(t, err)
	require.Len(t, page.Documents, 2)
	assert.Equal(t, "SO-000001", page.Documents[0].Ref.String())
	assert.Equal(t, 2, page.Total)
	assert.Equal(t, "996000001", page.Rows[0].Serial.Serial)
	assert.Equal(t, core.Sold, page.Rows[0].State)

	// A register from before parties: no cards, names on documents.
	for _, p := range append(ola, mustParties(t, s, core.Supplier)...) {
		_, err := s.reg.PartyPage(p.ID, 0, 0)
		require.NoError(t, err)
	}
	store := datatest.NewStore(t)
	fresh := newShopOn(t, store)
	fresh.receive(fresh.chainsaw, "996000001")
	datatest.BeforeParties(t, store)
	added, err := fresh.reg.AdoptParties()
	require.NoError(t, err)
	assert.Equal(t, 1, added)
	suppliers := mustParties(t, fresh, core.Supplier)
	require.Len(t, suppliers, 1)
	assert.Equal(t, "Husqvarna AB", suppliers[0].Name)
	page, err = fresh.reg.PartyPage(suppliers[0].ID, 0, 0)
	require.NoError(t, err)
	require.Len(t, page.Documents, 1, "found by its name")
	assert.Equal(t, 1, page.Total)
	added, err = fresh.reg.AdoptParties()
	require.NoError(t, err)
	assert.Zero(t, added, "only the first time")
	findings, err := fresh.reg.Check()
	require.NoError(t, err)
	assert.Empty(t, findings)
}

func mustParties(t *testing.T, s *shop, kind core.PartyKind) []core.Party {
	t.Helper()
	list, err := s.reg.Parties(kind, "")
	require.NoError(t, err)
	return list
}

// A number typed by hand that the register would give next is passed by,
// not a wall for every new customer after it.
func TestAGivenNumberPassesOneTypedByHand(t *testing.T) {
	s := newShop(t)
	_, err := s.reg.SaveParty(core.Party{Kind: core.Customer, Name: "Acme", No: "C-00001"})
	require.NoError(t, err)
	next, err := s.reg.SaveParty(core.Party{Kind: core.Customer, Name: "Bob"})
	require.NoError(t, err)
	assert.Equal(t, "C-00002", next.No)
	o, err := s.reg.SaveOrder(core.Order{Customer: "Jane Doe", Lines: []core.OrderLine{{Item: s.bolts.ID, Quantity: 1}}})
	require.NoError(t, err, "a new customer on an order gets the next free number too")
	customers := mustParties(t, s, core.Customer)
	require.Len(t, customers, 3)
	assert.NotZero(t, o.CustomerID)
}

// An older register's names, however spaced, become one card each; a card
// renamed later keeps its old documents, and so cannot be deleted.
func TestAdoptedNamesStayWithTheirCards(t *testing.T) {
	store := datatest.NewStore(t)
	s := newShopOn(t, store)
	for _, name := range []string{"Ola Nordmann", "ola  nordmann", " OLA NORDMANN "} {
		_, err := s.reg.SaveOrder(core.Order{Customer: name, Lines: []core.OrderLine{{Item: s.bolts.ID, Quantity: 1}}})
		require.NoError(t, err)
	}
	datatest.BeforeParties(t, store)
	_, err := s.reg.AdoptParties()
	require.NoError(t, err)
	customers := mustParties(t, s, core.Customer)
	require.Len(t, customers, 1, "one card, however the name was spaced")
	ola := customers[0]
	assert.Equal(t, "Ola Nordmann", ola.Name)

	ola.Name = "Ola Nordmann AS"
	_, err = s.reg.SaveParty(ola)
	require.NoError(t, err)
	page, err := s.reg.PartyPage(ola.ID, 0, 0)
	require.NoError(t, err)
	assert.Len(t, page.Documents, 3, "renamed, it keeps its old documents")
	assert.Error(t, s.reg.DeleteParty(ola.ID))
	again, err := s.reg.SaveOrder(core.Order{Customer: "ola nordmann", Lines: []core.OrderLine{{Item: s.bolts.ID, Quantity: 1}}})
	require.NoError(t, err)
	assert.Equal(t, ola.ID, again.CustomerID, "the old name still calls it")
}
