// Package media decides what an uploaded attachment is and strips the
// metadata that could expose the citizen who sent it (GPS coordinates,
// camera serial numbers, author names, editing history).
//
// Only five content types are accepted: JPEG, PNG and WebP images, PDF
// documents and MP4 videos. [Sniff] decides the type from the bytes alone;
// the file name and the type claimed by the client are never trusted.
// [Strip] returns a copy without metadata, validating the structure as it
// walks it: anything it does not understand is rejected with [ErrMalformed]
// rather than passed through.
//
// What is removed, per type:
//
//   - JPEG: APP1 (EXIF, XMP, extended XMP), APP2 other than ICC_PROFILE
//     (e.g. MPF), APP3..APP13 (APP13 holds IPTC), APP14 other than Adobe,
//     APP15, COM, JFXX and any JFIF thumbnail (the JFIF header itself and
//     the Adobe colour-transform header are kept, cut to their standard
//     length), and everything after EOI (where MPF and vendor trailers put
//     more images with their own EXIF). Segments between progressive scans
//     are filtered too; entropy-coded data is copied unchanged; fill bytes
//     and stray TEM/RST markers between segments are dropped. The EXIF
//     Orientation value alone is kept, rewritten as a fresh 32-byte EXIF
//     segment with nothing else in it, so portrait photos are not shown
//     sideways.
//   - PNG: every chunk except IHDR, PLTE, IDAT, IEND, tRNS, gAMA, cHRM,
//     sRGB, iCCP, sBIT, bKGD, pHYs, cICP, mDCv, cLLi and the APNG chunks
//     acTL, fcTL, fdAT; so tEXt, zTXt, iTXt, eXIf, tIME and unknown
//     ancillary chunks go. CRCs are verified; data after IEND is dropped.
//   - WebP: EXIF, XMP and unknown chunks (also inside ANMF frames); the
//     VP8X EXIF/XMP flags are cleared and the RIFF size fixed.
//   - PDF: the contents of every string of the document information
//     dictionary (Author, Creator, Producer, Title, Subject, Keywords, dates
//     and custom keys, also in nested dictionaries and arrays), whether it
//     is an object named by a trailer's (or xref stream's) /Info entry or a
//     dictionary written in place there, and of the objects it references
//     (indirect string values), are overwritten with spaces inside their
//     delimiters: (/Author (Budi)) becomes (/Author (    )). Metadata
//     streams (objects of /Type /Metadata, and any object a /Metadata entry
//     names, from the catalog, a page, an image...) are blanked: an
//     uncompressed one keeps only its <?xpacket?> wrapper, a compressed one
//     loses all its data and its /Filter and /DecodeParms entries, so the
//     spaces left are plain data; every "/Metadata num gen R" entry goes
//     too. XMP packets (<x:xmpmeta>...</x:xmpmeta>, also x:xapmeta and bare
//     rdf:RDF) in other uncompressed stream data are overwritten as well.
//     Bytes are overwritten, never moved, so the length and all xref offsets
//     stay valid. Stream data is skipped up to the first "endstream", so
//     strings inside content streams are never touched. A PDF must have
//     the structure of one (see [Sniff]); a file that only starts with the
//     header is malformed.
//   - MP4: udta, meta and uuid boxes at the top level and inside moov, trak,
//     mdia, minf, edts, mvex, moof and traf become 'free' boxes of the same
//     size with zeroed contents (chunk offsets stay valid); existing free and
//     skip boxes are zeroed too (encoders write their names there); unknown
//     top-level boxes become 'free'.
//
// Known limitations:
//
//   - PDF: metadata inside compressed object streams (an information
//     dictionary stored in an /ObjStm) is NOT removed, nor an XMP packet
//     in the compressed data of a stream that is not a metadata stream,
//     nor anything that is not document metadata: annotation
//     authors (/T), form field values, embedded files, page text, or images
//     embedded in the PDF (which may carry their own EXIF). A linearized
//     file whose first page has its own /Metadata keeps hint tables that
//     no longer match (readers then read it as a plain file).
//   - MP4: metadata carried as media data is not removed: timed metadata
//     tracks (e.g. GoPro GPMF, DJI or Apple location tracks) live in mdat
//     and need a remux to drop.
//   - ICC colour profiles (JPEG APP2, PNG iCCP, WebP ICCP) are kept as they
//     are; a camera-specific profile may name the device model.
//   - Pixels are not touched: faces, licence plates or steganographic
//     content in the image itself are out of scope.
package media

import (
	"errors"
	"fmt"
)

// Allowed content types.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
	WebP = "image/webp"
	PDF  = "application/pdf"
	MP4  = "video/mp4"
)

// ErrMalformed is wrapped by every error Strip returns for input whose
// structure is broken, truncated or not understood.
var ErrMalformed = errors.New("media: malformed file")

// ErrUnsupported is returned by Strip for a content type other than the
// allowed ones.
var ErrUnsupported = errors.New("media: unsupported content type")

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, args...))
}

// Extension returns the file name extension (with the dot) to store a file
// of the given content type under, or "" for a type that is not allowed.
func Extension(contentType string) string {
	switch contentType {
	case JPEG:
		return ".jpg"
	case PNG:
		return ".png"
	case WebP:
		return ".webp"
	case PDF:
		return ".pdf"
	case MP4:
		return ".mp4"
	}
	return ""
}

// Strip returns a copy of data without metadata (see the package comment
// for what that means per type). contentType must be one of the allowed
// constants and must be what Sniff says about data; otherwise the error
// wraps ErrUnsupported or ErrMalformed. Strip never modifies data, never
// panics, and returns at most len(data)+1 bytes.
func Strip(contentType string, data []byte) ([]byte, error) {
	if Extension(contentType) == "" {
		return nil, fmt.Errorf("%w: %q", ErrUnsupported, contentType)
	}
	if got, _ := Sniff(data); got != contentType {
		return nil, malformed("content is not %s", contentType)
	}
	switch contentType {
	case JPEG:
		return stripJPEG(data)
	case PNG:
		return stripPNG(data)
	case WebP:
		return stripWebP(data)
	case PDF:
		return stripPDF(data)
	default:
		return stripMP4(data)
	}
}

// ContainsMetadata reports whether data still carries metadata that Strip
// would remove: EXIF (and so GPS), XMP, IPTC, comments, thumbnails or
// trailers in JPEG; text, eXIf, tIME or unknown chunks in PNG; EXIF, XMP or
// unknown chunks in WebP; non-blank document information strings, a
// metadata stream with content, a /Metadata entry or an XMP packet in PDF;
// udta, meta, uuid or non-empty free boxes in MP4.
//
// It is meant for tests asserting that uploads were cleaned, and it errs on
// the side of true: data that cannot be parsed as contentType, or a content
// type that is not allowed, reports true. It shares Strip's blind spots
// (see the package comment), e.g. PDF metadata in compressed object
// streams.
func ContainsMetadata(contentType string, data []byte) bool {
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
