package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/service"
)

// The public never reads a title the admin replaced, nor the names of the
// files a reporter sent: either may name someone who chose not to be shown.
func TestPublicViewHidesReplacedTitleAndFileNames(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		ct, body := multipartReport(t, complaint(map[string]any{"title": "Keluhan dari Budi Santoso RT 05"}),
			file{"KTP Budi Santoso.jpg", jpegBytes(t)})
		res := postMultipart(t, env, "/api/v1/reports", ct, body, "")
		if res.Status != 201 {
			t.Fatalf("submit: %d %s", res.Status, res.Body)
		}
		m := res.JSON(t)
		f := filed{m["tracking_id"].(string), m["receipt"].(string)}
		act(t, env, f, city.Admin, 200, map[string]any{"action": "edit_title", "title": "Jalan rusak di RT 05"})
		act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})

		public := env.Do(t, "GET", "/api/v1/reports/"+f.id, nil, "")
		if public.Status != 200 || strings.Contains(string(public.Body), "Budi") {
			t.Fatalf("public view names the reporter: %s", public.Body)
		}
		files := public.JSON(t)["attachments"].([]any)
		a := files[0].(map[string]any)
		if a["name"] != "lampiran-1.jpg" {
			t.Fatalf("public file name %v", a["name"])
		}
		dl := env.Do(t, "GET", a["url"].(string), nil, "")
		if dl.Status != http.StatusOK || strings.Contains(dl.Header.Get("Content-Disposition"), "Budi") {
			t.Fatalf("download: %d %v", dl.Status, dl.Header)
		}
		// Staff and the reporter keep the real names and the old title.
		staff := env.Do(t, "GET", "/api/v1/reports/"+f.id, nil, city.Admin)
		if !strings.Contains(string(staff.Body), "KTP Budi Santoso.jpg") || !strings.Contains(string(staff.Body), "Keluhan dari Budi Santoso") {
			t.Fatalf("staff view lost the originals: %s", staff.Body)
		}
		// The edit gives both titles as params, to staff only.
		edit := func(m map[string]any) map[string]any {
			for _, e := range m["timeline"].([]any) {
				if ev := e.(map[string]any); ev["type"] == "title_edited" {
					return ev
				}
			}
			t.Fatal("no title_edited event")
			return nil
		}
		want := map[string]any{"old_title": "Keluhan dari Budi Santoso RT 05", "new_title": "Jalan rusak di RT 05"}
		if ev := edit(staff.JSON(t)); fmt.Sprint(ev["params"]) != fmt.Sprint(want) || ev["message"] != nil || ev["reason"] != nil {
			t.Fatalf("staff's title edit: %v", ev)
		}
		if ev := edit(public.JSON(t)); ev["params"] != nil || ev["message"] != nil || ev["reason"] != nil {
			t.Fatalf("public title edit: %v", ev)
		}
	})
}

// Confidentiality and anonymity chosen at filing are part of the hash
// chain: an edit of the report row that makes it public is caught.
func TestAuditCatchesAReportMadePublicInTheDatabase(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		f := submit(t, env, complaint(map[string]any{"confidential": true, "anonymous": true}))
		act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		ctx := context.Background()
		res, err := service.VerifyTimelines(ctx, env.Store, 10)
		if err != nil || !res.OK() {
			t.Fatalf("clean database reported broken: %v %+v", err, res)
		}
		if _, err := env.Store.DB().Exec(`UPDATE reports SET confidential = ` + falseLit(env) + `, anonymous = ` + falseLit(env)); err != nil {
			t.Fatal(err)
		}
		get(t, env, f, "", 200) // the edit did make it public...
		res, err = service.VerifyTimelines(ctx, env.Store, 10)
		if err != nil || res.OK() || !strings.Contains(res.Broken[0].String(), f.id) {
			t.Fatalf("...and the audit must say so: %v %+v", err, res)
		}
	})
}

func falseLit(env *apptest.Env) string {
	if env.Backend == "postgres" {
		return "FALSE"
	}
	return "0"
}

// Personal numbers and addresses a reporter typed into any free-text field
// are masked in the public view, the area names included; the reporter
// reads the text as written.
func TestPublicViewMasksPersonalDataInEveryTextField(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		const phone, nik, mail = "081298765432", "6474012345678901", "warga@contoh.id"
		f := submit(t, env, complaint(map[string]any{
			"title": "Jalan rusak, hubungi " + phone,
			"body":  "NIK saya " + nik + ", surel " + mail,
			"location": map[string]any{"address": "Jl. Merdeka, telp " + phone,
				"kelurahan": "Api-Api " + phone, "kecamatan": "Bontang Utara " + mail},
		}))
		act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})

		public := env.Do(t, "GET", "/api/v1/reports/"+f.id, nil, "")
		for _, s := range []string{phone, nik, mail} {
			if public.Status != 200 || strings.Contains(string(public.Body), s) {
				t.Fatalf("public view shows %q: %d %s", s, public.Status, public.Body)
			}
		}
		if !strings.Contains(string(public.Body), "Api-Api ************") {
			t.Fatalf("kelurahan not masked in place: %s", public.Body)
		}
		own := env.Do(t, "GET", "/api/v1/reports/"+f.id, nil, f.auth())
		for _, s := range []string{phone, nik, mail} {
			if !strings.Contains(string(own.Body), s) {
				t.Fatalf("reporter's view lost %q: %s", s, own.Body)
			}
		}
	})
}
