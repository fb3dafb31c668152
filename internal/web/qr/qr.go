// Package qr encodes short texts (a tracking URL) as QR codes: byte mode,
// error correction level M, versions 1 to 10 (up to 213 bytes), drawn as
// SVG. It follows ISO/IEC 18004; only what Lapor needs is implemented.
package qr

import (
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"
)

// MaxVersion is the largest version this package makes.
const MaxVersion = 10

// ErrTooLong is returned for data that does not fit in version 10-M.
var ErrTooLong = errors.New("qr: data too long for version 10-M")

// blockSpec describes the error correction blocks of one version at
// level M: ecLen EC codewords per block, then groups of (count, data
// codewords per block).
type blockSpec struct {
	ecLen  int
	groups [][2]int
}

// specM is ISO/IEC 18004 table 9 for level M, versions 1 to 10.
var specM = [MaxVersion + 1]blockSpec{
	1:  {10, [][2]int{{1, 16}}},
	2:  {16, [][2]int{{1, 28}}},
	3:  {26, [][2]int{{1, 44}}},
	4:  {18, [][2]int{{2, 32}}},
	5:  {24, [][2]int{{2, 43}}},
	6:  {16, [][2]int{{4, 27}}},
	7:  {18, [][2]int{{4, 31}}},
	8:  {22, [][2]int{{2, 38}, {2, 39}}},
	9:  {22, [][2]int{{3, 36}, {2, 37}}},
	10: {26, [][2]int{{4, 43}, {1, 44}}},
}

// alignment lists the centre coordinates of alignment patterns (annex E).
var alignment = [MaxVersion + 1][]int{
	2: {6, 18}, 3: {6, 22}, 4: {6, 26}, 5: {6, 30}, 6: {6, 34},
	7: {6, 22, 38}, 8: {6, 24, 42}, 9: {6, 26, 46}, 10: {6, 28, 50},
}

func dataCodewords(version int) int {
	n := 0
	for _, g := range specM[version].groups {
		n += g[0] * g[1]
	}
	return n
}

// capacityBytes is how many bytes fit in a version in byte mode.
func capacityBytes(version int) int {
	bits := dataCodewords(version)*8 - 4 - countBits(version)
	return bits / 8
}

func countBits(version int) int {
	if version <= 9 {
		return 8
	}
	return 16
}

// Code is an encoded symbol.
type Code struct {
	Version int
	Mask    int
	Size    int // modules per side, without the quiet zone
	dark    [][]bool
	fixed   [][]bool // function patterns, not data
}

// Dark reports whether the module at column x, row y is dark.
func (c *Code) Dark(x, y int) bool { return c.dark[y][x] }

// Encode makes the smallest symbol (version 1 to 10, level M) holding data
// in byte mode, with the mask of least penalty.
func Encode(data []byte) (*Code, error) {
	version := 0
	for v := 1; v <= MaxVersion; v++ {
		if len(data) <= capacityBytes(v) {
			version = v
			break
		}
	}
	if version == 0 {
		return nil, ErrTooLong
	}
	codewords := addECC(version, dataStream(version, data))
	var best *Code
	bestPenalty := 0
	for mask := 0; mask < 8; mask++ {
		c := newCode(version)
		c.placeData(codewords)
		c.applyMask(mask)
		c.drawFormat(mask)
		c.Mask = mask
		if p := c.penalty(); best == nil || p < bestPenalty {
			best, bestPenalty = c, p
		}
	}
	return best, nil
}

// EncodeWithMask is Encode with a chosen mask, for tests.
func EncodeWithMask(data []byte, mask int) (*Code, error) {
	if mask < 0 || mask > 7 {
		return nil, fmt.Errorf("qr: mask %d out of range", mask)
	}
	c, err := Encode(data)
	if err != nil {
		return nil, err
	}
	out := newCode(c.Version)
	out.placeData(addECC(c.Version, dataStream(c.Version, data)))
	out.applyMask(mask)
	out.drawFormat(mask)
	out.Mask = mask
	return out, nil
}

// dataStream builds the data codewords: mode, count, bytes, terminator
// and padding.
func dataStream(version int, data []byte) []byte {
	var bb bitBuffer
	bb.append(0b0100, 4) // byte mode
	bb.append(uint32(len(data)), countBits(version))
	for _, b := range data {
		bb.append(uint32(b), 8)
	}
	capBits := dataCodewords(version) * 8
	bb.append(0, min(4, capBits-len(bb)))
	for len(bb)%8 != 0 {
		bb = append(bb, false)
	}
	for pad := uint32(0xEC); len(bb) < capBits; pad ^= 0xEC ^ 0x11 {
		bb.append(pad, 8)
	}
	out := make([]byte, capBits/8)
	for i, bit := range bb {
		if bit {
			out[i/8] |= 1 << (7 - i%8)
		}
	}
	return out
}

