package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

const gpsISO6709 = "+06.2088+106.8456/"

func dirtyMP4() []byte {
	xyz := box("\xA9xyz", []byte{0, byte(len(gpsISO6709)), 0x15, 0xC7}, []byte(gpsISO6709))
	appleMeta := box("meta", make([]byte, 4),
		box("hdlr", make([]byte, 8), []byte("mdta"), make([]byte, 13)),
		box("keys", []byte{0, 0, 0, 0, 0, 0, 0, 1}, box("mdta", []byte("com.apple.quicktime.location.ISO6709"))),
		box("ilst", box("\x00\x00\x00\x01", box("data", []byte{0, 0, 0, 1, 0, 0, 0, 0}, []byte(gpsISO6709)))))
	xmpUUID := box("uuid", []byte("\xBE\x7A\xCF\xCB\x97\xA9\x42\xE8\x9C\x71\x99\x94\x91\xE3\xAF\xAC"), []byte(xmpPacket()))
	return bytesJoin(
		ftyp("isom", "isom", "iso2", "avc1", "mp41"),
		box("free", []byte("IsoMedia File Produced by "+secretModel)),
		box("moov",
			box("mvhd", make([]byte, 100)),
			box("trak",
				box("tkhd", make([]byte, 84)),
				box("udta", box("name", []byte(secretName))),
				box("mdia", box("mdhd", make([]byte, 24)), box("minf", box("meta", make([]byte, 4), []byte(secretPlace))))),
			box("udta", xyz, box("\xA9mak", []byte(secretModel))),
			appleMeta,
			xmpUUID,
		),
		box("mdat", []byte("frame data \xA9xyz "+gpsISO6709+" stays: it is media")),
		largeBox("udta", xyz),
		box("meta", make([]byte, 4), []byte(secretName)),
		box("XYZW", []byte(secretPlace)),
	)
}

func bytesJoin(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// topBoxes lists the top-level box offsets and types.
func topBoxes(t *testing.T, data []byte) (offs []int, types []string) {
	t.Helper()
	for off := 0; off < len(data); {
		b, err := readMP4Box(data, off, len(data))
		if err != nil {
			t.Fatal(err)
		}
		offs, types = append(offs, off), append(types, b.typ)
		off = b.end
	}
	return offs, types
}

func TestStripMP4(t *testing.T) {
	dirty := dirtyMP4()
	if ct, ok := Sniff(dirty); !ok || ct != MP4 {
		t.Fatalf("Sniff = %q, %v", ct, ok)
	}
	if !containsMetadata(MP4, dirty) {
		t.Fatal("containsMetadata(dirty) = false")
	}
	out, err := Strip(MP4, dirty)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(dirty) {
		t.Fatalf("length changed: %d -> %d", len(dirty), len(out))
	}
	if containsMetadata(MP4, out) {
		t.Fatal("containsMetadata(stripped) = true")
	}
	offsIn, typesIn := topBoxes(t, dirty)
	offsOut, typesOut := topBoxes(t, out)
	if !equalInts(offsIn, offsOut) {
		t.Errorf("box offsets moved: %v -> %v", offsIn, offsOut)
	}
	wantTypes := []string{"ftyp", "free", "moov", "mdat", "free", "free", "free"}
	if !equalStrings(typesOut, wantTypes) {
		t.Errorf("top-level types %v -> %v, want %v", typesIn, typesOut, wantTypes)
	}
	// The media data is untouched, byte for byte.
	mdat := bytes.Index(dirty, []byte("mdat"))
	n := int(binary.BigEndian.Uint32(dirty[mdat-4:]))
	if !bytes.Equal(dirty[mdat-4:mdat-4+n], out[mdat-4:mdat-4+n]) {
		t.Error("mdat changed")
	}
	rest := append(append([]byte{}, out[:mdat-4]...), out[mdat-4+n:]...)
	mustNotContain(t, rest, []byte(gpsISO6709), []byte("\xA9xyz"), []byte("udta"), []byte("meta"), []byte("uuid"),
		[]byte("ISO6709"), []byte("IsoMedia"))
	mustNotContain(t, rest, secrets()...)
	if got := bytes.Count(out, []byte("free")); got != 9 {
		t.Errorf("%d free boxes, want 9", got)
	}
	if again, err := Strip(MP4, out); err != nil || !bytes.Equal(again, out) {
		t.Errorf("Strip is not idempotent: err=%v", err)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestStripMP4SizeZero(t *testing.T) {
	// A last box of size 0 extends to the end of the file.
	mdat := append([]byte{0, 0, 0, 0}, "mdat...media..."...)
	data := bytesJoin(ftyp("mp42", "isom"), box("moov", box("udta", []byte(secretName))), mdat)
	out, err := Strip(MP4, data)
	if err != nil {
		t.Fatal(err)
	}
	mustNotContain(t, out, []byte(secretName))
	if !bytes.HasSuffix(out, mdat) {
		t.Error("size-0 mdat changed")
	}
}

func TestStripMP4Malformed(t *testing.T) {
	f := ftyp("isom", "isom")
	moov := box("moov", box("mvhd", make([]byte, 100)))
	huge := largeBox("mdat", nil)
	binary.BigEndian.PutUint64(huge[8:], 1<<63+5)
	deep := box("udta")
	for range 20 {
		deep = box("trak", deep)
	}
	cases := map[string][]byte{
		"no moov":           bytesJoin(f, box("mdat", []byte("x"))),
		"box past end":      bytesJoin(f, moov, []byte{0, 0, 1, 0, 'm', 'd', 'a', 't'}),
		"box size under 8":  bytesJoin(f, moov, []byte{0, 0, 0, 7, 'f', 'r', 'e', 'e'}),
		"trailing bytes":    bytesJoin(f, moov, []byte{0, 0, 0}),
		"huge largesize":    bytesJoin(f, moov, huge),
		"short largesize":   bytesJoin(f, moov, []byte{0, 0, 0, 1, 'm', 'd', 'a', 't', 0, 0}),
		"largesize under16": bytesJoin(f, moov, []byte{0, 0, 0, 1, 'm', 'd', 'a', 't', 0, 0, 0, 0, 0, 0, 0, 9}),
		"child past parent": bytesJoin(f, box("moov", []byte{0, 0, 0, 200, 'u', 'd', 't', 'a'})),
		"too deep":          bytesJoin(f, box("moov", deep)),
	}
	for name, data := range cases {
		if _, err := Strip(MP4, data); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want ErrMalformed", name, err)
		}
		if !containsMetadata(MP4, data) {
			t.Errorf("%s: containsMetadata = false", name)
		}
	}
}
