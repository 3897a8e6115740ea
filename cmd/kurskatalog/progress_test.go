package main

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kurskatalog/crawler/progress"
)

// Off a terminal, each source gets a line when it starts, one every
// linesEvery pages as they are read, and one at the end.
func TestLineDisplay(t *testing.T) {
	var out bytes.Buffer
	d := newDisplay(&out, &logSink{w: &bytes.Buffer{}})
	a, b := &progress.Counter{}, &progress.Counter{}
	d.watch("a", a)
	d.watch("b", b)
	ctxA, ctxB := progress.With(context.Background(), a), progress.With(context.Background(), b)
	var seen []string // the output after each page of a
	for range 25 {
		progress.Page(ctxA, 100)
		seen = append(seen, out.String())
	}
	progress.Page(ctxB, 3)
	a.Finish(nil)
	b.Finish(errors.New("status 503"))
	d.close()

	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	for i := range lines { // the seconds vary
		lines[i] = regexp.MustCompile(`after [0-9.]+s`).ReplaceAllString(lines[i], "after Xs")
	}
	want := []string{"a: started", "b: started", "a: 1 pages, 100 records", "a: 11 pages, 1100 records",
		"a: 21 pages, 2100 records", "b: 1 pages, 3 records", "a: ok after Xs, 25 pages, 2500 records",
		"b: failed after Xs, 1 pages, 3 records"}
	if !slices.Equal(lines, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(seen[10], "a: 11 pages") || strings.Contains(seen[10], "21 pages") {
		t.Errorf("the 11th page was not shown as it came:\n%s", seen[10])
	}
}

// A crawl of the bundled sources into a pipe lists every source with its
// counts, before the summary table.
func TestCrawlShowsEverySourceAsItComes(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls every bundled source")
	}
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCommand(t, "crawl", "--data-dir", t.TempDir())
	if code != 0 {
		t.Fatalf("crawl exited %d\n%s", code, errOut)
	}
	progressPart, _, ok := strings.Cut(out, "\nsource ")
	if !ok {
		t.Fatalf("no summary table:\n%s", out)
	}
	end := regexp.MustCompile(`^(\S+): ok after [0-9.]+s, (\d+) pages, (\d+) records$`)
	count := regexp.MustCompile(`^(\S+): (\d+) pages, (\d+) records$`)
	type seen struct{ started, counted, ended bool }
	by := map[string]*seen{}
	for _, sc := range cfg.Sources {
		by[sc.ID] = &seen{}
	}
	for _, line := range strings.Split(progressPart, "\n") {
		id, _, _ := strings.Cut(line, ":")
		s := by[id]
		if s == nil {
			t.Errorf("line for no source: %q", line)
			continue
		}
		switch {
		case line == id+": started":
			s.started = true
		case count.MatchString(line):
			s.counted = s.started && !s.ended
		case end.MatchString(line):
			m := end.FindStringSubmatch(line)
			pages, _ := strconv.Atoi(m[2])
			s.ended = s.counted && pages > 0
		default:
			t.Errorf("unexpected line %q", line)
		}
	}
	for id, s := range by {
		if !s.started || !s.counted || !s.ended {
			t.Errorf("%s: started %v, counts while running %v, ended with pages %v", id, s.started, s.counted, s.ended)
		}
	}
	if !strings.Contains(progressPart, "planned-educations: 11 pages") {
		t.Errorf("planned-educations' 15 pages show no count on the way:\n%s", progressPart)
	}
	for _, msg := range []string{`msg="Source run started" source=yrkesbarometer`, `msg="Source run finished" source=yrkesbarometer`} {
		if !strings.Contains(errOut, msg) {
			t.Errorf("log lacks %s", msg)
		}
	}
}
