package frontend

import (
	"encoding/xml"
	"io"
	"time"
)

// Feed is an Atom (RFC 4287) feed of a search's offerings, newest first.
type Feed struct {
	ID       string // a permanent IRI, the same for the same search
	Title    string
	Lang     string
	SelfURL  string // the feed itself
	PageURL  string // the search page it follows
	Author   string
	Updated  time.Time
	Entries  []Entry
	Subtitle string
}

// Entry is one offering in a feed.
type Entry struct {
	ID        string
	Title     string
	URL       string
	Author    string
	Summary   string
	Published time.Time // when the catalogue first saw it
	Updated   time.Time // when it last changed
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Author   atomPerson  `xml:"author"`
	Links    []atomLink  `xml:"link"`
	Entries  []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Link      atomLink    `xml:"link"`
	Author    *atomPerson `xml:"author,omitempty"`
	Published string      `xml:"published,omitempty"`
	Updated   string      `xml:"updated"`
	Summary   string      `xml:"summary,omitempty"`
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// WriteAtom writes f as an Atom document.
func WriteAtom(w io.Writer, f Feed) error {
	out := atomFeed{Lang: f.Lang, ID: f.ID, Title: f.Title, Subtitle: f.Subtitle, Updated: atomTime(f.Updated),
		Author: atomPerson{Name: f.Author},
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: f.SelfURL},
			{Rel: "alternate", Type: "text/html", Href: f.PageURL}}}
	for _, e := range f.Entries {
		ae := atomEntry{ID: e.ID, Title: e.Title, Link: atomLink{Rel: "alternate", Type: "text/html", Href: e.URL},
			Updated: atomTime(e.Updated), Summary: e.Summary}
		if !e.Published.IsZero() {
			ae.Published = atomTime(e.Published)
		}
		if e.Author != "" {
			ae.Author = &atomPerson{Name: e.Author}
		}
		out.Entries = append(out.Entries, ae)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
