package worker_test

import (
	"context"
	"io"
	"log/slog"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	lmail "github.com/lapor-id/lapor/internal/mail"
	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/web"
	"github.com/lapor-id/lapor/internal/worker"
)

// deliverer sends to a fresh SMTP peer in the test process.
func deliverer(t *testing.T, env *apptest.Env) (*mailPeer, *worker.Deliverer) {
	t.Helper()
	peer := startPeer(t)
	return peer, delivererTo(t, env, peer)
}

// delivererTo is another node sending to the same peer.
func delivererTo(t *testing.T, env *apptest.Env, peer *mailPeer) *worker.Deliverer {
	t.Helper()
	host, port, _ := net.SplitHostPort(peer.addr)
	cfg, err := lmail.ParseSMTPURL("smtp://"+net.JoinHostPort(host, port), "Lapor Bontang <lapor@bontang.test>")
	if err != nil {
		t.Fatal(err)
	}
	return worker.NewDeliverer(env.Svc, lmail.NewSMTP(cfg), worker.DeliveryOptions{
		BaseURL: "https://lapor.bontang.test", Now: env.Clock.Now, Logger: env.Logs.Logger(0)})
}

// staffUser is the account behind an e-mail of env.Seed, as a viewer.
func staffUser(t *testing.T, env *apptest.Env, email string) service.Viewer {
	t.Helper()
	u, err := env.Store.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return service.Viewer{User: &u}
}

