package clean

import (
	"strings"
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"date", "2027-01-18", "2027-01-18"},
		{"local date-time", "2027-01-18T00:00:00", "2027-01-18"},
		{"utc evening is the next Swedish day", "2026-08-16T22:30:00Z", "2026-08-17"},
		{"offset", "2027-01-18T08:00:00+01:00", "2027-01-18"},
		{"fraction", "2099-12-31T00:00:00.000", "2099-12-31"},
		{"padded", "  2027-08-16 ", "2027-08-16"},
		{"empty", "", ""},
		{"null string", "null", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Date(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			s := ""
			if !got.IsZero() {
				s = got.Format(time.DateOnly)
				if got.Location() != Stockholm || got.Hour() != 0 {
					t.Errorf("%v is not midnight in Stockholm", got)
				}
			}
			if s != tt.want {
				t.Errorf("Date(%q) = %q, want %q", tt.in, s, tt.want)
			}
		})
	}
	for _, bad := range []string{"2027-13-45", "18 januari 2027", "VT27"} {
		if _, err := Date(bad); err == nil {
			t.Errorf("Date(%q) accepted", bad)
		}
	}
}

func TestURL(t *testing.T) {
	tests := map[string]string{
		"www.miun.se/utbildning":     "https://www.miun.se/utbildning",
		"https://www.antagning.se":   "https://www.antagning.se",
		"http://www.are.se/komvux":   "http://www.are.se/komvux",
		"//www.birka.nu/kurser":      "https://www.birka.nu/kurser",
		"javascript:alert(1)":        "",
		"mailto:komvux@ostersund.se": "",
		"Se kommunens webbplats":     "",
		"":                           "",
	}
	for in, want := range tests {
		if got := URL(in); got != want {
			t.Errorf("URL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHTML(t *testing.T) {
	in := `<p onclick="x()">Kursen ges på <strong>distans</strong>.</p><script>alert(1)</script>` +
		`<a href="javascript:alert(1)">Läs mer</a><a href="https://www.miun.se">Mittuniversitetet</a><img src=x onerror=alert(1)>`
	got := HTML(in)
	for _, bad := range []string{"onclick", "<script", "javascript:", "<img", "onerror"} {
		if strings.Contains(got, bad) {
			t.Errorf("HTML kept %q: %s", bad, got)
		}
	}
	for _, keep := range []string{"<p>Kursen ges på <strong>distans</strong>.</p>", `href="https://www.miun.se"`, `rel="nofollow`} {
		if !strings.Contains(got, keep) {
			t.Errorf("HTML lost %q: %s", keep, got)
		}
	}
}

func TestTextAsHTML(t *testing.T) {
	got := TextAsHTML("Kursen ger grunderna i vård & omsorg.\n\nUndervisning två kvällar\ni veckan.")
	want := "<p>Kursen ger grunderna i vård &amp; omsorg.</p><p>Undervisning två kvällar<br>i veckan.</p>"
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestMunicipality(t *testing.T) {
	for in, want := range map[string]string{"2380": "2380", " 2313 ": "2313", "180": "0180"} {
		if got, ok := Municipality(in); !ok || got != want {
			t.Errorf("Municipality(%q) = %q, %v", in, got, ok)
		}
	}
	for _, bad := range []string{"", "23", "Östersund", "23800", "NO-5"} {
		if _, ok := Municipality(bad); ok {
			t.Errorf("Municipality(%q) accepted", bad)
		}
	}
}

func TestLastApplicationDay(t *testing.T) {
	deadline := time.Date(2027, 4, 15, 0, 0, 0, 0, Stockholm)
	if last, rolling := LastApplicationDay(deadline); !last.Equal(deadline) || rolling {
		t.Errorf("a real deadline: %v %v", last, rolling)
	}
	sentinel, _ := Date("2099-12-31T00:00:00")
	if last, rolling := LastApplicationDay(sentinel); !last.IsZero() || !rolling {
		t.Errorf("2099-12-31: %v %v, want no deadline and a rolling start", last, rolling)
	}
}
