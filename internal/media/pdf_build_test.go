package media

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"testing"
)

// pdfDoc lays out a test PDF: objects numbered from 1, then either a
// classic xref table with a trailer or, as PDF 1.5 writers do, a compressed
// cross-reference stream and no trailer keyword at all.
type pdfDoc struct {
	objs       []string
	trailer    string // more entries for the trailer (or xref stream) dictionary
	xrefStream bool
	eol        string // line end, "\n" when empty
}

func (d pdfDoc) build() []byte {
	eol := d.eol
	if eol == "" {
		eol = "\n"
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7" + eol + "%\xE2\xE3\xCF\xD3" + eol)
	offsets := writePDFObjects(&b, 1, d.objs, eol)
	dict := fmt.Sprintf("/Root 1 0 R %s", d.trailer)
	if d.xrefStream {
		writeXrefStream(&b, offsets, dict, eol)
	} else {
		writeXrefTable(&b, 1, 0, offsets, dict, eol)
	}
	return b.Bytes()
}

// buildPDF is a classic PDF with LF line ends; trailerExtra goes into the
// trailer dictionary.
func buildPDF(objs []string, trailerExtra string) []byte {
	return pdfDoc{objs: objs, trailer: trailerExtra}.build()
}

// writePDFObjects writes objects numbered from first and returns their
// offsets.
func writePDFObjects(b *bytes.Buffer, first int, objs []string, eol string) []int {
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(b, "%d 0 obj%s%s%sendobj%s", first+i, eol, o, eol, eol)
	}
	return offsets
}

// writeXrefTable writes a table for the objects from first (with the
// free entry of object 0 when first is 1, in a new file), the trailer
// (with /Prev when prev > 0) and the file's end.
func writeXrefTable(b *bytes.Buffer, first, prev int, offsets []int, dict, eol string) {
	entryEnd := " " + eol[len(eol)-1:] // every entry is 20 bytes
	if eol == "\r\n" {
		entryEnd = eol
	}
	xref := b.Len()
	fmt.Fprintf(b, "xref%s", eol)
	if first == 1 {
		fmt.Fprintf(b, "0 %d%s0000000000 65535 f%s", len(offsets)+1, eol, entryEnd)
	} else {
		fmt.Fprintf(b, "%d %d%s", first, len(offsets), eol)
	}
	for _, off := range offsets {
		fmt.Fprintf(b, "%010d 00000 n%s", off, entryEnd)
	}
	if prev > 0 {
		dict += fmt.Sprintf(" /Prev %d", prev)
	}
	fmt.Fprintf(b, "trailer%s<< /Size %d %s >>%sstartxref%s%d%s%%%%EOF%s", eol, first+len(offsets), dict, eol, eol, xref, eol, eol)
}

// writeXrefStream writes object len(offsets)+1 as a compressed /Type
// /XRef stream (entries of widths 1 4 2) for objects 0 to itself, then
// the file's end.
func writeXrefStream(b *bytes.Buffer, offsets []int, dict, eol string) {
	self := b.Len()
	var rows []byte
	row := func(typ byte, off, gen int) {
		rows = append(rows, typ)
		rows = binary.BigEndian.AppendUint32(rows, uint32(off))
		rows = binary.BigEndian.AppendUint16(rows, uint16(gen))
	}
	row(0, 0, 65535)
	for _, off := range append(offsets, self) {
		row(1, off, 0)
	}
	data := zlibBytes(string(rows))
	fmt.Fprintf(b, "%d 0 obj%s<< /Type /XRef /Size %d /W [1 4 2] %s /Filter /FlateDecode /Length %d >>%sstream%s%s%sendstream%sendobj%s",
		len(offsets)+1, eol, len(offsets)+2, dict, len(data), eol, eol, data, eol, eol, eol)
	fmt.Fprintf(b, "startxref%s%d%s%%%%EOF%s", eol, self, eol, eol)
}

