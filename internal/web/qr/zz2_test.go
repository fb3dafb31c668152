package qr
import ("fmt";"testing")
func TestDumpMatrix(t *testing.T) {
	c, _ := EncodeWithMask([]byte("LAPOR"), 0)
	for y := 0; y < c.Size; y++ { s := ""; for x := 0; x < c.Size; x++ { if c.Dark(x, y) { s += "#" } else { s += "." } }; fmt.Printf("\t\t%q,\n", s) }
}
