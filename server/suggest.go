package server

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"kurskatalog/data/catalog"
)

// Suggester completes what a user is typing. The index does: another kind
// of suggestion is one more suggestion source there.
type Suggester interface {
	// Suggest completes prefix with what leads to offerings that are not
	// over on day today.
	Suggest(ctx context.Context, prefix string, limit int, today time.Time) ([]catalog.Suggestion, error)
}

// suggestParams are the parameters /api/v1/suggest accepts.
var suggestParams = []string{"q", "limit"}

const (
	defaultSuggestions = 8
	maxSuggestions     = 20
	maxPrefixLength    = 100
)

// suggest answers GET /api/v1/suggest?q=: completions of titles, providers
// and municipality names, best first. An empty q has none.
func (s *Server) suggest(c *gin.Context) {
	v := c.Request.URL.Query()
	for name := range v {
		if !slices.Contains(suggestParams, name) {
			s.fail(c, catalog.Invalid(name, "unknown parameter; accepted: %s", strings.Join(suggestParams, ", ")))
			return
		}
	}
	prefix, err := single(v, "q")
	if err == nil && (!utf8.ValidString(prefix) || utf8.RuneCountInString(prefix) > maxPrefixLength) {
		err = catalog.Invalid("q", "not valid UTF-8 of at most %d characters", maxPrefixLength)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	limit, err := intParam(v, "limit", defaultSuggestions, 1, maxSuggestions)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := []catalog.Suggestion{}
	if prefix != "" {
		if out, err = s.Index.Suggest(c.Request.Context(), prefix, limit, s.today()); err != nil {
			s.fail(c, err)
			return
		}
	}
	c.JSON(http.StatusOK, gin.H{"suggestions": nonNil(out)})
}
