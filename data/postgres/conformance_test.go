package postgres_test

import (
	"testing"

	"serialdesk/core"
	"serialdesk/core/storetest"
	"serialdesk/data/postgres/pgtest"
)

func TestStoreConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) core.Store { return pgtest.Open(t) })
}
