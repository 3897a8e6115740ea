// Package search holds the word lists of the catalogue's Swedish search, as
// editable text files embedded in the binary. The index reads them when its
// analysis is set up; see docs/search.md for what each one does.
package search

import _ "embed"

// Synonyms maps the words people search with to the catalogue's words
// (synonyms.txt).
//
//go:embed synonyms.txt
var Synonyms string

// Words is the curated dictionary of word parts for splitting compounds
// (words.txt): everyday words that the catalogue's own vocabulary lacks.
//
//go:embed words.txt
var Words string

// Vocabulary is the catalogue's own vocabulary (vocabulary.txt), generated
// from the bundled snapshot: go test ./index -run TestVocabulary -update.
//
//go:embed vocabulary.txt
var Vocabulary string

// Optional lists words that describe almost every offering ("kurs",
// "utbildning") and so only rank, never restrict, a search (optional.txt).
//
//go:embed optional.txt
var Optional string

// English maps English words and phrases to the catalogue's Swedish ones
// (english.txt), so that an English query also searches in Swedish.
//
//go:embed english.txt
var English string
