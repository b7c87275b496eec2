package screens

import (
	"time"
)

// dateLayout is how dates are shown and typed: 2026-11-27 sorts and reads
// the same in every country.
const dateLayout = "2006-01-02"

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}
