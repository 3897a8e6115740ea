package emil3

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"

	"kurskatalog/crawler/clean"
	"kurskatalog/data/catalog"
)

var stockholm = clean.Stockholm

// normaliser turns events into offerings, looking up their infos and
// providers. A lookup that fails for a reason other than "not found" is a
// failed run, kept in err.
type normaliser struct {
	ctx       context.Context
	src       *Source
	infos     *documents[Info]
	providers *documents[Provider]
	err       error
}

// add normalises one event entry into batch, counting what it skips.
func (n *normaliser) add(batch *catalog.Batch, e EventEntry) {
	batch.Fetched++
	if e.Status != StatusActive {
		if e.ID != "" {
			batch.Removed = append(batch.Removed, e.ID)
		}
		return
	}
	if e.Content == nil {
		batch.Skipped = append(batch.Skipped, catalog.Skip{ID: e.ID, Reason: "active event without content"})
		return
	}
	o, keep, err := n.offering(e.Content)
	if err != nil {
		id := e.Content.Identifier
		if id == "" {
			id = e.ID
		}
		batch.Skipped = append(batch.Skipped, catalog.Skip{ID: id, Reason: err.Error()})
		return
	}
	if !keep {
		batch.Filtered++
		// An incremental run must drop an offering that moved out of scope;
		// a complete run drops it anyway by not mentioning it.
		if !batch.Complete {
			batch.Removed = append(batch.Removed, o.ID)
		}
		return
	}
	batch.Offerings = append(batch.Offerings, o)
}

// skipError marks a record problem: the record is skipped, the run goes on.
type skipError string

func (e skipError) Error() string { return string(e) }

// offering normalises one event. keep is false for a valid event outside the
// catalogue's scope: another school type, or on site outside the region.
func (n *normaliser) offering(ev *Event) (o catalog.Offering, keep bool, err error) {
	switch {
	case ev.Identifier == "":
		return o, false, skipError("missing identifier")
	case ev.Education == "":
		return o, false, skipError("missing education")
	case len(ev.Providers) == 0:
		return o, false, skipError("missing providers")
	case ev.Execution == nil:
		return o, false, skipError("missing execution")
	}
	o = catalog.Offering{
		ID:          ev.Identifier,
		EducationID: ev.Education,
		Provenance: catalog.Provenance{
			Source:    n.src.cfg.ID,
			SourceURL: n.src.base + "/educationEvents/" + url.PathEscape(ev.Identifier),
		},
	}
	for _, loc := range ev.Locations {
		if code, ok := clean.Municipality(loc.AreaCode); ok && !slices.Contains(o.Municipalities, code) {
			o.Municipalities = append(o.Municipalities, code)
		}
		if t := strings.TrimSpace(loc.Town); t != "" && !slices.Contains(o.Towns, t) {
			o.Towns = append(o.Towns, t)
		}
	}
	inRegion := slices.ContainsFunc(o.Municipalities, func(c string) bool { return n.src.region[c] })
	if !inRegion && ev.Distance == nil {
		return o, false, nil
	}

	info, err := get(n, n.infos, ev.Education)
	if err != nil {
		return o, false, err
	}
	o.SchoolType = codeOf(info.Type)
	if !n.src.types[o.SchoolType] {
		return o, false, nil
	}
	if err := fillEvent(&o, ev); err != nil {
		return o, false, err
	}
	fillInfo(&o, info)
	p, err := get(n, n.providers, ev.Providers[0])
	if err != nil {
		return o, false, err
	}
	o.Provider = provider(ev.Providers[0], p)
	if o.Title == "" {
		return o, false, skipError("missing title")
	}
	return o, true, nil
}

