package api_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/media"
)

// gpsJPEG is a photo as a phone writes it: EXIF with the camera model and
// a GPS position (0°7'59.88"N 117°29'24"E, Bontang), an XMP packet with
// the position again, and a JPEG comment.
func gpsJPEG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 48, 32))
	for x := 0; x < 48; x++ {
		for y := 0; y < 32; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 5), uint8(y * 7), 90, 255})
		}
	}
	var plain bytes.Buffer
	if err := jpeg.Encode(&plain, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	// TIFF: header, IFD0 {Make, GPSInfo}, GPS IFD {LatRef, Lat, LonRef, Lon}, data.
	var tiff bytes.Buffer
	w16 := func(v uint16) { binary.Write(&tiff, le, v) }
	w32 := func(v uint32) { binary.Write(&tiff, le, v) }
	tiff.WriteString("II")
	w16(42)
	w32(8)
	const ifd0 = 8
	const ifd0Size = 2 + 2*12 + 4
	const gpsIFD = ifd0 + ifd0Size
	const gpsSize = 2 + 4*12 + 4
	const data = gpsIFD + gpsSize
	make_ := "PlantedCam SM-A5460\x00"
	w16(2)
	w16(0x010f) // Make
	w16(2)
	w32(uint32(len(make_)))
	w32(data)
	w16(0x8825) // GPSInfo
	w16(4)
	w32(1)
	w32(gpsIFD)
	w32(0)
	latOff := uint32(data + len(make_))
	lonOff := latOff + 24
	w16(4)
	w16(1) // GPSLatitudeRef
	w16(2)
	w32(2)
	tiff.Write([]byte{'N', 0, 0, 0})
	w16(2) // GPSLatitude
	w16(5)
	w32(3)
	w32(latOff)
	w16(3) // GPSLongitudeRef
	w16(2)
	w32(2)
	tiff.Write([]byte{'E', 0, 0, 0})
	w16(4) // GPSLongitude
	w16(5)
	w32(3)
	w32(lonOff)
	w32(0)
	tiff.WriteString(make_)
	for _, r := range [][2]uint32{{0, 1}, {7, 1}, {5988, 100}, {117, 1}, {29, 1}, {2400, 100}} {
		w32(r[0])
		w32(r[1])
	}
	seg := func(marker byte, payload []byte) []byte {
		out := []byte{0xFF, marker, 0, 0}
		binary.BigEndian.PutUint16(out[2:], uint16(len(payload)+2))
		return append(out, payload...)
	}
	exif := seg(0xE1, append([]byte("Exif\x00\x00"), tiff.Bytes()...))
	xmp := seg(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF><rdf:Description exif:GPSLatitude='0,7.998N' "+
		"dc:creator='Planted Photographer'/></rdf:RDF></x:xmpmeta>"))
	com := seg(0xFE, []byte("Planted comment from Ratna"))
	b := plain.Bytes()
	out := append([]byte{}, b[:2]...)
	out = append(out, exif...)
	out = append(out, xmp...)
	out = append(out, com...)
	out = append(out, b[2:]...)
	if !strippable(media.JPEG, out) {
		t.Fatal("the test photo carries no metadata: the test proves nothing")
	}
	if _, err := jpeg.Decode(bytes.NewReader(out)); err != nil {
		t.Fatalf("test photo does not decode: %v", err)
	}
	return out
}

