package core

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
)

// PartyID identifies a customer or a supplier.
type PartyID uint64

// PartyKind tells customers from suppliers.
type PartyKind uint8

const (
	Customer PartyKind = iota + 1
	Supplier
)

func (k PartyKind) String() string {
	return map[PartyKind]string{Customer: "customer", Supplier: "supplier"}[k]
}

// say is the message of the kind: each kind's is a sentence of its own,
// as a language may say "the customer" and "the supplier" differently.
func (k PartyKind) say(customer, supplier string, values ...Values) Message {
	if k == Supplier {
		return Say(supplier, values...)
	}
	return Say(customer, values...)
}

// sayError is an error whose message is the kind's (say).
func (k PartyKind) sayError(code Code, customer, supplier string, values ...Values) *Error {
	return &Error{Code: code, Message: k.say(customer, supplier, values...)}
}

// numberPrefix starts the numbers the register gives: C-00001, S-00001.
func (k PartyKind) numberPrefix() string {
	return map[PartyKind]string{Customer: "C-", Supplier: "S-"}[k]
}

func (k PartyKind) sequence() Sequence {
	return map[PartyKind]Sequence{Customer: SeqCustomer, Supplier: SeqSupplier}[k]
}

// Party is a customer or a supplier of the shop.
type Party struct {
	ID      PartyID
	Kind    PartyKind
	No      string // the customer or supplier number; unique among its kind in any case
	Name    string
	OrgNo   string // organisation number
	Phone   string
	Email   string
	Address string
	Note    string
	// OldNames are the names the documents from before the register kept
	// customers and suppliers call it by: they stay its documents when the
	// card is renamed.
	OldNames []string
	LastChange
}

// Label is how a party is named in lists: "Ola Nordmann (C-00001)".
func (p Party) Label() string { return p.Name + " (" + p.No + ")" }

// partyKey is what a party's name is matched by: any case and any
// spacing, so that " ola  nordmann" on an old order is Ola Nordmann.
func partyKey(name string) string { return strings.ToUpper(strings.Join(strings.Fields(name), " ")) }

// called reports whether the party goes by name: its own, or one its old
// documents use.
func (p Party) called(name string) bool {
	key := partyKey(name)
	return key == partyKey(p.Name) || slices.ContainsFunc(p.OldNames, func(old string) bool { return partyKey(old) == key })
}

// book is the register's customers and suppliers, read once for an
// operation that looks up many (making an older register's names
// parties reads it once, not once a document).
type book struct{ all []Party }

func readBook(tx Tx) (*book, error) {
	all, err := tx.Parties()
	return &book{all: all}, err
}

// named is the party of this kind a name calls.
func (b *book) named(kind PartyKind, name string) (Party, bool) {
	for _, p := range b.all {
		if p.Kind == kind && p.called(name) {
			return p, true
		}
	}
	return Party{}, false
}

// clash is what keeps p from being stored: another of its kind with its
// number or its name.
func (b *book) clash(p Party) error {
	for _, o := range b.all {
		switch {
		case o.ID == p.ID || o.Kind != p.Kind:
		case partyKey(o.No) == partyKey(p.No):
			return errorf(Conflict, "number {{.Number}} is already {{.Name}}'s", Values{"Number": o.No, "Name": o.Name})
		case o.called(p.Name):
			return p.Kind.sayError(Conflict, "there is already a customer {{.Name}} ({{.Number}}); give this one another name",
				"there is already a supplier {{.Name}} ({{.Number}}); give this one another name", Values{"Name": o.Name, "Number": o.No})
		}
	}
	return nil
}

// numberTaken reports whether a party of the kind has the number.
func (b *book) numberTaken(kind PartyKind, no string) bool {
	return slices.ContainsFunc(b.all, func(o Party) bool { return o.Kind == kind && partyKey(o.No) == partyKey(no) })
}

// keep takes in a party just stored.
func (b *book) keep(p Party) {
	for i, o := range b.all {
		if o.ID == p.ID {
			b.all[i] = p
			return
		}
	}
	b.all = append(b.all, p)
}

// Holds reports whether the party's name, number or phone holds text, in
// any case: what the suggestions as you type look in.
func (p Party) Holds(text string) bool {
	text = partyKey(text)
	digits := onlyDigits(text)
	return strings.Contains(partyKey(p.Name), text) || strings.Contains(partyKey(p.No), text) ||
		(digits != "" && strings.Contains(onlyDigits(p.Phone), digits))
}