type bitBuffer []bool

func (b *bitBuffer) append(v uint32, n int) {
	for i := n - 1; i >= 0; i-- {
		*b = append(*b, v>>i&1 == 1)
	}
}

// addECC splits the data into blocks, computes each block's error
// correction codewords and interleaves everything.
func addECC(version int, data []byte) []byte {
	spec := specM[version]
	gen := generator(spec.ecLen)
	var blocks, ecc [][]byte
	off := 0
	for _, g := range spec.groups {
		for i := 0; i < g[0]; i++ {
			blk := data[off : off+g[1]]
			off += g[1]
			blocks = append(blocks, blk)
			ecc = append(ecc, rsRemainder(blk, gen))
		}
	}
	var out []byte
	maxLen := spec.groups[len(spec.groups)-1][1]
	for i := 0; i < maxLen; i++ {
		for _, b := range blocks {
			if i < len(b) {
				out = append(out, b[i])
			}
		}
	}
	for i := 0; i < spec.ecLen; i++ {
		for _, e := range ecc {
			out = append(out, e[i])
		}
	}
	return out
}

func newCode(version int) *Code {
	size := 17 + 4*version
	c := &Code{Version: version, Size: size}
	c.dark = make([][]bool, size)
	c.fixed = make([][]bool, size)
	for i := range c.dark {
		c.dark[i] = make([]bool, size)
		c.fixed[i] = make([]bool, size)
	}
	c.drawFunctionPatterns()
	return c
}

func (c *Code) set(x, y int, dark bool) {
	c.dark[y][x] = dark
	c.fixed[y][x] = true
}

func (c *Code) drawFunctionPatterns() {
	n := c.Size
	for i := 0; i < n; i++ { // timing patterns
		c.set(6, i, i%2 == 0)
		c.set(i, 6, i%2 == 0)
	}
	c.drawFinder(3, 3)
	c.drawFinder(n-4, 3)
	c.drawFinder(3, n-4)
	pos := alignment[c.Version]
	for i, x := range pos {
		for j, y := range pos {
			last := len(pos) - 1
			if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) {
				continue // these overlap the finders
			}
			c.drawAlignment(x, y)
		}
	}
	c.drawFormat(0) // reserve the areas; redrawn once the mask is known
	c.drawVersion()
}

// drawFinder draws a finder pattern and its separator around (cx, cy).
func (c *Code) drawFinder(cx, cy int) {
	for dy := -4; dy <= 4; dy++ {
		for dx := -4; dx <= 4; dx++ {
			x, y := cx+dx, cy+dy
			if x < 0 || y < 0 || x >= c.Size || y >= c.Size {
				continue
			}
			d := max(abs(dx), abs(dy))
			c.set(x, y, d != 2 && d != 4)
		}
	}
}

func (c *Code) drawAlignment(cx, cy int) {
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			c.set(cx+dx, cy+dy, max(abs(dx), abs(dy)) != 1)
		}
	}
}

// FormatBits returns the 15 format information bits for level M and a
// mask, BCH-coded and XORed with the fixed pattern 101010000010010.
func FormatBits(mask int) uint32 {
	data := uint32(0b00<<3 | mask) // level M is 00
	rem := data
	for i := 0; i < 10; i++ {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	return (data<<10 | rem&0x3FF) ^ 0x5412
}

// VersionBits returns the 18 version information bits (versions 7 and up).
func VersionBits(version int) uint32 {
	rem := uint32(version)
	for i := 0; i < 12; i++ {
		rem = rem<<1 ^ (rem>>11)*0x1F25
	}
	return uint32(version)<<12 | rem&0xFFF
}

func bit(v uint32, i int) bool { return v>>i&1 == 1 }

func (c *Code) drawFormat(mask int) {
	bits := FormatBits(mask)
	n := c.Size
	// Around the top-left finder.
	for i := 0; i <= 5; i++ {
		c.set(8, i, bit(bits, i))
	}
	c.set(8, 7, bit(bits, 6))
	c.set(8, 8, bit(bits, 7))
	c.set(7, 8, bit(bits, 8))
	for i := 9; i < 15; i++ {
		c.set(14-i, 8, bit(bits, i))
	}
	// The copy split between the other two finders.
	for i := 0; i < 8; i++ {
		c.set(n-1-i, 8, bit(bits, i))
	}
	for i := 8; i < 15; i++ {
		c.set(8, n-15+i, bit(bits, i))
	}
	c.set(8, n-8, true) // the dark module
}

func (c *Code) drawVersion() {
	if c.Version < 7 {
		return
	}
	bits := VersionBits(c.Version)
	for i := 0; i < 18; i++ {
		a, b := c.Size-11+i%3, i/3
		c.set(a, b, bit(bits, i))
		c.set(b, a, bit(bits, i))
	}
}

// placeData writes the codewords in the zigzag order of the standard,
// two columns at a time from the right, skipping the timing column.
func (c *Code) placeData(codewords []byte) {
	n := c.Size
	i := 0
	for right := n - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		upward := (right+1)&2 == 0
		for vert := 0; vert < n; vert++ {
			y := vert
			if upward {
				y = n - 1 - vert
			}
			for j := 0; j < 2; j++ {
				x := right - j
				if c.fixed[y][x] {
					continue
				}
				if i < len(codewords)*8 {
					c.dark[y][x] = codewords[i/8]>>(7-i%8)&1 == 1
					i++
				}
			}
		}
	}
}

