package core

import (
	"sort"
	"strings"
)

// ModelRow is a model of the registry with its brand and the item that
// sells it.
type ModelRow struct {
	Model
	BrandName string
	Item      ItemID // 0 when no item is linked
	ItemLabel string
}

// SaveBrand creates (ID 0) or renames a brand. Brand names are unique
// regardless of case.
func (r *Register) SaveBrand(in Brand) (Brand, error) {
	name, err := requiredText(Say("the brand name"), in.Name)
	if err != nil {
		return Brand{}, err
	}
	return write(r, func(tx Tx) (Brand, error) {
		brands, err := tx.Brands()
		if err != nil {
			return in, err
		}
		for _, b := range brands {
			if b.ID != in.ID && strings.EqualFold(b.Name, name) {
				return in, errorf(Conflict, "there is already a brand {{.Brand}}", Values{"Brand": b.Name})
			}
		}
		id, err := numberFor(tx, SeqBrand, uint64(in.ID), func() error {
			_, err := tx.Brand(in.ID)
			return notFoundAs(err, "the brand was not found")
		})
		saved := Brand{ID: BrandID(id), Name: name}
		if err != nil {
			return saved, err
		}
		return saved, tx.PutBrand(saved)
	})
}

// SaveModel creates (ID 0) or renames a model under a brand. Model names are
// unique within their brand regardless of case.
func (r *Register) SaveModel(in Model) (Model, error) {
	name, err := requiredText(Say("the model name"), in.Name)
	if err != nil {
		return Model{}, err
	}
	return write(r, func(tx Tx) (Model, error) {
		if _, err := tx.Brand(in.Brand); err != nil {
			return in, notFoundAs(err, "choose the model's brand")
		}
		models, err := tx.Models()
		if err != nil {
			return in, err
		}
		for _, m := range models {
			if m.ID != in.ID && m.Brand == in.Brand && strings.EqualFold(m.Name, name) {
				return in, errorf(Conflict, "the brand already has a model {{.Model}}", Values{"Model": m.Name})
			}
		}
		id, err := numberFor(tx, SeqModel, uint64(in.ID), func() error {
			_, err := tx.Model(in.ID)
			return notFoundAs(err, "the model was not found")
		})
		saved := Model{ID: ModelID(id), Brand: in.Brand, Name: name}
		if err != nil {
			return saved, err
		}
		return saved, tx.PutModel(saved)
	})
}

// Brands lists the brands by name.
func (r *Register) Brands() ([]Brand, error) {
	return read(r, func(tx Tx) ([]Brand, error) {
		brands, err := tx.Brands()
		sort.Slice(brands, func(i, j int) bool { return strings.ToUpper(brands[i].Name) < strings.ToUpper(brands[j].Name) })
		return brands, err
	})
}

// Models lists the models of one brand (0 for all) by brand and name, with
// the item linked to each.
func (r *Register) Models(brand BrandID) ([]ModelRow, error) {
	return read(r, func(tx Tx) ([]ModelRow, error) {
		models, err := tx.Models()
		if err != nil {
			return nil, err
		}
		brands, err := brandNames(tx)
		if err != nil {
			return nil, err
		}
		var rows []ModelRow
		for _, m := range models {
			if brand != 0 && m.Brand != brand {
				continue
			}
			row := ModelRow{Model: m, BrandName: brands[m.Brand]}
			id, err := tx.ItemOfModel(m.ID)
			switch {
			case err == nil:
				it, err := tx.Item(id)
				if err != nil {
					return nil, err
				}
				row.Item, row.ItemLabel = id, it.Label()
			case !isNotFound(err):
				return nil, err
			}
			rows = append(rows, row)
		}
		sort.Slice(rows, func(i, j int) bool {
			a, b := rows[i].BrandName+"\x00"+rows[i].Name, rows[j].BrandName+"\x00"+rows[j].Name
			return strings.ToUpper(a) < strings.ToUpper(b)
		})
		return rows, nil
	})
}

func brandNames(tx Tx) (map[BrandID]string, error) {
	brands, err := tx.Brands()
	names := make(map[BrandID]string, len(brands))
	for _, b := range brands {
		names[b.ID] = b.Name
	}
	return names, err
}

// modelNames maps every model to "Brand Model".
func modelNames(tx Tx) (map[ModelID]string, error) {
	brands, err := brandNames(tx)
	if err != nil {
		return nil, err
	}
	models, err := tx.Models()
	names := make(map[ModelID]string, len(models))
	for _, m := range models {
		names[m.ID] = strings.TrimSpace(brands[m.Brand] + " " + m.Name)
	}
	return names, err
}

// modelName is "Brand Model" for one model.
func modelName(tx Tx, m Model) (string, error) {
	b, err := tx.Brand(m.Brand)
	if err != nil {
		return "", err
	}
	return b.Name + " " + m.Name, nil
}

// requiredText cleans a name that must not be empty.
func requiredText(field Message, s string) (string, error) {
	s, err := cleanText(field, s, MaxTextLength)
	if err == nil && s == "" {
		err = errorf(Invalid, "{{.Field}} is empty", Values{"Field": field})
	}
	return s, err
}