// Numbered reports whether text is the party's number or phone, typed
// whole: what a counter types to mean that very party.
func (p Party) Numbered(text string) bool {
	digits := onlyDigits(text)
	return partyKey(text) == partyKey(p.No) || (len(digits) >= 6 && digits == onlyDigits(p.Phone))
}

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// checkParty cleans a party card and lists everything wrong with it.
func checkParty(in Party) (Party, error) {
	var problems problemList
	p := in
	cleanFields(&problems, []textField{{Say("the name"), &p.Name, MaxTextLength}, {Say("the number"), &p.No, MaxItemNoLength},
		{Say("the organisation number"), &p.OrgNo, 40}, {Say("the phone"), &p.Phone, 40}, {Say("the e-mail"), &p.Email, MaxTextLength},
		{Say("the address"), &p.Address, MaxTextLength}, {Say("the note"), &p.Note, MaxTextLength}})
	if p.Kind != Customer && p.Kind != Supplier {
		problems.add(0, "", "choose whether it is a customer or a supplier")
	}
	if p.Name == "" {
		problems.add(0, "", "the name is empty")
	}
	checkContact(&problems, p.Email, p.Phone)
	return p, problems.errAs(p.Kind.say("The customer card has a problem; nothing was saved.", "The supplier card has a problem; nothing was saved."),
		p.Kind.say("The customer card has {{.Count}} problems; nothing was saved.", "The supplier card has {{.Count}} problems; nothing was saved."))
}

// checkContact adds what is wrong with an e-mail address and a phone
// number, either of which may be empty.
func checkContact(problems *problemList, email, phone string) {
	if email != "" {
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email || !strings.Contains(email, ".") {
			problems.add(0, "", "the e-mail {{.Email}} is not an address like name@example.no", Values{"Email": Echo(email)})
		}
	}
	if phone != "" && strings.ContainsFunc(phone, func(r rune) bool { return !strings.ContainsRune("0123456789 +-()./", r) }) {
		problems.add(0, "", "the phone {{.Phone}} has more than digits, spaces and + - ( )", Values{"Phone": Echo(phone)})
	}
}

// SaveParty adds a customer or supplier (ID 0) or changes one. A number
// left empty is given (C-00001, S-00001); a number or a name another of
// the same kind has is refused.
func (r *Register) SaveParty(in Party) (Party, error) {
	p, err := checkParty(in)
	if err != nil {
		return Party{}, err
	}
	return write(r, func(tx Tx) (Party, error) {
		b, err := readBook(tx)
		if err != nil {
			return p, err
		}
		return r.putParty(tx, b, p)
	})
}

// putParty stores a checked party card; a new one without a number gets
// the next its kind has free (one typed by hand may have taken it).
func (r *Register) putParty(tx Tx, b *book, p Party) (Party, error) {
	if p.ID != 0 {
		stored, err := tx.Party(p.ID)
		if isNotFound(err) {
			return p, p.Kind.sayError(NotFound, "the customer was not found; it may have been deleted", "the supplier was not found; it may have been deleted")
		} else if err != nil {
			return p, err
		}
		if err := sameRevision(stored.Kind.say("The customer card {{.Number}}", "The supplier card {{.Number}}", Values{"Number": stored.No}), stored.LastChange, p.LastChange); err != nil {
			return p, err
		}
		p.Kind, p.LastChange, p.OldNames = stored.Kind, stored.LastChange, stored.OldNames
	} else {
		id, err := tx.NextID(SeqParty)
		if err != nil {
			return p, err
		}
		p.ID = PartyID(id)
		for given := p.No == ""; given && (p.No == "" || b.numberTaken(p.Kind, p.No)); {
			n, err := tx.NextID(p.Kind.sequence())
			if err != nil {
				return p, err
			}
			p.No = fmt.Sprintf("%s%05d", p.Kind.numberPrefix(), n)
		}
	}
	if p.No == "" {
		return p, p.Kind.sayError(Invalid, "the number is empty; every customer keeps one", "the number is empty; every supplier keeps one")
	}
	if err := b.clash(p); err != nil {
		return p, err
	}
	r.change(&p.LastChange, r.now())
	b.keep(p)
	return p, tx.PutParty(p)
}

// Parties lists the customers or the suppliers whose name, number or phone
// holds filter (all for ""), by name.
func (r *Register) Parties(kind PartyKind, filter string) ([]Party, error) {
	return read(r, func(tx Tx) ([]Party, error) {
		all, err := tx.Parties()
		var out []Party
		for _, p := range all {
			if p.Kind == kind && p.Holds(filter) {
				out = append(out, p)
			}
		}
		slices.SortFunc(out, func(a, b Party) int { return strings.Compare(partyKey(a.Name), partyKey(b.Name)) })
		return out, err
	})
}

