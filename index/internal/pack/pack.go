// Package pack keeps many small strings in few allocations.
//
// Gob, like most decoders, allocates each string it decodes on its own.
// A started index holds hundreds of thousands of such strings for as long
// as it runs (offering ids, sort titles), and every collection of the
// heap visits each of them: at national size they were most of the
// objects it marked, and a collection's marking is what a loaded service
// waits on for a few hundred milliseconds every few seconds.
package pack

import "strings"

// Strings returns ss with their bytes moved into one shared backing
// string, the strings otherwise equal. The backing lives while any of
// them does: pack strings that live and die together.
func Strings(ss []string) []string {
	n := 0
	for _, s := range ss {
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range ss {
		b.WriteString(s)
	}
	all, at := b.String(), 0
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = all[at : at+len(s)]
		at += len(s)
	}
	return out
}
