package gtfs

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"kurskatalog/data/catalog"
)

// The files and columns a feed must have. calendar.txt and
// calendar_dates.txt are each optional, but one of them must be there.
var required = map[string][]string{
	"agency.txt":         {"agency_name", "agency_url", "agency_timezone"},
	"stops.txt":          {"stop_id", "stop_name", "stop_lat", "stop_lon"},
	"routes.txt":         {"route_id", "route_type"},
	"trips.txt":          {"route_id", "service_id", "trip_id"},
	"stop_times.txt":     {"trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"},
	"calendar.txt":       {"service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "start_date", "end_date"},
	"calendar_dates.txt": {"service_id", "date", "exception_type"},
	"feed_info.txt":      {"feed_publisher_name", "feed_publisher_url", "feed_lang"},
}

// Parse reads a GTFS zip. A missing file or column that the router needs is
// an error naming it, and so is a feed without one usable trip; a row that
// cannot be read (a bad time, an unknown stop or trip, a wrong number of
// fields) is skipped and counted in Feed.Skipped.
func Parse(body []byte) (*Feed, error) {
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return nil, fmt.Errorf("gtfs: not a zip archive: %w", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[path.Base(f.Name)] = f
	}
	for _, name := range []string{"agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt"} {
		if files[name] == nil {
			return nil, fmt.Errorf("gtfs: the feed has no %s", name)
		}
	}
	if files["calendar.txt"] == nil && files["calendar_dates.txt"] == nil {
		return nil, errors.New("gtfs: the feed has neither calendar.txt nor calendar_dates.txt")
	}
	f := &Feed{Stops: map[string]Stop{}, Routes: map[string]Route{}, Trips: map[string]Trip{},
		StopTimes: map[string][]StopTime{}, Calendar: map[string]Service{}, Dates: map[string]map[string]int{}}
	steps := []struct {
		name string
		row  func(row) string
	}{
		{"agency.txt", func(r row) string { return "" }},
		{"stops.txt", f.stop},
		{"routes.txt", f.route},
		{"trips.txt", f.trip},
		{"stop_times.txt", f.stopTime},
		{"calendar.txt", f.service},
		{"calendar_dates.txt", f.date},
		{"feed_info.txt", f.info},
	}
	for _, s := range steps {
		if zf := files[s.name]; zf != nil {
			if err := f.read(zf, s.name, s.row); err != nil {
				return nil, err
			}
		}
	}
	for id, sts := range f.StopTimes {
		slices.SortFunc(sts, func(a, b StopTime) int { return a.Sequence - b.Sequence })
		if len(sts) < 2 {
			delete(f.StopTimes, id)
			f.skip("trips.txt:"+id, "trip with fewer than two timed stops")
		}
	}
	if len(f.StopTimes) == 0 {
		return nil, fmt.Errorf("gtfs: no usable trips (%d rows, %d skipped)", f.Rows, len(f.Skipped))
	}
	return f, nil
}

// row is one CSV record with its file's header.
type row struct {
	cols   map[string]int
	fields []string
}

// get returns the named column, trimmed; "" when the file lacks it.
func (r row) get(name string) string {
	if i, ok := r.cols[name]; ok && i < len(r.fields) {
		return strings.TrimSpace(r.fields[i])
	}
	return ""
}

func (f *Feed) skip(id, reason string) {
	f.Skipped = append(f.Skipped, catalog.Skip{ID: id, Reason: reason})
}

// read checks a file's header against the required columns and hands every
// row to fn, which returns why it skips the row, or "".
func (f *Feed) read(zf *zip.File, name string, fn func(row) string) error {
	rc, err := zf.Open()
	if err != nil {
		return fmt.Errorf("gtfs: %s: %w", name, err)
	}
	defer rc.Close()
	cr := csv.NewReader(rc)
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return fmt.Errorf("gtfs: %s is empty", name)
	}
	if err != nil {
		return fmt.Errorf("gtfs: %s: header: %w", name, err)
	}
	cols := map[string]int{}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		cols[strings.TrimSpace(h)] = i
	}
	for _, c := range required[name] {
		if _, ok := cols[c]; !ok {
			return fmt.Errorf("gtfs: %s has no column %s", name, c)
		}
	}
	for line := 2; ; line++ {
		fields, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		f.Rows++
		id := fmt.Sprintf("%s:%d", name, line)
		if err != nil {
			// A wrong number of fields, or broken quoting: the record is
			// not trusted, the rest of the file still is.
			f.skip(id, "malformed row")
			continue
		}
		if reason := fn(row{cols, fields}); reason != "" {
			f.skip(id, reason)
		}
	}
}

