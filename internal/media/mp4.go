package media

import "encoding/binary"

// mp4MaxDepth bounds the nesting of container boxes Strip descends into.
const mp4MaxDepth = 8

type mp4Box struct {
	typ   string
	start int // offset of the size field
	body  int // offset after size, type (and largesize)
	end   int
}

// readMP4Box reads the box header at off; the box must end by limit.
func readMP4Box(data []byte, off, limit int) (mp4Box, error) {
	if limit-off < 8 {
		return mp4Box{}, malformed("mp4: truncated box header at offset %d", off)
	}
	size := uint64(binary.BigEndian.Uint32(data[off:]))
	b := mp4Box{typ: string(data[off+4 : off+8]), start: off, body: off + 8}
	switch size {
	case 0: // extends to the end of the enclosing space
		size = uint64(limit - off)
	case 1: // 64-bit largesize follows the type
		if limit-off < 16 {
			return mp4Box{}, malformed("mp4: truncated largesize at offset %d", off)
		}
		size = binary.BigEndian.Uint64(data[off+8:])
		b.body = off + 16
	}
	if size < uint64(b.body-off) || size > uint64(limit-off) {
		return mp4Box{}, malformed("mp4: box %q size %d out of range at offset %d", b.typ, size, off)
	}
	b.end = off + int(size)
	return b, nil
}

// mp4TopKeep are the top-level boxes kept as they are (free and skip are
// zeroed). Any other top-level box becomes 'free'.
var mp4TopKeep = map[string]bool{
	"ftyp": true, "styp": true, "moov": true, "mdat": true, "moof": true, "mfra": true,
	"free": true, "skip": true, "wide": true, "sidx": true, "ssix": true, "emsg": true,
	"prft": true, "pdin": true,
}

// mp4Containers are the boxes searched for nested metadata boxes.
var mp4Containers = map[string]bool{
	"moov": true, "trak": true, "mdia": true, "minf": true, "edts": true,
	"mvex": true, "moof": true, "traf": true,
}

// mp4Metadata are the boxes turned into 'free' wherever Strip looks.
func mp4Metadata(typ string) bool {
	return typ == "udta" || typ == "meta" || typ == "uuid"
}

// walkMP4 visits every top-level box and, recursively, the children of
// container boxes. fn is called with the box and its depth (0 = top).
func walkMP4(data []byte, fn func(b mp4Box, depth int)) error {
	sawMoov := false
	var walk func(start, end, depth int) error
	walk = func(start, end, depth int) error {
		if depth > mp4MaxDepth {
			return malformed("mp4: boxes nested too deep")
		}
		for off := start; off < end; {
			b, err := readMP4Box(data, off, end)
			if err != nil {
				return err
			}
			if depth == 0 {
				if off == 0 && b.typ != "ftyp" {
					return malformed("mp4: first box is not ftyp")
				}
				sawMoov = sawMoov || b.typ == "moov"
			}
			fn(b, depth)
			if mp4Containers[b.typ] && (depth > 0 || mp4TopKeep[b.typ]) {
				if err := walk(b.body, b.end, depth+1); err != nil {
					return err
				}
			}
			off = b.end
		}
		return nil
	}
	if err := walk(0, len(data), 0); err != nil {
		return err
	}
	if !sawMoov {
		return malformed("mp4: no moov box")
	}
	return nil
}

// mp4Action says what Strip does with a box: 0 keep, 1 zero the contents
// (free/skip), 2 turn into a zeroed 'free' box.
func mp4Action(typ string, depth int) int {
	switch {
	case typ == "free" || typ == "skip":
		return 1
	case mp4Metadata(typ), depth == 0 && !mp4TopKeep[typ]:
		return 2
	}
	return 0
}

func stripMP4(data []byte) ([]byte, error) {
	out := make([]byte, len(data))
	copy(out, data)
	err := walkMP4(out, func(b mp4Box, depth int) {
		switch mp4Action(b.typ, depth) {
		case 2:
			copy(out[b.start+4:], "free")
			fallthrough
		case 1:
			clear(out[b.body:b.end]) // for uuid this clears the usertype too
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
