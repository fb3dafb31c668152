package media

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func pdfStreamObj(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

func dirtyPDF() []byte {
	content := "BT /F1 12 Tf 20 100 Td (Jalan rusak /Author \\(bukan metadata\\)) Tj ET"
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R /Outlines 5 0 R /Metadata 7 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
		pdfStreamObj("", content),
		"<< /Type /Outlines /First 6 0 R /Last 6 0 R /Count 1 >>",
		"<< /Title (Bab 1) /Parent 5 0 R /Dest [3 0 R /Fit] >>",
		pdfStreamObj("/Type /Metadata /Subtype /XML", xmpPacket()),
		"<< /Author (" + secretName + " \\(pelapor\\) (RT 05)) /Title <FEFF00420075> " +
			"/Producer (" + secretModel + ") /Creator 9 0 R /Subject (Jalan rusak di " + secretPlace + ") " +
			"/Keywords (gps -6.2088 106.8456) /CreationDate (D:20260101120000+07'00') /Comp#61ny (PT Rahasia) >>",
		"(Microsoft Word - laporan_" + secretName + ".docx)",
	}, "/Info 8 0 R /ID [<0123456789ABCDEF> <0123456789ABCDEF>]")
}

var xrefEntry = regexp.MustCompile(`(\d{10}) 00000 n`)

// checkXref verifies that every xref entry still points at "N 0 obj".
func checkXref(t *testing.T, pdf []byte) {
	t.Helper()
	ms := xrefEntry.FindAllSubmatch(pdf, -1)
	if len(ms) == 0 {
		t.Fatal("no xref entries")
	}
	for i, m := range ms {
		off, _ := strconv.Atoi(string(m[1]))
		want := fmt.Sprintf("%d 0 obj", i+1)
		if !bytes.HasPrefix(pdf[off:], []byte(want)) {
			t.Errorf("xref entry %d points at %q, want %q", i+1, pdf[off:min(off+10, len(pdf))], want)
		}
	}
}

func TestStripPDF(t *testing.T) {
	dirty := dirtyPDF()
	if !containsMetadata(PDF, dirty) {
		t.Fatal("containsMetadata(dirty) = false")
	}
	out, err := Strip(PDF, dirty)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(dirty) {
		t.Fatalf("length changed: %d -> %d", len(dirty), len(out))
	}
	if containsMetadata(PDF, out) {
		t.Fatal("containsMetadata(stripped) = true")
	}
	checkXref(t, out)
	mustNotContain(t, out, secrets()...)
	mustNotContain(t, out, []byte("Rahasia"), []byte("Microsoft Word"), []byte("FEFF0042"), []byte("D:2026"), []byte("gps -6"))
	// Blanked in place, delimiters kept.
	for _, want := range []string{
		"/Author (" + string(bytes.Repeat([]byte{' '}, len(secretName+` \(pelapor\) (RT 05)`))) + ") ",
		"/Title <            > ",
		"/Creator 9 0 R",
		"9 0 obj\n(" + string(bytes.Repeat([]byte{' '}, len("Microsoft Word - laporan_"+secretName+".docx"))) + ")\nendobj",
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("stripped PDF lacks %q", want)
		}
	}
	// Not metadata: the outline title and the page text are untouched.
	for _, keep := range []string{"/Title (Bab 1)", `(Jalan rusak /Author \(bukan metadata\)) Tj`, "<?xpacket end=\"w\"?>"} {
		if !bytes.Contains(out, []byte(keep)) {
			t.Errorf("stripped PDF lost %q", keep)
		}
	}
	if again, err := Strip(PDF, out); err != nil || !bytes.Equal(again, out) {
		t.Errorf("Strip is not idempotent: err=%v", err)
	}
}

