package media

import (
	"bytes"
	"errors"
	"testing"
)

// dirtyJPEG is a real JPEG with everything a phone or editor may add.
func dirtyJPEG(t testing.TB) (clean, dirty []byte) {
	clean = encodeJPEG(t, testImage(64, 48), 90)
	jfifWithThumb := append([]byte("JFIF\x00\x01\x02\x00\x00\x48\x00\x48\x01\x01"), 0xAA, 0xBB, 0xCC)
	jfxx := []byte("JFXX\x00\x13thumbnail-of-the-uncropped-photo")
	exif := append([]byte("Exif\x00\x00"), exifWithGPS(6)...)
	xmp := append([]byte("http://ns.adobe.com/xap/1.0/\x00"), xmpPacket()...)
	icc := append([]byte("ICC_PROFILE\x00\x01\x01"), bytes.Repeat([]byte{0x42}, 40)...)
	mpf := []byte("MPF\x00MM\x00\x2a\x00\x00\x00\x08 multi-picture index")
	adobe := []byte("Adobe\x00\x64\x00\x00\x00\x00\x01" + "hidden " + secretName)
	dirty = insertAfterSOI(clean,
		jpegSegment(0xE0, jfifWithThumb),
		jpegSegment(0xE0, jfxx),
		jpegSegment(0xE1, exif),
		jpegSegment(0xE1, xmp),
		jpegSegment(0xE2, icc),
		jpegSegment(0xE2, mpf),
		jpegSegment(0xED, iptcAPP13()),
		jpegSegment(0xEE, adobe),
		jpegSegment(0xEF, []byte("vendor "+secretModel)),
		jpegSegment(0xFE, []byte("Pelapor: "+secretName)),
		[]byte{0xFF, 0xFF, 0xFF}, // fill bytes before the next marker (DQT)
	)
	// A comment after the scan and a second image (with its own EXIF)
	// appended after EOI, as MPF and vendor trailers do.
	dirty = insertBeforeEOI(dirty, jpegSegment(0xFE, []byte(secretPlace)))
	second := insertAfterSOI(encodeJPEG(t, testImage(8, 8), 50), jpegSegment(0xE1, exif))
	dirty = append(dirty, second...)
	return clean, dirty
}

func TestStripJPEG(t *testing.T) {
	_, dirty := dirtyJPEG(t)
	if !containsMetadata(JPEG, dirty) {
		t.Fatal("containsMetadata(dirty) = false")
	}
	orig := bytes.Clone(dirty)
	out, err := Strip(JPEG, dirty)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(dirty, orig) {
		t.Fatal("Strip modified its input")
	}
	if containsMetadata(JPEG, out) {
		t.Fatal("containsMetadata(stripped) = true")
	}
	mustNotContain(t, out, secrets()...)
	mustNotContain(t, out, []byte("JFXX"), []byte("MPF"), []byte("uncropped"), []byte{0xAA, 0xBB, 0xCC}, []byte{0xFF, 0xFF})
	samePixels(t, dirty, out)
	if !bytes.Contains(out, []byte("ICC_PROFILE\x00")) {
		t.Error("ICC profile was dropped")
	}
	if !bytes.Contains(out, []byte("Adobe\x00\x64\x00\x00\x00\x00\x01")) {
		t.Error("Adobe APP14 was dropped")
	}
	if !bytes.HasSuffix(out, []byte{0xFF, 0xD9}) {
		t.Error("output does not end with EOI")
	}
	if n := bytes.Count(out, []byte{0xFF, 0xD8}); n != 1 {
		t.Errorf("output has %d SOI markers, want 1 (trailer not dropped?)", n)
	}
	// Only the orientation survives, as a fresh minimal EXIF block.
	if !bytes.Contains(out, orientationSegment(6)) {
		t.Error("orientation 6 not kept")
	}
	if again, err := Strip(JPEG, out); err != nil || !bytes.Equal(again, out) {
		t.Errorf("Strip is not idempotent: err=%v", err)
	}
}

func TestStripJPEGPlain(t *testing.T) {
	clean := encodeJPEG(t, testImage(40, 30), 75)
	if containsMetadata(JPEG, clean) {
		t.Fatal("a fresh image/jpeg encoding reports metadata")
	}
	out, err := Strip(JPEG, clean)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, clean) {
		t.Error("Strip changed a JPEG without metadata")
	}
}