// sendAll runs delivery passes and returns the messages that arrived in
// them, by recipient.
func sendAll(t *testing.T, d *worker.Deliverer, peer *mailPeer) map[string][]parsed {
	t.Helper()
	before := len(peer.messages())
	if _, err := d.Pass(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := map[string][]parsed{}
	for _, r := range peer.messages()[before:] {
		m := parse(t, r)
		out[m.to] = append(out[m.to], m)
	}
	return out
}

func TestStaffHearOfRoutingReplyReminderAndBreach(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		city := env.Seed(t)
		peer, d := deliverer(t, env)
		officer := staffUser(t, env, "pu@bontang.go.id")
		head := staffUser(t, env, "inspektorat@bontang.go.id")
		if err := env.Svc.SetNotifySettings(ctx, officer, service.NotifySettings{Lang: "en",
			Modes: map[domain.NotifyKind]string{domain.NotifyRouted: domain.NotifyNow}}); err != nil {
			t.Fatal(err)
		}
		if err := env.Svc.SetNotifySettings(ctx, officer, service.NotifySettings{Lang: "fr"}); err == nil {
			t.Fatal("an unknown language was accepted")
		}
		if err := env.Svc.SetNotifySettings(ctx, officer, service.NotifySettings{Lang: "id",
			Modes: map[domain.NotifyKind]string{domain.NotifyRouted: "loud"}}); err == nil {
			t.Fatal("an unknown mode was accepted")
		}
		if err := env.Svc.SetUnitHead(ctx, service.Operator, "dpupr", head.User.ID); err != nil {
			t.Fatal(err)
		}
		if err := env.Svc.SetUnitHead(ctx, officer, "dpupr", officer.User.ID); err == nil {
			t.Fatal("an officer named a unit's head")
		}
		if _, err := env.Svc.UpdateDeadlineSettings(ctx, service.Operator,
			[]byte(`{"supervising_office_email":"inspektorat@pengawas.test"}`)); err != nil {
			t.Fatal(err)
		}

		anon := submitWith(t, env, "id", map[string]any{"name": "Siti Rahma", "email": "siti@warga.test", "phone": "+6281234567"}, true)
		act(t, env, anon, city.Admin, map[string]any{"action": "verify", "unit": "dpupr",
			"note": "RAHASIA: catatan internal untuk unit"})
		secrets := []string{"Siti Rahma", "siti@warga.test", "+6281234567", "6281234567", "RAHASIA", "Sudah seminggu"}
		check := func(m parsed, subject string, parts ...string) {
			t.Helper()
			if m.subject != subject || !contains(m.raw, parts...) {
				t.Fatalf("to %s: subject %q, want %q with %q\n%s", m.to, m.subject, subject, parts, m.raw)
			}
			for _, s := range secrets {
				if strings.Contains(m.raw, s) {
					t.Fatalf("%q in a staff message:\n%s", s, m.raw)
				}
			}
		}
		got := sendAll(t, d, peer)
		if len(got["pu@bontang.go.id"]) != 1 || len(got["siti@warga.test"]) != 2 {
			t.Fatalf("after routing: %v", got)
		}
		check(got["pu@bontang.go.id"][0], "Report "+anon.id+" was routed to your unit",
			"https://lapor.bontang.test/staf/laporan/"+anon.id, "Dinas Pekerjaan Umum", "/staf/akun")
		if got["pu@bontang.go.id"][0].key != anon.id+".2.staff."+itoa(officer.User.ID) {
			t.Fatalf("key %q", got["pu@bontang.go.id"][0].key)
		}

		// The reporter replies after a follow-up: the officer hears of it.
		city = moveTo(t, env, "2026-11-19 10:00")
		act(t, env, anon, city.OfficerPU, map[string]any{"action": "follow_up", "message": "Sedang kami periksa."})
		act(t, env, anon, anon.auth(), map[string]any{"action": "reply", "message": "Siti Rahma di sini, belum beres."})
		got = sendAll(t, d, peer)
		if len(got["pu@bontang.go.id"]) != 1 {
			t.Fatalf("after the reply: %v", got)
		}
		check(got["pu@bontang.go.id"][0], "The reporter replied on report "+anon.id, anon.id)

		// The reminder a working day before the deadline, then the breach:
		// the officer, the unit's head and the supervising office.
		pass(t, env, "2026-11-26 09:00")
		got = sendAll(t, d, peer)
		if len(got["pu@bontang.go.id"]) != 1 {
			t.Fatalf("after the reminder pass: %v", got)
		}
		check(got["pu@bontang.go.id"][0], "Reminder: report "+anon.id+" is due in one working day", anon.id)
		pass(t, env, "2026-11-27 09:00")
		got = sendAll(t, d, peer)
		if len(got["pu@bontang.go.id"]) != 1 || len(got["inspektorat@bontang.go.id"]) != 1 || len(got["inspektorat@pengawas.test"]) != 1 {
			t.Fatalf("after the breach: %v", got)
		}
		check(got["pu@bontang.go.id"][0], "Report "+anon.id+" is past its deadline", anon.id)
		check(got["inspektorat@bontang.go.id"][0], "Eskalasi: laporan "+anon.id+" melewati batas waktu", anon.id, "Dinas Pekerjaan Umum")
		check(got["inspektorat@pengawas.test"][0], "Eskalasi: laporan "+anon.id+" melewati batas waktu", anon.id)
		if n, _ := d.Pass(ctx); n != 0 {
			t.Fatalf("a second pass sent %d again", n)
		}
		for _, s := range secrets[:3] {
			if strings.Contains(env.Logs.String(), s) {
				t.Fatalf("%q in the logs", s)
			}
		}
	})
}

