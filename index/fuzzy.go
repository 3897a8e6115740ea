package index

import (
	"context"
	"errors"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// maxFuzzyTerms bounds the fuzzy expansions kept for one reader, the
// least recently used going first: a word and a field each, a few terms
// apiece.
const maxFuzzyTerms = 20000

// fuzzyTerms keeps the terms each fuzzy query of a misspelt word expands
// to, until the index changes. Bleve builds a Levenshtein automaton for
// the word and walks every segment's term dictionary with it for each
// field and each search; the same typo asked again, on another page or
// with another filter or word, then costs nothing of that.
type fuzzyTerms struct {
	kept perReader[fuzzyKey, *fuzzyQuery]
}

var errNoFuzzyTerms = errors.New("index: the reader cannot list fuzzy terms")

type fuzzyKey struct {
	field, term       string
	fuzziness, prefix int
}

// expand returns q with its terms found through r, from what is kept
// when r is the reader they were found with, or q itself when r cannot
// list them or f is nil.
func (f *fuzzyTerms) expand(r bleveindex.IndexReader, q *query.FuzzyQuery) query.Query {
	if f == nil {
		return q
	}
	key := fuzzyKey{q.FieldVal, q.Term, q.Fuzziness, q.Prefix}
	if e, ok := f.kept.get(r, key); ok {
		return e.with(q)
	}
	e, err := findFuzzyTerms(r, q)
	if err != nil {
		return q // Bleve's own searcher then finds them, or says why not
	}
	f.kept.add(r, key, e, maxFuzzyTerms)
	return e.with(q)
}

// fuzzyQuery is a fuzzy query whose terms are found already. It searches
// as Bleve's fuzzy searcher does once it has found them (the same terms,
// each boosted by its edit distance), and marshals as the fuzzy query, so
// the two are one query to the kept matches and rankings.
type fuzzyQuery struct {
	*query.FuzzyQuery
	terms     []string
	distances []uint8
}

// with returns the expansion for q, which may differ in boost only.
func (e *fuzzyQuery) with(q *query.FuzzyQuery) *fuzzyQuery {
	return &fuzzyQuery{FuzzyQuery: q, terms: e.terms, distances: e.distances}
}

func (q *fuzzyQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if len(q.terms) == 0 || len(q.terms) == 1 && q.terms[0] == q.Term {
		return searcher.NewTermSearcher(ctx, r, q.Term, q.FieldVal, q.BoostVal.Value(), options)
	}
	return searcher.NewMultiTermSearcherBoosted(ctx, r, q.terms, q.FieldVal, q.BoostVal.Value(), q.distances, options, true)
}

// findFuzzyTerms lists the terms of q's field within q's edit distance of
// its term and sharing its prefix, as Bleve's fuzzy searcher does.
func findFuzzyTerms(r bleveindex.IndexReader, q *query.FuzzyQuery) (e *fuzzyQuery, err error) {
	fr, ok := r.(bleveindex.IndexReaderFuzzy)
	if !ok || q.FieldVal == "" || q.Fuzziness < 1 || q.Fuzziness > searcher.MaxFuzziness {
		return nil, errNoFuzzyTerms
	}
	// The prefix is cut at a rune boundary, as Bleve cuts it.
	prefix := q.Term
	for i := range q.Term {
		if i >= q.Prefix {
			prefix = q.Term[:i]
			break
		}
	}
	dict, _, err := fr.FieldDictFuzzyAutomaton(q.FieldVal, q.Term, q.Fuzziness, prefix)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := dict.Close(); err == nil {
			err = cerr
		}
	}()
	e = &fuzzyQuery{FuzzyQuery: q}
	for {
		t, err := dict.Next()
		if err != nil {
			return nil, err
		}
		if t == nil {
			return e, nil
		}
		e.terms = append(e.terms, t.Term)
		e.distances = append(e.distances, t.EditDistance)
	}
}
