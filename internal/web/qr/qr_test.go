package qr

import (
	"bytes"
	"strings"
	"testing"
)

// The worked example of the standard's tutorial literature: "HELLO WORLD"
// at 1-M gives these data codewords and these error correction codewords.
func TestReedSolomonKnownVector(t *testing.T) {
	data := []byte{32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17}
	want := []byte{196, 35, 39, 119, 235, 215, 231, 226, 93, 23}
	got := rsRemainder(data, generator(10))
	if !bytes.Equal(got, want) {
		t.Fatalf("ECC = %v, want %v", got, want)
	}
}

// A codeword (data followed by its ECC) is a multiple of the generator,
// so it vanishes at every root a^0 .. a^(n-1).
func TestReedSolomonRoots(t *testing.T) {
	data := dataStream(5, []byte("https://lapor.example/lacak/K7MQ-2XRD"))[:43]
	ecc := rsRemainder(data, generator(24))
	cw := append(append([]byte{}, data...), ecc...)
	for i := 0; i < 24; i++ {
		root := gfExp[i]
		var acc byte
		for _, c := range cw {
			acc = gfMul(acc, root) ^ c
		}
		if acc != 0 {
			t.Fatalf("codeword does not vanish at a^%d", i)
		}
	}
}

func TestFormatBits(t *testing.T) {
	// ISO/IEC 18004 table C.1, level M.
	want := []string{"101010000010010", "101000100100101", "101111001111100", "101101101001011",
		"100010111111001", "100000011001110", "100111110010111", "100101010100000"}
	for mask, w := range want {
		if got := bin(FormatBits(mask), 15); got != w {
			t.Errorf("mask %d: format bits %s, want %s", mask, got, w)
		}
	}
}

func TestVersionBits(t *testing.T) {
	// ISO/IEC 18004 table D.1.
	want := map[int]string{7: "000111110010010100", 8: "001000010110111100", 9: "001001101010011001", 10: "001010010011010011"}
	for v, w := range want {
		if got := bin(VersionBits(v), 18); got != w {
			t.Errorf("version %d: %s, want %s", v, got, w)
		}
	}
}

