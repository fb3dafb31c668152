package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// The outbox page: admins see pending and dead deliveries without any
// contact, and send a dead one again.
func TestAdminOutboxPage(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		ctx := context.Background()
		citizen := e.browser(t)
		contact := url.Values{"anonymous": {"on"}, "reporter.name": {"Dewi Lestari"},
			"reporter.email": {"dewi@warga.test"}, "reporter.phone": {"+62812999888"}}
		first, _ := citizen.fileReport(contact)
		second, _ := citizen.fileReport(contact)
		// The first one's delivery fails for good.
		ds, err := e.st.ClaimDeliveries(ctx, e.clock.Now().Add(time.Minute), time.Minute, 1, "t")
		if err != nil || len(ds) != 1 || ds[0].TrackingID != first {
			t.Fatalf("claim: %+v %v", ds, err)
		}
		if ok, err := e.st.FinishDelivery(ctx, ds[0].ID, "t", domain.DeliveryDead, "550 5.1.1 mailbox unavailable",
			e.clock.Now(), e.clock.Now()); !ok || err != nil {
			t.Fatalf("dead: %v %v", ok, err)
		}

		admin := e.browser(t)
		admin.login(adminEmail)
		r := admin.get("/staf/admin/pengiriman?lang=en")
		mustStatus(t, r, http.StatusOK)
		if r.Doc.Find(`.tabs a[href="/staf/admin/pengiriman"][aria-current]`).Length() != 1 {
			t.Error("the outbox tab is not in the settings navigation")
		}
		if got := r.Doc.Find("#outbox-pending tbody tr").Text(); !strings.Contains(got, second) {
			t.Errorf("pending table: %q", got)
		}
		dead := r.Doc.Find("#outbox-dead tbody tr")
		if dead.Length() != 1 || !strings.Contains(dead.Text(), first) || !strings.Contains(dead.Text(), "550 5.1.1") {
			t.Fatalf("dead table: %q", dead.Text())
		}
		for _, secret := range []string{"dewi@warga.test", "Dewi Lestari", "+62812999888"} {
			if strings.Contains(text(r), secret) {
				t.Fatalf("%q on the outbox page", secret)
			}
		}
		action := dead.Find("form").AttrOr("action", "")
		r = admin.post(action, url.Values{})
		mustStatus(t, r, http.StatusSeeOther)
		r = admin.follow(r)
		if r.Doc.Find("#outbox-dead tbody tr").Length() != 0 || r.Doc.Find("#outbox-pending tbody tr").Length() != 2 {
			t.Fatalf("after the retry: %s", text(r))
		}

		officer := e.browser(t)
		officer.login(officerEmail)
		if r := officer.get("/staf/admin/pengiriman"); r.StatusCode == http.StatusOK {
			t.Fatal("an officer sees the outbox")
		}
		if r := officer.post(action, url.Values{}); r.StatusCode == http.StatusSeeOther || r.StatusCode == http.StatusOK {
			t.Fatalf("an officer retried a delivery: %d", r.StatusCode)
		}
	})
}
