package media

import (
	"fmt"
	"image"
	"math/rand/v2"
	"strings"
	"testing"
)

// BenchmarkStripJPEG strips a ~2 MB photo-sized JPEG carrying EXIF with GPS.
func BenchmarkStripJPEG(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1320))
	for i := range img.Pix {
		img.Pix[i] = uint8(r.Uint32())
	}
	data := insertAfterSOI(encodeJPEG(b, img, 92),
		jpegSegment(0xE1, append([]byte("Exif\x00\x00"), exifWithGPS(6)...)),
		jpegSegment(0xE1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), xmpPacket()...)))
	b.Logf("input: %d bytes", len(data))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Strip(JPEG, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStripPDF strips a ~10 MB PDF of 20,000 pages, each with its
// own dictionary, arrays and a content stream, and an information
// dictionary.
func BenchmarkStripPDF(b *testing.B) {
	const pages = 20000
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	kids := make([]byte, 0, pages*10)
	for i := range pages {
		page, content := 3+2*i, 4+2*i
		kids = fmt.Appendf(kids, "%d 0 R ", page)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Contents %d 0 R /Resources << /Font << /F1 1 0 R >> >> /Annots [] >>", content),
			pdfStreamObj("", strings.Repeat("BT /F1 12 Tf 72 720 Td (Jalan rusak di depan sekolah) Tj ET\n", 6)))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, pages)
	objs = append(objs, "<< /Author ("+secretName+") /Producer ("+secretModel+") >>")
	data := buildPDF(objs, fmt.Sprintf("/Info %d 0 R", len(objs)))
	b.Logf("input: %d bytes", len(data))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Strip(PDF, data); err != nil {
			b.Fatal(err)
		}
	}
}
