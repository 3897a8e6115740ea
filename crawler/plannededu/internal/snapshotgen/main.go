// Command snapshotgen writes the bundled Planned Educations snapshot for
// Jämtlands län: one file per request plannededu.Source makes with the
// default page size, in the v3 wire format byte for byte (field order, CDATA
// titles, "null" paces, the 2099 sentinel, dates with and without zone).
// The records are illustrative, not downloaded: course titles, providers and
// id shapes follow real komvux data, the combinations are made up.
//
//	go run ./crawler/plannededu/internal/snapshotgen -out data/snapshots/planned-educations
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"kurskatalog/crawler/plannededu"
)

func main() {
	out := flag.String("out", "data/snapshots/planned-educations", "directory to write")
	flag.Parse()
	src := plannededu.New(plannededu.Config{}, nil)
	seen := map[string]bool{}
	files := 0
	for _, m := range region {
		events := m.events()
		for _, e := range events {
			if seen[e.EducationEventID] {
				log.Fatalf("duplicate id %s", e.EducationEventID)
			}
			seen[e.EducationEventID] = true
		}
		pages := (len(events) + pageSize - 1) / pageSize
		for p := range pages {
			raw, err := src.PageURL(m.code, p)
			if err != nil {
				log.Fatal(err)
			}
			u, _ := url.Parse(raw)
			body := page(m.code, p, pages, events[p*pageSize:min(len(events), (p+1)*pageSize)], len(events))
			if err := os.WriteFile(filepath.Join(*out, plannededu.SnapshotFile(u)), body, 0o644); err != nil {
				log.Fatal(err)
			}
			files++
		}
	}
	fmt.Printf("wrote %d files, %d events\n", files, len(seen))
}

const pageSize = plannededu.DefaultPageSize

// wireEvent is a listed event with the real field order. Nullable fields are
// pointers; credits and paceOfStudy are strings, as the API sends them.
type wireEvent struct {
	EducationEventID          string          `json:"educationEventId"`
	ProviderName              string          `json:"providerName"`
	County                    string          `json:"county"`
	Municipality              string          `json:"municipality"`
	GeographicalAreaCode      string          `json:"geographicalAreaCode"`
	Credits                   *string         `json:"credits"`
	CreditsSystem             *string         `json:"creditsSystem"`
	Contractor                *string         `json:"contractor"`
	Location                  *string         `json:"location"`
	Town                      string          `json:"town"`
	ContactInfoAddressCity    string          `json:"contactInfoAddressCity"`
	TypeOfSchool              string          `json:"typeOfSchool"`
	SemesterStartFrom         *string         `json:"semesterStartFrom"`
	PaceOfStudy               string          `json:"paceOfStudy"`
	TitleSv                   string          `json:"titleSv"`
	Extent                    *string         `json:"extent"`
	Distance                  bool            `json:"distance"`
	RecommendedPriorKnowledge *string         `json:"recommendedPriorKnowledge"`
	LastApplicationDate       *string         `json:"lastApplicationDate"`
	ExecutionCondition        int             `json:"executionCondition"`
	Links                     map[string]href `json:"_links"`
}

type href struct {
	Href string `json:"href"`
}

// pageLinks keeps Spring HAL's order: first, prev, self, next, last.
type pageLinks struct {
	First href  `json:"first"`
	Prev  *href `json:"prev,omitempty"`
	Self  href  `json:"self"`
	Next  *href `json:"next,omitempty"`
	Last  href  `json:"last"`
}

type pageMeta struct {
	Size          int `json:"size"`
	TotalElements int `json:"totalElements"`
	TotalPages    int `json:"totalPages"`
	Number        int `json:"number"`
}

type envelope struct {
	Status  string `json:"status"`
	Message string `json:"message"`
	Body    struct {
		Embedded struct {
			Events []wireEvent `json:"listedAdultEducationEvents"`
		} `json:"_embedded"`
		Links pageLinks `json:"_links"`
		Page  pageMeta  `json:"page"`
	} `json:"body"`
}

func page(area string, n, pages int, events []wireEvent, total int) []byte {
	var e envelope
	e.Status, e.Message = "OK", "Success"
	e.Body.Embedded.Events = events
	link := func(p int) href {
		return href{fmt.Sprintf("%s?geographicalAreaCode=%s&page=%d&size=%d&sort=titleSort_sv,orgnameSort,asc", plannededu.DefaultURL, area, p, pageSize)}
	}
	e.Body.Links = pageLinks{First: link(0), Self: link(n), Last: link(pages - 1)}
	if n > 0 {
		prev := link(n - 1)
		e.Body.Links.Prev = &prev
	}
	if n+1 < pages {
		next := link(n + 1)
		e.Body.Links.Next = &next
	}
	e.Body.Page = pageMeta{Size: pageSize, TotalElements: total, TotalPages: pages, Number: n}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // the API writes <![CDATA[ literally
	enc.SetIndent("", " ")
	if err := enc.Encode(e); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

func str(s string) *string { return &s }

// swedishKey sorts å, ä, ö after z, as the API's titleSort_sv does.
var swedishKey = strings.NewReplacer("å", "{", "ä", "|", "ö", "}", "é", "e")

func sortEvents(events []wireEvent) {
	key := func(e wireEvent) string {
		t := strings.TrimSuffix(strings.TrimPrefix(e.TitleSv, "<![CDATA["), "]]>")
		return swedishKey.Replace(strings.ToLower(t)) + "\x00" + strings.ToLower(e.ProviderName)
	}
	slices.SortStableFunc(events, func(a, b wireEvent) int { return strings.Compare(key(a), key(b)) })
}
