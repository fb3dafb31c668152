package media

// pdfEOFWindow is how far from the end the last %%EOF may be: readers
// accept bytes after it (padding, a mail client's line end, junk an upload
// added) within the last kilobyte.
const pdfEOFWindow = 1024

// parsePDF indexes a PDF and checks it has the shape of one, so that text
// or anything else that merely starts with "%PDF-" is refused: the header,
// at least one complete indirect object, a trailer dictionary with /Root
// (or, in PDF 1.5 and later, a /Type /XRef stream with /Root), and
// "startxref", an offset and %%EOF near the end.
func parsePDF(data []byte) (*pdfFile, error) {
	if ct, _ := Sniff(data); ct != PDF {
		return nil, malformed("pdf: no %%PDF- header")
	}
	f, err := indexPDF(data)
	if err != nil {
		return nil, err
	}
	switch {
	case !f.complete:
		return nil, malformed("pdf: no complete indirect object")
	case !f.trailer:
		return nil, malformed("pdf: no trailer or xref stream with /Root")
	case f.eofAt < 0:
		return nil, malformed("pdf: no startxref followed by %%%%EOF")
	case len(data)-f.eofAt > pdfEOFWindow:
		return nil, malformed("pdf: %%%%EOF is %d bytes before the end", len(data)-f.eofAt)
	}
	return f, nil
}