// An incremental update that points /Info at a new object, and a
// cross-reference stream (PDF 1.5) whose dictionary names the /Info.
func TestStripPDFUpdatesAndXrefStream(t *testing.T) {
	base := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Author (old " + secretName + ") >>",
	}, "/Info 3 0 R")
	update := fmt.Sprintf("4 0 obj\n<< /Author (new %s) >>\nendobj\nxref\n4 1\n%010d 00000 n \ntrailer\n<< /Size 5 /Root 1 0 R /Info 4 0 R /Prev 0 >>\nstartxref\n0\n%%%%EOF\n", secretPlace, len(base))
	xrefStream := "5 0 obj\n" + pdfStreamObj("/Type /XRef /Size 7 /Root 1 0 R /Info 6 0 R /W [1 2 1]", "\x01\x00\x10\x00") +
		"\nendobj\n6 0 obj\n<< /Producer (" + secretModel + ") >>\nendobj\n"
	dirty := append(append(base, update...), xrefStream...)
	if !containsMetadata(PDF, dirty) {
		t.Fatal("containsMetadata(dirty) = false")
	}
	out, err := Strip(PDF, dirty)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(dirty) || containsMetadata(PDF, out) {
		t.Fatalf("len %d->%d, containsMetadata=%v", len(dirty), len(out), containsMetadata(PDF, out))
	}
	mustNotContain(t, out, secrets()...)
}

func TestStripPDFWithoutMetadata(t *testing.T) {
	clean := buildPDF([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"}, "")
	if containsMetadata(PDF, clean) {
		t.Fatal("containsMetadata(clean) = true")
	}
	out, err := Strip(PDF, clean)
	if err != nil || !bytes.Equal(out, clean) {
		t.Errorf("Strip changed a PDF without metadata (err=%v)", err)
	}
}

func TestStripPDFMalformed(t *testing.T) {
	cases := map[string]string{
		"unterminated string":     "%PDF-1.4\n1 0 obj (abc endobj",
		"unterminated hex string": "%PDF-1.4\n1 0 obj <abc endobj",
		"unterminated stream":     "%PDF-1.4\n1 0 obj << >> stream\nabc",
		"no header":               "1 0 obj << >> endobj",
	}
	for name, data := range cases {
		if _, err := Strip(PDF, []byte(data)); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want ErrMalformed", name, err)
		}
	}
	// An XMP packet cut short is blanked to the end of its stream.
	cut := buildPDF([]string{"<< /Type /Catalog >>", pdfStreamObj("/Type /Metadata", "<x:xmpmeta "+secretName)}, "")
	out, err := Strip(PDF, cut)
	if err != nil {
		t.Fatal(err)
	}
	mustNotContain(t, out, []byte(secretName))
	checkXref(t, out)
}

func TestPDFNameIs(t *testing.T) {
	for raw, want := range map[string]bool{"Info": true, "In#66o": true, "In#6Fo": false, "Inf": false, "Infos": false, "In#6": false} {
		if got := pdfNameIs([]byte(raw), "Info"); got != want {
			t.Errorf("pdfNameIs(%q) = %v", raw, got)
		}
	}
}

// stripDirtyPDF strips a file that has metadata and checks what holds for
// every such file: the result has none, the same length, valid offsets,
// and stripping it again changes nothing.
func stripDirtyPDF(t *testing.T, name string, dirty []byte) ([]byte, bool) {
	t.Helper()
	if !containsMetadata(PDF, dirty) {
		t.Errorf("%s: containsMetadata(dirty) = false", name)
	}
	out, err := Strip(PDF, dirty)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return nil, false
	}
	if len(out) != len(dirty) || containsMetadata(PDF, out) {
		t.Errorf("%s: len %d->%d, containsMetadata(stripped) = %v", name, len(dirty), len(out), containsMetadata(PDF, out))
	}
	checkPDFOffsets(t, out)
	if again, err := Strip(PDF, out); err != nil || !bytes.Equal(again, out) {
		t.Errorf("%s: stripping the stripped file: err=%v, changed=%v", name, err, !bytes.Equal(again, out))
	}
	return out, true
}

// directInfo is an information dictionary written into the trailer
// itself, with a nested dictionary, an array and an indirect string.
func directInfo(ref string) string {
	return "/Info << /Author (" + secretName + ") /Creator (" + secretModel + ") /Producer <FEFF0042007500640069> " +
		"/Title (Laporan dari " + secretPlace + ") /CreationDate (D:20260101120000+07'00') " +
		"/Custom << /Nama (Budi) /Daftar [(satu) (dua)] >> /Company " + ref + " >>"
}

