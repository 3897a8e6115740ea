package coverage

import "kurskatalog/data/catalog"

// Collect copies every offering of o into a slice.
func Collect(o Offerings) []catalog.Offering {
	out := make([]catalog.Offering, o.Len())
	for i := range out {
		out[i] = *o.At(i, &out[i])
	}
	return out
}
