package sqlstore

import (
	"context"
	"errors"
	"strconv"
	"testing"
)

// A source that fails half-way (a database read that breaks off) ends the
// sequence with its error, after every item it gave before, in order.
func TestInOrderReadFailure(t *testing.T) {
	broken := errors.New("sqlite: disk I/O error (10)")
	in := func(yield func(int, error) bool) {
		for i := range 600 {
			if !yield(i, nil) {
				return
			}
		}
		yield(0, broken)
	}
	var got []string
	var err error
	for s, e := range inOrder(context.Background(), in, 256, 2, func(i int) (string, error) { return strconv.Itoa(i), nil }) {
		if e != nil {
			err = e
			break
		}
		got = append(got, s)
	}
	if !errors.Is(err, broken) || len(got) != 600 || got[0] != "0" || got[599] != "599" {
		t.Errorf("got %d items (%v ... ), error %v; want 600 in order, then %v", len(got), got[:min(3, len(got))], err, broken)
	}
}
