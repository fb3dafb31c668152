package media

import (
	"encoding/binary"
	"hash/crc32"
)

// pngKeep lists the chunks Strip keeps: the critical ones, those that
// affect rendering, and the APNG animation chunks.
var pngKeep = map[string]bool{
	"IHDR": true, "PLTE": true, "IDAT": true, "IEND": true,
	"tRNS": true, "gAMA": true, "cHRM": true, "sRGB": true, "iCCP": true,
	"sBIT": true, "bKGD": true, "pHYs": true, "cICP": true, "mDCv": true, "cLLi": true,
	"acTL": true, "fcTL": true, "fdAT": true,
}

// walkPNG calls fn with the type and the whole bytes (length, type, data,
// CRC) of each chunk up to and including IEND, and returns the offset just
// after IEND.
func walkPNG(data []byte, fn func(typ string, chunk []byte)) (int, error) {
	if len(data) < len(pngSignature) || string(data[:len(pngSignature)]) != string(pngSignature) {
		return 0, malformed("png: missing signature")
	}
	pos := len(pngSignature)
	sawIDAT := false
	for first := true; ; first = false {
		if len(data)-pos < 12 {
			return 0, malformed("png: truncated chunk at offset %d", pos)
		}
		n := binary.BigEndian.Uint32(data[pos:])
		if n > 1<<31-1 || uint64(n) > uint64(len(data)-pos-12) {
			return 0, malformed("png: chunk length %d out of range at offset %d", n, pos)
		}
		end := pos + 12 + int(n)
		t := data[pos+4 : pos+8]
		for _, c := range t {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				return 0, malformed("png: invalid chunk type at offset %d", pos)
			}
		}
		if crc32.ChecksumIEEE(data[pos+4:end-4]) != binary.BigEndian.Uint32(data[end-4:]) {
			return 0, malformed("png: bad CRC in %q chunk at offset %d", t, pos)
		}
		typ := string(t)
		switch {
		case first != (typ == "IHDR"):
			return 0, malformed("png: IHDR must be the first chunk")
		case typ == "IHDR" && n != 13:
			return 0, malformed("png: bad IHDR length %d", n)
		case typ == "IDAT":
			sawIDAT = true
		case t[0]&0x20 == 0 && !pngKeep[typ]:
			return 0, malformed("png: unknown critical chunk %q", typ)
		}
		fn(typ, data[pos:end])
		pos = end
		if typ == "IEND" {
			if !sawIDAT {
				return 0, malformed("png: no IDAT chunk")
			}
			return pos, nil
		}
	}
}

func stripPNG(data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	out = append(out, pngSignature...)
	_, err := walkPNG(data, func(typ string, chunk []byte) {
		if pngKeep[typ] {
			out = append(out, chunk...)
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
