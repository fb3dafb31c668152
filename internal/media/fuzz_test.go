package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"testing"
)

var allTypes = []string{JPEG, PNG, WebP, PDF, MP4}

// fuzzSeeds are small well-formed files of each type; the committed
// corpus in testdata/fuzz holds more (and any input that found a bug).
func fuzzSeeds(f *testing.F) [][]byte {
	jpg := insertAfterSOI(encodeJPEG(f, testImage(8, 8), 50),
		jpegSegment(0xE1, append([]byte("Exif\x00\x00"), exifWithGPS(6)...)),
		jpegSegment(0xFE, []byte("hi")))
	png := insertPNGChunks(encodePNG(f, testImage(4, 4)), pngChunk("tEXt", []byte("Author\x00Budi")))
	webp := webpFile(riff("VP8X", vp8x(vp8xEXIF)), riff("VP8L", dummyVP8L), riff("EXIF", []byte("Exif\x00\x00")))
	pdf := buildPDF([]string{"<< /Type /Catalog >>", "<< /Author (Budi) /Creator 3 0 R >>", "(x)",
		pdfStreamObj("", "<x:xmpmeta>a</x:xmpmeta>")}, "/Info 2 0 R")
	pdfXMP := pdfDoc{objs: xmpStreamObjects(), xrefStream: true, trailer: directInfo("4 0 R"), eol: "\r\n"}.build()
	mp4 := bytesJoin(ftyp("isom", "mp41"), box("moov", box("udta", []byte("x")), box("trak", box("meta"))), box("mdat", []byte("m")))
	return [][]byte{jpg, png, webp, pdf, pdfXMP, mp4}
}

func FuzzSniff(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ct, ok := Sniff(data)
		if ok != (ct != "") || (ok && Extension(ct) == "") {
			t.Fatalf("Sniff = %q, %v", ct, ok)
		}
		if ct2, ok2 := Sniff(data); ct2 != ct || ok2 != ok {
			t.Fatal("Sniff is not deterministic")
		}
	})
}

// FuzzStrip checks, for every type, that Strip never panics, never
// modifies its input, fails only with ErrMalformed, and on success
// returns a file of the same type, no bigger, without metadata, that
// Strip leaves unchanged.
func FuzzStrip(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkStrip(t, data)
		// Random mutations almost never keep PNG CRCs valid; also try the
		// input with its CRCs fixed so the chunk logic gets explored.
		if ct, _ := Sniff(data); ct == PNG {
			checkStrip(t, fixPNGCRCs(data))
		}
	})
}

func checkStrip(t *testing.T, data []byte) {
	t.Helper()
	orig := bytes.Clone(data)
	for _, ct := range allTypes {
		containsMetadata(ct, data) // must not panic
		out, err := Strip(ct, data)
		if !bytes.Equal(data, orig) {
			t.Fatalf("%s: Strip modified its input", ct)
		}
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("%s: error %v does not wrap ErrMalformed", ct, err)
			}
			continue
		}
		if len(out) > len(data)+1 {
			t.Fatalf("%s: output %d bytes from %d", ct, len(out), len(data))
		}
		if got, _ := Sniff(out); got != ct {
			t.Fatalf("%s: output sniffs as %q", ct, got)
		}
		if containsMetadata(ct, out) {
			t.Fatalf("%s: output still contains metadata", ct)
		}
		if ct == JPEG || ct == PNG {
			sameDecode(t, data, out)
		}
		again, err := Strip(ct, out)
		if err != nil {
			t.Fatalf("%s: stripping the output failed: %v", ct, err)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("%s: Strip is not idempotent", ct)
		}
	}
}

// fixPNGCRCs returns a copy of data with the CRC of every chunk that fits
// recomputed.
func fixPNGCRCs(data []byte) []byte {
	out := bytes.Clone(data)
	for pos := len(pngSignature); len(out)-pos >= 12; {
		n := binary.BigEndian.Uint32(out[pos:])
		if uint64(n) > uint64(len(out)-pos-12) {
			break
		}
		end := pos + 12 + int(n)
		binary.BigEndian.PutUint32(out[end-4:], crc32.ChecksumIEEE(out[pos+4:end-4]))
		pos = end
	}
	return out
}

// sameDecode checks that if the standard library decodes the original
// (of a modest size), it decodes the stripped file to the same pixels.
func sameDecode(t *testing.T, orig, stripped []byte) {
	t.Helper()
	cfg, _, err := image.DecodeConfig(bytes.NewReader(orig))
	if err != nil || cfg.Width*cfg.Height > 1<<16 {
		return
	}
	a, _, err := image.Decode(bytes.NewReader(orig))
	if err != nil {
		return
	}
	b, _, err := image.Decode(bytes.NewReader(stripped))
	if err != nil {
		t.Fatalf("original decodes but stripped does not: %v", err)
	}
	sameImage(t, a, b)
}
