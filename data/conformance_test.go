package data_test

import (
	"testing"

	"serialdesk/core"
	"serialdesk/core/storetest"
	"serialdesk/data/datatest"
)

func TestStoreConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) core.Store { return datatest.MustOpen(t, "") })
}
