package media

import "bytes"

type pdfRef struct{ num, gen int64 }

type pdfTokKind uint8

const (
	pdfTokOther pdfTokKind = iota
	pdfTokInt
	pdfTokName
)

type pdfTok struct {
	kind pdfTokKind
	n    int64  // pdfTokInt
	name []byte // pdfTokName, raw (without '/', #xx escapes not decoded)
}

// pdfVisitor receives what scanPDF finds outside streams. obj is the
// object being scanned (nil between objects, e.g. in a trailer).
type pdfVisitor struct {
	// str is called with the bounds of a string's contents: between the
	// parentheses of a literal string or the angle brackets of a hex one.
	str func(obj *pdfRef, start, end int)
	// ref is called for every indirect reference "num gen R"; info tells
	// whether it is the value of an /Info entry.
	ref func(obj *pdfRef, r pdfRef, info bool)
	// stream is called with the bounds of a stream's data: from just
	// after the "stream" keyword to the start of "endstream".
	stream func(start, end int)
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

var (
	pdfStream    = []byte("stream")
	pdfEndstream = []byte("endstream")
)

// scanPDF tokenizes the file body in one pass, skipping comments and the
// data of streams (from the "stream" keyword to the next "endstream").
// Unterminated strings and streams are errors.
func scanPDF(data []byte, v pdfVisitor) error {
	s := &pdfScanner{data: data, v: v}
	for s.i < len(data) {
		c := data[s.i]
		var err error
		switch {
		case isPDFSpace(c):
			s.i++
		case c == '%':
			s.comment()
		case c == '(':
			err = s.literalString()
		case c == '<' && s.i+1 < len(data) && data[s.i+1] == '<':
			s.push(pdfTok{})
			s.i += 2
		case c == '<':
			err = s.hexString()
		case c == '/':
			s.name()
		case isPDFDelim(c): // ) > [ ] { }
			s.push(pdfTok{})
			s.i++
		default:
			err = s.word()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// pdfScanner is the state of scanPDF: where it is, the last three tokens
// and the object it is in.
type pdfScanner struct {
	data   []byte
	v      pdfVisitor
	i      int       // offset of the next byte to scan
	hist   [3]pdfTok // hist[2] is the latest token
	cur    *pdfRef   // the object being scanned; nil between objects
	curRef pdfRef    // what cur points to
}

func (s *pdfScanner) push(t pdfTok) { s.hist[0], s.hist[1], s.hist[2] = s.hist[1], s.hist[2], t }

// comment skips a comment, up to the end of its line.
func (s *pdfScanner) comment() {
	for s.i < len(s.data) && s.data[s.i] != '\r' && s.data[s.i] != '\n' {
		s.i++
	}
}

// literalString scans a string in parentheses, which may hold balanced
// parentheses and backslash escapes.
func (s *pdfScanner) literalString() error {
	data, i := s.data, s.i
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
		return malformed("pdf: unterminated string at offset %d", i)
	}
	if s.v.str != nil {
		s.v.str(s.cur, i+1, j-1)
	}
	s.push(pdfTok{})
	s.i = j
	return nil
}

// hexString scans a string in angle brackets.
func (s *pdfScanner) hexString() error {
	i := s.i
	j := bytes.IndexByte(s.data[i+1:], '>')
	if j < 0 {
		return malformed("pdf: unterminated hex string at offset %d", i)
	}
	j += i + 1
	if s.v.str != nil {
		s.v.str(s.cur, i+1, j)
	}
	s.push(pdfTok{})
	s.i = j + 1
	return nil
}

// name scans a name: '/' and the regular characters after it.
func (s *pdfScanner) name() {
	j := s.i + 1
	for j < len(s.data) && isPDFRegular(s.data[j]) {
		j++
	}
	s.push(pdfTok{kind: pdfTokName, name: s.data[s.i+1 : j]})
	s.i = j
}

// word scans a run of regular characters: an integer, or a keyword of
// which obj, endobj, R and stream matter.
func (s *pdfScanner) word() error {
	j := s.i
	for j < len(s.data) && isPDFRegular(s.data[j]) {
		j++
	}
	word := s.data[s.i:j]
	s.i = j
	if n, ok := parsePDFInt(word); ok {
		s.push(pdfTok{kind: pdfTokInt, n: n})
		return nil
	}
	hist := &s.hist
	twoInts := hist[1].kind == pdfTokInt && hist[2].kind == pdfTokInt
	switch string(word) {
	case "obj":
		if twoInts {
			s.curRef = pdfRef{hist[1].n, hist[2].n}
			s.cur = &s.curRef
		}
	case "endobj":
		s.cur = nil
	case "R":
		if twoInts && s.v.ref != nil {
			info := hist[0].kind == pdfTokName && pdfNameIs(hist[0].name, "Info")
			s.v.ref(s.cur, pdfRef{hist[1].n, hist[2].n}, info)
		}
	case "stream":
		if err := s.skipStream(); err != nil {
			return err
		}
	}
	s.push(pdfTok{})
	return nil
}

// skipStream skips a stream's data, from just after the "stream" keyword
// to the end of the next "endstream".
func (s *pdfScanner) skipStream() error {
	k := bytes.Index(s.data[s.i:], pdfEndstream)
	if k < 0 {
		return malformed("pdf: unterminated stream at offset %d", s.i-len(pdfStream))
	}
	if s.v.stream != nil {
		s.v.stream(s.i, s.i+k)
	}
	s.i += k + len(pdfEndstream)
	return nil
}

// maxInfoRefs bounds the references followed from information
// dictionaries (a real file has a handful).
const maxInfoRefs = 4096

// pdfInfoObjects returns the objects named by /Info entries and the
// objects those reference (indirect string values).
func pdfInfoObjects(data []byte) (info, refd map[pdfRef]bool, err error) {
	info = map[pdfRef]bool{}
	err = scanPDF(data, pdfVisitor{ref: func(_ *pdfRef, r pdfRef, isInfo bool) {
		if isInfo && len(info) < maxInfoRefs {
			info[r] = true
		}
	}})
	if err != nil {
		return nil, nil, err
	}
	refd = map[pdfRef]bool{}
	err = scanPDF(data, pdfVisitor{ref: func(obj *pdfRef, r pdfRef, _ bool) {
		if obj != nil && info[*obj] && len(refd) < maxInfoRefs {
			refd[r] = true
		}
	}})
	if err != nil {
		return nil, nil, err
	}
	return info, refd, nil
}

// XMP packets: start tag and end tag, for XMP and its predecessor (and a
// bare RDF block as written by some tools).
var pdfXMPTags = [][2][]byte{
	{[]byte("<x:xmpmeta"), []byte("</x:xmpmeta>")},
	{[]byte("<x:xapmeta"), []byte("</x:xapmeta>")},
	{[]byte("<rdf:RDF"), []byte("</rdf:RDF>")},
}

// blankXMP overwrites with spaces every XMP packet in a stream's data,
// from its start tag to its end tag or, if that is missing, to the end of
// the stream.
func blankXMP(b []byte) {
	for _, tags := range pdfXMPTags {
		for pos := 0; ; {
			i := bytes.Index(b[pos:], tags[0])
			if i < 0 {
				break
			}
			i += pos
			j := len(b)
			if k := bytes.Index(b[i:], tags[1]); k >= 0 {
				j = i + k + len(tags[1])
			}
			blank(b[i:j])
			pos = j
		}
	}
}

func blank(b []byte) {
	for i := range b {
		b[i] = ' '
	}
}

func stripPDF(data []byte) ([]byte, error) {
	out := make([]byte, len(data))
	copy(out, data)
	info, refd, err := pdfInfoObjects(out)
	if err != nil {
		return nil, err
	}
	if len(info) > 0 {
		err = scanPDF(out, pdfVisitor{str: func(obj *pdfRef, start, end int) {
			if obj != nil && (info[*obj] || refd[*obj]) {
				blank(out[start:end])
			}
		}})
		if err != nil {
			return nil, err
		}
	}
	err = scanPDF(out, pdfVisitor{stream: func(start, end int) {
		blankXMP(out[start:end])
	}})
	if err != nil {
		return nil, err
	}
	return out, nil
}