// Party returns one customer or supplier.
func (r *Register) Party(id PartyID) (Party, error) {
	return read(r, func(tx Tx) (Party, error) {
		p, err := tx.Party(id)
		return p, notFoundAs(err, "the customer or supplier was not found")
	})
}

// DeleteParty removes a customer or supplier that no document names: one
// with documents stays, so that their history stays whole.
func (r *Register) DeleteParty(id PartyID) error {
	return change(r, func(tx Tx) error {
		p, err := tx.Party(id)
		if err != nil {
			return notFoundAs(err, "the customer or supplier was not found")
		}
		docs, err := partyDocuments(tx, p)
		if err != nil {
			return err
		}
		if len(docs) > 0 {
			values := Values{"Name": p.Label(), "Doc": docs[0].Ref, "Documents": Count(len(docs), "1 document", "{{.Count}} documents")}
			return p.Kind.sayError(Conflict, "{{.Name}} stays: it is on {{.Documents}} (the first {{.Doc}}). Only a customer no document names can be deleted.",
				"{{.Name}} stays: it is on {{.Documents}} (the first {{.Doc}}). Only a supplier no document names can be deleted.", values)
		}
		return tx.DeleteParty(id)
	})
}

// party is the party a document names: the one chosen (id), else the one
// of that name, found in any case; ok is false when the name is new, to be
// added to the register when the document is saved. No name is no party:
// a cash sale.
func party(tx Tx, kind PartyKind, id PartyID, name string) (p Party, ok bool, err error) {
	if id != 0 {
		p, err = tx.Party(id)
		if isNotFound(err) {
			return p, false, kind.sayError(NotFound, "the customer was not found; it may have been deleted. Choose another.", "the supplier was not found; it may have been deleted. Choose another.")
		} else if err != nil {
			return p, false, err
		}
		if p.Kind != kind {
			return p, false, kind.sayError(Invalid, "{{.Name}} is a supplier, not a customer", "{{.Name}} is a customer, not a supplier", Values{"Name": p.Label()})
		}
		return p, true, nil
	}
	if strings.TrimSpace(name) == "" {
		return Party{}, false, nil
	}
	b, err := readBook(tx)
	if err != nil {
		return p, false, err
	}
	p, ok = b.party(kind, name)
	return p, ok, nil
}

// party is the party of this kind a name calls; ok is false for a new
// name, as it will be written on a new card.
func (b *book) party(kind PartyKind, name string) (Party, bool) {
	if p, ok := b.named(kind, name); ok {
		return p, true
	}
	return Party{Kind: kind, Name: strings.Join(strings.Fields(name), " ")}, false
}

// linkParty puts a document's party in id and name, as a check sees it:
// the one chosen or named; a new name stays as typed, with id 0.
func linkParty(tx Tx, kind PartyKind, id *PartyID, name *string) error {
	p, ok, err := party(tx, kind, *id, *name)
	if err != nil {
		return err
	}
	*id = p.ID
	if ok {
		*name = p.Name
	}
	return nil
}

// partyOf links a document being saved to its party: the one chosen or
// named, added to the register when the name is new. The document keeps
// the party's name as it is on the day. The receipts an opening-stock
// import makes name no supplier of the shop.
func (r *Register) partyOf(tx Tx, kind PartyKind, id PartyID, name string) (PartyID, string, error) {
	p, ok, err := party(tx, kind, id, name)
	if err != nil || p.Name == "" || p.Name == openingReference {
		return 0, name, err
	}
	if !ok {
		if p, err = checkParty(p); err != nil {
			return 0, "", err
		}
		b, err := readBook(tx)
		if err != nil {
			return 0, "", err
		}
		if p, err = r.putParty(tx, b, p); err != nil {
			return 0, "", err
		}
	}
	return p.ID, p.Name, nil
}

