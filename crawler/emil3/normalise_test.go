package emil3

import (
	"context"
	"testing"

	"kurskatalog/crawler/fetch"
	"kurskatalog/data/catalog"
)

// Every event of an info that does not exist is skipped as such, not only
// the first: the next ones find the info already known to be missing.
func TestEventsOfMissingInfoAreSkipped(t *testing.T) {
	src := New(Config{ID: "susa-navet", URL: "http://emil3.test", Region: region},
		fetch.New(fetch.Config{Delay: -1, Retries: -1, IgnoreRobots: true}, notFound{}))
	n := normaliser{ctx: context.Background(), src: src,
		infos: newDocuments[Info](kindInfos, "education info", true), providers: newDocuments[Provider](kindProviders, "provider", true)}
	b := &catalog.Batch{Complete: true}
	for _, id := range []string{"e.vux.2313.a", "e.vux.2313.b"} {
		n.add(b, EventEntry{ID: id, Status: StatusActive, Content: &Event{Identifier: id, Education: "i.gone",
			Providers: []string{"p.vux.2313"}, Execution: &Execution{Start: "2027-01-11"}, Locations: []Address{{AreaCode: "2313"}}}})
	}
	if n.err != nil || len(b.Skipped) != 2 {
		t.Fatalf("err %v, skipped %+v", n.err, b.Skipped)
	}
	for _, s := range b.Skipped {
		if s.Reason != "education info i.gone not found" {
			t.Errorf("%s skipped for %q", s.ID, s.Reason)
		}
	}
}
