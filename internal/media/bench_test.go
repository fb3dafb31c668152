package media

import (
	"image"
	"math/rand/v2"
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
