package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// Identifying values planted in the test files; none may survive Strip.
const (
	secretName  = "Budi Santoso"
	secretPlace = "Kampung Melayu"
	secretModel = "PhoneCam X9"
)

// testImage is a small deterministic picture with enough detail to make
// pixel comparisons meaningful.
func testImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 5), uint8((x ^ y) * 3), 255})
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// jpegSegment builds a marker segment with its length field.
func jpegSegment(marker byte, payload []byte) []byte {
	s := []byte{0xFF, marker, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	return append(s, payload...)
}

// insertAfterSOI puts segments right after the SOI marker.
func insertAfterSOI(jpg []byte, segs ...[]byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

// insertBeforeEOI puts segments just before the final EOI marker.
func insertBeforeEOI(jpg []byte, segs ...[]byte) []byte {
	n := len(jpg) - 2
	out := append([]byte{}, jpg[:n]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[n:]...)
}

// tiffIFD is a little-endian TIFF writer just good enough for EXIF.
type tiffEntry struct {
	tag, typ uint16
	count    uint32
	data     []byte // value bytes; stored inline when <= 4 bytes
	subIFD   []tiffEntry
}

func rational(num, den uint32) []byte {
	return binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(nil, num), den)
}

// buildTIFF lays out IFD0 (and any sub-IFD referenced by an entry with
// subIFD set) in little-endian order.
func buildTIFF(ifd0 []tiffEntry) []byte {
	buf := []byte("II*\x00\x08\x00\x00\x00")
	var writeIFD func(entries []tiffEntry) uint32
	writeIFD = func(entries []tiffEntry) uint32 {
		at := uint32(len(buf))
		size := 2 + 12*len(entries) + 4
		buf = append(buf, make([]byte, size)...)
		binary.LittleEndian.PutUint16(buf[at:], uint16(len(entries)))
		for i, e := range entries {
			p := at + 2 + uint32(12*i)
			binary.LittleEndian.PutUint16(buf[p:], e.tag)
			binary.LittleEndian.PutUint16(buf[p+2:], e.typ)
			binary.LittleEndian.PutUint32(buf[p+4:], e.count)
			switch {
			case e.subIFD != nil:
				off := writeIFD(e.subIFD)
				binary.LittleEndian.PutUint32(buf[p+8:], off)
			case len(e.data) <= 4:
				copy(buf[p+8:p+12], e.data)
			default:
				off := uint32(len(buf))
				buf = append(buf, e.data...)
				if len(buf)%2 == 1 {
					buf = append(buf, 0)
				}
				binary.LittleEndian.PutUint32(buf[p+8:], off)
			}
		}
		return at
	}
	writeIFD(ifd0)
	return buf
}

// exifWithGPS returns a TIFF block with a camera model, an orientation,
// the owner's name and a GPS IFD placing the photo in Jakarta.
func exifWithGPS(orientation uint16) []byte {
	ascii := func(s string) []byte { return append([]byte(s), 0) }
	lat := append(append(rational(6, 1), rational(12, 1)...), rational(3168, 100)...)
	lon := append(append(rational(106, 1), rational(50, 1)...), rational(4416, 100)...)
	return buildTIFF([]tiffEntry{
		{tag: 0x0110, typ: 2, count: uint32(len(secretModel) + 1), data: ascii(secretModel)},
		{tag: 0x0112, typ: 3, count: 1, data: binary.LittleEndian.AppendUint16(nil, orientation)},
		{tag: 0x013B, typ: 2, count: uint32(len(secretName) + 1), data: ascii(secretName)},
		{tag: 0x8825, typ: 4, count: 1, subIFD: []tiffEntry{
			{tag: 0x0001, typ: 2, count: 2, data: ascii("S")},
			{tag: 0x0002, typ: 5, count: 3, data: lat},
			{tag: 0x0003, typ: 2, count: 2, data: ascii("E")},
			{tag: 0x0004, typ: 5, count: 3, data: lon},
		}},
	})
}

// gpsLatitudeBytes is the GPS latitude as stored by exifWithGPS.
var gpsLatitudeBytes = append(append(rational(6, 1), rational(12, 1)...), rational(3168, 100)...)

func xmpPacket() string {
	return `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>` +
		`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
		`<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/" ` +
		`exif:GPSLatitude="6,12.528S" exif:GPSLongitude="106,50.736E"><dc:creator>` + secretName +
		`</dc:creator><dc:description>` + secretPlace + `</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>` +
		`<?xpacket end="w"?>`
}

// iptcAPP13 is a Photoshop IRB with an IPTC By-line and City.
func iptcAPP13() []byte {
	iptc := []byte{0x1C, 0x02, 0x50, 0x00, byte(len(secretName))}
	iptc = append(iptc, secretName...)
	iptc = append(iptc, 0x1C, 0x02, 0x5A, 0x00, byte(len(secretPlace)))
	iptc = append(iptc, secretPlace...)
	p := []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00")
	p = binary.BigEndian.AppendUint32(p, uint32(len(iptc)))
	p = append(p, iptc...)
	if len(p)%2 == 1 {
		p = append(p, 0)
	}
	return p
}

// pngChunk builds a chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// insertPNGChunks puts chunks right after IHDR (signature 8 + IHDR 25).
func insertPNGChunks(p []byte, chunks ...[]byte) []byte {
	out := append([]byte{}, p[:33]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, p[33:]...)
}

// riff builds a RIFF chunk (with its pad byte).
func riff(id string, payload []byte) []byte {
	return appendRIFFChunk(nil, id, payload)
}

func webpFile(chunks ...[]byte) []byte {
	var body []byte
	for _, c := range chunks {
		body = append(body, c...)
	}
	out := []byte("RIFF")
	out = binary.LittleEndian.AppendUint32(out, uint32(4+len(body)))
	out = append(out, "WEBP"...)
	return append(out, body...)
}

// box builds an ISO-BMFF box from its type and concatenated contents.
func box(typ string, contents ...[]byte) []byte {
	var body []byte
	for _, c := range contents {
		body = append(body, c...)
	}
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
	b = append(b, typ...)
	return append(b, body...)
}

// largeBox builds a box with a 64-bit largesize header.
func largeBox(typ string, body []byte) []byte {
	b := []byte{0, 0, 0, 1}
	b = append(b, typ...)
	b = binary.BigEndian.AppendUint64(b, uint64(16+len(body)))
	return append(b, body...)
}

func ftyp(major string, compat ...string) []byte {
	body := []byte(major + "\x00\x00\x02\x00")
	for _, c := range compat {
		body = append(body, c...)
	}
	return box("ftyp", body)
}

func samePixels(t *testing.T, a, b []byte) {
	t.Helper()
	ia, _, err := image.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatalf("decode original: %v", err)
	}
	ib, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode stripped: %v", err)
	}
	sameImage(t, ia, ib)
}

func sameImage(t *testing.T, a, b image.Image) {
	t.Helper()
	if a.Bounds() != b.Bounds() {
		t.Fatalf("bounds %v != %v", a.Bounds(), b.Bounds())
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				t.Fatalf("pixel (%d,%d): %v != %v", x, y, a.At(x, y), b.At(x, y))
			}
		}
	}
}

// mustNotContain fails if any of the secrets appears in data.
func mustNotContain(t *testing.T, data []byte, secrets ...[]byte) {
	t.Helper()
	for _, s := range secrets {
		if bytes.Contains(data, s) {
			t.Errorf("stripped output still contains %q", s)
		}
	}
}

func secrets() [][]byte {
	return [][]byte{[]byte(secretName), []byte(secretPlace), []byte(secretModel), gpsLatitudeBytes,
		[]byte("xmpmeta"), []byte("Photoshop"), []byte("Exif\x00\x00II")}
}
