package media

import (
	"bytes"
	"encoding/binary"
)

// jpegSeg is one marker segment as found in the input.
type jpegSeg struct {
	marker  byte
	raw     []byte // FF, marker, length and payload (fill bytes excluded)
	payload []byte // after the length field; nil for standalone markers
	scan    []byte // for SOS: the entropy-coded data that follows
}

// walkJPEG calls fn for every segment from the one after SOI up to and
// including EOI, and returns the offset just after EOI.
func walkJPEG(data []byte, fn func(s jpegSeg) error) (int, error) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return 0, malformed("jpeg: missing SOI")
	}
	pos := 2
	sawFrame, sawScan := false, false
	for {
		if pos >= len(data) {
			return 0, malformed("jpeg: missing EOI")
		}
		if data[pos] != 0xFF {
			return 0, malformed("jpeg: expected marker at offset %d", pos)
		}
		for pos < len(data) && data[pos] == 0xFF { // fill bytes
			pos++
		}
		if pos >= len(data) {
			return 0, malformed("jpeg: truncated marker")
		}
		m := data[pos]
		start := pos - 1
		pos++
		switch {
		case m == 0x00:
			return 0, malformed("jpeg: stuffed byte outside scan at offset %d", start)
		case m == 0xD8:
			return 0, malformed("jpeg: unexpected SOI at offset %d", start)
		case m == 0xD9:
			if !sawScan {
				return 0, malformed("jpeg: EOI before any scan")
			}
			if err := fn(jpegSeg{marker: m, raw: data[start:pos]}); err != nil {
				return 0, err
			}
			return pos, nil
		case m == 0x01 || (0xD0 <= m && m <= 0xD7): // TEM, stray RSTn
			if err := fn(jpegSeg{marker: m, raw: data[start:pos]}); err != nil {
				return 0, err
			}
			continue
		case m < 0xC0 || (0xF0 <= m && m <= 0xFD):
			return 0, malformed("jpeg: reserved or unsupported marker %#02x at offset %d", m, start)
		}
		if len(data)-pos < 2 {
			return 0, malformed("jpeg: truncated segment length at offset %d", pos)
		}
		n := int(binary.BigEndian.Uint16(data[pos:]))
		if n < 2 || n > len(data)-pos {
			return 0, malformed("jpeg: segment %#02x length %d out of range at offset %d", m, n, start)
		}
		end := pos + n
		s := jpegSeg{marker: m, raw: data[start:end], payload: data[pos+2 : end]}
		switch {
		case isSOF(m):
			sawFrame = true
		case m == 0xDA:
			if !sawFrame {
				return 0, malformed("jpeg: scan before frame header")
			}
			sawScan = true
			scanEnd, err := jpegScanEnd(data, end)
			if err != nil {
				return 0, err
			}
			s.scan = data[end:scanEnd]
			end = scanEnd
		}
		if err := fn(s); err != nil {
			return 0, err
		}
		pos = end
	}
}

func isSOF(m byte) bool {
	return 0xC0 <= m && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC
}

// jpegScanEnd returns the offset of the 0xFF (possibly the first of a run
// of fill bytes) that starts the first marker after the entropy-coded data
// beginning at i. Byte stuffing (FF 00) and restart markers belong to the
// data.
func jpegScanEnd(data []byte, i int) (int, error) {
	for {
		j := bytes.IndexByte(data[i:], 0xFF)
		if j < 0 {
			return 0, malformed("jpeg: truncated scan data")
		}
		j += i
		k := j + 1
		for k < len(data) && data[k] == 0xFF {
			k++
		}
		if k >= len(data) {
			return 0, malformed("jpeg: truncated scan data")
		}
		if c := data[k]; c == 0x00 || (0xD0 <= c && c <= 0xD7) {
			i = k + 1
			continue
		}
		return j, nil
	}
}

var (
	jfifID  = []byte("JFIF\x00")
	exifID  = []byte("Exif\x00\x00")
	iccID   = []byte("ICC_PROFILE\x00")
	adobeID = []byte("Adobe")
)

func stripJPEG(data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	out = append(out, 0xFF, 0xD8)
	keptOrientation := false
	_, err := walkJPEG(data, func(s jpegSeg) error {
		switch m := s.marker; {
		case m == 0xE0: // APP0: keep JFIF without its thumbnail; drop JFXX etc.
			switch {
			case bytes.HasPrefix(s.payload, jfifID) && len(s.payload) >= 14:
				out = append(out, 0xFF, 0xE0, 0x00, 0x10)
				out = append(out, s.payload[:12]...)
				out = append(out, 0, 0)
			case bytes.HasPrefix(s.payload, jfifID):
				// Too short for a real JFIF header, but decoders (Go's
				// image/jpeg among them) still take it as "this is YCbCr".
				out = append(out, 0xFF, 0xE0, 0x00, 0x07)
				out = append(out, jfifID...)
			}
		case m == 0xE1: // APP1: EXIF, XMP. Keep only the orientation.
			if !keptOrientation && len(s.payload) >= len(orientationSegment(1))-4 {
				if v := exifOrientation(s.payload); v >= 2 && v <= 8 {
					out = append(out, orientationSegment(v)...)
					keptOrientation = true
				}
			}
		case m == 0xE2: // APP2: keep ICC profiles (colour), drop MPF, FPXR...
			if bytes.HasPrefix(s.payload, iccID) {
				out = append(out, s.raw...)
			}
		case m == 0xEE: // APP14: keep the Adobe colour transform, nothing more.
			if bytes.HasPrefix(s.payload, adobeID) && len(s.payload) >= 12 {
				out = append(out, 0xFF, 0xEE, 0x00, 0x0E)
				out = append(out, s.payload[:12]...)
			}
		case 0xE3 <= m && m <= 0xEF, m == 0xFE: // other APPn (IPTC in APP13), COM
		case s.payload == nil && m != 0xD9: // stray TEM or RSTn outside a scan
		default:
			out = append(out, s.raw...)
			out = append(out, s.scan...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// orientationSegment returns a complete APP1 segment holding an EXIF
// block whose only entry is IFD0 Orientation = v.
func orientationSegment(v int) []byte {
	return []byte{
		0xFF, 0xE1, 0x00, 0x22, // APP1, length 34
		'E', 'x', 'i', 'f', 0, 0,
		'M', 'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF, IFD0 at 8
		0x00, 0x01, // one entry
		0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, byte(v >> 8), byte(v), 0x00, 0x00, // Orientation SHORT 1
		0x00, 0x00, 0x00, 0x00, // no next IFD
	}
}

// exifOrientation returns the Orientation tag of IFD0 in an APP1 payload,
// or 0 if there is none or the payload is not EXIF.
func exifOrientation(p []byte) int {
	if !bytes.HasPrefix(p, exifID) {
		return 0
	}
	t := p[len(exifID):]
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	if bo.Uint16(t[2:]) != 42 {
		return 0
	}
	off := uint64(bo.Uint32(t[4:]))
	if off+2 > uint64(len(t)) {
		return 0
	}
	n := uint64(bo.Uint16(t[off:]))
	for i := uint64(0); i < n; i++ {
		e := off + 2 + 12*i
		if e+12 > uint64(len(t)) {
			return 0
		}
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 && bo.Uint32(t[e+4:]) == 1 {
			return int(bo.Uint16(t[e+8:]))
		}
	}
	return 0
}
