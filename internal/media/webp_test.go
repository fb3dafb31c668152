package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// dummyVP8L stands in for a lossless bitstream: Strip works on the
// container and never decodes it.
var dummyVP8L = []byte{0x2F, 0x00, 0x00, 0x00, 0x00, 0x88, 0x88, 0x08, 0x08} // odd length: needs a pad byte

func vp8x(flags byte) []byte {
	return []byte{flags, 0, 0, 0, 0, 0, 0, 0, 0, 0}
}

func TestStripWebPExtended(t *testing.T) {
	exif := append([]byte("Exif\x00\x00"), exifWithGPS(1)...)
	dirty := webpFile(
		riff("VP8X", vp8x(0x20|0x10|vp8xEXIF|vp8xXMP)), // ICC, alpha, EXIF, XMP
		riff("ICCP", []byte("icc-profile-bytes")),
		riff("VP8L", dummyVP8L),
		riff("EXIF", exif),
		riff("XMP ", []byte(xmpPacket()+"x")),
		riff("ZZZZ", []byte(secretModel)),
	)
	dirty = append(dirty, "junk after RIFF "+secretName...)
	if !containsMetadata(WebP, dirty) {
		t.Fatal("containsMetadata(dirty) = false")
	}
	out, err := Strip(WebP, dirty)
	if err != nil {
		t.Fatal(err)
	}
	if containsMetadata(WebP, out) {
		t.Fatal("containsMetadata(stripped) = true")
	}
	mustNotContain(t, out, secrets()...)
	want := webpFile(
		riff("VP8X", vp8x(0x20|0x10)),
		riff("ICCP", []byte("icc-profile-bytes")),
		riff("VP8L", dummyVP8L),
	)
	if !bytes.Equal(out, want) {
		t.Errorf("stripped WebP:\n got %q\nwant %q", out, want)
	}
	if got := binary.LittleEndian.Uint32(out[4:]); int(got) != len(out)-8 {
		t.Errorf("RIFF size %d, want %d", got, len(out)-8)
	}
}

func TestStripWebPSimpleAndAnimated(t *testing.T) {
	// Simple format: anything after the bitstream chunk goes.
	simple := webpFile(riff("VP8L", dummyVP8L), riff("EXIF", []byte(secretName)))
	out, err := Strip(WebP, simple)
	if err != nil {
		t.Fatal(err)
	}
	if want := webpFile(riff("VP8L", dummyVP8L)); !bytes.Equal(out, want) {
		t.Errorf("simple: got %q, want %q", out, want)
	}

	// Animated: unknown chunks inside a frame are dropped too.
	frameHdr := make([]byte, 16)
	frame := append(append(append([]byte{}, frameHdr...), riff("VP8L", dummyVP8L)...), riff("NOTE", []byte(secretPlace))...)
	anim := webpFile(
		riff("VP8X", vp8x(0x02|vp8xXMP)),
		riff("ANIM", []byte{0, 0, 0, 0, 0, 0}),
		riff("ANMF", frame),
		riff("XMP ", []byte(xmpPacket())),
	)
	if !containsMetadata(WebP, anim) {
		t.Fatal("containsMetadata(anim) = false")
	}
	out, err = Strip(WebP, anim)
	if err != nil {
		t.Fatal(err)
	}
	if containsMetadata(WebP, out) {
		t.Fatal("containsMetadata(stripped anim) = true")
	}
	mustNotContain(t, out, secrets()...)
	wantFrame := append(append([]byte{}, frameHdr...), riff("VP8L", dummyVP8L)...)
	want := webpFile(riff("VP8X", vp8x(0x02)), riff("ANIM", []byte{0, 0, 0, 0, 0, 0}), riff("ANMF", wantFrame))
	if !bytes.Equal(out, want) {
		t.Errorf("animated:\n got %q\nwant %q", out, want)
	}
}

func TestStripWebPMalformed(t *testing.T) {
	good := webpFile(riff("VP8L", dummyVP8L))
	bigRIFF := bytes.Clone(good)
	binary.LittleEndian.PutUint32(bigRIFF[4:], 1000)
	bigChunk := bytes.Clone(good)
	binary.LittleEndian.PutUint32(bigChunk[16:], 1000)
	cases := map[string][]byte{
		"RIFF size too big":  bigRIFF,
		"chunk size too big": bigChunk,
		"RIFF size tiny":     append([]byte("RIFF\x04\x00\x00\x00WEBP"), "VP8L\x00\x00\x00\x00"...),
		"short VP8X":         webpFile(riff("VP8X", []byte{0}), riff("VP8L", dummyVP8L)),
		"VP8X without image": webpFile(riff("VP8X", vp8x(0)), riff("ICCP", []byte("x"))),
		"short ANMF":         webpFile(riff("VP8X", vp8x(2)), riff("ANMF", []byte("short"))),
		"truncated chunk":    webpFile(riff("VP8L", dummyVP8L), []byte("EXI")),
	}
	for name, data := range cases {
		if _, err := Strip(WebP, data); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want ErrMalformed", name, err)
		}
	}
}
