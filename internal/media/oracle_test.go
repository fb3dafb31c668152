package media

import (
	"bytes"
	"slices"
)

// containsMetadata is the tests' second opinion on Strip: an independent
// walk that reports whether data still carries metadata Strip would remove:
// EXIF (and so GPS), XMP, IPTC, comments, thumbnails or trailers in JPEG;
// text, eXIf, tIME or unknown chunks in PNG; EXIF, XMP or unknown chunks in
// WebP; non-blank document information strings or an XMP packet in PDF;
// udta, meta, uuid or non-empty free boxes in MP4.
//
// It errs on the side of true: data that cannot be parsed as contentType,
// or a content type that is not allowed, reports true. It shares Strip's
// blind spots (see the package comment), e.g. PDF metadata in compressed
// streams.
func containsMetadata(contentType string, data []byte) bool {
	switch contentType {
	case JPEG:
		return jpegHasMetadata(data)
	case PNG:
		return pngHasMetadata(data)
	case WebP:
		return webpHasMetadata(data)
	case PDF:
		return pdfHasMetadata(data)
	case MP4:
		return mp4HasMetadata(data)
	}
	return true
}

func jpegHasMetadata(data []byte) bool {
	found := false
	end, err := walkJPEG(data, func(s jpegSeg) error {
		p := s.payload
		switch m := s.marker; {
		case m == 0xE0:
			short := bytes.Equal(p, jfifID)
			canonical := len(p) == 14 && bytes.HasPrefix(p, jfifID) && p[12] == 0 && p[13] == 0
			if !short && !canonical {
				found = true
			}
		case m == 0xE1:
			if v := exifOrientation(p); v < 2 || v > 8 || !bytes.Equal(s.raw, orientationSegment(v)) {
				found = true
			}
		case m == 0xE2:
			if !bytes.HasPrefix(p, iccID) {
				found = true
			}
		case m == 0xEE:
			if !bytes.HasPrefix(p, adobeID) || len(p) != 12 {
				found = true
			}
		case 0xE3 <= m && m <= 0xEF, m == 0xFE:
			found = true
		}
		return nil
	})
	return err != nil || found || end != len(data)
}

func pngHasMetadata(data []byte) bool {
	found := false
	end, err := walkPNG(data, func(typ string, _ []byte) {
		if !pngKeep[typ] {
			found = true
		}
	})
	return err != nil || found || end != len(data)
}

func webpHasMetadata(data []byte) bool {
	cs, end, err := parseWebP(data)
	if err != nil || end != len(data) {
		return true
	}
	if cs[0].id != "VP8X" {
		return len(cs) > 1
	}
	if len(cs[0].payload) != 10 || cs[0].payload[0]&(vp8xEXIF|vp8xXMP) != 0 {
		return true
	}
	for _, c := range cs[1:] {
		if !webpKeep(c.id) {
			return true
		}
		if c.id == "ANMF" {
			if len(c.payload) < 16 {
				return true
			}
			sub, err := riffChunks(c.payload[16:])
			if err != nil {
				return true
			}
			for _, s := range sub {
				if !webpFrameKeep(s.id) {
					return true
				}
			}
		}
	}
	return false
}

func pdfHasMetadata(data []byte) bool {
	b, err := pdfMetadataBlanks(data)
	if err != nil {
		return true
	}
	blankable := func(s [2]int) bool { return !isBlank(data[s[0]:s[1]]) }
	return slices.ContainsFunc(b.contents, blankable) || slices.ContainsFunc(b.entries, blankable)
}

func mp4HasMetadata(data []byte) bool {
	found := false
	err := walkMP4(data, func(b mp4Box, depth int) {
		switch mp4Action(b.typ, depth) {
		case 2:
			found = true
		case 1:
			for _, c := range data[b.body:b.end] {
				if c != 0 {
					found = true
					break
				}
			}
		}
	})
	return err != nil || found
}
