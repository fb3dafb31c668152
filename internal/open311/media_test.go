package open311_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// TestMediaURLIsTheFirstPublicPhoto files a report with a photo through
// the service, publishes it, and follows media_url to the photo.
func TestMediaURLIsTheFirstPublicPhoto(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := setup(t, env)
		img := image.NewRGBA(image.Rect(0, 0, 16, 12))
		for x := range 16 {
			img.Set(x, x%12, color.RGBA{200, uint8(x * 10), 40, 255})
		}
		var photo bytes.Buffer
		if err := jpeg.Encode(&photo, img, nil); err != nil {
			t.Fatal(err)
		}
		rec, err := env.Svc.Submit(context.Background(), service.Public, domain.Submission{Kind: domain.KindComplaint,
			Title: "Jalan amblas", Body: "Jalan amblas di depan sekolah, berbahaya bagi anak-anak.", Category: "jalan-rusak",
			Location: domain.Location{Address: "Jl. Letjen S. Parman"}}, []service.Upload{{Name: "jalan.jpg", Data: photo.Bytes()}})
		if err != nil {
			t.Fatal(err)
		}
		c.publish(t, rec.TrackingID, "")
		for _, f := range []string{"json", "xml"} {
			var url string
			if f == "json" {
				url, _ = jsonList(t, c.get(t, "requests/"+rec.TrackingID+".json"))[0]["media_url"].(string)
			} else {
				url, _ = xmlDoc(t, c.get(t, "requests/"+rec.TrackingID+".xml")).Children[0].child("media_url")
			}
			if !strings.HasPrefix(url, env.Server.URL+"/") {
				t.Fatalf("%s: media_url %q", f, url)
			}
			res := env.Do(t, "GET", strings.TrimPrefix(url, env.Server.URL), nil, "")
			if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "image/jpeg") {
				t.Fatalf("%s: %s answers %d %s", f, url, res.Status, res.Header.Get("Content-Type"))
			}
		}
	})
}
