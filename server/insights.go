package server

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/data/insights"
)

// Insights records the searches that find few courses and publishes them,
// aggregated and k-anonymous (insights.Recorder does).
type Insights interface {
	// Record queues one search without waiting, stamped with its week;
	// false when it was dropped.
	Record(municipality, words, filters string, results int) bool
	// Published returns the groups of the last weeks weeks that may be
	// shown (insights.K), of one municipality or of all ("").
	Published(ctx context.Context, municipality string, weeks int) ([]catalog.SearchGroup, error)
	// Few: a search is recorded when it finds fewer courses.
	Few() int
	// Version changes whenever what is stored does (for the ETag).
	Version() uint64
}

// robotAgent matches the user agents of robots that say they are one
// (Googlebot, bingbot, AhrefsBot, any crawler or spider, Yahoo's Slurp):
// their searches are no resident's. Programs that use the API on a
// resident's behalf keep their searches counted.
var robotAgent = regexp.MustCompile(`(?i)(bot|crawler|spider)\b|slurp|archiver|facebookexternalhit|preview`)

// noteSearch records a search that found fewer than Few courses, for the
// learning centres: its words, municipality, other filters and result
// count, nothing about who made it. A HEAD request, a robot, a page after
// the first (the same search, read on) and the intake view (whose total
// counts intakes, not courses) are not recorded. A search with several
// municipalities counts once in each: it was looked for in all of them.
func (s *Server) noteSearch(c *gin.Context, q catalog.SearchQuery, total int) {
	if s.Insights == nil || total >= s.Insights.Few() || q.Page > 1 || q.Group != catalog.GroupCourse {
		return
	}
	ua := c.Request.UserAgent()
	if head, _ := c.Request.Context().Value(headRequest{}).(bool); head || ua == "" || robotAgent.MatchString(ua) {
		return
	}
	filters := searchFilters(q)
	places := q.Filters[catalog.FacetMunicipality]
	if len(places) == 0 {
		places = []string{""}
	}
	for _, m := range places {
		if !s.Insights.Record(m, q.Text, filters, total) {
			s.metrics.insightsDropped.Inc()
		}
	}
}

// searchFilters is q's filters but the municipality as a canonical query
// string: keys and values sorted, values as parsed (codes, dates), so that
// equal searches are equal strings. Paging, order, grouping and language
// change what is shown, not what is looked for, and are left out.
func searchFilters(q catalog.SearchQuery) string {
	v := url.Values{}
	for name, vals := range q.Filters {
		if name != catalog.FacetMunicipality && len(vals) > 0 {
			v[name] = slices.Sorted(slices.Values(vals))
		}
	}
	dates := map[string]time.Time{"start_from": q.StartFrom, "start_to": q.StartTo, catalog.FacetApplicationOpen: q.ApplicationOpen}
	for name, t := range dates {
		if !t.IsZero() {
			v.Set(name, t.Format(time.DateOnly))
		}
	}
	if q.RollingStart != nil {
		v.Set("rolling_start", strconv.FormatBool(*q.RollingStart))
	}
	if q.MaxMandatorySessions != nil {
		v.Set("max_mandatory_sessions", strconv.Itoa(*q.MaxMandatorySessions))
	}
	if q.IncludeDistance {
		v.Set("include_distance", "true")
	}
	if q.IncludePast {
		v.Set("include_past", "true")
	}
	return v.Encode()
}

var insightsParams = []string{"municipality", "weeks", "format"}

// The weeks /api/v1/insights covers by default and at most.
const (
	insightsWeeks    = 12
	maxInsightsWeeks = 520
)

// insightsAPI publishes the searches that found few courses, per
// municipality and week, the groups searched at least insights.K times.
// JSON by default; CSV with format=csv or Accept: text/csv. When the
// configuration turns recording off, there are none, and JSON says so.
func (s *Server) insightsAPI(c *gin.Context) {
	v := c.Request.URL.Query()
	if err := onlyParams(v, insightsParams...); err != nil {
		s.fail(c, err)
		return
	}
	municipality, err := single(v, "municipality")
	if err == nil && municipality != "" {
		municipality, err = municipalityParam("municipality", municipality)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	weeks, err := intParam(v, "weeks", insightsWeeks, 1, maxInsightsWeeks)
	if err != nil {
		s.fail(c, err)
		return
	}
	format, err := single(v, "format")
	if err != nil {
		s.fail(c, err)
		return
	}
	switch format {
	case "csv", "json":
	case "":
		format = "json"
		if strings.Contains(c.GetHeader("Accept"), "text/csv") {
			format = "csv"
		}
	default:
		s.fail(c, catalog.Invalid("format", "%q is not csv or json", format))
		return
	}
	var groups []catalog.SearchGroup // none when the configuration turns recording off
	few := 0
	if s.Insights != nil {
		if groups, err = s.Insights.Published(c.Request.Context(), municipality, weeks); err != nil {
			s.fail(c, err)
			return
		}
		few = s.Insights.Few()
	}
	if format == "csv" {
		c.Header("Content-Type", "text/csv; charset=utf-8")
		c.Header("Content-Disposition", `attachment; filename="sokningar-utan-traffar.csv"`)
		c.Status(http.StatusOK)
		if err := insights.WriteCSV(c.Writer, groups); err != nil {
			s.Log.Error("Writing insights CSV", "error", err)
		}
		return
	}
	now := s.Now()
	out := insightsResponse{Enabled: s.Insights != nil, K: insights.K, Few: few, FromWeek: insights.WeeksBack(now, weeks),
		ToWeek: insights.Week(now), Groups: make([]insightGroup, 0, len(groups))}
	for _, g := range groups {
		name, _ := data.MunicipalityName(g.Municipality)
		out.Groups = append(out.Groups, insightGroup{SearchGroup: g, MunicipalityName: name})
	}
	c.JSON(http.StatusOK, out)
}

// insightsResponse carries no total: a sum over every group would give
// away the counts of the groups below K.
type insightsResponse struct {
	Enabled  bool           `json:"enabled"`
	K        int            `json:"k"`
	Few      int            `json:"few"`
	FromWeek string         `json:"from_week"`
	ToWeek   string         `json:"to_week"`
	Groups   []insightGroup `json:"groups"`
}

type insightGroup struct {
	catalog.SearchGroup
	MunicipalityName string `json:"municipality_name"`
}
