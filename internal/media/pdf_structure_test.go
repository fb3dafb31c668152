package media

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
)

// onePagePDF is the objects of a small document with one page of text.
func onePagePDF() []string {
	return []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		pdfStreamObj("", "BT /F1 12 Tf 20 100 Td (Jalan rusak) Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
}

// Files that only start like a PDF are refused as malformed, which the
// upload service turns into field.attachments.malformed (issue 10 item 4).
func TestStripPDFRejectsWhatIsNotAPDF(t *testing.T) {
	good := buildPDF(onePagePDF(), "")
	xref := strconv.Itoa(lastStartxref(good))
	cases := map[string][]byte{
		"text after the header": []byte("%PDF-1.4\nJalan di depan sekolah rusak parah, mohon segera diperbaiki.\n"),
		"header only":           []byte("%PDF-1.7\n"),
		"text with a fake end":  []byte("%PDF-1.4\nbukan pdf\nstartxref\n0\n%%EOF\n"),
		"trailer but no object": []byte("%PDF-1.4\ntrailer\n<< /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"),
		"object never closed":   []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\ntrailer\n<< /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"),
		"object not parseable":  []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog ]\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"),
		"no trailer":            bytes.Replace(good, []byte("trailer\n<< /Size 6 /Root 1 0 R  >>\n"), nil, 1),
		"trailer without Root":  bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Foo 1 0 R"), 1),
		"trailer not closed":    bytes.Replace(good, []byte("  >>\nstartxref"), []byte("\nstartxref"), 1),
		"no startxref":          bytes.Replace(good, []byte("startxref\n"+xref+"\n"), nil, 1),
		"no %%EOF":              bytes.TrimSuffix(good, []byte("%%EOF\n")),
		"%%EOF far from end":    append(bytes.Clone(good), strings.Repeat("sampah ", 200)...),
		"cut in half":           good[:len(good)/2],
		"xref stream of another type": bytes.Replace(pdfDoc{objs: onePagePDF(), xrefStream: true}.build(),
			[]byte("/Type /XRef"), []byte("/Type /Xref"), 1),
		"api test's old fixture": []byte("%PDF-1.4\n1 0 obj << /Author (Budi Santoso) /Title (Bukti) >> endobj\ntrailer << /Info 1 0 R >>\n%%EOF\n"),
	}
	for name, data := range cases {
		if bytes.Equal(data, good) {
			t.Fatalf("%s: the case did not change the good file", name)
		}
		if ct, _ := Sniff(data); ct != PDF {
			t.Fatalf("%s: Sniff = %q; the header alone still says PDF", name, ct)
		}
		if _, err := Strip(PDF, data); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: Strip err = %v, want ErrMalformed", name, err)
		}
		if !containsMetadata(PDF, data) {
			t.Errorf("%s: ContainsMetadata = false for a file it cannot parse", name)
		}
	}
}

// What real writers produce keeps working: incremental updates with
// several trailers, xref streams without a trailer keyword, CR and CRLF
// line ends, and bytes after %%EOF within the last kilobyte.
func TestStripPDFAcceptsRealLayouts(t *testing.T) {
	classic := buildPDF(onePagePDF(), "/ID [<01> <01>]")
	updated := appendUpdate(classic, []string{"<< /Type /Catalog /Pages 2 0 R /Lang (id) >>"}, "")
	cases := map[string][]byte{
		"classic":                classic,
		"CRLF":                   pdfDoc{objs: onePagePDF(), eol: "\r\n"}.build(),
		"CR":                     pdfDoc{objs: onePagePDF(), eol: "\r"}.build(),
		"xref stream":            pdfDoc{objs: onePagePDF(), xrefStream: true}.build(),
		"xref stream CRLF":       pdfDoc{objs: onePagePDF(), xrefStream: true, eol: "\r\n"}.build(),
		"one update":             updated,
		"two updates":            appendUpdate(updated, []string{"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"}, ""),
		"bytes after %%EOF":      append(bytes.Clone(classic), "\r\n\x00\x00 sisa unggahan "+strings.Repeat("=", 900)...),
		"no line end at the end": bytes.TrimSuffix(classic, []byte("\n")),
		"comments and no spaces": []byte("%PDF-1.4\n% dibuat tangan\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" +
			"trailer<</Size 3/Root 1 0 R/ID[<ab><ab>]>>\nstartxref\n0\n%%EOF"),
	}
	for name, data := range cases {
		out, err := Strip(PDF, data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Equal(out, data) {
			t.Errorf("%s: a file without metadata was changed", name)
		}
		if name != "comments and no spaces" {
			checkPDFOffsets(t, out)
		}
	}
}

// The committed fuzz corpus holds a PDF as the fuzzer's seed; it must stay
// one that Strip accepts, or the fuzzer explores only the rejection path.
func TestStripPDFFuzzCorpus(t *testing.T) {
	raw, err := os.ReadFile("testdata/fuzz/FuzzStrip/pdf_info_xmp")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(raw), "\n", 2)
	lit := strings.TrimSuffix(strings.TrimSpace(lines[1]), ")")
	data, err := strconv.Unquote(strings.TrimPrefix(lit, "[]byte("))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Strip(PDF, []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if containsMetadata(PDF, out) || bytes.Contains(out, []byte("xmpmeta")) {
		t.Errorf("corpus PDF keeps metadata: %q", out)
	}
}
