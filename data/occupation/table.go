package occupation

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// readTable reads one of the package's ';'-separated tables: comment lines
// start with '#', the first other line names the columns, and fn gets each
// row by column name with its line number, for messages a data editor can
// act on.
func readTable(r io.Reader, name string, required []string, fn func(line int, row map[string]string) error) error {
	cr := csv.NewReader(r)
	cr.Comma = ';'
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	var header []string
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if header == nil {
			header = rec
			for _, col := range required {
				if !slices.Contains(header, col) {
					return fmt.Errorf("%s: no column %q", name, col)
				}
			}
			continue
		}
		row := make(map[string]string, len(header))
		for i, col := range header {
			if i < len(rec) {
				row[col] = strings.TrimSpace(rec[i])
			}
		}
		if err := fn(line, row); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if header == nil {
		return fmt.Errorf("%s: empty table", name)
	}
	return nil
}
