package paper_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/core"
	"serialdesk/data/paper"
	"serialdesk/data/paper/papertest"
)

// In Norwegian a paper says its words as the translations do, writes
// dates as 31.12.2026 and amounts as 64 990,00, and its amounts' headings
// name the currency the language's shop keeps its money in.
func TestPapersSpeakNorwegian(t *testing.T) {
	reg := examples(t)
	nb := papertest.Norwegian(t)
	order, err := reg.OrderPaper(1)
	require.NoError(t, err)
	require.Empty(t, order.Shop.Currency, "the example shop names no currency: the language's is shown")
	var buf bytes.Buffer
	require.NoError(t, paper.Document(&buf, order, nb, printedAt))
	slip := papertest.Text(t, buf.Bytes())
	for _, want := range []string{"Følgeseddel", "SO-000001", "Dato", "Kunde", "Ola Nordmann", "Org.nr. 999 888 777 MVA", "Vare", "Antall",
		"Pris (NOK)", "(NOK)", "599,00", "39,60", "Serienumre", "996A1B2C1", "02.12.2026 14:30"} {
		assert.Contains(t, slip, want)
	}
	assert.Regexp(t, `1\s198,00`, slip, "thousands grouped as Norwegian groups them")
	assert.Regexp(t, `996A1B2C1 +\S.* \d\d\.\d\d\.\d{4}`, slip, "the warranty's day as Norwegian writes it")
	for _, english := range []string{"Sales slip", "Quantity", "Unit price", "599.00", "2026-12-02"} {
		assert.NotContains(t, slip, english)
	}
	assert.Contains(t, papertest.Info(t, buf.Bytes()), "Følgeseddel SO-000001")

	draft, err := reg.ReceiptPaper(3)
	require.NoError(t, err)
	buf.Reset()
	require.NoError(t, paper.Document(&buf, draft, nb, printedAt))
	list := papertest.Text(t, buf.Bytes())
	assert.Contains(t, list, "KLADD", "the status is said in Norwegian")
	assert.Contains(t, list, "Kostpris (NOK)")
	assert.Contains(t, list, "Leverandør")

	buf.Reset()
	_, err = paper.StockList(context.Background(), &buf, reg, 0, nb, nil, printedAt)
	require.NoError(t, err)
	stock := papertest.Text(t, buf.Bytes())
	for _, want := range []string{"Lagerliste", "02.12.2026 14:30", "Alle varer", "Serienummer", "Mottatt", "Varemottak", "Prosjekt", "Merknad",
		"på lager", "det registreres ikke serienumre for denne varen", "CS-500", "GR-000001"} {
		assert.Contains(t, stock, want)
	}
	assert.Regexp(t, `GR-000001`, stock)
	assert.Regexp(t, `\d\d\.\d\d\.\d{4} +GR-0000\d\d`, stock, "the day a unit came in as Norwegian writes it")
	for _, english := range []string{"Stock list", "All items", "5 in stock", "no serials are kept"} {
		assert.NotContains(t, stock, english)
	}

	buf.Reset()
	_, err = paper.Labels(context.Background(), &buf, []paper.Label{{ItemNo: "CS-500", Serial: "996A1B2C3"}},
		paper.LabelOptions{Size: paper.Brother62x29, In: nb}, nil, printedAt)
	require.NoError(t, err)
	assert.Contains(t, papertest.Info(t, buf.Bytes()), "Etiketter", "the labels' PDF is titled in Norwegian")
}

func TestLabelSizesHaveNamesToSay(t *testing.T) {
	for _, size := range paper.LabelSizes {
		assert.False(t, size.Name().Empty(), "%s", string(size))
		assert.Equal(t, core.English.Say(size.Name()), size.String())
	}
	assert.Equal(t, "Brother QL, 62 × 29 mm", paper.Brother62x29.String())
}
