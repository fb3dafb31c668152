package media

import "bytes"

// pdfObject is one indirect object "num gen obj ... endobj" as found in
// the file (an incremental update may hold several versions of one).
type pdfObject struct {
	ref        pdfRef
	start, end int    // from "num" to after "endobj", or to where the next object starts
	body       int    // just after the "obj" keyword
	data       [2]int // the stream's data, when stream is set
	stream     bool
	xmpType    bool     // its dictionary says /Type /Metadata
	xrefType   bool     // its dictionary says /Type /XRef
	encoding   [][2]int // its /Filter and /DecodeParms entries, key and value
}

// pdfFile is what one pass over a PDF finds: its objects, the facts the
// structure check needs, and where its metadata is named.
type pdfFile struct {
	objects    []pdfObject
	complete   bool     // some object is one value, an optional stream, then endobj
	trailer    bool     // a trailer dictionary, or a complete /Type /XRef stream, has /Root
	eofAt      int      // offset of the last %%EOF after "startxref N"; -1 if none
	streams    [][2]int // the data of every stream
	infoRefs   map[pdfRef]bool
	infoDicts  [][2]int // /Info dictionaries written in place
	xmpRefs    map[pdfRef]bool
	xmpEntries [][2]int // "/Metadata num gen R" entries
}

// maxPDFRefs bounds the objects recorded as named by /Info or /Metadata
// (a real file has a handful).
const maxPDFRefs = 4096

var pdfEOFMarker = []byte("%%EOF")

// indexPDF walks every token of the file once, outside stream data.
func indexPDF(data []byte) (*pdfFile, error) {
	f := &pdfFile{eofAt: -1, infoRefs: map[pdfRef]bool{}, xmpRefs: map[pdfRef]bool{}}
	var hist [2]pdfTok // the two tokens before the current one, comments left out
	cur := -1          // index of the object being read
	closeObject := func(end int) {
		if cur >= 0 {
			f.objects[cur].end = end
			f.checkObject(data, &f.objects[cur])
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
			f.objects = append(f.objects, pdfObject{ref: pdfRef{hist[0].n, hist[1].n}, start: hist[0].start, body: t.end})
			cur = len(f.objects) - 1
		case t.isWord("endobj"):
			closeObject(t.end)
		case t.isWord("xref") || t.isWord("startxref"):
			closeObject(t.start)
		case t.isWord("trailer"):
			closeObject(t.start)
			f.trailer = f.trailer || hasRoot(data, t.end, false)
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

// checkObject parses a closed object, but only while the structure check
// still needs to: until one object is complete, and for xref streams
// until one has /Root.
func (f *pdfFile) checkObject(data []byte, o *pdfObject) {
	xref := o.xrefType && o.stream && !f.trailer
	if f.complete && !xref {
		return
	}
	v, ok := parsePDFValue(data[:o.end], o.body, nil)
	if !ok {
		return
	}
	next, err := lexSkippingComments(data[:o.end], v.end)
	isStream := err == nil && next.kind == pdfStreamData
	if isStream {
		next, err = lexSkippingComments(data[:o.end], next.end)
	}
	complete := err == nil && next.isWord("endobj")
	f.complete = f.complete || complete
	f.trailer = f.trailer || xref && complete && isStream && hasRoot(data, o.body, true)
}

// hasRoot reports whether the dictionary at offset i parses and has a
// /Root reference (and, for an xref stream, says /Type /XRef).
func hasRoot(data []byte, i int, xref bool) bool {
	root, typed := false, !xref
	v, ok := parsePDFValue(data, i, func(key pdfTok, v pdfValue) {
		root = root || key.isName("Root") && v.kind == pdfRefValue
		typed = typed || key.isName("Type") && v.tok.isName("XRef")
	})
	return ok && v.kind == pdfDict && root && typed
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
		o.xrefType = o.xrefType || err == nil && next.isName("XRef")
	case t.isName("Filter") || t.isName("DecodeParms"):
		if v, ok := parsePDFValue(data, t.end, nil); ok {
			o.encoding = append(o.encoding, [2]int{t.start, v.end})
		}
	}
}
