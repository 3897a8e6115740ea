package pack

import (
	"slices"
	"testing"
	"unsafe"
)

// The packed strings are the strings given, in order, and share one
// allocation: each starts where the one before it ends.
func TestStrings(t *testing.T) {
	in := []string{"kurs-1", "", "Svenska som andraspråk", "ö", "kurs-2"}
	out := Strings(slices.Clone(in))
	if !slices.Equal(out, in) {
		t.Fatalf("packed %q, want %q", out, in)
	}
	for i := 1; i < len(out); i++ {
		if len(out[i]) == 0 || len(out[i-1]) == 0 {
			continue
		}
		end := uintptr(unsafe.Pointer(unsafe.StringData(out[i-1]))) + uintptr(len(out[i-1]))
		if start := uintptr(unsafe.Pointer(unsafe.StringData(out[i]))); start != end {
			t.Errorf("%q does not follow %q in one backing", out[i], out[i-1])
		}
	}
	if got := Strings(nil); len(got) != 0 {
		t.Errorf("packed nothing into %q", got)
	}
}