func bin(v uint32, n int) string {
	var b strings.Builder
	for i := n - 1; i >= 0; i-- {
		if v>>i&1 == 1 {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}

// readFormat reads the first copy of the format information back from the
// symbol, as a decoder would.
func readFormat(c *Code) uint32 {
	var v uint32
	put := func(i int, x, y int) {
		if c.Dark(x, y) {
			v |= 1 << i
		}
	}
	for i := 0; i <= 5; i++ {
		put(i, 8, i)
	}
	put(6, 8, 7)
	put(7, 8, 8)
	put(8, 7, 8)
	for i := 9; i < 15; i++ {
		put(i, 14-i, 8)
	}
	return v
}

func readFormat2(c *Code) uint32 {
	var v uint32
	n := c.Size
	for i := 0; i < 8; i++ {
		if c.Dark(n-1-i, 8) {
			v |= 1 << i
		}
	}
	for i := 8; i < 15; i++ {
		if c.Dark(8, n-15+i) {
			v |= 1 << i
		}
	}
	return v
}

func TestSymbolStructure(t *testing.T) {
	cases := []struct {
		n       int
		version int
	}{{1, 1}, {14, 1}, {15, 2}, {40, 3}, {60, 4}, {84, 5}, {106, 6}, {122, 7}, {152, 8}, {180, 9}, {213, 10}}
	for _, tc := range cases {
		data := bytes.Repeat([]byte("a"), tc.n)
		c, err := Encode(data)
		if err != nil {
			t.Fatalf("%d bytes: %v", tc.n, err)
		}
		if c.Version != tc.version || c.Size != 17+4*tc.version {
			t.Errorf("%d bytes: version %d size %d, want version %d", tc.n, c.Version, c.Size, tc.version)
		}
		if f := readFormat(c); f != FormatBits(c.Mask) {
			t.Errorf("%d bytes: format copy 1 = %s, want %s", tc.n, bin(f, 15), bin(FormatBits(c.Mask), 15))
		}
		if f := readFormat2(c); f != FormatBits(c.Mask) {
			t.Errorf("%d bytes: format copy 2 = %s", tc.n, bin(f, 15))
		}
		if !c.Dark(8, c.Size-8) {
			t.Errorf("%d bytes: dark module missing", tc.n)
		}
		// Finder pattern: the 7x7 corner squares with a light separator.
		for _, o := range [][2]int{{0, 0}, {c.Size - 7, 0}, {0, c.Size - 7}} {
			for dy := 0; dy < 7; dy++ {
				for dx := 0; dx < 7; dx++ {
					d := max(abs(dx-3), abs(dy-3))
					if c.Dark(o[0]+dx, o[1]+dy) != (d != 2) {
						t.Fatalf("%d bytes: finder at %v broken", tc.n, o)
					}
				}
			}
		}
		// Timing pattern between the finders.
		for i := 8; i < c.Size-8; i++ {
			if c.Dark(i, 6) != (i%2 == 0) || c.Dark(6, i) != (i%2 == 0) {
				t.Fatalf("%d bytes: timing pattern broken at %d", tc.n, i)
			}
		}
		if c.Version >= 7 {
			var v1, v2 uint32
			for i := 0; i < 18; i++ {
				a, b := c.Size-11+i%3, i/3
				if c.Dark(a, b) {
					v1 |= 1 << i
				}
				if c.Dark(b, a) {
					v2 |= 1 << i
				}
			}
			if v1 != VersionBits(c.Version) || v2 != VersionBits(c.Version) {
				t.Errorf("%d bytes: version information %s / %s", tc.n, bin(v1, 18), bin(v2, 18))
			}
		}
	}
	if _, err := Encode(bytes.Repeat([]byte("a"), 214)); err != ErrTooLong {
		t.Fatalf("214 bytes: err = %v, want ErrTooLong", err)
	}
}

// The bit stream of "LAPOR": mode 0100, count 5, the bytes, terminator
// and the pad codewords EC 11.
func TestDataStream(t *testing.T) {
	got := dataStream(1, []byte("LAPOR"))
	want := []byte{0x40, 0x54, 0xC4, 0x15, 0x04, 0xF5, 0x20, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC}
	if !bytes.Equal(got, want) {
		t.Fatalf("data stream %X, want %X", got, want)
	}
}

// A whole known symbol: "LAPOR" at 1-M with mask 0. This matrix was read
// back correctly by an independent decoder (jsQR) when it was recorded,
// as were symbols of versions 3, 4, 9 and 10 with masks 0, 3, 5 and 7.
var lapor1M0 = []string{
	"#######..#....#######",
	"#.....#.#####.#.....#",
	"#.###.#....##.#.###.#",
	"#.###.#..###..#.###.#",
	"#.###.#.##..#.#.###.#",
	"#.....#..##.#.#.....#",
	"#######.#.#.#.#######",
	".........#.##........",
	"#.#.#.#..#.#....#..#.",
	"#......###....#..#.#.",
	".....####.#.#...#####",
	".....#..#.#...#....#.",
	"##.#.####...#.#.####.",
	"........####.#.#.#.#.",
	"#######..###.###..###",
	"#.....#..#.###.##....",
	"#.###.#.##.#.###..###",
	"#.###.#..##...##..##.",
	"#.###.#.#.#.#...##..#",
	"#.....#...#...###..#.",
	"#######.##..#.#.#####",
}

func TestKnownSymbol(t *testing.T) {
	c, err := EncodeWithMask([]byte("LAPOR"), 0)
	if err != nil {
		t.Fatal(err)
	}
	for y, row := range lapor1M0 {
		for x, ch := range row {
			if c.Dark(x, y) != (ch == '#') {
				t.Fatalf("module (%d,%d) differs from the recorded symbol", x, y)
			}
		}
	}
}

func TestSVG(t *testing.T) {
	c, err := Encode([]byte("https://lapor.example/lacak/K7MQ-2XRD"))
	if err != nil {
		t.Fatal(err)
	}
	s := c.SVG(`ID "K7MQ"`)
	if !strings.HasPrefix(s, "<svg") || !strings.Contains(s, `aria-label="ID &#34;K7MQ&#34;"`) || strings.Contains(s, "style") {
		t.Fatalf("unexpected SVG: %.200s", s)
	}
}
