package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
)

func TestDocumentNumbersAreReadAsTyped(t *testing.T) {
	for _, typed := range []string{"SO-000003", " so-3 ", "3", "SO-3"} {
		ref, err := core.ParseDocRef(core.OrderDoc, typed)
		require.NoError(t, err, typed)
		assert.Equal(t, core.DocRef{Kind: core.OrderDoc, ID: 3}, ref)
	}
	for _, typed := range []string{"GR-000003", "", "SO-", "SO-0", "SO-x", "-3"} {
		_, err := core.ParseDocRef(core.OrderDoc, typed)
		assert.Equal(t, core.Invalid, core.ErrorCode(err), "%q", typed)
	}
}
