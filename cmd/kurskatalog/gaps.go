package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"kurskatalog/data"
	"kurskatalog/data/coverage"
	"kurskatalog/data/occupation"
)

// gapsCommand prints, per municipality, the occupations the county is
// short of that no offering a resident can reach starts in the next months.
// It only reads the store, never the search index, whose lock a running
// serve holds: it works beside the service.
func gapsCommand(ctx context.Context, cfg *Config, dataDir, municipality string, months int, maxKm float64, maxBusMinutes int, out io.Writer) error {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return fmt.Errorf("data dir: %w", err)
	}
	db, err := openStore(ctx, cfg, dataDir)
	if err != nil {
		return err
	}
	defer db.Close()
	tax, err := occupation.Load()
	if err != nil {
		return err
	}
	now, _ := cfg.clock()
	p := coverage.DefaultParams(now())
	p.Until = p.Today.AddDate(0, months, 0)
	p.MaxKm = maxKm
	if maxBusMinutes < 0 {
		return fmt.Errorf("--max-bus-minutes: %d is not a number of minutes", maxBusMinutes)
	}
	p.MaxBusMinutes = maxBusMinutes
	if municipality != "" {
		code, ok := data.ParseMunicipality(municipality)
		if !ok {
			return fmt.Errorf("--municipality: %q is not a municipality code or name (e.g. 2361 or Härjedalen)", municipality)
		}
		p.Municipalities = []string{code}
	}
	rep, err := coverage.FromStore(ctx, db, func(code string) string { return tax.Label(code).SV }, p)
	if err != nil {
		return err
	}
	travel := fmt.Sprintf("på plats inom %.0f km fågelvägen", p.MaxKm)
	if t := rep.Travel.Timetable; t != nil {
		travel = fmt.Sprintf("på plats inom %d minuter med buss en vardagsmorgon, avresa från %s, framme senast %s enligt tidtabellen för %s",
			p.MaxBusMinutes, t.Leave, t.ArriveBy, t.Day.Format(time.DateOnly))
	}
	fmt.Fprintf(out, "Bristyrken utan nåbar start %s–%s (%s, distans med högst %d träffar eller helt på distans)\n",
		p.Today.Format(time.DateOnly), p.Until.Format(time.DateOnly), travel, p.MaxSessions)
	fmt.Fprintf(out, "Shortage occupations without a reachable start; Arbetsförmedlingen's Yrkesbarometer for Jämtlands län.\n")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	last := ""
	for _, g := range rep.Gaps {
		if g.Municipality != last {
			tw.Flush() // each municipality's rows are aligned on their own
			name, _ := data.MunicipalityName(g.Municipality)
			fmt.Fprintf(out, "\n%s (%s)\n", name, g.Municipality)
			last = g.Municipality
		}
		nearest := "ingen start alls"
		switch {
		case g.NearestBusMinutes > 0:
			nearest = fmt.Sprintf("snabbast %d min med buss, %.0f km fågelvägen (%s)", g.NearestBusMinutes, g.NearestKm, g.NearestID)
		case g.NearestID != "" && p.MaxBusMinutes > 0:
			nearest = fmt.Sprintf("ingen buss dit, närmast %.0f km fågelvägen (%s)", g.NearestKm, g.NearestID)
		case g.NearestID != "":
			nearest = fmt.Sprintf("närmast %.0f km bort (%s)", g.NearestKm, g.NearestID)
		}
		fmt.Fprintf(tw, "  %s\tSSYK %s\tprognos: %s\t%s\n", g.Occupation, strings.Join(g.SSYK, ", "), g.Forecast, nearest)
	}
	if len(rep.Gaps) == 0 {
		fmt.Fprintln(out, "Inga luckor / no gaps: every shortage occupation has a reachable start.")
	}
	return tw.Flush()
}
