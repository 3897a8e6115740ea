package emil3

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"kurskatalog/crawler/clean"
)

// Dataset is a whole EMIL3 database: what the API lists.
type Dataset struct {
	Events    []EventEntry
	Infos     []InfoEntry
	Providers []ProviderEntry
}

// LoadPages reads a snapshot saved as list pages, one directory per resource
// (educationEvents/page-0000.json, ...), the way the API answered them.
func LoadPages(fsys fs.FS) (*Dataset, error) {
	ds := &Dataset{}
	for _, dir := range []string{"educationEvents", "educationInfos", "educationProviders"} {
		files, err := fs.Glob(fsys, dir+"/*.json")
		if err != nil {
			return nil, err
		}
		slices.Sort(files)
		for _, f := range files {
			b, err := fs.ReadFile(fsys, f)
			if err != nil {
				return nil, err
			}
			var env Envelope
			if err := json.Unmarshal(b, &env); err != nil {
				return nil, fmt.Errorf("emil3: snapshot %s: %w", f, err)
			}
			ds.Events = append(ds.Events, env.EducationEvents...)
			ds.Infos = append(ds.Infos, env.EducationInfos...)
			ds.Providers = append(ds.Providers, env.EducationProviders...)
		}
	}
	if len(ds.Events) == 0 {
		return nil, fmt.Errorf("emil3: snapshot has no education events")
	}
	return ds, nil
}

// Server serves a Dataset with the EMIL3 API's paths, filters, paging and
// error shapes. It backs the bundled snapshot, the tests and the benchmarks.
type Server struct {
	ds       *Dataset
	base     string
	infoType map[string]string
	// eventContent and eventType are each event's content and its
	// school type as the server was made: a list filtered by school type
	// looks its events' types up here unless the content was replaced
	// since, instead of hashing every event's info id, or reading every
	// event's content, for every page (seconds of a national import's
	// cores). Entries change by a new content, never in place.
	eventContent []*Event
	eventType    []string
	events       map[string]int
	infos        map[string]int
	provs        map[string]int
}

// NewServer returns a handler for ds. base is the public base URL used in
// the links of list responses.
func NewServer(ds *Dataset, base string) *Server {
	s := &Server{ds: ds, base: strings.TrimRight(base, "/"), infoType: map[string]string{},
		events: map[string]int{}, infos: map[string]int{}, provs: map[string]int{}}
	for i, e := range ds.Infos {
		s.infos[e.ID] = i
		if e.Content != nil && e.Content.Type != nil {
			s.infoType[e.ID] = string(e.Content.Type.Code)
		}
	}
	s.eventContent, s.eventType = make([]*Event, len(ds.Events)), make([]string, len(ds.Events))
	for i, e := range ds.Events {
		s.events[e.ID] = i
		if e.Content != nil {
			s.eventContent[i], s.eventType[i] = e.Content, s.infoType[e.Content.Education]
		}
	}
	for i, e := range ds.Providers {
		s.provs[e.ID] = i
	}
	return s
}

// ServeHTTP routes a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		apiError(w, http.StatusMethodNotAllowed, "Method Not Allowed", "only GET")
		return
	}
	p := strings.TrimPrefix(r.URL.Path, urlPath(s.base))
	dir, id := path.Split(strings.Trim(p, "/"))
	dir = strings.Trim(dir, "/")
	switch {
	case dir == "" && id == "api-info":
		writeJSON(w, http.StatusOK, map[string]string{"apiPublisher": "Skolverket", "apiName": "susa-navet",
			"apiVersion": "3.0.2", "emilSchemaVersion": "3.0", "apiStatus": "snapshot"})
	case dir == "" && (id == "educationEvents" || id == "educationInfos" || id == "educationProviders"):
		s.list(w, r, id)
	case dir == "educationEvents" && id != "":
		s.one(w, s.events, id, func(i int) any { return s.ds.Events[i] })
	case dir == "educationInfos" && id != "":
		s.one(w, s.infos, id, func(i int) any { return s.ds.Infos[i] })
	case dir == "educationProviders" && id != "":
		s.one(w, s.provs, id, func(i int) any { return s.ds.Providers[i] })
	default:
		apiError(w, http.StatusNotFound, "Not Found", "no such resource")
	}
}