func TestStripJPEGOrientation(t *testing.T) {
	clean := encodeJPEG(t, testImage(16, 16), 75)
	for _, tc := range []struct {
		orientation uint16
		keep        bool
	}{{1, false}, {3, true}, {8, true}, {9, false}, {0, false}} {
		exif := append([]byte("Exif\x00\x00"), exifWithGPS(tc.orientation)...)
		out, err := Strip(JPEG, insertAfterSOI(clean, jpegSegment(0xE1, exif)))
		if err != nil {
			t.Fatal(err)
		}
		got := exifOrientationOf(out)
		want := 0
		if tc.keep {
			want = int(tc.orientation)
		}
		if got != want {
			t.Errorf("orientation %d: kept %d, want %d", tc.orientation, got, want)
		}
		if !tc.keep && !bytes.Equal(out, clean) {
			t.Errorf("orientation %d: output differs from clean image", tc.orientation)
		}
	}
	// A big-endian EXIF block is read too.
	be := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x05\x00\x00\x00\x00\x00\x00" + secretName)
	out, err := Strip(JPEG, insertAfterSOI(clean, jpegSegment(0xE1, be)))
	if err != nil {
		t.Fatal(err)
	}
	if got := exifOrientationOf(out); got != 5 {
		t.Errorf("big-endian orientation: got %d, want 5", got)
	}
	mustNotContain(t, out, []byte(secretName))
}

func exifOrientationOf(jpg []byte) int {
	v := 0
	walkJPEG(jpg, func(s jpegSeg) error {
		if s.marker == 0xE1 {
			v = exifOrientation(s.payload)
		}
		return nil
	})
	return v
}

func TestStripJPEGMalformed(t *testing.T) {
	clean := encodeJPEG(t, testImage(16, 16), 75)
	sos := bytes.Index(clean, []byte{0xFF, 0xDA})
	cases := map[string][]byte{
		"truncated":        clean[:len(clean)/2],
		"no EOI":           clean[:len(clean)-2],
		"header only":      []byte{0xFF, 0xD8, 0xFF, 0xE0},
		"length too big":   insertAfterSOI(clean, []byte{0xFF, 0xE1, 0xFF, 0xFF, 'E', 'x'}),
		"length too small": insertAfterSOI(clean, []byte{0xFF, 0xE1, 0x00, 0x01}),
		"garbage segment":  insertAfterSOI(clean, []byte{0xFF, 0xFE, 0x00, 0x04, 'h', 'i', 'X'}),
		"reserved marker":  insertAfterSOI(clean, []byte{0xFF, 0x02, 0x00, 0x02}),
		"second SOI":       insertAfterSOI(clean, []byte{0xFF, 0xD8}),
		"EOI before scan":  append(append([]byte{}, clean[:sos]...), 0xFF, 0xD9),
		"scan without SOF": append([]byte{0xFF, 0xD8}, clean[sos:]...),
		"only fill bytes":  []byte{0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0xFF},
		"stuffing as mark": []byte{0xFF, 0xD8, 0xFF, 0xFF, 0x00, 0xFF, 0xD9},
		"scan runs to end": append(append([]byte{}, clean[:len(clean)-2]...), 0xFF),
	}
	for name, data := range cases {
		if _, err := Strip(JPEG, data); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want ErrMalformed", name, err)
		}
		if !containsMetadata(JPEG, data) {
			t.Errorf("%s: containsMetadata = false for unparsable data", name)
		}
	}
}

func TestStripWrongType(t *testing.T) {
	png := encodePNG(t, testImage(4, 4))
	if _, err := Strip(JPEG, png); !errors.Is(err, ErrMalformed) {
		t.Errorf("PNG stripped as JPEG: err = %v", err)
	}
	if _, err := Strip("image/gif", []byte("GIF89a")); !errors.Is(err, ErrUnsupported) {
		t.Errorf("GIF: err = %v, want ErrUnsupported", err)
	}
	if !containsMetadata("image/gif", []byte("GIF89a")) {
		t.Error("containsMetadata of an unsupported type should err on true")
	}
}

func TestStripJPEGKeepsColourSegments(t *testing.T) {
	clean := encodeJPEG(t, testImage(16, 16), 75)
	icc := jpegSegment(0xE2, append([]byte("ICC_PROFILE\x00\x01\x01"), make([]byte, 20)...))
	adobe := jpegSegment(0xEE, []byte("Adobe\x00\x64\x00\x00\x00\x00\x01"))
	shortJFIF := jpegSegment(0xE0, []byte("JFIF\x00\x01"))
	in := insertAfterSOI(clean, shortJFIF, icc, adobe)
	if containsMetadata(JPEG, insertAfterSOI(clean, icc, adobe)) {
		t.Error("ICC profile or Adobe segment reported as metadata")
	}
	out, err := Strip(JPEG, in)
	if err != nil {
		t.Fatal(err)
	}
	want := insertAfterSOI(clean, jpegSegment(0xE0, []byte("JFIF\x00")), icc, adobe)
	if !bytes.Equal(out, want) {
		t.Errorf("colour segments not kept as expected")
	}
	samePixels(t, in, out)
}
