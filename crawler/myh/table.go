package myh

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"kurskatalog/data"
	"strings"
	"unicode/utf8"
)

// MYH publishes its statistics as Excel workbooks; the CSV files in
// circulation are conversions. The copy we know is UTF-8 without BOM, comma
// separated with CRLF line ends, but an Excel "CSV" export on a Swedish
// machine is Windows-1252 and semicolon separated, so both are read.

// table is a CSV file split into its header and rows. line holds the line
// each row starts on, for skip reasons.
type table struct {
	header []string
	rows   [][]string
	line   []int
}

// readTable decodes data into a table. Only a file that cannot be split into
// rows at all is an error; odd rows are left for the caller to judge.
func readTable(data []byte) (*table, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		data = fromWindows1252(data)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = delimiter(data)
	r.FieldsPerRecord = -1 // a short or long row is a skipped row, not a failed file
	r.LazyQuotes = true
	t := &table{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("csv: %w", err)
		}
		line, _ := r.FieldPos(0)
		if t.header == nil {
			t.header = rec
			continue
		}
		if blank(rec) {
			continue // Excel leaves rows of empty cells below the data
		}
		t.rows = append(t.rows, rec)
		t.line = append(t.line, line)
	}
	if t.header == nil {
		return nil, errors.New("csv: no header")
	}
	return t, nil
}

// columns maps each folded header name to its index. Columns without a
// name (tabell4 ends in empty ones) are left out.
func (t *table) columns() map[string]int {
	idx := make(map[string]int, len(t.header))
	for i, h := range t.header {
		if h = foldHeader(h); h != "" {
			if _, dup := idx[h]; !dup {
				idx[h] = i
			}
		}
	}
	return idx
}

func foldHeader(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(data.Compose(s)), " "))
}

// delimiter picks the separator that occurs most often in the first line.
func delimiter(data []byte) rune {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	best, n := ',', bytes.Count(first, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if m := bytes.Count(first, []byte(string(c))); m > n {
			best, n = c, m
		}
	}
	return best
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// cp1252 holds the characters Windows-1252 puts at 0x80-0x9F, where Latin-1
// has control codes; every other byte is its own code point. Unassigned
// positions stay as the control code.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

func fromWindows1252(b []byte) []byte {
	var out strings.Builder
	out.Grow(len(b) + len(b)/8)
	for _, c := range b {
		if c >= 0x80 && c < 0xA0 {
			out.WriteRune(cp1252[c-0x80])
		} else {
			out.WriteRune(rune(c))
		}
	}
	return []byte(out.String())
}
