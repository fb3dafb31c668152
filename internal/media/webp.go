package media

import "encoding/binary"

// VP8X flag bits (first byte of the VP8X payload).
const (
	vp8xEXIF = 0x08
	vp8xXMP  = 0x04
)

type riffChunk struct {
	id      string
	payload []byte
	padded  bool // whether the input had the pad byte of an odd-sized chunk
}

// riffChunks splits a sequence of RIFF chunks. A missing pad byte after the
// last chunk is tolerated (some writers omit it).
func riffChunks(b []byte) ([]riffChunk, error) {
	var cs []riffChunk
	for pos := 0; pos < len(b); {
		if len(b)-pos < 8 {
			return nil, malformed("webp: truncated chunk header")
		}
		id := string(b[pos : pos+4])
		n := binary.LittleEndian.Uint32(b[pos+4:])
		if uint64(n) > uint64(len(b)-pos-8) {
			return nil, malformed("webp: chunk %q size %d out of range", id, n)
		}
		end := pos + 8 + int(n)
		c := riffChunk{id: id, payload: b[pos+8 : end]}
		if n%2 == 1 && end < len(b) {
			end++
			c.padded = true
		}
		cs = append(cs, c)
		pos = end
	}
	return cs, nil
}

func appendRIFFChunk(out []byte, id string, payload []byte) []byte {
	out = append(out, id...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(payload)))
	out = append(out, payload...)
	if len(payload)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

// parseWebP returns the top-level chunks and the offset where the RIFF
// data ends.
func parseWebP(data []byte) ([]riffChunk, int, error) {
	if !isWebP(data) {
		return nil, 0, malformed("webp: bad RIFF/WEBP header")
	}
	size := binary.LittleEndian.Uint32(data[4:])
	if size < 4 || uint64(size) > uint64(len(data)-8) {
		return nil, 0, malformed("webp: RIFF size %d out of range", size)
	}
	end := 8 + int(size)
	cs, err := riffChunks(data[12:end])
	if err != nil {
		return nil, 0, err
	}
	if len(cs) == 0 {
		return nil, 0, malformed("webp: no chunks")
	}
	switch cs[0].id {
	case "VP8 ", "VP8L":
	case "VP8X":
		if len(cs[0].payload) < 10 {
			return nil, 0, malformed("webp: VP8X chunk too short")
		}
	default:
		return nil, 0, malformed("webp: first chunk is %q", cs[0].id)
	}
	return cs, end, nil
}

func webpKeep(id string) bool {
	switch id {
	case "VP8 ", "VP8L", "ALPH", "ANIM", "ANMF", "ICCP":
		return true
	}
	return false
}

func webpFrameKeep(id string) bool {
	return id == "VP8 " || id == "VP8L" || id == "ALPH"
}

func stripWebP(data []byte) ([]byte, error) {
	cs, _, err := parseWebP(data)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(data)+1)
	out = append(out, "RIFF\x00\x00\x00\x00WEBP"...)
	if cs[0].id != "VP8X" {
		// Simple format: the bitstream chunk is the whole image.
		out = appendRIFFChunk(out, cs[0].id, cs[0].payload)
	} else {
		var vp8x [10]byte
		copy(vp8x[:], cs[0].payload)
		vp8x[0] &^= vp8xEXIF | vp8xXMP
		out = appendRIFFChunk(out, "VP8X", vp8x[:])
		image := false
		for _, c := range cs[1:] {
			switch {
			case c.id == "ANMF":
				if len(c.payload) < 16 {
					return nil, malformed("webp: ANMF chunk too short")
				}
				sub, err := riffChunks(c.payload[16:])
				if err != nil {
					return nil, err
				}
				n := 16
				for _, s := range sub {
					if webpFrameKeep(s.id) {
						n += 8 + len(s.payload) + len(s.payload)%2
					}
				}
				out = append(out, "ANMF"...)
				out = binary.LittleEndian.AppendUint32(out, uint32(n))
				out = append(out, c.payload[:16]...)
				for _, s := range sub {
					if webpFrameKeep(s.id) {
						out = appendRIFFChunk(out, s.id, s.payload)
					}
				}
				image = true
			case webpKeep(c.id):
				out = appendRIFFChunk(out, c.id, c.payload)
				image = image || c.id == "VP8 " || c.id == "VP8L"
			}
		}
		if !image {
			return nil, malformed("webp: no image data")
		}
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out, nil
}