// A document information dictionary written directly in a trailer or an
// xref stream dictionary is blanked like an indirect one (issue 9 item 6).
func TestStripPDFDirectInfo(t *testing.T) {
	objs := append(onePagePDF(), "(PT "+secretName+" Sejahtera)")
	classic := buildPDF(objs, directInfo("6 0 R"))
	cases := map[string][]byte{
		"trailer":     classic,
		"CRLF":        pdfDoc{objs: objs, trailer: directInfo("6 0 R"), eol: "\r\n"}.build(),
		"xref stream": pdfDoc{objs: objs, trailer: directInfo("6 0 R"), xrefStream: true}.build(),
		"every trailer of an update": appendUpdate(classic, []string{"(Kantor " + secretPlace + ")"},
			"/Info << /Author (Budi S.) /ModDate (D:20260102) /Company 7 0 R >>"),
	}
	for name, dirty := range cases {
		out, ok := stripDirtyPDF(t, name, dirty)
		if !ok {
			continue
		}
		mustNotContainAnywhere(t, out, []byte(secretName), []byte(secretPlace), []byte(secretModel), []byte("Budi"),
			[]byte("FEFF0042"), []byte("D:2026"), []byte("satu"), []byte("Sejahtera"))
		for _, keep := range []string{"/Info << /Author (", "/Company 6 0 R", "/Custom << /Nama (    ) /Daftar [(    ) (   )] >>", "(Jalan rusak) Tj"} {
			if !bytes.Contains(out, []byte(keep)) {
				t.Errorf("%s: stripped PDF lacks %q", name, keep)
			}
		}
	}
}

// xmpWithoutPrefix is XMP that names its namespaces by default instead of
// with the usual x: and rdf: prefixes.
func xmpWithoutPrefix() string {
	return `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>` + "\n" +
		`<xmpmeta xmlns="adobe:ns:meta/"><RDF xmlns="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
		`<Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>` + secretName + `</dc:creator>` +
		`</Description></RDF></xmpmeta>` + "\n" + strings.Repeat(" ", 64) + "\n" + `<?xpacket end="w"?>`
}

var pdfMetadataRefRe = regexp.MustCompile(`/Metadata\s+\d+\s+\d+\s+R`)

// xmpStreamObjects is a page with metadata streams: compressed from the
// catalog, uncompressed without the usual prefixes from the page, and
// compressed without /Type from an image.
func xmpStreamObjects() []string {
	return []string{
		"<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Metadata 7 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>",
		pdfStreamObj("", "q 10 0 0 10 0 0 cm /Im1 Do Q BT (Jalan rusak) Tj ET"),
		pdfStreamObj("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Metadata 8 0 R", "\x80"),
		pdfStreamObj("/Type /Metadata /Subtype /XML /Filter /FlateDecode", zlibBytes(xmpPacket())),
		pdfStreamObj("/Type/Metadata/Subtype/XML", xmpWithoutPrefix()),
		pdfStreamObj("/Subtype /XML /Filter [/FlateDecode] /DecodeParms [null]", zlibBytes(xmpPacket())),
	}
}

// XMP metadata streams go whether compressed or not, and so do the
// /Metadata entries that point at them, from the catalog, a page and an
// image (issue 9 item 6).
func TestStripPDFMetadataStreams(t *testing.T) {
	objs := xmpStreamObjects()
	cases := map[string][]byte{
		"classic":     buildPDF(objs, ""),
		"CRLF":        pdfDoc{objs: objs, eol: "\r\n"}.build(),
		"xref stream": pdfDoc{objs: objs, xrefStream: true}.build(),
	}
	for name, dirty := range cases {
		out, ok := stripDirtyPDF(t, name, dirty)
		if !ok {
			continue
		}
		mustNotContainAnywhere(t, out, []byte(secretName), []byte(secretPlace), []byte("xmpmeta"), []byte("dc:creator"),
			[]byte("RDF"), []byte("GPSLatitude"))
		if m := pdfMetadataRefRe.Find(out); m != nil {
			t.Errorf("%s: %q is still there", name, m)
		}
		// The compressed metadata streams are no longer said to be.
		if n := bytes.Count(out, []byte("/FlateDecode")); n != bytes.Count(dirty, []byte("/FlateDecode"))-2 {
			t.Errorf("%s: %d /FlateDecode left", name, n)
		}
		for _, keep := range []string{"(Jalan rusak) Tj", "/Im1 5 0 R", "/Type /XObject", `<?xpacket end="w"?>`} {
			if !bytes.Contains(out, []byte(keep)) {
				t.Errorf("%s: stripped PDF lost %q", name, keep)
			}
		}
	}
}
