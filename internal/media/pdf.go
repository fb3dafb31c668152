package media

import (
	"bytes"
	"slices"
)

// PDF metadata is removed by overwriting bytes with spaces, never by
// moving any, so the file keeps its length and every xref offset stays
// valid. See the package comment for what is overwritten.

// maxPDFRounds bounds how often Strip goes over a file. Blanking the
// contents of strings and streams leaves every token where it was, but
// blanking an entry removes tokens, and in a crafted file that could make
// the lexer see a reference it did not see before; so after entries were
// blanked Strip looks again, until a round blanks no entry, and gives up
// (malformed) if that takes more rounds than any real file needs.
const maxPDFRounds = 4

// pdfBlanks is what Strip overwrites with spaces: contents (of strings
// and stream data) and entries (a key and its value).
type pdfBlanks struct{ contents, entries [][2]int }

func stripPDF(data []byte) ([]byte, error) {
	out := bytes.Clone(data)
	for range maxPDFRounds {
		b, err := pdfMetadataBlanks(out)
		if err != nil {
			return nil, err
		}
		blankSpans(out, b.contents)
		if !blankSpans(out, b.entries) {
			return out, nil
		}
	}
	return nil, malformed("pdf: metadata still found after %d rounds", maxPDFRounds)
}

// blankSpans overwrites the spans of out with spaces and reports whether
// any held more than whitespace.
func blankSpans(out []byte, spans [][2]int) (changed bool) {
	for _, s := range spans {
		if b := out[s[0]:s[1]]; !isBlank(b) {
			blank(b)
			changed = true
		}
	}
	return changed
}

// pdfMetadataBlanks lists the byte ranges Strip overwrites with spaces.
// It fails for a file that does not have the structure of a PDF.
func pdfMetadataBlanks(data []byte) (pdfBlanks, error) {
	f, err := parsePDF(data)
	if err != nil {
		return pdfBlanks{}, err
	}
	xmpData, encoding := pdfXMPSpans(data, f)
	return pdfBlanks{
		contents: append(pdfInfoSpans(data, f), xmpData...),
		entries:  append(slices.Clip(f.xmpEntries), encoding...),
	}, nil
}

// pdfInfoSpans: the contents of every string in a document information
// dictionary (an object named by /Info, or a dictionary written in place
// in a trailer or xref stream), and in the objects it references, which
// hold indirect string values.
func pdfInfoSpans(data []byte, f *pdfFile) [][2]int {
	var spans [][2]int
	refd := map[pdfRef]bool{}
	collect := func(start, end int, follow bool) {
		strs, refs := pdfStringsAndRefs(data[:end], start)
		spans = append(spans, strs...)
		for _, r := range refs {
			if follow && len(refd) < maxPDFRefs {
				refd[r] = true
			}
		}
	}
	for _, d := range f.infoDicts {
		collect(d[0], d[1], true)
	}
	for _, o := range f.objects {
		if f.infoRefs[o.ref] {
			collect(o.start, o.end, true)
		}
	}
	for _, o := range f.objects {
		if refd[o.ref] {
			collect(o.start, o.end, false)
		}
	}
	return spans
}

// pdfStringsAndRefs lists the contents of the strings and the references
// "num gen R" in data from offset i, which must be where a token starts.
func pdfStringsAndRefs(data []byte, i int) (strs [][2]int, refs []pdfRef) {
	var hist [2]pdfTok
	for {
		t, err := lexSkippingComments(data, i)
		if err != nil || t.kind == pdfEOF {
			return strs, refs
		}
		switch {
		case t.kind == pdfString:
			strs = append(strs, t.inner)
		case t.isWord("R") && hist[0].kind == pdfInt && hist[1].kind == pdfInt:
			refs = append(refs, pdfRef{hist[0].n, hist[1].n})
		}
		hist[0], hist[1], i = hist[1], t, t.end
	}
}

// pdfXMPSpans: the data of every metadata stream (an object that says
// /Type /Metadata or that a /Metadata entry names) but its xpacket
// wrapper, which holds nothing personal and leaves readers an empty
// packet; a compressed one loses all its data and, as entries, its
// /Filter and /DecodeParms, so the spaces left are plain data. In any
// other stream, XMP packets are blanked where they are found uncompressed.
func pdfXMPSpans(data []byte, f *pdfFile) (contents, entries [][2]int) {
	isXMP := map[int]bool{} // by where the stream's data starts
	for _, o := range f.objects {
		if !o.stream || !o.xmpType && !f.xmpRefs[o.ref] {
			continue
		}
		isXMP[o.data[0]] = true
		start := o.data[0]
		for start < o.data[1] && isPDFSpace(data[start]) {
			start++ // the line end after "stream" must stay one
		}
		if len(o.encoding) > 0 {
			entries = append(entries, o.encoding...)
			contents = append(contents, [2]int{start, o.data[1]})
		} else {
			contents = append(contents, outsideXpacket(data, start, o.data[1])...)
		}
	}
	for _, s := range f.streams {
		if !isXMP[s[0]] {
			contents = append(contents, xmpPackets(data, s)...)
		}
	}
	return contents, entries
}

var (
	xpacketBegin = []byte("<?xpacket begin")
	xpacketEnd   = []byte("<?xpacket end")
)

// maxXpacketPI is the longest xpacket processing instruction kept; the
// standard ones are under 60 bytes.
const maxXpacketPI = 128

// outsideXpacket lists the ranges of data[start:end] outside its opening
// and closing xpacket processing instructions, or the whole range when it
// does not have both.
func outsideXpacket(data []byte, start, end int) [][2]int {
	b := data[start:end]
	whole := [][2]int{{start, end}}
	bs, es := bytes.Index(b, xpacketBegin), bytes.LastIndex(b, xpacketEnd)
	if bs < 0 || es < bs {
		return whole
	}
	be, ee := piEnd(b, bs), piEnd(b, es)
	if be < 0 || ee < 0 || be > es {
		return whole
	}
	return [][2]int{{start, start + bs}, {start + be, start + es}, {start + ee, end}}
}

// piEnd is the end of the processing instruction at b[i:], or -1 when it
// does not close within maxXpacketPI bytes.
func piEnd(b []byte, i int) int {
	k := bytes.Index(b[i:min(len(b), i+maxXpacketPI)], []byte("?>"))
	if k < 0 {
		return -1
	}
	return i + k + 2
}

// XMP packets: start tag and end tag, for XMP and its predecessor (and a
// bare RDF block as written by some tools).
var pdfXMPTags = [][2][]byte{
	{[]byte("<x:xmpmeta"), []byte("</x:xmpmeta>")},
	{[]byte("<x:xapmeta"), []byte("</x:xapmeta>")},
	{[]byte("<rdf:RDF"), []byte("</rdf:RDF>")},
}

// xmpPackets lists the XMP packets in a stream's data, each from its
// start tag to its end tag or, if that is missing, to the end of the data.
func xmpPackets(data []byte, s [2]int) [][2]int {
	var spans [][2]int
	b := data[s[0]:s[1]]
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
			spans = append(spans, [2]int{s[0] + i, s[0] + j})
			pos = j
		}
	}
	return spans
}

func blank(b []byte) {
	for i := range b {
		b[i] = ' '
	}
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if !isPDFSpace(c) {
			return false
		}
	}
	return true
}
