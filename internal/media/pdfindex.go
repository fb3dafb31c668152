package media

import "bytes"

var pdfEOFMarker = []byte("%%EOF")

// pdfObject is one indirect object "num gen obj ... endobj" as found in
// the file (an incremental update may hold several versions of one).
type pdfObject struct {
	ref        pdfRef
	start, end int    // from "num" to after "endobj", or to where the next object starts
	data       [2]int // the stream's data, when stream is set
	stream     bool
	xmpType    bool     // its dictionary says /Type /Metadata
	encoding   [][2]int // its /Filter and /DecodeParms entries, key and value
	parsed     bool     // one value, an optional stream, then endobj
	xrefRoot   bool     // a /Type /XRef stream whose dictionary has /Root
}

// pdfFile is what one pass over a PDF finds: its objects, the facts the
// structure check needs, and where its metadata is named.
type pdfFile struct {
	objects     []pdfObject
	trailerRoot bool     // a "trailer << ... >>" dictionary with /Root
	eofAt       int      // offset of the last %%EOF after "startxref N"; -1 if none
	streams     [][2]int // the data of every stream
	infoRefs    map[pdfRef]bool
	infoDicts   [][2]int // /Info dictionaries written in place
	xmpRefs     map[pdfRef]bool
	xmpEntries  [][2]int // "/Metadata num gen R" entries
}

// maxPDFRefs bounds the objects recorded as named by /Info or /Metadata
// (a real file has a handful).
const maxPDFRefs = 4096

// indexPDF walks every token of the file once, outside stream data.
func indexPDF(data []byte) (*pdfFile, error) {
	f := &pdfFile{eofAt: -1, infoRefs: map[pdfRef]bool{}, xmpRefs: map[pdfRef]bool{}}
	var hist [2]pdfTok // the two tokens before the current one, comments left out
	cur := -1          // index of the object being read
	closeObject := func(end int) {
		if cur >= 0 {
			f.objects[cur].end = end
			cur = -1
		}
	}
	startxref := 0 // how much of "startxref N %%EOF" was just seen
	for i := 0; ; {
		t, err := lexPDF(data, i)
		if err != nil {
			return nil, err
		}
		if t.kind == pdfEOF {
			break
		}
		i = t.end
		startxref = f.followStartxref(startxref, t)
		if t.kind == pdfComment {
			continue
		}
		switch {
		case t.isWord("obj") && hist[0].kind == pdfInt && hist[1].kind == pdfInt:
			closeObject(hist[0].start)
			f.objects = append(f.objects, readObject(data, hist, t))
			cur = len(f.objects) - 1
		case t.isWord("endobj"):
			closeObject(t.end)
		case t.isWord("xref") || t.isWord("startxref"):
			closeObject(t.start)
		case t.isWord("trailer"):
			closeObject(t.start)
			hasRoot := false
			v, ok := parsePDFValue(data, t.end, func(key pdfTok, v pdfValue) {
				hasRoot = hasRoot || key.isName("Root") && v.kind == pdfRefValue
			})
			f.trailerRoot = f.trailerRoot || ok && v.kind == pdfDict && hasRoot
		case t.kind == pdfStreamData:
			f.streams = append(f.streams, t.inner)
			if cur >= 0 {
				f.objects[cur].stream, f.objects[cur].data = true, t.inner
			}
		case t.kind == pdfName:
			f.noteName(data, t, cur)
		}
		hist[0], hist[1] = hist[1], t
	}
	closeObject(len(data))
	return f, nil
}

// followStartxref advances through "startxref", an offset and %%EOF,
// recording where that %%EOF is.
func (f *pdfFile) followStartxref(seen int, t pdfTok) int {
	switch {
	case t.isWord("startxref"):
		return 1
	case seen == 1 && t.kind == pdfInt:
		return 2
	case seen == 2 && t.kind == pdfComment && bytes.HasPrefix(t.text, pdfEOFMarker):
		f.eofAt = t.start
	}
	return 0
}

// readObject parses the object whose "obj" keyword is t, to tell whether
// it is well formed and whether it is a cross-reference stream.
func readObject(data []byte, hist [2]pdfTok, t pdfTok) pdfObject {
	o := pdfObject{ref: pdfRef{hist[0].n, hist[1].n}, start: hist[0].start, end: len(data)}
	var isXref, hasRoot bool
	v, ok := parsePDFValue(data, t.end, func(key pdfTok, v pdfValue) {
		isXref = isXref || key.isName("Type") && v.tok.isName("XRef")
		hasRoot = hasRoot || key.isName("Root") && v.kind == pdfRefValue
	})
	if !ok {
		return o
	}
	next, err := lexSkippingComments(data, v.end)
	if err == nil && next.kind == pdfStreamData && v.kind == pdfDict {
		o.xrefRoot = isXref && hasRoot
		next, err = lexSkippingComments(data, next.end)
	}
	o.parsed = err == nil && next.isWord("endobj")
	o.xrefRoot = o.xrefRoot && o.parsed
	return o
}

// noteName records what follows the names that matter for metadata:
// /Info and /Metadata anywhere, and /Type, /Filter and /DecodeParms in an
// object (for metadata streams).
func (f *pdfFile) noteName(data []byte, t pdfTok, cur int) {
	var o *pdfObject
	if cur >= 0 {
		o = &f.objects[cur]
	}
	switch {
	case t.isName("Info"):
		v, ok := parsePDFValue(data, t.end, nil)
		switch {
		case ok && v.kind == pdfRefValue && len(f.infoRefs) < maxPDFRefs:
			f.infoRefs[v.ref] = true
		case ok && v.kind == pdfDict:
			f.infoDicts = append(f.infoDicts, [2]int{v.start, v.end})
		}
	case t.isName("Metadata"):
		v, ok := parsePDFValue(data, t.end, nil)
		if ok && v.kind == pdfRefValue && len(f.xmpRefs) < maxPDFRefs {
			f.xmpRefs[v.ref] = true
			f.xmpEntries = append(f.xmpEntries, [2]int{t.start, v.end})
		}
	case o == nil:
	case t.isName("Type"):
		next, err := lexSkippingComments(data, t.end)
		o.xmpType = o.xmpType || err == nil && next.isName("Metadata")
	case t.isName("Filter") || t.isName("DecodeParms"):
		if v, ok := parsePDFValue(data, t.end, nil); ok {
			o.encoding = append(o.encoding, [2]int{t.start, v.end})
		}
	}
}
