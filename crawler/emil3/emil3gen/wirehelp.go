package emil3gen

import (
	"strconv"

	"kurskatalog/crawler/emil3"
)

// sv is a Swedish LangString.
func sv(s string) *emil3.LangString {
	return &emil3.LangString{Strings: []emil3.LangNode{{Lang: "swe", Value: s}}}
}

// svEn is a LangString in Swedish and, when en is set, English.
func svEn(s, en string) *emil3.LangString {
	ls := sv(s)
	if en != "" {
		ls.Strings = append(ls.Strings, emil3.LangNode{Lang: "eng", Value: en})
	}
	return ls
}

// html is a Swedish LangString marked as HTML.
func html(s string) *emil3.LangString {
	return &emil3.LangString{Strings: []emil3.LangNode{{Lang: "swe", Content: "HTML", Value: s}}}
}

// link is a Swedish LangURL.
func link(u string) *emil3.LangURL {
	return &emil3.LangURL{URLs: []emil3.LangNode{{Lang: "swe", Value: u}}}
}

// code is a code-list value.
func code(typ, c string) *emil3.CodeValue {
	return &emil3.CodeValue{Type: typ, Code: emil3.CodeString(c)}
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

func itoa(i int) string { return strconv.Itoa(i) }
