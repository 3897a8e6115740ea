package server

import (
	"net/url"
	"slices"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

func TestParseSearchRejects(t *testing.T) {
	for _, tc := range []struct{ query, param string }{
		{"municipality=9999", "municipality"},
		{"start_period=soon", "start_period"},
		{"time_of_study=night", "time_of_study"},
		{"language=svenska", "language"},
		{"level=phd", "level"},
		{"credit_system=ects", "credit_system"},
		{"student_aid=maybe", "student_aid"},
		{"application_open=yesterday", "application_open"},
		{"application_open=2027-02-30", "application_open"},
		{"application_open=true&application_open=false", "application_open"},
		{"rolling_start=ja", "rolling_start"},
		{"include_past=1x", "include_past"},
		{"max_mandatory_sessions=-1", "max_mandatory_sessions"},
		{"max_mandatory_sessions=two", "max_mandatory_sessions"},
		{"q=a&q=b", "q"},
		{"kommun=2380", "kommun"},
	} {
		v, _ := url.ParseQuery(tc.query)
		_, _, err := parseSearch(v)
		e, ok := err.(*catalog.Error)
		if !ok || e.Code != catalog.EInvalid || e.Parameter != tc.param || e.Message == "" {
			t.Errorf("%s: %v, want invalid naming %s", tc.query, err, tc.param)
		}
	}
}

func TestParseSearchReads(t *testing.T) {
	v, _ := url.ParseQuery("q=sfi&municipality=2380,2309&school_type=vuxsfi&pace=50%25&start_period=rolling" +
		"&time_of_study=evening&time_of_study=weekend&language=ENG&level=bachelor&credit_system=HP&student_aid=ja" +
		"&application_open=true&rolling_start=false&max_mandatory_sessions=2&include_past=true")
	q, _, err := parseSearch(v)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		catalog.FacetMunicipality: {"2380", "2309"}, catalog.FacetSchoolType: {"VUXSFI"}, catalog.FacetPace: {"50"},
		catalog.FacetStartPeriod: {"rolling"}, catalog.FacetTimeOfStudy: {"evening", "weekend"},
		catalog.FacetLanguage: {"eng"}, catalog.FacetLevel: {"bachelor"}, catalog.FacetCreditSystem: {"hp"},
		catalog.FacetStudentAid: {"eligible"}, catalog.FacetApplicationOpen: {"true"},
	}
	for name, values := range want {
		if !slices.Equal(q.Filters[name], values) {
			t.Errorf("%s = %q, want %q", name, q.Filters[name], values)
		}
	}
	if q.Text != "sfi" || q.RollingStart == nil || *q.RollingStart || q.MaxMandatorySessions == nil ||
		*q.MaxMandatorySessions != 2 || !q.IncludePast || !q.ApplicationOpen.IsZero() {
		t.Errorf("query %+v", q)
	}
	v, _ = url.ParseQuery("application_open=2027-03-15")
	if q, _, _ := parseSearch(v); !q.ApplicationOpen.Equal(time.Date(2027, 3, 15, 0, 0, 0, 0, catalog.Stockholm)) {
		t.Errorf("application_open date: %v", q.ApplicationOpen)
	}
}

func TestSnippet(t *testing.T) {
	text := "Kursen ger nyanlända en start i svenska språket och samhället. Du lär dig <läsa> & skriva."
	span := func(word string) catalog.Span {
		i := indexOf(text, word)
		return catalog.Span{Start: i, End: i + len(word)}
	}
	for _, tc := range []struct {
		name  string
		spans []catalog.Span
		n     int
		want  string
	}{
		{"marks and escapes", []catalog.Span{span("svenska"), span("skriva")}, 200,
			"Kursen ger nyanlända en start i <mark>svenska</mark> språket och samhället. Du lär dig &lt;läsa&gt; &amp; <mark>skriva</mark>."},
		{"cut around the first match", []catalog.Span{span("samhället")}, 30,
			"…språket och <mark>samhället</mark>. Du lär dig…"},
		{"no match: the beginning", nil, 20, "Kursen ger nyanlända…"},
		{"spans off the text or inside a letter are ignored", []catalog.Span{{Start: span("ä").Start + 1, End: span("ä").End},
			{Start: 80, End: 200}}, 200,
			"Kursen ger nyanlända en start i svenska språket och samhället. Du lär dig &lt;läsa&gt; &amp; skriva."},
	} {
		if got := snippet(text, tc.spans, tc.n); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
	html := `<script>alert("x")</script> Keramik`
	if got := markAll(html, []catalog.Span{{Start: indexOf(html, "Keramik"), End: len(html)}}); got !=
		`&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; <mark>Keramik</mark>` {
		t.Errorf("markAll: %q", got)
	}
	if got := markAll(html, nil); got != `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Keramik` {
		t.Errorf("markAll without spans: %q", got)
	}
}

func indexOf(s, sub string) int {
	for i := range s {
		if len(s)-i >= len(sub) && s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// A municipality is a code or a name, however written, and always a code
// in the query.
func TestParseSearchReadsMunicipalityNames(t *testing.T) {
	v, _ := url.ParseQuery("municipality=H%C3%A4rjedalen,harjedalens+kommun&municipality=2380&municipality=%C3%85RE")
	q, _, err := parseSearch(v)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := q.Filters[catalog.FacetMunicipality], []string{"2361", "2380", "2321"}; !slices.Equal(got, want) {
		t.Errorf("municipality = %q, want %q", got, want)
	}
}
