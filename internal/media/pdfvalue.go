package media

type pdfRef struct{ num, gen int64 }

// pdfValueKind is the type of a parsed PDF value.
type pdfValueKind uint8

const (
	pdfScalar pdfValueKind = iota // a number, string, true, false or null
	pdfNameValue
	pdfRefValue
	pdfArray
	pdfDict
)

// pdfValue is a parsed value: what it is and where it lies. Arrays and
// dictionaries are checked but their contents are not kept.
type pdfValue struct {
	kind       pdfValueKind
	start, end int
	ref        pdfRef // pdfRefValue
	tok        pdfTok // the value's first token
}

// pdfEntryFunc receives the entries of the outermost dictionary parsed.
type pdfEntryFunc func(key pdfTok, v pdfValue)

// maxPDFDepth bounds the nesting of arrays and dictionaries; it also
// bounds the work of parsing the value after every name, which the
// indexer does, to depth times the file's size.
const maxPDFDepth = 32

// parsePDFValue parses the value at or after offset i. ok is false when
// there is none or it is not well formed: a keyword other than true,
// false and null, a bracket that does not match, a dictionary key that is
// not a name, nesting deeper than maxPDFDepth, or a lexical error.
func parsePDFValue(data []byte, i int, entry pdfEntryFunc) (v pdfValue, ok bool) {
	return parseValueAt(data, i, 0, entry)
}

func parseValueAt(data []byte, i, depth int, entry pdfEntryFunc) (pdfValue, bool) {
	t, err := lexSkippingComments(data, i)
	if err != nil || depth > maxPDFDepth {
		return pdfValue{}, false
	}
	v := pdfValue{kind: pdfScalar, start: t.start, end: t.end, tok: t}
	switch t.kind {
	case pdfString:
		return v, true
	case pdfName:
		v.kind = pdfNameValue
		return v, true
	case pdfInt:
		if r, end, ok := refAfter(data, t); ok {
			v.kind, v.ref, v.end = pdfRefValue, r, end
		}
		return v, true
	case pdfWord:
		ok := isPDFNumber(t.text) || t.isWord("true") || t.isWord("false") || t.isWord("null")
		return v, ok
	case pdfArrayOpen:
		v.kind = pdfArray
		return closeContainer(data, v, depth, nil)
	case pdfDictOpen:
		v.kind = pdfDict
		return closeContainer(data, v, depth, entry)
	}
	return pdfValue{}, false
}

// closeContainer parses the contents of an array or dictionary that
// opened at v and sets v.end after its closing bracket.
func closeContainer(data []byte, v pdfValue, depth int, entry pdfEntryFunc) (pdfValue, bool) {
	closer := pdfArrayClose
	if v.kind == pdfDict {
		closer = pdfDictClose
	}
	for j := v.tok.end; ; {
		t, err := lexSkippingComments(data, j)
		if err != nil {
			return pdfValue{}, false
		}
		if t.kind == closer {
			v.end = t.end
			return v, true
		}
		if v.kind == pdfDict && t.kind != pdfName {
			return pdfValue{}, false
		}
		if v.kind == pdfDict {
			j = t.end
		}
		item, ok := parseValueAt(data, j, depth+1, nil)
		if !ok {
			return pdfValue{}, false
		}
		if entry != nil && v.kind == pdfDict {
			entry(t, item)
		}
		j = item.end
	}
}

// refAfter reports whether the integer num begins a reference "num gen R".
func refAfter(data []byte, num pdfTok) (pdfRef, int, bool) {
	gen, err := lexSkippingComments(data, num.end)
	if err != nil || gen.kind != pdfInt {
		return pdfRef{}, 0, false
	}
	r, err := lexSkippingComments(data, gen.end)
	if err != nil || !r.isWord("R") {
		return pdfRef{}, 0, false
	}
	return pdfRef{num.n, gen.n}, r.end, true
}

func lexSkippingComments(data []byte, i int) (pdfTok, error) {
	for {
		t, err := lexPDF(data, i)
		if err != nil || t.kind != pdfComment {
			return t, err
		}
		i = t.end
	}
}
