package html

import (
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// decomposed undoes NFD spellings of å, ä and ö, which text pasted from
// some editors carries.
var decomposed = strings.NewReplacer(
	"a\u030a", "å", "a\u0308", "ä", "o\u0308", "ö",
	"A\u030a", "Å", "A\u0308", "Ä", "O\u0308", "Ö",
)

// fold lower-cases s, composes å/ä/ö and folds runs of white space
// (non-breaking spaces included), for comparing words a site chose.
func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(decomposed.Replace(s)), " "))
}

// oneLine folds white space, keeping case.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// transliterate keeps ids readable in ASCII: "Skoterförarbevis" ->
// "skoterforarbevis".
var transliterate = strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "é", "e", "è", "e", "ü", "u", "æ", "ae", "ø", "o")

// maxSlug keeps ids short enough to read in a URL.
const maxSlug = 80

// slug makes an id part from free text: lower case ASCII letters and
// digits separated by single hyphens.
func slug(parts ...string) string {
	s := transliterate.Replace(fold(strings.Join(parts, " ")))
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
		if b.Len() >= maxSlug {
			break
		}
	}
	return b.String()
}

// formatting elements run inside words ("<b>S</b>veg"), so they add no
// space; other inline elements usually hold a value of their own
// ("<span>18 jan</span><span>Sveg</span>") and are set apart by a space.
var formatting = map[atom.Atom]bool{
	atom.A: true, atom.B: true, atom.I: true, atom.Em: true, atom.Strong: true, atom.U: true,
	atom.Small: true, atom.Abbr: true, atom.Sup: true, atom.Sub: true, atom.Mark: true,
	atom.S: true, atom.Q: true, atom.Cite: true, atom.Code: true, atom.Bdi: true,
}

var inline = map[atom.Atom]bool{
	atom.Span: true, atom.Time: true, atom.Label: true, atom.Data: true, atom.Img: true,
	atom.Input: true, atom.Button: true, atom.Select: true, atom.Output: true,
}

// hidden elements hold no text a reader sees.
var hidden = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Head: true, atom.Svg: true, atom.Iframe: true,
}

// nodeText is the text a reader sees in n: block elements and <br> become
// line breaks, so that a Regexp rule can take "the rest of the line".
func nodeText(n *nethtml.Node) string {
	var b strings.Builder
	writeText(&b, n)
	lines := strings.Split(b.String(), "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = oneLine(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func writeText(b *strings.Builder, n *nethtml.Node) {
	switch n.Type {
	case nethtml.TextNode:
		b.WriteString(n.Data)
		return
	case nethtml.ElementNode:
		if hidden[n.DataAtom] {
			return
		}
		if n.DataAtom == atom.Br {
			b.WriteByte('\n')
			return
		}
	case nethtml.DocumentNode:
	default:
		return
	}
	sep := ""
	switch {
	case n.Type != nethtml.ElementNode || formatting[n.DataAtom]:
	case inline[n.DataAtom]:
		sep = " "
	default:
		sep = "\n"
	}
	b.WriteString(sep)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c)
	}
	b.WriteString(sep)
}

// textOfHTML is the visible text of an HTML fragment.
func textOfHTML(s string) string {
	doc, err := nethtml.Parse(strings.NewReader(s))
	if err != nil {
		return s
	}
	return nodeText(doc)
}