func TestStaffDigestIsOneMailADayAt7(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		city := env.Seed(t)
		peer, d := deliverer(t, env)
		officer := staffUser(t, env, "pu@bontang.go.id")
		digest := map[domain.NotifyKind]string{}
		for _, k := range domain.NotifyKinds {
			digest[k] = domain.NotifyDigest
		}
		if err := env.Svc.SetNotifySettings(ctx, officer, service.NotifySettings{Lang: "id", Modes: digest}); err != nil {
			t.Fatal(err)
		}
		// Another officer turned routings off.
		dinkes := staffUser(t, env, "dinkes@bontang.go.id")
		if err := env.Svc.SetNotifySettings(ctx, dinkes, service.NotifySettings{Lang: "id",
			Modes: map[domain.NotifyKind]string{domain.NotifyRouted: domain.NotifyOff}}); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for i := 0; i < 3; i++ {
			f := submit(t, env)
			act(t, env, f, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
			ids = append(ids, f.id)
		}
		act(t, env, submit(t, env), city.Admin, map[string]any{"action": "verify", "unit": "dinkes"})
		if got := sendAll(t, d, peer); len(got["pu@bontang.go.id"]) != 0 || len(got["dinkes@bontang.go.id"]) != 0 {
			t.Fatalf("before 07:00: %v", got)
		}
		// 06:59 the next day: still nothing. 07:00: one digest, from two nodes at once.
		env.Clock.Set(at("2026-11-19 06:59"))
		if got := sendAll(t, d, peer); len(got["pu@bontang.go.id"]) != 0 {
			t.Fatalf("at 06:59: %v", got)
		}
		env.Clock.Set(at("2026-11-19 07:00"))
		other := delivererTo(t, env, peer)
		done := make(chan error, 1)
		go func() { _, err := other.Pass(ctx); done <- err }()
		if _, err := d.Pass(ctx); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		// Both peers' messages together: exactly one digest.
		env.Clock.Advance(time.Hour)
		sendAll(t, other, peer)
		var all []parsed
		for _, r := range peer.messages() {
			if r.to == "pu@bontang.go.id" {
				all = append(all, parse(t, r))
			}
		}
		if len(all) != 1 {
			t.Fatalf("%d digests", len(all))
		}
		m := all[0]
		if m.subject != "Ringkasan harian Lapor: 3 pemberitahuan" || !contains(m.raw, ids[0], ids[1], ids[2]) ||
			m.key != "digest."+itoa(officer.User.ID)+".2026-11-19" {
			t.Fatalf("digest: %q %q\n%s", m.subject, m.key, m.raw)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// A reporter's e-mail carries List-Unsubscribe with a signed link and
// List-Unsubscribe-Post for one click; after the click nothing more is
// sent about that report, and a forged link stops nothing.
func TestReporterUnsubscribesWithOneClick(t *testing.T) {
	opt := apptest.Options{Pages: func(svc *service.Service, log *slog.Logger) server.Pages {
		return web.New(svc, log, web.Options{})
	}}
	apptest.EachWith(t, opt, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		peer, d := deliverer(t, env)
		f := submitWith(t, env, "en", map[string]any{"email": "budi@warga.test"}, false)
		other := submitWith(t, env, "en", map[string]any{"email": "budi@warga.test"}, false)
		got := sendAll(t, d, peer)["budi@warga.test"]
		if len(got) != 2 {
			t.Fatalf("got %d", len(got))
		}
		var link string
		for _, m := range got {
			msg, err := mail.ReadMessage(strings.NewReader(m.raw))
			if err != nil {
				t.Fatal(err)
			}
			lu, post := msg.Header.Get("List-Unsubscribe"), msg.Header.Get("List-Unsubscribe-Post")
			if post != "List-Unsubscribe=One-Click" || !strings.HasPrefix(lu, "<https://lapor.bontang.test/berhenti/") ||
				msg.Header.Get("Message-Id") == "" {
				t.Fatalf("headers: %q %q\n%s", lu, post, m.raw)
			}
			if strings.Contains(lu, f.id) {
				link = strings.Trim(lu, "<>")
			}
		}
		u, _ := url.Parse(link)
		tok := u.Query().Get("t")
		post := func(path string) int {
			req, _ := http.NewRequest("POST", env.Server.URL+path, strings.NewReader("List-Unsubscribe=One-Click"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return env.Send(t, req).Status
		}
		// A forged token, another report's token, a GET: nothing stops.
		forged := strings.Repeat("0", 32)
		if s := post("/berhenti/" + f.id + "?t=" + forged); s != 404 {
			t.Fatalf("forged token: %d", s)
		}
		if s := post("/berhenti/" + other.id + "?t=" + tok); s != 404 {
			t.Fatalf("another report's token: %d", s)
		}
		if res := env.Do(t, "GET", u.Path+"?"+u.RawQuery, nil, ""); res.Status != 200 || !strings.Contains(string(res.Body), `name="t"`) {
			t.Fatalf("the link's page: %d", res.Status)
		}
		act(t, env, f, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
		act(t, env, other, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
		if got := sendAll(t, d, peer)["budi@warga.test"]; len(got) != 2 {
			t.Fatalf("a GET or a forged link stopped mail: %d", len(got))
		}
		// One click.
		if s := post(u.Path + "?" + u.RawQuery); s != 200 {
			t.Fatalf("one-click: %d", s)
		}
		city = moveTo(t, env, "2026-11-19 10:00")
		act(t, env, f, city.OfficerPU, map[string]any{"action": "follow_up", "message": "Sudah diperbaiki."})
		act(t, env, other, city.OfficerPU, map[string]any{"action": "follow_up", "message": "Sudah diperbaiki."})
		got = sendAll(t, d, peer)["budi@warga.test"]
		if len(got) != 1 || !strings.Contains(got[0].key, other.id) {
			t.Fatalf("after unsubscribing: %v", got)
		}
		skipped, err := env.Svc.Deliveries(context.Background(), service.Operator, domain.DeliverySkipped)
		if err != nil || len(skipped) != 1 || skipped[0].TrackingID != f.id {
			t.Fatalf("skipped: %+v %v", skipped, err)
		}
	})
}

var tokenLink = regexp.MustCompile(`(/masuk/sandi-baru|/akun/verifikasi)\?t=([0-9a-f]+)`)

func linkToken(t *testing.T, m parsed) string {
	t.Helper()
	body, _ := io.ReadAll(quotedprintable.NewReader(strings.NewReader(m.raw)))
	got := tokenLink.FindStringSubmatch(string(body))
	if got == nil {
		t.Fatalf("no link in:\n%s", m.raw)
	}
	return got[2]
}

func TestStaffResetPasswordByEMail(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		env.Seed(t)
		peer, d := deliverer(t, env)
		for _, email := range []string{"pu@bontang.go.id", "tidak-ada@bontang.go.id"} {
			if err := env.Svc.RequestPasswordReset(ctx, service.Public, email); err != nil {
				t.Fatalf("%s: %v", email, err)
			}
		}
		got := sendAll(t, d, peer)
		if len(got) != 1 || len(got["pu@bontang.go.id"]) != 1 {
			t.Fatalf("reset mails: %v", got)
		}
		m := got["pu@bontang.go.id"][0]
		if m.subject != "Atur ulang kata sandi Lapor" || !strings.Contains(m.raw, "https://lapor.bontang.test/masuk/sandi-baru?t=") {
			t.Fatalf("reset mail: %q\n%s", m.subject, m.raw)
		}
		token := linkToken(t, m)
		if strings.Contains(env.Logs.String(), token) {
			for _, l := range strings.Split(env.Logs.String(), "\n") {
				if strings.Contains(l, token) {
					t.Log(l)
				}
			}
			t.Fatal("the token is in the log")
		}
		ds, _ := env.Svc.Deliveries(ctx, service.Operator, domain.DeliveryDelivered)
		for _, x := range ds {
			if strings.Contains(x.Key, token) {
				t.Fatal("the token is in the outbox")
			}
		}
		const fresh = "kata-sandi-baru-yang-panjang"
		if err := env.Svc.ResetPasswordWithToken(ctx, service.Public, token, "pendek"); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Fatalf("a weak password: %v", err)
		}
		if err := env.Svc.ResetPasswordWithToken(ctx, service.Public, token, fresh); err != nil {
			t.Fatal(err)
		}
		if _, _, err := env.Svc.Login(ctx, "pu@bontang.go.id", apptest.Password); err == nil {
			t.Fatal("the old password still works")
		}
		if _, _, err := env.Svc.Login(ctx, "pu@bontang.go.id", fresh); err != nil {
			t.Fatalf("the new password: %v", err)
		}
		if err := env.Svc.ResetPasswordWithToken(ctx, service.Public, token, "lagi-kata-sandi-yang-lain"); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Fatalf("the token worked twice: %v", err)
		}
		// A link is short-lived.
		env.Clock.Advance(2 * time.Hour)
		if err := env.Svc.RequestPasswordReset(ctx, service.Public, "pu@bontang.go.id"); err != nil {
			t.Fatal(err)
		}
		late := linkToken(t, sendAll(t, d, peer)["pu@bontang.go.id"][0])
		env.Clock.Advance(service.ResetTTL + time.Second)
		if err := env.Svc.ResetPasswordWithToken(ctx, service.Public, late, "lagi-kata-sandi-yang-lain"); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Fatalf("an expired token worked: %v", err)
		}
		// At most three an hour, with the same answer.
		for i := 0; i < 5; i++ {
			if err := env.Svc.RequestPasswordReset(ctx, service.Public, "PU@bontang.go.id "); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(sendAll(t, d, peer)["pu@bontang.go.id"]); n != service.ResetsPerHour-1 {
			t.Fatalf("%d reset mails in the hour, want %d more", n, service.ResetsPerHour-1)
		}
		if err := env.Svc.RequestPasswordReset(ctx, service.Public, "bukan-email"); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Fatalf("a malformed address: %v", err)
		}
	})
}

func TestCitizenVerifiesAddressByEMail(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		peer, d := deliverer(t, env)
		const pw = "kata-sandi-warga-panjang"
		if err := env.Svc.RegisterCitizen(ctx, "Ani@Warga.test", pw, "en"); err != nil {
			t.Fatal(err)
		}
		// The outbox holds the address sealed only.
		ds, _ := env.Svc.Deliveries(ctx, service.Operator, domain.DeliveryPending)
		if len(ds) != 1 || ds[0].Audience != domain.AudienceCitizen || strings.Contains(string(ds[0].SealedTo), "warga.test") ||
			strings.Contains(ds[0].Key, "warga") {
			t.Fatalf("verification delivery: %+v", ds)
		}
		if _, _, err := env.Svc.LoginCitizen(ctx, "ani@warga.test", pw); domain.ErrorCode(err) != domain.CodeUnauthorized {
			t.Fatalf("an unverified account signed in: %v", err)
		}
		// Registering the unverified address again sends a new link, and answers the same.
		if err := env.Svc.RegisterCitizen(ctx, "ani@warga.test", "kata-sandi-lain-yang-panjang", "id"); err != nil {
			t.Fatal(err)
		}
		got := sendAll(t, d, peer)["ani@warga.test"]
		if len(got) != 2 || got[0].subject == got[1].subject {
			t.Fatalf("verification mails: %d", len(got))
		}
		var token string
		for _, m := range got {
			if m.subject == "Confirm the e-mail address of your Lapor account" {
				token = linkToken(t, m)
			}
		}
		if err := env.Svc.VerifyCitizenEmail(ctx, service.Public, token); err != nil {
			t.Fatal(err)
		}
		if err := env.Svc.VerifyCitizenEmail(ctx, service.Public, token); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Fatalf("verified twice: %v", err)
		}
		if _, _, err := env.Svc.LoginCitizen(ctx, "ani@warga.test", pw); err != nil {
			t.Fatalf("after verification: %v", err)
		}
		// A verified address registered again is sent nothing and keeps its password.
		if err := env.Svc.RegisterCitizen(ctx, "ani@warga.test", "kata-sandi-lain-yang-panjang", "id"); err != nil {
			t.Fatal(err)
		}
		if got := sendAll(t, d, peer); len(got) != 0 {
			t.Fatalf("a verified account was sent: %v", got)
		}
		if strings.Contains(env.Logs.String(), "ani@warga.test") {
			t.Fatal("the address is in the log")
		}
	})
}

// A staff notice the mail server keeps refusing is dead after a day, like
// the reporter's, and an admin's retry sends it.
func TestStaffNoticeIsDeadAfterADay(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		city := env.Seed(t)
		peer, d := deliverer(t, env)
		peer.setDown(true)
		act(t, env, submit(t, env), city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
		for i := 0; i < 30; i++ {
			if _, err := d.Pass(ctx); err != nil {
				t.Fatal(err)
			}
			env.Clock.Advance(time.Hour)
		}
		dead, err := env.Svc.Deliveries(ctx, service.Operator, domain.DeliveryDead)
		if err != nil || len(dead) != 1 || dead[0].Audience != domain.AudienceStaff || strings.Contains(dead[0].LastError, "pu@bontang.go.id") {
			t.Fatalf("dead: %+v %v", dead, err)
		}
		peer.setDown(false)
		if err := env.Svc.RetryDelivery(ctx, service.Operator, dead[0].ID); err != nil {
			t.Fatal(err)
		}
		if got := sendAll(t, d, peer); len(got["pu@bontang.go.id"]) != 1 {
			t.Fatalf("after the retry: %v", got)
		}
	})
}
