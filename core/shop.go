package core

// Shop is what the shop's papers say of it at their head: its name, address
// and how to reach it. It is kept in the register, so that every counter
// and the command line print the same.
type Shop struct {
	Name, Address, Phone, Email string
	OrgNo                       string // the organisation number, which a Norwegian sales document shows
	LastChange                  LastChange
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
	cleanFields(&problems, []textField{{"the shop's name", &s.Name, MaxTextLength}, {"the address", &s.Address, MaxTextLength},
		{"the phone", &s.Phone, 40}, {"the e-mail", &s.Email, MaxTextLength}, {"the organisation number", &s.OrgNo, 40}})
	checkContact(&problems, s.Email, s.Phone)
	if err := problems.err("shop card"); err != nil {
		return in, err
	}
	return write(r, func(tx Tx) (Shop, error) {
		stored, err := tx.Shop()
		if err != nil && !isNotFound(err) {
			return s, err
		}
		if err := sameRevision("The shop card", stored.LastChange, s.LastChange); err != nil {
			return s, err
		}
		s.LastChange = stored.LastChange
		r.change(&s.LastChange, r.now())
		return s, tx.PutShop(s)
	})
}