func fillEvent(o *catalog.Offering, ev *Event) error {
	o.Title = ev.Title.In("swe")
	if o.Title == "" {
		if node, ok := ev.Title.Node("swe"); ok {
			o.Title = strings.TrimSpace(node.Value)
		}
	}
	if en := ev.Title.In("eng"); en != o.Title {
		o.TitleEN = en
	}
	o.Description = description(ev.Description)
	o.URL = clean.URL(ev.URL.Get("swe"))

	var err error
	if o.Start, err = clean.Date(ev.Execution.Start); err != nil {
		return skipError("execution.start: " + err.Error())
	}
	if o.End, err = clean.Date(ev.Execution.End); err != nil {
		return skipError("execution.end: " + err.Error())
	}
	if c := codeOf(ev.Execution.Condition); c != "" {
		if _, err := fmt.Sscan(c, &o.ExecutionCondition); err != nil {
			return skipError(fmt.Sprintf("execution.condition %q", c))
		}
	}
	o.RollingStart = o.ExecutionCondition == 2 || o.ExecutionCondition == 3

	o.Mode = catalog.ModeOnsite
	if d := ev.Distance; d != nil {
		o.Mode = catalog.ModeOnline
		if d.NoOfMandatorySessions != nil && d.NoOfMandatorySessions.Valid && d.NoOfMandatorySessions.Value > 0 {
			o.Mode = catalog.ModeBlended
			o.MandatorySessions = int(d.NoOfMandatorySessions.Value)
		}
		o.DistanceNote = d.Description.In("swe")
	}
	if ev.PaceOfStudy != nil && ev.PaceOfStudy.Percentage != nil && ev.PaceOfStudy.Percentage.Valid {
		p := int(math.Round(ev.PaceOfStudy.Percentage.Value))
		if p > 0 && p <= 100 {
			o.Pace = p
		}
	}
	o.TimeOfStudy = codeOf(ev.TimeOfStudy)
	if a := ev.Application; a != nil {
		if o.ApplicationFirst, err = clean.Date(a.First); err != nil {
			return skipError("application.first: " + err.Error())
		}
		if o.ApplicationLast, err = clean.Date(a.Last); err != nil {
			return skipError("application.last: " + err.Error())
		}
		if a.Continuous != nil && *a.Continuous {
			o.RollingStart = true
		}
		var rolling bool
		if o.ApplicationLast, rolling = clean.LastApplicationDay(o.ApplicationLast); rolling {
			o.RollingStart = true
		}
		o.ApplicationURL = clean.URL(a.URL.Get("swe"))
		o.ApplicationCode = a.Code
	}
	o.Languages = ev.LanguageOfInstructions
	if ev.Places != nil && ev.Places.Valid && ev.Places.Value > 0 {
		o.Places = int(ev.Places.Value)
	}
	o.Cancelled = ev.IsCancelled != nil && *ev.IsCancelled
	o.Fees = fees(ev.Fees)
	o.Locations = locations(ev.Locations)
	for _, k := range ev.Keywords {
		if v := strings.TrimSpace(k.Value); v != "" && (k.Lang == "" || k.Lang == "swe") {
			o.Keywords = append(o.Keywords, v)
		}
	}
	return nil
}

func fillInfo(o *catalog.Offering, in *Info) {
	o.Code = in.Code
	o.Configuration = codeOf(in.Configuration)
	if o.Title == "" {
		o.Title = in.Title.In("swe")
	}
	if o.TitleEN == "" {
		if en := in.Title.In("eng"); en != o.Title {
			o.TitleEN = en
		}
	}
	if o.Description == "" {
		o.Description = description(in.Description)
	}
	if o.URL == "" {
		o.URL = clean.URL(in.URL.Get("swe"))
	}
	for _, l := range in.EducationLevels {
		if c := string(l.Code); c != "" {
			o.Levels = append(o.Levels, c)
		}
	}
	for _, s := range in.Subjects {
		if c := string(s.Code); c != "" {
			o.Subjects = append(o.Subjects, catalog.Code{Type: s.Type, Code: c})
		}
	}
	if d := strings.TrimSpace(in.Degrees.In("swe")); d != "" && !noDegree(d) {
		o.Degree = d
	}
	if c := in.Credits; c != nil && c.Credits != nil && c.Credits.Valid {
		o.Credits = c.Credits.Value
		o.CreditSystem = codeOf(c.System)
	}
	o.StudentAid = codeOf(in.EligibleForStudentAid)
	o.Eligibility = description(in.Eligibility)
	o.PriorKnowledge = description(in.RecommendedPriorKnowledge)
}

// noDegree tells the wordings of "leads to no degree" apart from a degree.
func noDegree(d string) bool {
	d = strings.ToLower(d)
	return strings.HasPrefix(d, "ingen examen") || d == "ingen" || d == "-"
}

func provider(id string, p *Provider) catalog.Provider {
	out := catalog.Provider{ID: id, Name: p.Name.In("swe"), URL: clean.URL(p.URL.Get("swe"))}
	if out.Name == "" {
		if node, ok := p.Name.Node("swe"); ok {
			out.Name = node.Value
		}
	}
	if p.ResponsibleBody != nil {
		out.ResponsibleBody = codeOf(p.ResponsibleBody.Type)
	}
	if len(p.EmailAddresses) > 0 {
		out.Email = p.EmailAddresses[0]
	}
	if len(p.Phones) > 0 {
		out.Phone = p.Phones[0].Number.In("swe")
	}
	if len(p.VisitAddresses) > 0 {
		out.Town = p.VisitAddresses[0].Town
		if l, ok := location(p.VisitAddresses[0]); ok && l.Street != "" {
			out.Address = &l
		}
	}
	return out
}

func description(s *LangString) string {
	node, ok := s.Node("swe")
	if !ok {
		return ""
	}
	if strings.EqualFold(node.Content, "HTML") {
		return clean.HTML(node.Value)
	}
	return clean.TextAsHTML(node.Value)
}

func codeOf(c *CodeValue) string {
	if c == nil {
		return ""
	}
	return string(c.Code)
}