func maskBit(mask, x, y int) bool {
	switch mask {
	case 0:
		return (x+y)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (x+y)%3 == 0
	case 4:
		return (x/3+y/2)%2 == 0
	case 5:
		return x*y%2+x*y%3 == 0
	case 6:
		return (x*y%2+x*y%3)%2 == 0
	default:
		return ((x+y)%2+x*y%3)%2 == 0
	}
}

func (c *Code) applyMask(mask int) {
	for y := 0; y < c.Size; y++ {
		for x := 0; x < c.Size; x++ {
			if !c.fixed[y][x] && maskBit(mask, x, y) {
				c.dark[y][x] = !c.dark[y][x]
			}
		}
	}
}

// penalty scores a masked symbol by the four rules of the standard.
func (c *Code) penalty() int {
	n := c.Size
	p := 0
	line := make([]bool, n)
	for pass := 0; pass < 2; pass++ {
		for a := 0; a < n; a++ {
			for b := 0; b < n; b++ {
				if pass == 0 {
					line[b] = c.dark[a][b]
				} else {
					line[b] = c.dark[b][a]
				}
			}
			p += linePenalty(line)
		}
	}
	for y := 0; y < n-1; y++ {
		for x := 0; x < n-1; x++ {
			d := c.dark[y][x]
			if d == c.dark[y][x+1] && d == c.dark[y+1][x] && d == c.dark[y+1][x+1] {
				p += 3
			}
		}
	}
	dark := 0
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if c.dark[y][x] {
				dark++
			}
		}
	}
	percent := dark * 100 / (n * n)
	p += abs(percent-50) / 5 * 10
	return p
}

var finderLike = [2][11]bool{
	{true, false, true, true, true, false, true, false, false, false, false},
	{false, false, false, false, true, false, true, true, true, false, true},
}

// linePenalty applies rules 1 (runs) and 3 (finder-like patterns).
func linePenalty(line []bool) int {
	p := 0
	run := 1
	for i := 1; i <= len(line); i++ {
		if i < len(line) && line[i] == line[i-1] {
			run++
			continue
		}
		if run >= 5 {
			p += 3 + run - 5
		}
		run = 1
	}
	for i := 0; i+11 <= len(line); i++ {
		for _, pat := range finderLike {
			match := true
			for k := 0; k < 11; k++ {
				if line[i+k] != pat[k] {
					match = false
					break
				}
			}
			if match {
				p += 40
			}
		}
	}
	return p
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// SVG draws the symbol with a quiet zone of four modules. label becomes
// the image's accessible name. Colours are attributes, not styles, so a
// strict Content-Security-Policy allows the inline image.
func (c *Code) SVG(label string) string {
	const quiet = 4
	total := c.Size + 2*quiet
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s" shape-rendering="crispEdges">`,
		total, total, html.EscapeString(label))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, total, total)
	for y := 0; y < c.Size; y++ {
		for x := 0; x < c.Size; {
			if !c.dark[y][x] {
				x++
				continue
			}
			start := x
			for x < c.Size && c.dark[y][x] {
				x++
			}
			b.WriteString("M" + strconv.Itoa(start+quiet) + " " + strconv.Itoa(y+quiet) +
				"h" + strconv.Itoa(x-start) + "v1h-" + strconv.Itoa(x-start) + "z")
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String()
}
