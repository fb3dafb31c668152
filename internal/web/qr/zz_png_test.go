package qr

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"os"
	"testing"
)

func TestDumpPNG(t *testing.T) {
	for i, s := range []string{"LAPOR", "https://lapor.example/lacak/K7MQ-2XRD", "http://127.0.0.1:34567/lacak/ABCD-EFGH?x=1234567890", string(make([]byte, 0)) + strings.Repeat("x", 200)+"-end"} {
		for _, v := range []int{-1, 0, 3, 5, 7} {
			var c *Code
			var err error
			if v < 0 {
				c, err = Encode([]byte(s))
			} else {
				c, err = EncodeWithMask([]byte(s), v)
			}
			if err != nil {
				t.Fatal(err)
			}
			scale := 8
			n := (c.Size + 8) * scale
			img := image.NewGray(image.Rect(0, 0, n, n))
			for y := 0; y < n; y++ {
				for x := 0; x < n; x++ {
					mx, my := x/scale-4, y/scale-4
					col := color.Gray{255}
					if mx >= 0 && my >= 0 && mx < c.Size && my < c.Size && c.Dark(mx, my) {
						col = color.Gray{0}
					}
					img.SetGray(x, y, col)
				}
			}
			f, _ := os.Create(fmt.Sprintf("/tmp/qrcheck/q%d_%d.png", i, v))
			png.Encode(f, img)
			f.Close()
			fmt.Println(i, v, c.Version, c.Mask)
		}
	}
}