func (f *Feed) stop(r row) string {
	s := Stop{ID: r.get("stop_id"), Name: r.get("stop_name"), Parent: r.get("parent_station")}
	if s.ID == "" {
		return "missing stop_id"
	}
	if lt := r.get("location_type"); lt != "" {
		n, err := strconv.Atoi(lt)
		if err != nil || n < 0 || n > 4 {
			return "bad location_type"
		}
		s.LocationType = n
	}
	var err1, err2 error
	s.Lat, err1 = strconv.ParseFloat(r.get("stop_lat"), 64)
	s.Lon, err2 = strconv.ParseFloat(r.get("stop_lon"), 64)
	if err1 != nil || err2 != nil || s.Lat < -90 || s.Lat > 90 || s.Lon < -180 || s.Lon > 180 || (s.Lat == 0 && s.Lon == 0) {
		return "bad stop_lat or stop_lon"
	}
	if _, dup := f.Stops[s.ID]; dup {
		return "duplicate stop_id"
	}
	f.Stops[s.ID] = s
	return ""
}

func (f *Feed) route(r row) string {
	rt := Route{ID: r.get("route_id"), ShortName: r.get("route_short_name"), LongName: r.get("route_long_name")}
	n, err := strconv.Atoi(r.get("route_type"))
	switch {
	case rt.ID == "":
		return "missing route_id"
	case err != nil || n < 0:
		return "bad route_type"
	}
	rt.Type = n
	f.Routes[rt.ID] = rt
	return ""
}

func (f *Feed) trip(r row) string {
	t := Trip{ID: r.get("trip_id"), RouteID: r.get("route_id"), ServiceID: r.get("service_id"), Headsign: r.get("trip_headsign")}
	switch _, known := f.Routes[t.RouteID]; {
	case t.ID == "" || t.ServiceID == "":
		return "missing trip_id or service_id"
	case !known:
		return "unknown route_id"
	}
	f.Trips[t.ID] = t
	return ""
}

func (f *Feed) stopTime(r row) string {
	trip := r.get("trip_id")
	st := StopTime{StopID: r.get("stop_id")}
	if _, ok := f.Trips[trip]; !ok {
		return "unknown trip_id"
	}
	if s, ok := f.Stops[st.StopID]; !ok || s.LocationType != 0 {
		return "unknown stop_id"
	}
	seq, err := strconv.Atoi(r.get("stop_sequence"))
	if err != nil || seq < 0 {
		return "bad stop_sequence"
	}
	st.Sequence = seq
	arr, dep := r.get("arrival_time"), r.get("departure_time")
	if arr == "" && dep == "" {
		return "stop time without a time"
	}
	if arr == "" {
		arr = dep
	} else if dep == "" {
		dep = arr
	}
	var ok1, ok2 bool
	st.Arrive, ok1 = seconds(arr)
	st.Depart, ok2 = seconds(dep)
	if !ok1 || !ok2 || st.Depart < st.Arrive {
		return "bad arrival_time or departure_time"
	}
	st.NoPickup, st.NoAlight = r.get("pickup_type") == "1", r.get("drop_off_type") == "1"
	f.StopTimes[trip] = append(f.StopTimes[trip], st)
	return ""
}

func (f *Feed) service(r row) string {
	id := r.get("service_id")
	var s Service
	for i, day := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		switch r.get(day) {
		case "1":
			s.Days[i] = true
		case "0":
		default:
			return "bad " + day
		}
	}
	s.Start, s.End = r.get("start_date"), r.get("end_date")
	if id == "" || !isDate(s.Start) || !isDate(s.End) {
		return "bad service_id, start_date or end_date"
	}
	f.Calendar[id] = s
	return ""
}

func (f *Feed) date(r row) string {
	id, date, ex := r.get("service_id"), r.get("date"), r.get("exception_type")
	if id == "" || !isDate(date) || (ex != "1" && ex != "2") {
		return "bad service_id, date or exception_type"
	}
	if f.Dates[id] == nil {
		f.Dates[id] = map[string]int{}
	}
	f.Dates[id][date] = int(ex[0] - '0')
	return ""
}

func (f *Feed) info(r row) string {
	f.Version = r.get("feed_version")
	return ""
}

// seconds reads a GTFS time, "HH:MM:SS" or "H:MM:SS", hours past 24 allowed.
func seconds(s string) (int, bool) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 || len(parts[1]) != 2 || len(parts[2]) != 2 || len(parts[0]) < 1 || len(parts[0]) > 2 {
		return 0, false
	}
	h, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	sec, err3 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || h < 0 || m < 0 || m > 59 || sec < 0 || sec > 59 {
		return 0, false
	}
	return h*3600 + m*60 + sec, true
}

// isDate reports whether s is a GTFS date, YYYYMMDD.
func isDate(s string) bool {
	if len(s) != 8 {
		return false
	}
	_, err := strconv.Atoi(s)
	return err == nil && s[4:6] >= "01" && s[4:6] <= "12" && s[6:] >= "01" && s[6:] <= "31"
}
