package gtfs

import (
	"archive/zip"
	"bytes"
	"strconv"
	"testing"
	"time"
)

// feedZip zips files as a GTFS feed.
func feedZip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tinyFeed is a hand-made feed with known answers. Home is at stop A.
//
//	T1  A 07:00 -> B 07:30         weekdays
//	T7  A 07:40 -> B 08:00         weekdays (a later, quicker ride to B)
//	T2  B2 08:00 -> C 08:30        weekdays (B2 is 222 m from B: a 3-minute walk)
//	T3  C 08:25 -> D 09:00         weekdays (leaves C before T2 arrives: missed)
//	T4  C 09:30 -> D 09:50         weekdays
//	T5  A 07:10 -> D 07:40         weekends only (not on a weekday)
//
// Weekday service is removed on Monday 2026-11-23 by calendar_dates.
func tinyFeed() map[string]string {
	return map[string]string{
		"agency.txt": "agency_id,agency_name,agency_url,agency_timezone\n1,\"Test\",\"https://example.org\",\"Europe/Stockholm\"\n",
		"stops.txt": "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n" +
			"A,\"Hem Centrum\",63.000000,14.000000,0,\n" +
			"B,\"Byn Torget\",63.100000,14.000000,0,\n" +
			"B2,\"Byn Skolan\",63.102000,14.000000,0,\n" +
			"C,\"Staden Resecentrum\",63.200000,14.000000,0,\n" +
			"D,\"Skolorten\",63.300000,14.000000,0,\n",
		"routes.txt": "route_id,agency_id,route_short_name,route_long_name,route_type\nR1,1,\"1\",\"\",700\nR2,1,\"2\",\"\",700\n",
		"trips.txt":  "route_id,service_id,trip_id\nR1,WK,T1\nR1,WK,T7\nR2,WK,T2\nR2,WK,T3\nR2,WK,T4\nR1,WE,T5\n",
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
			"T1,07:00:00,07:00:00,A,1\nT1,07:30:00,07:30:00,B,2\n" +
			"T7,07:40:00,07:40:00,A,1\nT7,08:00:00,08:00:00,B,2\n" +
			"T2,08:00:00,08:00:00,B2,1\nT2,08:30:00,08:30:00,C,2\n" +
			"T3,08:25:00,08:25:00,C,1\nT3,09:00:00,09:00:00,D,2\n" +
			"T4,09:30:00,09:30:00,C,1\nT4,09:50:00,09:50:00,D,2\n" +
			"T5,07:10:00,07:10:00,A,1\nT5,07:40:00,07:40:00,D,2\n",
		"calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n" +
			"WK,1,1,1,1,1,0,0,20261101,20261231\nWE,0,0,0,0,0,1,1,20261101,20261231\n",
		"calendar_dates.txt": "service_id,date,exception_type\nWK,20261123,2\n",
	}
}

func TestTravelTimesOnTinyFeed(t *testing.T) {
	feed, err := Parse(feedZip(t, tinyFeed()))
	if err != nil {
		t.Fatal(err)
	}
	day, err := feed.ServiceDay(time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)) // a Saturday
	if err != nil {
		t.Fatal(err)
	}
	if got := day.Format(time.DateOnly); got != "2026-11-24" {
		t.Fatalf("service day = %s, want 2026-11-24 (the weekend is skipped, Monday has no weekday service)", got)
	}
	times := feed.TravelTimes([]Origin{{ID: "home", Lat: 63.0, Lon: 14.0}}, DefaultWindow(day))
	got := map[string]string{}
	for _, tt := range times {
		got[tt.StopID] = tt.Depart + "-" + tt.Arrive + " " + strconv.Itoa(tt.Minutes)
	}
	want := map[string]string{
		"A":  "",                // home's own stop is not a journey
		"B":  "07:40-08:00 20",  // the later ride is quicker than leaving at 07:00
		"B2": "07:40-08:03 23",  // walked 3 minutes from B
		"C":  "07:00-08:30 90",  // T1, walk to B2, T2
		"D":  "07:00-09:50 170", // T3 is missed, T4 taken; the weekend's direct T5 does not run
	}
	for stop, w := range want {
		if got[stop] != w {
			t.Errorf("stop %s: got %q, want %q", stop, got[stop], w)
		}
	}
	// On the weekend only T5 runs, and D is 30 minutes away.
	sat := DefaultWindow(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
	for _, tt := range feed.TravelTimes([]Origin{{ID: "home", Lat: 63.0, Lon: 14.0}}, sat) {
		if tt.StopID != "D" || tt.Minutes != 30 {
			t.Errorf("Saturday: %+v, want only D in 30 minutes", tt)
		}
	}
	// Arriving by 09:00 leaves D out of reach.
	early := DefaultWindow(day)
	early.ArriveBy = 9 * 3600
	for _, tt := range feed.TravelTimes([]Origin{{ID: "home", Lat: 63.0, Lon: 14.0}}, early) {
		if tt.StopID == "D" {
			t.Errorf("D reached by %s with arrival by 09:00", tt.Arrive)
		}
	}
}
