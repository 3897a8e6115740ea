package server

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"kurskatalog/data/catalog"
)

// The shortlist lives in the reader's browser (localStorage). Its address
// holds the offerings and notes in pairs, id=...&note=..., and this page
// renders any such address, so a shared link works without JavaScript.

const (
	maxListItems = 100
	maxNoteRunes = 500
)

type listView struct {
	Items     []listItem
	Missing   []string
	Shared    bool // the address names offerings
	IDsJoined string
	ShareURL  string
}

type listItem struct {
	Offering resultItem
	ID       string
	Note     string
}

func (s *Server) listPage(c *gin.Context) {
	lang, err := pageLang(c)
	p := basePage(c, lang, pages.Messages.T(lang, "list.heading"))
	p.NoIndex = true // the address may carry personal notes
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	ids, notes, err := parseList(c.Request.URL.Query())
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	found, err := s.Store.OfferingsByIDs(c.Request.Context(), ids)
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	byID := make(map[string]*catalog.Offering, len(found))
	for i := range found {
		byID[found[i].ID] = &found[i]
	}
	v := listView{Shared: len(ids) > 0, IDsJoined: strings.Join(ids, " ")}
	today := s.today()
	var share strings.Builder
	for i, id := range ids {
		o, ok := byID[id]
		if !ok {
			v.Missing = append(v.Missing, id)
			continue
		}
		v.Items = append(v.Items, listItem{ID: id, Note: notes[i], Offering: toResultItem(o, fmt.Sprintf("l%d", i+1), lang, today)})
		if share.Len() > 0 {
			share.WriteByte('&')
		}
		share.WriteString("id=" + url.QueryEscape(id) + "&note=" + url.QueryEscape(notes[i]))
	}
	v.ShareURL = s.baseURL(c) + "/lista"
	if share.Len() > 0 {
		v.ShareURL += "?" + share.String()
	}
	s.render(c, 200, "list", p, v)
}

// parseList reads the id and note pairs. A note belongs to the id at the
// same position; missing notes are empty, repeated ids keep their first note.
func parseList(v url.Values) (ids, notes []string, err error) {
	rawIDs, rawNotes := v["id"], v["note"]
	if len(rawIDs) > maxListItems {
		return nil, nil, catalog.Invalid("id", "a list holds at most %d offerings", maxListItems)
	}
	for i, id := range rawIDs {
		id = strings.TrimSpace(id)
		if id == "" || slices.Contains(ids, id) {
			continue
		}
		if !utf8.ValidString(id) || len(id) > 200 {
			return nil, nil, catalog.Invalid("id", "%q is not an offering id", id)
		}
		note := ""
		if i < len(rawNotes) {
			note = strings.TrimSpace(strings.ToValidUTF8(rawNotes[i], ""))
		}
		if utf8.RuneCountInString(note) > maxNoteRunes {
			note = string([]rune(note)[:maxNoteRunes])
		}
		ids, notes = append(ids, id), append(notes, note)
	}
	return ids, notes, nil
}
