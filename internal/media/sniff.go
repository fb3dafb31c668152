package media

import (
	"bytes"
	"encoding/binary"
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// Sniff decides the content type from the bytes alone and reports whether
// it is one of the allowed types. It is deliberately strict: it looks at
// the first bytes only and accepts
//
//   - JPEG: FF D8 FF followed by a marker byte (>= 0xC0);
//   - PNG: the 8-byte signature followed by an IHDR chunk header;
//   - WebP: "RIFF" size "WEBP" followed by a VP8, VP8L or VP8X chunk;
//   - PDF: "%PDF-" followed by a version "d.d" (Strip then checks the rest:
//     at least one complete "num gen obj ... endobj", a trailer dictionary
//     or a /Type /XRef stream with /Root, and "startxref", an offset and
//     %%EOF in the last kilobyte);
//   - MP4: an ISO-BMFF 'ftyp' box at offset 0 (type at offset 4), complete
//     within data, whose major or one of whose compatible brands is isom,
//     iso2..iso6, mp41, mp42, avc1, "M4V ", dash or MSNV, and whose major
//     brand is not QuickTime ('qt  '), 3GPP/3GPP2 ('3g..') or a HEIF/AVIF
//     image brand. QuickTime .mov files are therefore rejected: they are
//     not MP4 and Strip does not know their metadata atoms.
//
// Everything else, including executables, archives, HTML, SVG, GIF and
// text, and truncated headers, yields ("", false).
func Sniff(data []byte) (contentType string, ok bool) {
	switch {
	case len(data) >= 4 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF && data[3] >= 0xC0:
		return JPEG, true
	case len(data) >= 16 && bytes.HasPrefix(data, pngSignature) && string(data[12:16]) == "IHDR":
		return PNG, true
	case isWebP(data):
		return WebP, true
	case len(data) >= 8 && string(data[:5]) == "%PDF-" && isDigit(data[5]) && data[6] == '.' && isDigit(data[7]):
		return PDF, true
	case isMP4(data):
		return MP4, true
	}
	return "", false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isWebP(data []byte) bool {
	if len(data) < 16 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return false
	}
	switch string(data[12:16]) {
	case "VP8 ", "VP8L", "VP8X":
		return true
	}
	return false
}

func isMP4(data []byte) bool {
	if len(data) < 16 || string(data[4:8]) != "ftyp" {
		return false
	}
	size := binary.BigEndian.Uint32(data)
	if size < 16 || size > 1024 || uint64(size) > uint64(len(data)) || (size-16)%4 != 0 {
		return false
	}
	major := string(data[8:12])
	if major == "qt  " || major[:2] == "3g" || deniedBrands[major] {
		return false
	}
	if mp4Brands[major] {
		return true
	}
	for i := 16; i+4 <= int(size); i += 4 {
		if mp4Brands[string(data[i:i+4])] {
			return true
		}
	}
	return false
}

var mp4Brands = map[string]bool{
	"isom": true, "iso2": true, "iso3": true, "iso4": true, "iso5": true, "iso6": true,
	"mp41": true, "mp42": true, "avc1": true, "M4V ": true, "dash": true, "MSNV": true,
}

// deniedBrands are ISO-BMFF still-image formats (which carry EXIF items
// Strip does not handle) that may list an ISO brand as compatible.
var deniedBrands = map[string]bool{
	"heic": true, "heix": true, "heim": true, "heis": true, "hevc": true, "hevx": true,
	"mif1": true, "msf1": true, "avif": true, "avis": true, "crx ": true, "jpeg": true,
}
