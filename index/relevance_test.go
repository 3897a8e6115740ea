package index

import (
	"context"
	"encoding/json"
	"maps"
	"math"
	"os"
	"slices"
	"testing"

	"kurskatalog/data/catalog"
)

// The relevance set (testdata/relevance.json) is a list of realistic queries
// with the offerings of the bundled snapshot judged relevant (gain 3) or
// related (gain 1). See docs/search.md for how it was judged.

type judgedQuery struct {
	Q        string   `json:"q"`
	Category string   `json:"category"`
	Note     string   `json:"note"`
	Relevant []string `json:"relevant"`
	Related  []string `json:"related,omitempty"`
}

func loadJudgements(tb testing.TB) []judgedQuery {
	tb.Helper()
	b, err := os.ReadFile("testdata/relevance.json")
	if err != nil {
		tb.Fatal(err)
	}
	var f struct {
		Queries []judgedQuery `json:"queries"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		tb.Fatal(err)
	}
	return f.Queries
}

// queryScore is one query's nDCG@10 and recall@20.
type queryScore struct {
	NDCG, Recall float64
}

// score ranks q and scores the first 20 hits against its judgements.
// nDCG@10 uses gains 3 (relevant) and 1 (related) with a log2 discount;
// recall@20 is the share of judged offerings in the first 20, out of at
// most 20 (a query with 300 relevant offerings can reach 1).
func score(ctx context.Context, ix *Index, q judgedQuery) (queryScore, error) {
	res, err := ix.Search(ctx, relevanceQuery(q.Q))
	if err != nil {
		return queryScore{}, err
	}
	gain := map[string]float64{}
	for _, id := range q.Related {
		gain[id] = 1
	}
	for _, id := range q.Relevant {
		gain[id] = 3
	}
	dcg := 0.0
	found := 0
	for i, id := range res.IDs {
		if i < 10 {
			dcg += gain[id] / math.Log2(float64(i+2))
		}
		if i < 20 && gain[id] > 0 {
			found++
		}
	}
	idcg := 0.0
	for i := range min(10, len(q.Relevant)+len(q.Related)) {
		g := 1.0
		if i < len(q.Relevant) {
			g = 3
		}
		idcg += g / math.Log2(float64(i+2))
	}
	judged := len(q.Relevant) + len(q.Related)
	return queryScore{NDCG: dcg / idcg, Recall: float64(found) / float64(min(20, judged))}, nil
}

// relevanceQuery is the search the relevance set runs: the first 20 hits
// by relevance on the snapshot's day. Past offerings are included because
// they were judged like the others: the set measures matching, not dates.
func relevanceQuery(text string) catalog.SearchQuery {
	return catalog.SearchQuery{Text: text, Page: 1, PerPage: 20, Sort: catalog.SortRelevance,
		IncludePast: true, Today: snapshotDay, Group: catalog.GroupIntake}
}

// evaluate returns the mean scores over the set, and each query's.
func evaluate(tb testing.TB, ix *Index, queries []judgedQuery) (queryScore, []queryScore) {
	tb.Helper()
	var mean queryScore
	each := make([]queryScore, len(queries))
	for i, q := range queries {
		s, err := score(context.Background(), ix, q)
		if err != nil {
			tb.Fatalf("%q: %v", q.Q, err)
		}
		each[i] = s
		mean.NDCG += s.NDCG / float64(len(queries))
		mean.Recall += s.Recall / float64(len(queries))
	}
	return mean, each
}

// byCategory returns the mean scores of each kind of query, and how many
// queries each has.
func byCategory(queries []judgedQuery, each []queryScore) (map[string]queryScore, map[string]int) {
	means, counts := map[string]queryScore{}, map[string]int{}
	for _, q := range queries {
		counts[q.Category]++
	}
	for i, q := range queries {
		m, n := means[q.Category], float64(counts[q.Category])
		means[q.Category] = queryScore{NDCG: m.NDCG + each[i].NDCG/n, Recall: m.Recall + each[i].Recall/n}
	}
	return means, counts
}

// BenchmarkRelevance reports the relevance set's mean nDCG@10 and
// recall@20, and those of the English queries (and the time to run all its
// queries):
//
//	go test ./index -run XXX -bench Relevance
func BenchmarkRelevance(b *testing.B) {
	ix := snapshotIndex(b)
	queries := loadJudgements(b)
	var mean queryScore
	var each []queryScore
	for b.Loop() {
		mean, each = evaluate(b, ix, queries)
	}
	b.ReportMetric(mean.NDCG, "nDCG@10")
	b.ReportMetric(mean.Recall, "recall@20")
	kinds, _ := byCategory(queries, each)
	b.ReportMetric(kinds["english"].NDCG, "nDCG@10(english)")
	b.ReportMetric(kinds["english"].Recall, "recall@20(english)")
}

// The floors are slightly under what the search reaches (see
// docs/search.md): a change that makes the search worse fails here. The
// English queries have their own, as they are few and lean on english.txt.
const (
	floorNDCG          = 0.97
	floorRecall        = 0.93
	floorEnglishNDCG   = 0.95
	floorEnglishRecall = 0.88
)

// TestRelevanceFloor also prints each query's scores and each kind's with
// -v, for tuning:
//
//	go test ./index -run RelevanceFloor -v
func TestRelevanceFloor(t *testing.T) {
	queries := loadJudgements(t)
	mean, each := evaluate(t, snapshotIndex(t), queries)
	for i, q := range queries {
		t.Logf("%-9s %-28q nDCG@10 %.2f recall@20 %.2f", q.Category, q.Q, each[i].NDCG, each[i].Recall)
	}
	kinds, counts := byCategory(queries, each)
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		t.Logf("%-9s nDCG@10 %.4f recall@20 %.4f over %d queries", k, kinds[k].NDCG, kinds[k].Recall, counts[k])
	}
	t.Logf("mean nDCG@10 %.4f recall@20 %.4f over %d queries", mean.NDCG, mean.Recall, len(queries))
	if mean.NDCG < floorNDCG || mean.Recall < floorRecall {
		t.Errorf("nDCG@10 %.4f (floor %.2f), recall@20 %.4f (floor %.2f)", mean.NDCG, floorNDCG, mean.Recall, floorRecall)
	}
	if en := kinds["english"]; en.NDCG < floorEnglishNDCG || en.Recall < floorEnglishRecall {
		t.Errorf("English: nDCG@10 %.4f (floor %.2f), recall@20 %.4f (floor %.2f)",
			en.NDCG, floorEnglishNDCG, en.Recall, floorEnglishRecall)
	}
}

// The set is realistic: enough queries of every kind, each with judged
// offerings that exist.
func TestRelevanceSet(t *testing.T) {
	queries := loadJudgements(t)
	ids := map[string]bool{}
	for _, o := range loadSnapshot(t) {
		ids[o.ID] = true
	}
	kinds := map[string]int{}
	for _, q := range queries {
		kinds[q.Category]++
		if len(q.Relevant) == 0 {
			t.Errorf("%q has no relevant offering", q.Q)
		}
		for _, id := range append(q.Relevant, q.Related...) {
			if !ids[id] {
				t.Errorf("%q: %s is not in the snapshot", q.Q, id)
			}
		}
	}
	if len(queries) < 60 || kinds["typo"] < 5 || kinds["compound"] < 5 || kinds["english"] < 25 || kinds["place"] < 5 {
		t.Errorf("%d queries, by kind %v", len(queries), kinds)
	}
}
