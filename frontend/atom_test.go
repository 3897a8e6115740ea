package frontend

import (
	"bytes"
	"encoding/xml"
	"testing"
	"time"
)

func TestWriteAtomParsesBack(t *testing.T) {
	first := time.Date(2026, 11, 20, 4, 0, 0, 0, time.UTC)
	f := Feed{ID: "tag:kurskatalog.regionjh.se,2026:search?municipality=2380", Title: "Kurskatalog: Östersund & <distans>",
		Lang: "sv", SelfURL: "https://example.org/flode.atom?municipality=2380", PageURL: "https://example.org/?municipality=2380",
		Author: "Kurskatalog Jämtland Härjedalen", Updated: first.Add(48 * time.Hour),
		Entries: []Entry{
			{ID: "tag:kurskatalog.regionjh.se,2026:offering:e.2", Title: "Svenska 2", URL: "https://example.org/kurs/e.2",
				Author: "Komvux Östersund", Summary: "Löpande start", Published: first.Add(24 * time.Hour), Updated: first.Add(48 * time.Hour)},
			{ID: "tag:kurskatalog.regionjh.se,2026:offering:e.1", Title: "Svenska 1", URL: "https://example.org/kurs/e.1",
				Published: first, Updated: first},
		}}
	var buf bytes.Buffer
	if err := WriteAtom(&buf, f); err != nil {
		t.Fatal(err)
	}
	var got struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Author  string   `xml:"author>name"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			ID        string `xml:"id"`
			Title     string `xml:"title"`
			Published string `xml:"published"`
			Updated   string `xml:"updated"`
			Link      struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Author string `xml:"author>name"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if got.ID != f.ID || got.Title != f.Title || got.Author != f.Author || got.Updated != "2026-11-22T04:00:00Z" {
		t.Errorf("feed head: %+v", got)
	}
	if got.Lang != "sv" {
		t.Errorf("xml:lang = %q", got.Lang)
	}
	if len(got.Links) != 2 || got.Links[0].Rel != "self" || got.Links[0].Href != f.SelfURL || got.Links[1].Href != f.PageURL {
		t.Errorf("links: %+v", got.Links)
	}
	if len(got.Entries) != 2 {
		t.Fatalf("%d entries", len(got.Entries))
	}
	e := got.Entries[0]
	if e.ID != f.Entries[0].ID || e.Title != "Svenska 2" || e.Link.Href != "https://example.org/kurs/e.2" ||
		e.Published != "2026-11-21T04:00:00Z" || e.Updated != "2026-11-22T04:00:00Z" || e.Author != "Komvux Östersund" {
		t.Errorf("entry: %+v", e)
	}
	for _, e := range got.Entries {
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("updated %q: %v", e.Updated, err)
		}
	}
}