// textPNG is a PNG with a tEXt chunk naming its author.
func textPNG(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	p := b.Bytes()
	body := []byte("Author\x00Planted Author Ratna")
	chunk := make([]byte, 8, 12+len(body))
	binary.BigEndian.PutUint32(chunk, uint32(len(body)))
	copy(chunk[4:], "tEXt")
	chunk = append(chunk, body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	out := append(append(append([]byte{}, p[:33]...), chunk...), p[33:]...) // after IHDR
	if !strippable(media.PNG, out) {
		t.Fatal("test PNG carries no metadata")
	}
	return out
}

var plantedMeta = [][]byte{
	[]byte("PlantedCam"), []byte("Planted Photographer"), []byte("Planted comment"), []byte("Planted Author"),
	[]byte("GPSLatitude"), []byte("xmpmeta"), {0x25, 0x88}, // the GPSInfo tag, little-endian
	{0x64, 0x17, 0, 0, 100, 0, 0, 0}, // the seconds of latitude, 5988/100
}

// TestUploadedPhotosLoseTheirMetadata uploads a photo carrying GPS
// coordinates, as an anonymous reporter and with a follow-up, and checks
// that neither the stored bytes nor the served file hold any of it, and
// that the images still decode.
func TestUploadedPhotosLoseTheirMetadata(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		photo, pic := gpsJPEG(t), textPNG(t)
		ct, body := multipartReport(t, complaint(map[string]any{"anonymous": true}), file{"IMG_20261118_0830.jpg", photo}, file{"denah.png", pic})
		res := postMultipart(t, env, "/api/v1/reports", ct, body, "")
		if res.Status != 201 {
			t.Fatalf("submit: %d %s", res.Status, res.Body)
		}
		m := res.JSON(t)
		f := filed{m["tracking_id"].(string), m["receipt"].(string)}
		act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		ct, body = multipartAction(t, `{"action":"follow_up","message":"Foto lokasi terlampir."}`, file{"lokasi.jpg", photo})
		if res := postMultipart(t, env, "/api/v1/reports/"+f.id+"/actions", ct, body, city.OfficerPU); res.Status != 200 {
			t.Fatalf("follow-up: %d %s", res.Status, res.Body)
		}

		// Stored: every attachment in the database.
		rows, err := env.Store.DB().Query(`SELECT content_type, data FROM attachments`)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var ctype string
			var data []byte
			if err := rows.Scan(&ctype, &data); err != nil {
				t.Fatal(err)
			}
			checkClean(t, "stored "+ctype, ctype, data)
			n++
		}
		rows.Close()
		if n != 3 {
			t.Fatalf("%d attachments stored, want 3", n)
		}
		// Served: what the reporter, staff and (once public) anyone downloads.
		rep := get(t, env, f, f.auth(), 200)
		for _, a := range rep["attachments"].([]any) {
			at := a.(map[string]any)
			for _, auth := range []string{f.auth(), city.Admin, ""} {
				req, _ := http.NewRequest("GET", env.Server.URL+at["url"].(string), nil)
				if auth != "" {
					req.Header.Set("Authorization", auth)
				}
				got := env.Send(t, req)
				if got.Status != 200 {
					t.Fatalf("download %s as %q: %d", at["url"], auth, got.Status)
				}
				checkClean(t, fmt.Sprintf("served %s", at["url"]), got.Header.Get("Content-Type"), got.Body)
			}
		}
	})
}

// strippable reports whether media.Strip would still remove something from
// data: a cleaned file is one that stripping again leaves as it is.
func strippable(ctype string, data []byte) bool {
	out, err := media.Strip(ctype, data)
	return err != nil || !bytes.Equal(out, data)
}

func checkClean(t *testing.T, what, ctype string, data []byte) {
	t.Helper()
	if strippable(ctype, data) {
		t.Errorf("%s still carries metadata", what)
	}
	for _, p := range plantedMeta {
		if bytes.Contains(data, p) {
			t.Errorf("%s holds %q", what, p)
		}
	}
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		t.Errorf("%s does not decode: %v", what, err)
	}
}

func multipartAction(t *testing.T, action string, files ...file) (string, []byte) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.WriteField("action", action)
	for _, f := range files {
		fw, _ := w.CreateFormFile("attachments", f.name)
		fw.Write(f.data)
	}
	w.Close()
	return w.FormDataContentType(), b.Bytes()
}