// typeOf is the school type of the info of event i, whose content is c.
func (s *Server) typeOf(i int, c *Event) string {
	if i < len(s.eventContent) && c == s.eventContent[i] {
		return s.eventType[i]
	}
	return s.infoType[c.Education]
}

func urlPath(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return u.Path
}

func (s *Server) one(w http.ResponseWriter, index map[string]int, id string, get func(int) any) {
	i, ok := index[id]
	if !ok {
		apiError(w, http.StatusNotFound, "Not Found", "resource "+id+" not found")
		return
	}
	writeJSON(w, http.StatusOK, get(i))
}

func (s *Server) list(w http.ResponseWriter, r *http.Request, resource string) {
	q := r.URL.Query()
	page, size := 0, 100
	var err error
	if v := q.Get("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 0 {
			apiError(w, http.StatusBadRequest, "Bad Request", "page must be an integer >= 0")
			return
		}
	}
	if v := q.Get("size"); v != "" {
		if size, err = strconv.Atoi(v); err != nil || size < 1 || size > MaxPageSize {
			apiError(w, http.StatusBadRequest, "Bad Request", "size must be between 1 and 2000")
			return
		}
	}
	var since time.Time
	if v := q.Get("updatedSince"); v != "" {
		if since, err = parseSince(v); err != nil {
			apiError(w, http.StatusBadRequest, "Bad Request", "updatedSince: "+err.Error())
			return
		}
	}
	types := q["schoolType"]
	provider := q.Get("providerId")

	env := Envelope{}
	var total int
	// keep is asked only with updatedSince: a full listing does not read
	// each event's content.
	keep := func(edited string) bool {
		if edited == "" {
			return true
		}
		t, err := parseSince(edited)
		return err != nil || !t.Before(since)
	}
	from, to := page*size, (page+1)*size
	switch resource {
	case "educationEvents":
		for i, e := range s.ds.Events {
			if c := e.Content; c != nil {
				if (!since.IsZero() && !keep(c.LastEdited)) || (len(types) > 0 && !slices.Contains(types, s.typeOf(i, c))) ||
					(provider != "" && !slices.Contains(c.Providers, provider)) {
					continue
				}
			}
			if total >= from && total < to {
				env.EducationEvents = append(env.EducationEvents, e)
			}
			total++
		}
	case "educationInfos":
		for _, e := range s.ds.Infos {
			if c := e.Content; c != nil && ((!since.IsZero() && !keep(c.LastEdited)) || (len(types) > 0 && !slices.Contains(types, s.infoType[e.ID]))) {
				continue
			}
			if total >= from && total < to {
				env.EducationInfos = append(env.EducationInfos, e)
			}
			total++
		}
	case "educationProviders":
		for _, e := range s.ds.Providers {
			if c := e.Content; c != nil && !since.IsZero() && !keep(c.LastEdited) {
				continue
			}
			if total >= from && total < to {
				env.EducationProviders = append(env.EducationProviders, e)
			}
			total++
		}
	}
	pages := (total + size - 1) / size
	env.Page = PageMetadata{Size: int64(size), TotalElements: int64(total), TotalPages: int64(pages), PageNumber: int64(page)}
	link := func(p int) string {
		q.Set("page", strconv.Itoa(p))
		return s.base + "/" + resource + "?" + q.Encode()
	}
	env.Links = []Link{{Rel: "self", Href: link(page)}}
	if page+1 < pages {
		env.Links = append(env.Links, Link{Rel: "next", Href: link(page + 1)})
	}
	writeJSON(w, http.StatusOK, env)
}

// parseSince reads updatedSince: a date (midnight) or a local date-time.
func parseSince(v string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02", time.RFC3339} {
		if t, err := time.ParseInLocation(layout, v, clean.Stockholm); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unparseable %q", v)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// apiError writes the API's ApiErrorResponse shape.
func apiError(w http.ResponseWriter, status int, typ, msg string) {
	writeJSON(w, status, map[string]any{"timestamp": time.Now().Format(time.RFC3339), "status": status,
		"type": typ, "message": msg})
}