// appendUpdate adds an incremental update to a classic PDF: objects
// numbered after the existing ones, a new xref section and a trailer with
// /Prev.
func appendUpdate(base []byte, objs []string, trailer string) []byte {
	var b bytes.Buffer
	b.Write(base)
	first := pdfSizeOf(base)
	offsets := writePDFObjects(&b, first, objs, "\n")
	writeXrefTable(&b, first, lastStartxref(base), offsets, "/Root 1 0 R "+trailer, "\n")
	return b.Bytes()
}

var (
	pdfSizeRe      = regexp.MustCompile(`/Size (\d+)`)
	pdfStartxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF`)
)

// pdfSizeOf is the last /Size written in a file: its next object number.
func pdfSizeOf(pdf []byte) int {
	ms := pdfSizeRe.FindAllSubmatch(pdf, -1)
	n, _ := strconv.Atoi(string(ms[len(ms)-1][1]))
	return n
}

func lastStartxref(pdf []byte) int {
	ms := pdfStartxrefRe.FindAllSubmatch(pdf, -1)
	if len(ms) == 0 {
		return -1
	}
	n, _ := strconv.Atoi(string(ms[len(ms)-1][1]))
	return n
}

func zlibBytes(s string) string {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	io.WriteString(w, s)
	w.Close()
	return b.String()
}

var (
	pdfXrefRowRe   = regexp.MustCompile(`^(\d{10}) (\d{5}) ([nf])[ \r\n]{2}`)
	pdfSubsecRe    = regexp.MustCompile(`^\s*(\d+) (\d+)\s+`)
	pdfPrevRe      = regexp.MustCompile(`/Prev\s+(\d+)`)
	pdfWRe         = regexp.MustCompile(`/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]`)
	pdfIndexRe     = regexp.MustCompile(`/Index\s*\[([\d\s]+)\]`)
	pdfLengthRe    = regexp.MustCompile(`/Length\s+(\d+)`)
	pdfStreamKwRe  = regexp.MustCompile(`stream\r?\n`)
	pdfXrefTableAt = regexp.MustCompile(`^xref\s+`)
)

// checkPDFOffsets follows startxref and the /Prev chain through classic
// tables and xref streams, and checks that every entry of an object in
// use points at "num gen obj".
func checkPDFOffsets(t *testing.T, pdf []byte) {
	t.Helper()
	at, sections := lastStartxref(pdf), 0
	for at >= 0 && sections < 16 {
		if at >= len(pdf) {
			t.Fatalf("xref offset %d beyond the end", at)
		}
		var dict []byte
		if loc := pdfXrefTableAt.FindIndex(pdf[at:]); loc != nil {
			dict = checkXrefTable(t, pdf, at+loc[1])
		} else {
			dict = checkXrefStream(t, pdf, at)
		}
		sections++
		at = -1
		if m := pdfPrevRe.FindSubmatch(dict); m != nil {
			at, _ = strconv.Atoi(string(m[1]))
		}
	}
	if sections == 0 {
		t.Fatal("no cross-reference section")
	}
}

// checkXrefTable checks a table's subsections from p and returns its
// trailer dictionary.
func checkXrefTable(t *testing.T, pdf []byte, p int) []byte {
	t.Helper()
	for {
		m := pdfSubsecRe.FindSubmatchIndex(pdf[p:])
		if m == nil {
			break
		}
		first, _ := strconv.Atoi(string(pdf[p+m[2] : p+m[3]]))
		count, _ := strconv.Atoi(string(pdf[p+m[4] : p+m[5]]))
		p += m[1]
		for i := range count {
			r := pdfXrefRowRe.FindSubmatch(pdf[p:])
			if r == nil {
				t.Fatalf("bad xref row at %d: %q", p, pdf[p:min(p+20, len(pdf))])
			}
			if string(r[3]) == "n" {
				off, _ := strconv.Atoi(string(r[1]))
				gen, _ := strconv.Atoi(string(r[2]))
				checkObjectAt(t, pdf, off, first+i, gen)
			}
			p += 20
		}
	}
	end := bytes.Index(pdf[p:], []byte("startxref"))
	if !bytes.HasPrefix(bytes.TrimLeft(pdf[p:], " \r\n"), []byte("trailer")) || end < 0 {
		t.Fatalf("no trailer after the xref table at %d", p)
	}
	return pdf[p : p+end]
}

// checkXrefStream decodes the /Type /XRef stream object at p, checks its
// type 1 entries and returns its dictionary.
func checkXrefStream(t *testing.T, pdf []byte, p int) []byte {
	t.Helper()
	kw := pdfStreamKwRe.FindIndex(pdf[p:])
	if kw == nil {
		t.Fatalf("no xref stream at %d", p)
	}
	dict := pdf[p : p+kw[0]]
	w, length := pdfWRe.FindSubmatch(dict), pdfLengthRe.FindSubmatch(dict)
	if !bytes.Contains(dict, []byte("/XRef")) || w == nil || length == nil {
		t.Fatalf("not an xref stream at %d: %q", p, dict)
	}
	n, _ := strconv.Atoi(string(length[1]))
	data := pdf[p+kw[1] : p+kw[1]+n]
	if bytes.Contains(dict, []byte("/FlateDecode")) {
		data = inflate(t, data)
	}
	var widths [3]int
	for i := range widths {
		widths[i], _ = strconv.Atoi(string(w[i+1]))
	}
	index := []int{0, 1 << 30}
	if m := pdfIndexRe.FindSubmatch(dict); m != nil {
		index = nil
		for _, f := range bytes.Fields(m[1]) {
			v, _ := strconv.Atoi(string(f))
			index = append(index, v)
		}
	}
	rowLen := widths[0] + widths[1] + widths[2]
	for ; len(index) >= 2 && len(data) >= rowLen; index = index[2:] {
		for num := index[0]; num < index[0]+index[1] && len(data) >= rowLen; num++ {
			typ, off, gen := field(data, 0, widths[0], 1), field(data, widths[0], widths[1], 0), field(data, widths[0]+widths[1], widths[2], 0)
			if typ == 1 {
				checkObjectAt(t, pdf, off, num, gen)
			}
			data = data[rowLen:]
		}
	}
	return dict
}

// field reads a big-endian number of width bytes at i (def when width is 0).
func field(row []byte, i, width, def int) int {
	if width == 0 {
		return def
	}
	v := 0
	for _, c := range row[i : i+width] {
		v = v<<8 | int(c)
	}
	return v
}

func checkObjectAt(t *testing.T, pdf []byte, off, num, gen int) {
	t.Helper()
	want := fmt.Sprintf("%d %d obj", num, gen)
	if off >= len(pdf) || !bytes.HasPrefix(pdf[off:], []byte(want)) {
		t.Errorf("xref entry of %d %d points at %q, want %q", num, gen, pdf[off:min(off+12, len(pdf))], want)
	}
}

func inflate(t *testing.T, data []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	return out
}

// inflatedStreams is the decoded data of every stream in pdf that zlib
// can read, so tests can look for secrets that compression hides.
func inflatedStreams(pdf []byte) [][]byte {
	var out [][]byte
	for _, loc := range pdfStreamKwRe.FindAllIndex(pdf, -1) {
		end := bytes.Index(pdf[loc[1]:], []byte("endstream"))
		if end < 0 {
			continue
		}
		r, err := zlib.NewReader(bytes.NewReader(pdf[loc[1] : loc[1]+end]))
		if err != nil {
			continue
		}
		if data, err := io.ReadAll(r); err == nil {
			out = append(out, data)
		}
	}
	return out
}

// mustNotContainAnywhere checks data as stored and inside its compressed
// streams.
func mustNotContainAnywhere(t *testing.T, pdf []byte, secrets ...[]byte) {
	t.Helper()
	mustNotContain(t, pdf, secrets...)
	for _, s := range inflatedStreams(pdf) {
		mustNotContain(t, s, secrets...)
	}
}
