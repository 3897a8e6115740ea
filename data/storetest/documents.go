package storetest

import (
	"context"
	"maps"
	"testing"
)

func testSourceDocuments(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	get := func(kind string, ids ...string) map[string]string {
		t.Helper()
		docs, err := db.SourceDocuments(ctx, "susa-navet", kind, ids)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for id, doc := range docs {
			out[id] = string(doc)
		}
		return out
	}
	save := func(kind string, docs map[string]string, gone []string, replace bool) {
		t.Helper()
		b := map[string][]byte{}
		for id, doc := range docs {
			b[id] = []byte(doc)
		}
		if err := db.SaveSourceDocuments(ctx, "susa-navet", kind, b, gone, replace); err != nil {
			t.Fatal(err)
		}
	}

	save("educationInfos", map[string]string{"i.1": `{"v":1}`, "i.2": `{"v":1}`, "i.3": `{"v":1}`}, nil, true)
	save("educationProviders", map[string]string{"p.1": `{"v":1}`}, nil, true)
	// An incremental run stores what changed and forgets what was deleted.
	save("educationInfos", map[string]string{"i.2": `{"v":2}`, "i.4": `{"v":1}`}, []string{"i.3"}, false)
	want := map[string]string{"i.1": `{"v":1}`, "i.2": `{"v":2}`, "i.4": `{"v":1}`}
	if got := get("educationInfos", "i.1", "i.2", "i.3", "i.4", "p.1"); !maps.Equal(got, want) {
		t.Errorf("after an incremental save: %v, want %v", got, want)
	}
	// A complete run replaces its kind, and only its kind.
	save("educationInfos", map[string]string{"i.5": `{"v":1}`}, nil, true)
	if n, _ := db.CountSourceDocuments(ctx, "susa-navet", "educationInfos"); n != 1 {
		t.Errorf("%d infos after a complete save, want 1", n)
	}
	if n, _ := db.CountSourceDocuments(ctx, "susa-navet", "educationProviders"); n != 1 {
		t.Errorf("%d providers after the infos' complete save, want 1", n)
	}
}
