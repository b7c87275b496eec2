package core

import (
	"regexp"
	"strings"
)

// Shop is what the shop's papers say of it at their head: its name, address
// and how to reach it. It is kept in the register, so that every counter
// and the command line print the same.
type Shop struct {
	Name, Address, Phone, Email string
	OrgNo                       string // the organisation number, which a Norwegian sales document shows
	// Currency is the code of the shop's money (NOK, EUR), shown with
	// its amounts; empty for the language's (CurrencyIn).
	Currency   string
	LastChange LastChange
}

// CurrencyIn is the currency the shop's amounts are shown in: its own, or
// the one of the language (NOK in Norwegian; none in English).
func (s Shop) CurrencyIn(f Formats) string {
	if s.Currency != "" {
		return s.Currency
	}
	return f.currency
}

// Shop is the shop's details, empty until someone saves them.
func (r *Register) Shop() (Shop, error) {
	return read(r, func(tx Tx) (Shop, error) {
		s, err := tx.Shop()
		if isNotFound(err) {
			return Shop{}, nil
		}
		return s, err
	})
}

// SaveShop keeps the shop's details; details changed on another counter
// since in was read are not saved over.
func (r *Register) SaveShop(in Shop) (Shop, error) {
	var problems problemList
	s := in
	cleanFields(&problems, []textField{{Say("the shop's name"), &s.Name, MaxTextLength}, {Say("the address"), &s.Address, MaxTextLength},
		{Say("the phone"), &s.Phone, 40}, {Say("the e-mail"), &s.Email, MaxTextLength}, {Say("the organisation number"), &s.OrgNo, 40}})
	checkContact(&problems, s.Email, s.Phone)
	if s.Currency = strings.ToUpper(strings.TrimSpace(s.Currency)); s.Currency != "" && !isCurrencyCode(s.Currency) {
		problems.add(0, "", "the currency {{.Typed}} is not a currency code like NOK, SEK or EUR", Values{"Typed": Echo(s.Currency).Quoted()})
	}
	if err := problems.err("The shop card has a problem; nothing was saved.", "The shop card has {{.Count}} problems; nothing was saved."); err != nil {
		return in, err
	}
	return write(r, func(tx Tx) (Shop, error) {
		stored, err := tx.Shop()
		if err != nil && !isNotFound(err) {
			return s, err
		}
		if err := sameRevision(Say("The shop card"), stored.LastChange, s.LastChange); err != nil {
			return s, err
		}
		s.LastChange = stored.LastChange
		r.change(&s.LastChange, r.now())
		return s, tx.PutShop(s)
	})
}

// WithCurrency is a heading of amounts with the currency they are in,
// "Unit price (NOK)", and without one when code is none.
func WithCurrency(heading, code string) string {
	if code == "" {
		return heading
	}
	return heading + " (" + code + ")"
}

// currencyAfter is a currency after a heading, as WithCurrency writes it.
var currencyAfter = regexp.MustCompile(`\s*\([A-Z]{3}\)$`)

// WithoutCurrency is a heading with the currency WithCurrency put after
// it taken off again, for reading back what was written.
func WithoutCurrency(heading string) string { return currencyAfter.ReplaceAllString(heading, "") }

// isCurrencyCode reports whether code is three letters, as ISO 4217 writes
// a currency.
func isCurrencyCode(code string) bool {
	if len(code) != 3 {
		return false
	}
	for _, r := range code {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
