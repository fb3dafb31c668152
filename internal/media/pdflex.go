package media

import "bytes"

// pdfTokKind is what the PDF lexer found.
type pdfTokKind uint8

const (
	pdfEOF        pdfTokKind = iota
	pdfInt                   // a non-negative integer of at most 10 digits
	pdfWord                  // any other run of regular characters: keywords and other numbers
	pdfName                  // '/' and its characters
	pdfString                // a literal (...) or hex <...> string
	pdfDictOpen              // <<
	pdfDictClose             // >>
	pdfArrayOpen             // [
	pdfArrayClose            // ]
	pdfStreamData            // the keyword "stream", the data and "endstream"
	pdfComment               // from '%' to the end of the line
	pdfStray                 // a delimiter out of place: ) > { }
)

// pdfTok is one token and where it lies in the file.
type pdfTok struct {
	kind       pdfTokKind
	start, end int
	inner      [2]int // pdfString: its contents; pdfStreamData: the data
	n          int64  // pdfInt
	text       []byte // pdfWord; pdfName without '/' (#xx escapes not decoded); pdfComment
}

func (t pdfTok) isWord(w string) bool { return t.kind == pdfWord && string(t.text) == w }

// isName reports whether t is the name /want, once #xx escapes are decoded.
func (t pdfTok) isName(want string) bool { return t.kind == pdfName && pdfNameIs(t.text, want) }

var pdfEndstream = []byte("endstream")

// lexPDF returns the token at or after offset i, skipping whitespace, or a
// pdfEOF token at the end of data. Stream data is not tokenized: it runs
// from the "stream" keyword to the first "endstream". Unterminated strings
// and streams are errors.
func lexPDF(data []byte, i int) (pdfTok, error) {
	for i < len(data) && isPDFSpace(data[i]) {
		i++
	}
	t := pdfTok{start: i, end: i + 1}
	if i >= len(data) {
		t.kind, t.end = pdfEOF, i
		return t, nil
	}
	switch c := data[i]; {
	case c == '%':
		t.kind, t.end = pdfComment, lineEnd(data, i)
		t.text = data[i:t.end]
	case c == '(':
		return lexLiteralString(data, i)
	case c == '<' && i+1 < len(data) && data[i+1] == '<':
		t.kind, t.end = pdfDictOpen, i+2
	case c == '<':
		j := bytes.IndexByte(data[i+1:], '>')
		if j < 0 {
			return t, malformed("pdf: unterminated hex string at offset %d", i)
		}
		t.kind, t.end, t.inner = pdfString, i+j+2, [2]int{i + 1, i + j + 1}
	case c == '>' && i+1 < len(data) && data[i+1] == '>':
		t.kind, t.end = pdfDictClose, i+2
	case c == '[':
		t.kind = pdfArrayOpen
	case c == ']':
		t.kind = pdfArrayClose
	case c == '/':
		t.kind, t.end = pdfName, regularEnd(data, i+1)
		t.text = data[i+1 : t.end]
	case isPDFDelim(c):
		t.kind = pdfStray
	default:
		return lexWord(data, i)
	}
	return t, nil
}

// lexLiteralString scans a string in parentheses, which may hold balanced
// parentheses and backslash escapes.
func lexLiteralString(data []byte, i int) (pdfTok, error) {
	depth, j := 1, i+1
	for ; j < len(data) && depth > 0; j++ {
		switch data[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			depth--
		}
	}
	if depth > 0 {
		return pdfTok{}, malformed("pdf: unterminated string at offset %d", i)
	}
	return pdfTok{kind: pdfString, start: i, end: j, inner: [2]int{i + 1, j - 1}}, nil
}

// lexWord scans a run of regular characters; the keyword "stream" takes
// its data and "endstream" with it.
func lexWord(data []byte, i int) (pdfTok, error) {
	j := regularEnd(data, i)
	t := pdfTok{kind: pdfWord, start: i, end: j, text: data[i:j]}
	if n, ok := parsePDFInt(t.text); ok {
		t.kind, t.n = pdfInt, n
		return t, nil
	}
	if string(t.text) == "stream" {
		k := bytes.Index(data[j:], pdfEndstream)
		if k < 0 {
			return t, malformed("pdf: unterminated stream at offset %d", i)
		}
		t.kind, t.inner, t.end = pdfStreamData, [2]int{j, j + k}, j+k+len(pdfEndstream)
	}
	return t, nil
}

func lineEnd(data []byte, i int) int {
	for i < len(data) && data[i] != '\r' && data[i] != '\n' {
		i++
	}
	return i
}

func regularEnd(data []byte, i int) int {
	for i < len(data) && isPDFRegular(data[i]) {
		i++
	}
	return i
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isPDFRegular(c byte) bool { return !isPDFSpace(c) && !isPDFDelim(c) }

// pdfNameIs reports whether a raw name (after '/') equals want once its
// #xx escapes are decoded.
func pdfNameIs(raw []byte, want string) bool {
	i := 0
	for k := 0; k < len(raw); k++ {
		c := raw[k]
		if c == '#' && k+2 < len(raw) {
			h, ok1 := unhex(raw[k+1])
			l, ok2 := unhex(raw[k+2])
			if ok1 && ok2 {
				c = h<<4 | l
				k += 2
			}
		}
		if i >= len(want) || want[i] != c {
			return false
		}
		i++
	}
	return i == len(want)
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// parsePDFInt parses a non-negative decimal integer of at most 10 digits.
func parsePDFInt(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if !isDigit(c) {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// isPDFNumber reports whether a word is a number: an optional sign, then
// digits with at most one '.'.
func isPDFNumber(b []byte) bool {
	if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
		b = b[1:]
	}
	digits, dots := 0, 0
	for _, c := range b {
		switch {
		case isDigit(c):
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}
