// Package server is the catalogue's HTTP interface: the JSON API under
// /api/v1 and the web pages, served by Gin. Routes are declared in one
// function; errors are mapped to HTTP in one place.
package server

import (
	"context"
	_ "embed"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/data/occupation"
)

// Index finds offerings (IDs of one page and facet counts), the intakes of
// a course, and completes what users type.
type Index interface {
	Search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error)
	// Kept reports whether the index keeps what q's words and filters
	// give, so that searching costs only its order and page.
	Kept(q catalog.SearchQuery) bool
	// Course returns the offerings of the course that offering id is an
	// intake of, in start order, as a search groups them.
	Course(id string) []string
	// Version identifies the content searches see; it grows with every
	// write. Offerings read from the store are cached for a version.
	Version() uint64
	// Offerings is the number of offerings, cancelled ones included.
	Offerings() int
	Suggester
}

// Store reads offerings.
type Store interface {
	FindOfferingByID(ctx context.Context, id string) (*catalog.Offering, error)
	OfferingsByIDs(ctx context.Context, ids []string) ([]catalog.Offering, error)
}

// Sources reports the configured sources and their runs.
type Sources interface {
	SourceStatuses(ctx context.Context) ([]catalog.SourceStatus, error)
}

// Coverage is the store as the coverage report reads it.
type Coverage = coverage.Store

// Deps are what the server needs.
type Deps struct {
	Index   Index
	Store   Store
	Sources Sources
	// Coverage and Taxonomy answer the occupation and coverage questions.
	Coverage Coverage
	Taxonomy *occupation.Taxonomy
	Log      *slog.Logger
	// Now is the clock used for "today" in queries; nil means time.Now.
	Now func() time.Time
	// DataAsOf is the day the bundled snapshots were taken, when they are
	// served instead of the live sources: every page says so. Zero for
	// live data.
	DataAsOf time.Time
	// PublicURL is the scheme, host and path prefix of every absolute link
	// (publicurl.go).
	PublicURL string
	Limits    Limits
	// Ready tells /readyz whether the catalogue is loaded; nil means it is.
	Ready func() bool
	// Insights records the searches that find few courses and publishes
	// them (insights.go); nil when the configuration turns them off.
	Insights Insights
}

// Server holds the handlers' dependencies.
type Server struct {
	Deps
	// offeringsKept and intakesKept keep the offerings and the API's
	// facts of the intakes that pages show (offerings.go).
	offeringsKept kept[*catalog.Offering]
	intakesKept   kept[intakeJSON]
	leadMaps      reused[*catalog.Offering]
	intakeMaps    reused[intakeJSON]
	views         derivedViews
	labels        labels
	metrics       *metrics
	limiter       *clientLimiter
	version       dataVersion
	started       string // when this program started, part of every ETag
}

// New returns the handler with every route.
func New(d Deps) *Handler {
	s := newServer(d)
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(s.observe(), s.recovery(), s.limitRequests(), s.rateLimit(), s.conditional())
	r.HandleMethodNotAllowed = true
	r.NoRoute(func(c *gin.Context) {
		if s.htmlNotFound(c) {
			return
		}
		s.fail(c, catalog.Errorf(catalog.ENotFound, "no such path: %s", c.Request.URL.Path))
	})
	r.NoMethod(func(c *gin.Context) {
		allow := "GET, HEAD" // every route is a GET, and answers HEAD (Handler)
		if c.Request.URL.Path == mcpPath {
			allow = http.MethodPost // but the MCP tools, which are called
		}
		c.Header("Allow", allow)
		c.JSON(http.StatusMethodNotAllowed, errorBody{Error: errorDetail{Code: "method_not_allowed", Message: "method not allowed"}})
	})

	r.GET("/healthz", s.health)
	r.GET("/readyz", s.readiness)
	r.GET("/metrics", gin.WrapH(s.metrics.handler(s.Log)))
	r.GET("/robots.txt", s.robots)
	r.GET("/sitemap.xml", s.sitemap)
	r.GET("/api/openapi.json", func(c *gin.Context) { c.Data(http.StatusOK, "application/json", openapi) })
	api := r.Group("/api/v1")
	api.GET("/search", s.search)
	api.GET("/offerings/:id", s.offering)
	api.GET("/sources", s.sources)
	api.GET("/coverage", s.coverage)
	api.GET("/suggest", s.suggest)
	api.GET("/insights", s.insightsAPI)
	api.GET("/occupations/:ssyk/pathways", s.pathways)

	r.GET("/", canonicalPageQuery, s.searchPage)
	r.GET("/kurs/:id", s.offeringPage)
	r.GET("/lista", s.listPage)
	r.GET("/yrke", s.occupationsPage)
	r.GET("/yrke/:ssyk", canonicalPageQuery, s.occupationPage)
	r.GET("/tackning", canonicalPageQuery, s.coveragePage)
	r.GET("/flode.atom", canonicalPageQuery, s.atomFeed)
	r.GET("/deadlines.ics", canonicalPageQuery, s.deadlinesCalendar)
	r.GET("/static/*file", s.static)
	r.POST(mcpPath, s.mcpHandler())
	return &Handler{Engine: r, prime: s.primeViews}
}

// newServer fills in d's defaults and wraps its index in the limits.
func newServer(d Deps) *Server {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	d.Limits = d.Limits.withDefaults()
	s := &Server{Deps: d, metrics: newMetrics(d.Index, d.Store), limiter: newClientLimiter(d.Limits),
		started: time.Now().Format(time.RFC3339Nano)}
	s.Index = newGuardedIndex(d.Index, d.Limits, s.metrics.observeSearch, s.metrics.observeWait)
	return s
}

//go:embed openapi.json
var openapi []byte

// health is liveness: it answers from memory, so that a busy database (an
// import, a burst of searches) never makes the process look dead.
func (s *Server) health(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok", "offerings": s.Index.Offerings()})
}

func (s *Server) offering(c *gin.Context) {
	o, err := s.Store.FindOfferingByID(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	o.Municipalities = nonNil(o.Municipalities)
	c.JSON(http.StatusOK, o)
}

func (s *Server) sources(c *gin.Context) {
	list, err := s.Sources.SourceStatuses(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"sources": nonNil(list)})
}
