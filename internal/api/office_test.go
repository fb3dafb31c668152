package api_test

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/worker"
)

// On verify, "note" (and a bare "message", as older clients send it) is
// for the unit and stays with staff; only "public_message" reaches the
// receipt holder and the public.
func TestVerifyNoteIsInternal(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		const note, public, legacy = "Cek anggaran pemeliharaan.", "Diteruskan ke Dinas PU.", "Pesan lama untuk instansi."
		f := submit(t, env, complaint(nil))
		act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr", "note": note, "public_message": public})
		g := submit(t, env, complaint(nil))
		act(t, env, g, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr", "message": legacy})
		act(t, env, g, city.Admin, 400, map[string]any{"action": "reroute", "unit": "dinkes", "message": "a", "note": "b"})
		act(t, env, g, city.OfficerPU, 400, map[string]any{"action": "follow_up", "message": "a", "public_message": "b"})
		act(t, env, g, city.OfficerPU, 400, map[string]any{"action": "follow_up", "message": "a", "note": "b"})

		staff := get(t, env, f, city.OfficerPU, 200)
		wantTimeline(t, staff, "submitted:submitted", "verified:dispositioned", "noted:dispositioned")
		if s := timelineMessages(staff); !strings.Contains(s, note) || !strings.Contains(s, public) {
			t.Errorf("staff view lacks the note or the public message: %s", s)
		}
		if s := timelineMessages(get(t, env, g, city.Admin, 200)); !strings.Contains(s, legacy) {
			t.Errorf("staff view lacks the legacy message: %s", s)
		}
		for who, auth := range map[string]string{"receipt": f.auth(), "public": ""} {
			m := get(t, env, f, auth, 200)
			wantTimeline(t, m, "submitted:submitted", "verified:dispositioned")
			if s := timelineMessages(m); strings.Contains(s, note) || !strings.Contains(s, public) {
				t.Errorf("%s view: note shown or public message missing: %s", who, s)
			}
		}
		for who, auth := range map[string]string{"receipt": g.auth(), "public": ""} {
			if s := timelineMessages(get(t, env, g, auth, 200)); strings.Contains(s, legacy) {
				t.Errorf("%s sees a bare message given with verify: %s", who, s)
			}
		}
	})
}

func timelineMessages(m map[string]any) string {
	var b strings.Builder
	for _, e := range m["timeline"].([]any) {
		ev := e.(map[string]any)
		b.WriteString(" | ")
		if s, ok := ev["message"].(string); ok {
			b.WriteString(s)
		}
	}
	return b.String()
}

// A scheduler notice's sentence writes its time as the reader's language
// does, not as an ISO date inside a sentence.
func TestNoticeTimesInTheReadersLanguage(t *testing.T) {
	env := apptest.New(t, filepath.Join(t.TempDir(), "lapor.db"), apptest.Options{})
	city := env.Seed(t)
	f := submit(t, env, complaint(nil))
	act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
	w := worker.New(env.Svc, env.Store, worker.Options{Logger: env.Logs.Logger(0)})
	env.Clock.Set(apptest.Start.Add(7*24*time.Hour - 8*time.Hour)) // the day the follow-up is due
	if res, err := w.Pass(context.Background()); err != nil || res.Written() != 1 {
		t.Fatalf("pass: %+v %v", res, err)
	}
	for lang, want := range map[string]string{
		"id": "batas waktu tindak lanjut 25 November 2026 23.59 WITA.",
		"en": "the follow-up is due by 25 November 2026, 11:59 pm WITA.",
	} {
		req, _ := http.NewRequest("GET", env.Server.URL+"/api/v1/reports/"+f.id, nil)
		req.Header.Set("Authorization", f.auth()) // staff tokens idled out as the clock moved
		req.Header.Set("Accept-Language", lang)
		res := env.Send(t, req)
		if res.Status != http.StatusOK {
			t.Fatalf("%s: %d %s", lang, res.Status, res.Body)
		}
		if s := timelineMessages(res.JSON(t)); !strings.Contains(s, want) || strings.Contains(s, "2026-11-25") {
			t.Errorf("%s: notice is not %q: %s", lang, want, s)
		}
	}
}