// AdoptParties makes the names on a register's documents parties, the
// first time a Serialdesk that keeps parties opens it: each customer and
// supplier once, spelled as first written, however its case or spaces
// vary. The documents stay as they are; they are found by the name.
func (r *Register) AdoptParties() (int, error) {
	return write(r, func(tx Tx) (int, error) {
		seqs, err := tx.Sequences()
		if err != nil || seqs[seqPartiesAdopted] != 0 {
			return 0, err
		}
		type named struct {
			kind PartyKind
			name string
		}
		var names []named
		receipts, err := tx.ReceiptHeads()
		if err != nil {
			return 0, err
		}
		for _, h := range receipts {
			names = append(names, named{Supplier, h.Supplier})
		}
		orders, err := tx.OrderHeads()
		if err != nil {
			return 0, err
		}
		for _, h := range orders {
			names = append(names, named{Customer, h.Customer})
		}
		b, err := readBook(tx)
		if err != nil {
			return 0, err
		}
		added := 0
		for _, n := range names {
			if strings.TrimSpace(n.name) == "" || n.name == openingReference {
				continue
			}
			p, ok := b.party(n.kind, n.name)
			if ok {
				continue
			}
			p.OldNames = []string{p.Name} // the documents keep calling it so, whatever it is renamed
			if p, err = checkParty(p); err != nil {
				continue // a name no card could take stays on its documents alone
			}
			if _, err := r.putParty(tx, b, p); err != nil {
				return 0, err
			}
			added++
		}
		return added, tx.SetSequence(seqPartiesAdopted, 1)
	})
}

// seqPartiesAdopted marks, among the sequences, a register whose names are
// parties already.
const seqPartiesAdopted Sequence = "parties-adopted"

// PartyDocument is one document of a customer or supplier, as its page
// lists it.
type PartyDocument struct {
	Ref    DocRef
	Date   time.Time
	Units  int
	Status string // confirmed, draft, saved, cancelled
}

// names reports whether a document names the party: by its number when
// it was saved with a party, by its name when it is older than parties.
func (p Party) names(id PartyID, name string) bool {
	return id == p.ID || (id == 0 && p.called(name))
}

// partyDocuments lists a party's documents, oldest first.
func partyDocuments(tx Tx, p Party) ([]PartyDocument, error) {
	var docs []PartyDocument
	if p.Kind == Supplier {
		receipts, err := tx.ReceiptHeads()
		if err != nil {
			return nil, err
		}
		for _, h := range receipts {
			if p.names(h.SupplierID, h.Supplier) {
				docs = append(docs, PartyDocument{h.Ref(), h.Date, h.Units, h.Status.String()})
			}
		}
		returns, err := tx.SupplierReturnHeads()
		if err != nil {
			return nil, err
		}
		for _, h := range returns {
			if p.names(h.SupplierID, h.Supplier) {
				docs = append(docs, PartyDocument{h.Ref(), h.Date, h.Units, cancelledOr(h.Cancelled(), "saved")})
			}
		}
	} else {
		orders, err := tx.OrderHeads()
		if err != nil {
			return nil, err
		}
		for _, h := range orders {
			if p.names(h.CustomerID, h.Customer) {
				docs = append(docs, PartyDocument{h.Ref(), h.Date, h.Units, cancelledOr(h.Cancelled(), "saved")})
			}
		}
	}
	slices.SortStableFunc(docs, func(a, b PartyDocument) int { return a.Date.Compare(b.Date) })
	return docs, nil
}

func cancelledOr(cancelled bool, status string) string {
	if cancelled {
		return "cancelled"
	}
	return status
}

// PartyPage is what a customer or supplier's page shows: the card, its
// documents, and every serial it bought or delivered as each stands now.
type PartyPage struct {
	Party     Party
	Documents []PartyDocument
	SerialPage
}

// PartyPage returns a party with its documents and one page of the
// serials on its standing ones (confirmed receipts, orders and supplier
// returns not cancelled), by serial.
func (r *Register) PartyPage(id PartyID, offset, limit int) (PartyPage, error) {
	return read(r, func(tx Tx) (PartyPage, error) {
		var page PartyPage
		var err error
		if page.Party, err = tx.Party(id); err != nil {
			return page, notFoundAs(err, "the customer or supplier was not found")
		}
		if page.Documents, err = partyDocuments(tx, page.Party); err != nil {
			return page, err
		}
		seen := map[serialKey]bool{}
		var keys []serialKey
		for _, d := range page.Documents {
			if d.Status == "cancelled" || d.Status == Draft.String() {
				continue
			}
			onDoc, err := documentSerials(tx, d.Ref)
			if err != nil {
				return page, err
			}
			for _, k := range onDoc {
				if !seen[k] {
					seen[k] = true
					keys = append(keys, k)
				}
			}
		}
		slices.SortFunc(keys, func(a, b serialKey) int {
			if c := strings.Compare(a.serial, b.serial); c != 0 {
				return c
			}
			return int(a.item) - int(b.item)
		})
		page.Total = len(keys)
		end := len(keys)
		if limit > 0 {
			end = min(end, offset+limit)
		}
		page.Rows, err = serialRows(tx, keys[min(max(offset, 0), end):end])
		return page, err
	})
}
