package media

import (
	"bytes"
	"compress/zlib"
	"errors"
	"testing"
)

func dirtyPNG(t testing.TB) (clean, dirty []byte) {
	clean = encodePNG(t, testImage(32, 24))
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(secretPlace))
	zw.Close()
	exif := exifWithGPS(1)
	dirty = insertPNGChunks(clean,
		pngChunk("gAMA", []byte{0, 0, 0xB1, 0x8F}),
		pngChunk("pHYs", []byte{0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1}),
		pngChunk("tEXt", []byte("Author\x00"+secretName)),
		pngChunk("zTXt", append([]byte("Description\x00\x00"), z.Bytes()...)),
		pngChunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"+xmpPacket())),
		pngChunk("eXIf", exif),
		pngChunk("tIME", []byte{0x07, 0xEA, 1, 2, 3, 4, 5}),
		pngChunk("prVt", []byte(secretModel)),
	)
	dirty = append(dirty, []byte("trailing "+secretName)...)
	return clean, dirty
}

func TestStripPNG(t *testing.T) {
	_, dirty := dirtyPNG(t)
	if !containsMetadata(PNG, dirty) {
		t.Fatal("containsMetadata(dirty) = false")
	}
	out, err := Strip(PNG, dirty)
	if err != nil {
		t.Fatal(err)
	}
	if containsMetadata(PNG, out) {
		t.Fatal("containsMetadata(stripped) = true")
	}
	mustNotContain(t, out, secrets()...)
	for _, typ := range []string{"tEXt", "zTXt", "iTXt", "eXIf", "tIME", "prVt"} {
		mustNotContain(t, out, []byte(typ))
	}
	for _, typ := range []string{"gAMA", "pHYs", "IHDR", "IDAT", "IEND"} {
		if !bytes.Contains(out, []byte(typ)) {
			t.Errorf("%s chunk was dropped", typ)
		}
	}
	samePixels(t, dirty, out)
	if again, err := Strip(PNG, out); err != nil || !bytes.Equal(again, out) {
		t.Errorf("Strip is not idempotent: err=%v", err)
	}
}

func TestStripPNGPlain(t *testing.T) {
	clean := encodePNG(t, testImage(8, 8))
	if containsMetadata(PNG, clean) {
		t.Fatal("a fresh image/png encoding reports metadata")
	}
	out, err := Strip(PNG, clean)
	if err != nil || !bytes.Equal(out, clean) {
		t.Errorf("Strip changed a PNG without metadata (err=%v)", err)
	}
}

func TestStripPNGMalformed(t *testing.T) {
	clean := encodePNG(t, testImage(8, 8))
	badCRC := bytes.Clone(clean)
	badCRC[32] ^= 1 // last byte of the IHDR CRC
	iend := len(clean) - 12
	cases := map[string][]byte{
		"bad CRC":          badCRC,
		"truncated":        clean[:len(clean)-5],
		"no IEND":          clean[:iend],
		"no IDAT":          append(append([]byte{}, clean[:33]...), clean[iend:]...),
		"unknown critical": insertPNGChunks(clean, pngChunk("ABCD", nil)),
		"bad type":         insertPNGChunks(clean, pngChunk("a1b2", nil)),
		"huge length":      insertPNGChunks(clean, []byte{0x7F, 0xFF, 0xFF, 0xFF, 't', 'E', 'X', 't'}),
		"second IHDR":      insertPNGChunks(clean, clean[8:33]),
		"signature only":   clean[:16],
	}
	for name, data := range cases {
		if _, err := Strip(PNG, data); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want ErrMalformed", name, err)
		}
		if !containsMetadata(PNG, data) {
			t.Errorf("%s: containsMetadata = false", name)
		}
	}
}
