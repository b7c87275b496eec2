package screens

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// A document's list line puts the count before the party, whose name the
// list cuts when it is narrow.
func TestDocSummaryPutsTheUnitsBeforeTheParty(t *testing.T) {
	day := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, "2026-11-16 · 3 units · Audi AG", docSummary(day, 3, "Audi AG"))
	assert.Equal(t, "2026-11-16 · 1 unit", docSummary(day, 1, ""))
}
