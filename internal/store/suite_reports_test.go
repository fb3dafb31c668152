package store_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/evaluation"
	"github.com/lapor-id/lapor/internal/store"
)

const day = 24 * time.Hour

// eventInto is the event that brings a report into a status.
var eventInto = map[domain.Status]domain.EventType{
	domain.StatusOnHold:          domain.EventHeld,
	domain.StatusDispositioned:   domain.EventVerified,
	domain.StatusFollowedUp:      domain.EventFollowedUp,
	domain.StatusReporterReplied: domain.EventReplied,
	domain.StatusCompleted:       domain.EventCompleted,
	domain.StatusArchived:        domain.EventArchived,
}

// pathInto returns the statuses a report goes through from its
// submission into s.
func pathInto(t *testing.T, s domain.Status) []domain.Status {
	t.Helper()
	paths := map[domain.Status][]domain.Status{
		domain.StatusSubmitted:       nil,
		domain.StatusOnHold:          {domain.StatusOnHold},
		domain.StatusDispositioned:   {domain.StatusDispositioned},
		domain.StatusFollowedUp:      {domain.StatusDispositioned, domain.StatusFollowedUp},
		domain.StatusReporterReplied: {domain.StatusDispositioned, domain.StatusFollowedUp, domain.StatusReporterReplied},
		domain.StatusCompleted:       {domain.StatusDispositioned, domain.StatusFollowedUp, domain.StatusCompleted},
		domain.StatusArchived:        {domain.StatusArchived},
	}
	path, ok := paths[s]
	if !ok {
		t.Fatalf("the test knows no way into status %s", s)
	}
	return path
}

// history is a report filed at created that goes through path, one event
// a day; a verification routes it to unit.
func history(title string, created time.Time, unit *int64, path ...domain.Status) store.History {
	r, sub := newReport(0)
	r.Title, r.CreatedAt, r.UpdatedAt = title, created, created
	sub.CreatedAt = created
	evs := []domain.Event{*sub}
	from := domain.StatusSubmitted
	for i, to := range path {
		typ, ok := eventInto[to]
		if !ok {
			panic("no event into " + to)
		}
		ev := domain.Event{Type: typ, ActorRole: domain.RoleAdmin, FromStatus: from, ToStatus: to,
			Message: fmt.Sprintf("langkah %d", i+1), CreatedAt: created.Add(time.Duration(i+1) * day)}
		if typ == domain.EventVerified {
			ev.UnitID = unit
		}
		evs = append(evs, ev)
		from = to
	}
	return store.History{Report: r, Events: evs}
}

func importAll(t *testing.T, st *store.Store, hs ...store.History) []*domain.Report {
	t.Helper()
	must(t, st.ImportReports(context.Background(), hs))
	out := make([]*domain.Report, len(hs))
	for i, h := range hs {
		out[i] = h.Report
	}
	return out
}

func trackingIDs(rs []*domain.Report) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.TrackingID)
	}
	return out
}

func suiteReports(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	unit, err := st.CreateUnit(ctx, "dinkes", "Dinas Kesehatan", "", t0)
	must(t, err)
	cat, err := st.CreateCategory(ctx, "jalan", "Jalan", nil, t0)
	must(t, err)
	acct := &store.Citizen{EmailLookup: "digest", SealedEmail: []byte("sealed"), PasswordHash: "h", CreatedAt: t0}
	must(t, st.CreateCitizen(ctx, acct))

	lat, lon := 0.1333, 117.5
	r, ev := newReport(1)
	r.Kind, r.Channel, r.CategoryID, r.RequestedUnit, r.AccountID = domain.KindAspiration, domain.ChannelWeb, &cat.ID, &unit.ID, &acct.ID
	r.IncidentDate = "2026-11-17"
	r.Location = domain.Location{Address: "Jl. Ahmad Yani 1", Kelurahan: "Api-Api", Kecamatan: "Bontang Utara", Lat: &lat, Lon: &lon}
	r.Anonymous, r.Confidential, r.ShowName, r.SealedIdentity = true, true, false, []byte("sealed")
	ev.Reason = domain.SubmissionFlags(true, true)
	files := []store.NewAttachment{
		{Name: "foto.jpg", ContentType: "image/jpeg", SHA256: "aa", Data: []byte{0xff, 0xd8, 0xff}},
		{Name: "surat.pdf", ContentType: "application/pdf", SHA256: "bb", Data: []byte("%PDF-1.4")},
	}
	must(t, st.CreateReport(ctx, r, ev, files))
	if r.ID == 0 || r.Version != 1 || ev.ID == 0 || ev.Seq != 1 || ev.Hash == "" {
		t.Fatalf("after CreateReport: %+v %+v", r, ev)
	}

	got, err := st.ReportByTrackingID(ctx, r.TrackingID)
	must(t, err)
	if got.ID != r.ID || got.ReceiptHash != r.ReceiptHash || got.Kind != domain.KindAspiration || got.Status != domain.StatusSubmitted ||
		got.Title != r.Title || got.Body != r.Body || *got.CategoryID != cat.ID || got.UnitID != nil || *got.RequestedUnit != unit.ID ||
		got.IncidentDate != "2026-11-17" || got.Location.Address != "Jl. Ahmad Yani 1" || got.Location.Kelurahan != "Api-Api" ||
		got.Location.Kecamatan != "Bontang Utara" || *got.Location.Lat != lat || *got.Location.Lon != lon || !got.Anonymous ||
		!got.Confidential || got.ShowName || got.Channel != domain.ChannelWeb || string(got.SealedIdentity) != "sealed" ||
		*got.AccountID != acct.ID || got.Version != 1 || !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(t0) ||
		got.VerifiedAt != nil || got.CompletedAt != nil {
		t.Fatalf("read back: %+v", got)
	}
	if _, err := st.ReportByTrackingID(ctx, "LPR-NOPE"); !isNotFound(err) {
		t.Fatalf("unknown tracking ID: %v", err)
	}

	atts, err := st.Attachments(ctx, r.ID)
	must(t, err)
	if len(atts) != 2 || atts[0].Name != "foto.jpg" || atts[0].Size != 3 || atts[0].SHA256 != "aa" || atts[0].Data != nil ||
		atts[0].EventID != ev.ID || atts[1].ContentType != "application/pdf" || !atts[1].CreatedAt.Equal(t0) {
		t.Fatalf("Attachments: %+v", atts)
	}
	a, err := st.AttachmentData(ctx, r.ID, atts[1].ID)
	if err != nil || string(a.Data) != "%PDF-1.4" || a.Name != "surat.pdf" {
		t.Fatalf("AttachmentData: %+v %v", a, err)
	}
	other, oev := newReport(2)
	must(t, st.CreateReport(ctx, other, oev, nil))
	if _, err := st.AttachmentData(ctx, other.ID, atts[1].ID); !isNotFound(err) {
		t.Fatalf("a file read through another report: %v", err)
	}
	if atts, err := st.Attachments(ctx, other.ID); err != nil || len(atts) != 0 {
		t.Fatalf("another report's files: %v %v", atts, err)
	}

	// Act: a verification routes the report and renames it.
	at := t0.Add(time.Hour)
	done, dev, err := st.Act(ctx, r.TrackingID, func(cur *domain.Report) (*store.Change, error) {
		if cur.Version != 1 || cur.Status != domain.StatusSubmitted {
			t.Errorf("decide saw %+v", cur)
		}
		return &store.Change{Status: domain.StatusDispositioned, UnitID: &unit.ID, Confidential: cur.Confidential,
			Title: "Judul baru", VerifiedAt: &at, Files: []store.NewAttachment{{Name: "n.txt", ContentType: "text/plain", SHA256: "cc", Data: []byte("x")}},
			Event: domain.Event{Type: domain.EventVerified, ActorRole: domain.RoleAdmin, FromStatus: cur.Status,
				ToStatus: domain.StatusDispositioned, UnitID: &unit.ID, CreatedAt: at}}, nil
	})
	must(t, err)
	if done.Version != 2 || done.Status != domain.StatusDispositioned || *done.UnitID != unit.ID || done.Title != "Judul baru" ||
		!done.UpdatedAt.Equal(at) || dev.Seq != 2 || dev.PrevHash != ev.Hash || dev.ReportID != r.ID {
		t.Fatalf("Act: %+v %+v", done, dev)
	}
	got, _ = st.ReportByTrackingID(ctx, r.TrackingID)
	if got.Version != 2 || got.Status != domain.StatusDispositioned || got.Title != "Judul baru" || !got.VerifiedAt.Equal(at) {
		t.Fatalf("after Act: %+v", got)
	}
	if atts, _ := st.Attachments(ctx, r.ID); len(atts) != 3 || atts[2].EventID != dev.ID {
		t.Fatalf("the action's file: %+v", atts)
	}

	// A decision that writes nothing, or fails, leaves the report alone.
	if _, _, err := st.Act(ctx, r.TrackingID, func(*domain.Report) (*store.Change, error) { return nil, store.ErrNoChange }); !errors.Is(err, store.ErrNoChange) {
		t.Fatalf("no change: %v", err)
	}
	boom := errors.New("boom")
	if _, _, err := st.Act(ctx, r.TrackingID, func(*domain.Report) (*store.Change, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Fatalf("failed decision: %v", err)
	}
	if _, _, err := st.Act(ctx, "LPR-NOPE", func(*domain.Report) (*store.Change, error) { t.Error("decide called"); return nil, boom }); !isNotFound(err) {
		t.Fatalf("unknown report: %v", err)
	}

	// Params come back as written and are in the chain; JSON's special
	// characters and non-ASCII text survive both databases.
	params := domain.Params{domain.ParamOldTitle: "Judul baru", domain.ParamNewTitle: `Jalan "rusak" <RT 05> & jembatan — ñ`}
	_, tev, err := st.Act(ctx, r.TrackingID, func(cur *domain.Report) (*store.Change, error) {
		return &store.Change{Status: cur.Status, UnitID: cur.UnitID, Confidential: cur.Confidential, Title: params[domain.ParamNewTitle],
			VerifiedAt: cur.VerifiedAt, Event: domain.Event{Type: domain.EventTitleEdited, ActorRole: domain.RoleAdmin,
				FromStatus: cur.Status, ToStatus: cur.Status, Params: params, CreatedAt: at.Add(time.Minute)}}, nil
	})
	must(t, err)

	evs, err := st.Events(ctx, r.ID)
	must(t, err)
	if len(evs) != 3 || evs[0].Type != domain.EventSubmitted || evs[1].Type != domain.EventVerified || *evs[1].UnitID != unit.ID ||
		evs[0].Reason != ev.Reason || !evs[1].CreatedAt.Equal(at) || evs[0].Params != nil || evs[1].Params != nil {
		t.Fatalf("Events: %+v", evs)
	}
	if evs[2].Hash != tev.Hash || evs[2].Params.Encode() != params.Encode() || evs[2].Message != "" {
		t.Fatalf("event with params read back as %+v", evs[2])
	}
	if i := domain.VerifyChain(r.TrackingID, evs); i != -1 {
		t.Fatalf("chain broken at %d", i)
	}
	if evs, err := st.Events(ctx, r.ID+100); err != nil || len(evs) != 0 {
		t.Fatalf("events of no report: %v %v", evs, err)
	}
}

func suiteListReports(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	u1, err := st.CreateUnit(ctx, "dinkes", "Dinas Kesehatan", "", t0)
	must(t, err)
	u2, err := st.CreateUnit(ctx, "dishub", "Dinas Perhubungan", "", t0)
	must(t, err)

	// One report in each status, a day apart, routed to u1; and a
	// confidential one that would otherwise be public, routed to u2.
	byStatus := map[domain.Status]*domain.Report{}
	var hs []store.History
	for i, s := range domain.Statuses {
		h := history("Laporan "+string(s), t0.Add(time.Duration(i)*day), &u1.ID, pathInto(t, s)...)
		if s == domain.StatusSubmitted {
			h.Report.Kind = domain.KindAspiration
		}
		hs = append(hs, h)
		byStatus[s] = h.Report
	}
	secret := history("Rahasia", t0.Add(10*day), &u2.ID, domain.StatusDispositioned)
	secret.Report.Confidential = true
	hs = append(hs, secret)
	importAll(t, st, hs...)
	for s, r := range byStatus {
		if r.Status != s {
			t.Fatalf("imported into %s, want %s", r.Status, s)
		}
	}
	all := len(hs)

	list := func(f store.Filter) ([]string, int) {
		t.Helper()
		rs, total, err := st.ListReports(ctx, f)
		must(t, err)
		return trackingIDs(rs), total
	}
	ids := func(rs ...*domain.Report) []string { return trackingIDs(rs) }
	sorted := func(s []string) []string { s = slices.Clone(s); sort.Strings(s); return s }

	got, total := list(store.Filter{Limit: 100})
	if len(got) != all || total != all || got[0] != secret.Report.TrackingID {
		t.Fatalf("everything, newest first: %v %d", got, total)
	}
	got, _ = list(store.Filter{Oldest: true, Limit: 100})
	if got[0] != byStatus[domain.StatusSubmitted].TrackingID || got[all-1] != secret.Report.TrackingID {
		t.Fatalf("oldest first: %v", got)
	}
	got, total = list(store.Filter{Status: []domain.Status{domain.StatusSubmitted, domain.StatusArchived}})
	if !slices.Equal(sorted(got), sorted(ids(byStatus[domain.StatusSubmitted], byStatus[domain.StatusArchived]))) || total != 2 {
		t.Fatalf("by status: %v %d", got, total)
	}
	if got, total = list(store.Filter{Kind: domain.KindAspiration}); !slices.Equal(got, ids(byStatus[domain.StatusSubmitted])) || total != 1 {
		t.Fatalf("by kind: %v %d", got, total)
	}
	if got, total = list(store.Filter{UnitIDs: []int64{u2.ID}}); !slices.Equal(got, ids(secret.Report)) || total != 1 {
		t.Fatalf("by unit: %v %d", got, total)
	}
	if got, total = list(store.Filter{UnitIDs: []int64{}}); len(got) != 0 || total != 0 {
		t.Fatalf("no units: %v %d", got, total)
	}
	routed := 0
	for _, r := range byStatus {
		if r.UnitID != nil {
			routed++
		}
	}
	if _, total = list(store.Filter{UnitIDs: []int64{u1.ID, u2.ID}}); total != routed+1 {
		t.Fatalf("two units: %d, want %d", total, routed+1)
	}

	// Pages: the total counts every match; the limit is 20 unless 1..200.
	got, total = list(store.Filter{Oldest: true, Limit: 3, Offset: 2})
	if len(got) != 3 || total != all || got[0] != hs[2].Report.TrackingID {
		t.Fatalf("page: %v %d", got, total)
	}
	if got, _ = list(store.Filter{Offset: all}); len(got) != 0 {
		t.Fatalf("past the end: %v", got)
	}
	many := make([]store.History, 25)
	for i := range many {
		many[i] = history(fmt.Sprintf("Banyak %d", i), t0.Add(-day), nil)
	}
	importAll(t, st, many...)
	for _, limit := range []int{0, -1, 201} {
		if got, _ = list(store.Filter{Limit: limit}); len(got) != 20 {
			t.Fatalf("limit %d gave %d", limit, len(got))
		}
	}
	if got, _ = list(store.Filter{Limit: 200}); len(got) != all+25 {
		t.Fatalf("limit 200 gave %d", len(got))
	}
	// Counting stops one past the cap, whatever the page.
	restore := store.SetCountCap(10)
	if got, total = list(store.Filter{Oldest: true, Limit: 5, Offset: 20}); total != 11 || len(got) != 5 {
		t.Fatalf("capped count: %d for %d reports", total, len(got))
	}
	if _, total = list(store.Filter{Query: "banyak 7"}); total != 1 {
		t.Fatalf("a count under the cap: %d", total)
	}
	if n, err := st.CountReports(ctx, store.Filter{}); err != nil || n != 11 {
		t.Fatalf("CountReports past the cap: %d %v", n, err)
	}
	// A search counts its matches up to the cap too (on SQLite the
	// full-text index drives the count, so a common word stops early).
	if _, total = list(store.Filter{Query: "banyak"}); total != 11 {
		t.Fatalf("a search past the cap: %d, want 11", total)
	}
	restore()
	// CountReports counts what ListReports totals, listing nothing.
	for _, f := range []store.Filter{{}, {Query: "banyak"}, {Status: []domain.Status{domain.StatusSubmitted}},
		{Kind: domain.KindAspiration}, {UnitIDs: []int64{}}, {UnitIDs: []int64{u1.ID}},
		{Query: "banyak", Status: []domain.Status{domain.StatusSubmitted}}, {Query: "BANY", Kind: domain.KindComplaint},
		{Query: "banyak 1"}, {Query: "tidak ada kata ini"}, {Query: "banyak", UnitIDs: []int64{u1.ID}}} {
		_, want := list(f)
		if n, err := st.CountReports(ctx, f); err != nil || n != want {
			t.Errorf("CountReports(%+v) = %d %v, ListReports totals %d", f, n, err, want)
		}
		f.Limit = 200
		if listed, _ := list(f); len(listed) != want {
			t.Errorf("%+v: %d listed, %d counted", f, len(listed), want)
		}
	}

	// Keyset pages, in every order, while reports keep arriving: each
	// report there at the start is listed once, none twice.
	for _, order := range []store.Filter{{}, {Oldest: true}, {Updated: true}, {DueFirst: true}} {
		before := map[int64]bool{}
		all, _, err := st.ListReports(ctx, store.Filter{Limit: 200, Oldest: order.Oldest, Updated: order.Updated, DueFirst: order.DueFirst})
		must(t, err)
		for _, r := range all {
			before[r.ID] = true
		}
		seen := map[int64]int{}
		f := order
		f.Limit = 7
		for page := 0; ; page++ {
			rs, total, err := st.ListReports(ctx, f)
			must(t, err)
			if page == 0 && total < len(before) {
				t.Fatalf("total %d under the %d reports", total, len(before))
			}
			for _, r := range rs {
				seen[r.ID]++
			}
			if len(rs) < f.Limit {
				break
			}
			f.After = f.Cursor(rs[len(rs)-1])
			// A newer report arrives between two pages.
			importAll(t, st, history(fmt.Sprintf("Sela %d", page), t0.Add(time.Duration(page)*time.Minute), nil))
			if page > 100 {
				t.Fatal("paging does not end")
			}
		}
		for id := range before {
			if seen[id] != 1 {
				t.Errorf("order %+v: report %d listed %d times", order, id, seen[id])
			}
		}
		for id, n := range seen {
			if n > 1 {
				t.Errorf("order %+v: report %d listed %d times", order, id, n)
			}
		}
	}
	if _, _, err := st.ListReports(ctx, store.Filter{After: "bukan-penanda"}); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("a bad cursor: %v", err)
	}
	if _, _, err := st.ListReports(ctx, store.Filter{Oldest: true, After: store.Filter{}.Cursor(&domain.Report{ID: 1})}); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("a cursor of another order: %v", err)
	}

	// Deadlines: soonest first, and the overdue filter counts only the
	// breachable clocks.
	setDue := func(r *domain.Report, kind domain.DueKind, at time.Time) {
		t.Helper()
		if _, err := st.DB().ExecContext(ctx, rebind(st, `UPDATE reports SET due_kind = ?, due_at = ? WHERE id = ?`),
			string(kind), at.UnixMicro(), r.ID); err != nil {
			t.Fatal(err)
		}
	}
	now := t0.Add(30 * day)
	setDue(byStatus[domain.StatusSubmitted], domain.DueVerification, now.Add(-time.Hour))
	setDue(byStatus[domain.StatusDispositioned], domain.DueFollowUp, now.Add(-2*time.Hour))
	setDue(byStatus[domain.StatusFollowedUp], domain.DueAutoComplete, now.Add(-3*time.Hour))
	setDue(byStatus[domain.StatusOnHold], domain.DueHoldExpiry, now.Add(time.Hour))
	setDue(byStatus[domain.StatusReporterReplied], domain.DueFollowUp, now.Add(2*time.Hour))
	got, _ = list(store.Filter{DueFirst: true, Limit: 5})
	want := ids(byStatus[domain.StatusFollowedUp], byStatus[domain.StatusDispositioned], byStatus[domain.StatusSubmitted],
		byStatus[domain.StatusOnHold], byStatus[domain.StatusReporterReplied])
	if !slices.Equal(got, want) {
		t.Fatalf("due first: %v, want %v", got, want)
	}
	got, total = list(store.Filter{OverdueAt: &now, Oldest: true})
	if !slices.Equal(got, ids(byStatus[domain.StatusSubmitted], byStatus[domain.StatusDispositioned])) || total != 2 {
		t.Fatalf("overdue: %v %d", got, total)
	}
}

// suiteSearch: search gives the same answers on both databases, whatever
// the case or accents of the query and of the report.
func suiteSearch(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	texts := []struct{ title, body string }{
		{"Jalan RUSAK di Api-Api", "Lubang besar di depan sekolah."},
		{"Lampu mati", "Di depan Café Señor, Jl. Ahmad Yani."},
		{"ÉCOLE fermée", "Straße gesperrt; diskon 100% palsu"},
		{"Sampah menumpuk", "Bau sekali di PASAR   Rawa Indah"},
		{"İzin usaha", "Ｋｏｄｅ ｂａｒｃｏｄｅ tidak terbaca"},
		{"Air keruh", "ẞ and Ø and Łódź"},
		{"Kerb Jl.Sudirman", "Patah tol-kota no.12 sejak 1.5 bulan, lapor ke warga@mail.com"},
	}
	reports := make([]*domain.Report, len(texts))
	for i, x := range texts {
		r, ev := newReport(i)
		r.Title, r.Body = x.title, x.body
		must(t, st.CreateReport(ctx, r, ev, nil))
		reports[i] = r
	}
	find := func(q string) []int {
		t.Helper()
		rs, total, err := st.ListReports(ctx, store.Filter{Query: q, Oldest: true, Limit: 100})
		must(t, err)
		if total != len(rs) {
			t.Fatalf("%q: total %d for %d reports", q, total, len(rs))
		}
		var out []int
		for _, r := range rs {
			out = append(out, slices.IndexFunc(reports, func(x *domain.Report) bool { return x.ID == r.ID }))
		}
		return out
	}
	for _, c := range []struct {
		q    string
		want []int
	}{
		{"rusak", []int{0}},
		{"JALAN", []int{0}},
		{"jalan", []int{0}}, // "Jl." is not "jalan"
		{"cafe senor", []int{1}},
		{"CAFÉ SEÑOR", []int{1}},
		{"école", []int{2}},
		{"ecole FERMEE", []int{2}},
		{"strasse", []int{2}},           // ß folds to ss
		{"ss and o and lodz", []int{5}}, // and ẞ too; Ø, Ł have no decomposition
		{"100%", []int{2}},              // LIKE's wild cards are plain characters
		{"%", []int{2}},
		{"_", nil},
		{"pasar rawa", []int{3}}, // runs of spaces are one space
		{"  Pasar   RAWA  ", []int{3}},
		{"izin", []int{4}},
		{"kode barcode", []int{4}}, // full-width letters
		{"o and lodz", []int{5}},
		{"api-api lubang", nil}, // no match runs from the title into the body
		{"tidak ada", nil},
		{"sudirman", []int{6}}, // words joined by punctuation are still words
		{"jl sudirman", []int{6}},
		{"patah tol kota", []int{6}},
		{"no 12", []int{6}},
		{"1 5 bulan", []int{6}},
		{"warga mail", []int{6}},
		{"lamp", []int{1}},     // the last word is a prefix
		{"lampu ma", []int{1}}, // of a phrase
		{"mati lampu", nil},    // whose words keep their order
		{"ampu", nil},          // words, not pieces of words
		{"sekol", []int{0}},    // a prefix of a word of the body
		{"jalan lubang", nil},  // title then body is not a phrase
		{"lubang besar di", []int{0}},
		{"di", []int{0, 1, 2, 3}}, // a short word is a prefix too: "di", "diskon"
	} {
		got := find(c.q)
		if !slices.Equal(got, c.want) {
			t.Errorf("search %q found %v, want %v", c.q, got, c.want)
		}
	}
	// The search copy holds the title and the body only: never where the
	// reporter lives or who they are.
	who, ev := newReport(9)
	who.Title, who.Body = "Lampu taman", "Sudah seminggu padam."
	who.Location = domain.Location{Address: "Gang Melati 7", Kelurahan: "Tanjung Laut", Kecamatan: "Bontang Selatan"}
	who.SealedIdentity = []byte("Budi Santoso 0812")
	must(t, st.CreateReport(ctx, who, ev, nil))
	for _, q := range []string{"melati", "tanjung laut", "bontang selatan", "budi", "0812"} {
		if got := find(q); len(got) != 0 {
			t.Errorf("search %q found %v: the search copy holds more than title and body", q, got)
		}
	}
	var copyText string
	must(t, st.DB().QueryRowContext(ctx, rebind(st, `SELECT search_text FROM reports WHERE id = ?`), who.ID).Scan(&copyText))
	if copyText != "lampu taman\nsudah seminggu padam." {
		t.Errorf("search copy %q", copyText)
	}

	// A tracking ID finds its report, however it is typed.
	id := reports[3].TrackingID
	for _, q := range []string{id, strings.ToLower(id), "#" + strings.ReplaceAll(id, "-", "")} {
		if got := find(q); !slices.Equal(got, []int{3}) {
			t.Errorf("tracking ID %q: %v", q, got)
		}
	}
	// A new title is searchable at once, the old one no longer.
	_, _, err := st.Act(ctx, reports[0].TrackingID, func(cur *domain.Report) (*store.Change, error) {
		return &store.Change{Status: cur.Status, Title: "Trotoar Ambrol", Event: domain.Event{Type: domain.EventTitleEdited,
			ActorRole: domain.RoleAdmin, FromStatus: cur.Status, ToStatus: cur.Status, CreatedAt: t0.Add(time.Hour)}}, nil
	})
	must(t, err)
	if got := find("ambrol"); !slices.Equal(got, []int{0}) {
		t.Errorf("new title: %v", got)
	}
	if got := find("rusak"); len(got) != 0 {
		t.Errorf("old title still found: %v", got)
	}
	if got := find("lubang besar"); !slices.Equal(got, []int{0}) {
		t.Errorf("body after a new title: %v", got)
	}
}

// deadlineFunc is a ScheduleFunc for the suite: an open report is due
// (and wakes) shift after its latest event; a closed one has no schedule.
func deadlineFunc(shift time.Duration) store.ScheduleFunc {
	return func(r *domain.Report, events []domain.Event) domain.Schedule {
		if !r.Status.Open() {
			return domain.Schedule{}
		}
		at := events[len(events)-1].CreatedAt.Add(shift)
		kind := domain.DueFollowUp
		if r.Status == domain.StatusSubmitted {
			kind = domain.DueVerification
		}
		return domain.Schedule{DueAt: &at, DueKind: kind, WakeAt: &at, Notices: domain.Notices(len(events))}
	}
}

func suiteSchedules(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	unit, err := st.CreateUnit(ctx, "dinkes", "Dinas Kesehatan", "", t0)
	must(t, err)

	// Without a ScheduleFunc nothing is scheduled.
	plain, ev := newReport(1)
	must(t, st.CreateReport(ctx, plain, ev, nil))
	if r, _ := st.ReportByTrackingID(ctx, plain.TrackingID); r.Schedule != (domain.Schedule{}) {
		t.Fatalf("scheduled without a func: %+v", r.Schedule)
	}
	if n, err := st.RecomputeSchedules(ctx); err != nil || n != 0 {
		t.Fatalf("recompute without a func: %d %v", n, err)
	}

	st.SetScheduleFunc(deadlineFunc(day))
	fresh, ev := newReport(2)
	must(t, st.CreateReport(ctx, fresh, ev, nil))
	if r, _ := st.ReportByTrackingID(ctx, fresh.TrackingID); r.Schedule.DueAt == nil || !r.Schedule.DueAt.Equal(t0.Add(day)) ||
		r.Schedule.DueKind != domain.DueVerification || r.Schedule.Notices != 1 {
		t.Fatalf("schedule of a new report: %+v", r.Schedule)
	}

	// ImportReports: status, unit, version and chain follow the timeline.
	followed := history("Ditindaklanjuti", t0.Add(-10*day), &unit.ID, domain.StatusDispositioned, domain.StatusFollowedUp)
	done := history("Selesai", t0.Add(-20*day), &unit.ID, domain.StatusDispositioned, domain.StatusCompleted)
	held := history("Ditahan", t0.Add(-5*day), nil, domain.StatusOnHold)
	held.Events[0].Reason = domain.SubmissionFlags(false, true)
	importAll(t, st, held, done, followed) // ids not in the order of their wake times
	r, err := st.ReportByTrackingID(ctx, followed.Report.TrackingID)
	must(t, err)
	if r.Status != domain.StatusFollowedUp || *r.UnitID != unit.ID || r.Version != 3 || !r.CreatedAt.Equal(t0.Add(-10*day)) ||
		!r.UpdatedAt.Equal(t0.Add(-8*day)) || !r.Schedule.DueAt.Equal(t0.Add(-7*day)) || r.Schedule.DueKind != domain.DueFollowUp {
		t.Fatalf("imported: %+v", r)
	}
	evs, err := st.Events(ctx, r.ID)
	if err != nil || len(evs) != 3 || domain.VerifyChain(r.TrackingID, evs) != -1 {
		t.Fatalf("imported timeline: %d events, %v", len(evs), err)
	}
	if r, _ := st.ReportByTrackingID(ctx, done.Report.TrackingID); r.Status != domain.StatusCompleted || r.Schedule != (domain.Schedule{}) {
		t.Fatalf("closed import: %+v", r)
	}
	if r, _ := st.ReportByTrackingID(ctx, held.Report.TrackingID); !r.Confidential || r.Status != domain.StatusOnHold {
		t.Fatalf("confidential by its submission: %+v", r)
	}
	bad := history("Tanpa awal", t0, nil)
	bad.Events[0].Type = domain.EventNoted
	if err := st.ImportReports(ctx, []store.History{bad, history("Baik", t0, nil)}); err == nil {
		t.Fatal("a timeline without its submission was imported")
	}
	if _, total, _ := st.ListReports(ctx, store.Filter{Query: "baik"}); total != 0 {
		t.Fatal("a failed import stored part of its reports")
	}

	// DueReports: wake time before now, soonest first, at most limit.
	due, err := st.DueReports(ctx, t0, 10)
	if err != nil || !slices.Equal(due, []string{followed.Report.TrackingID, held.Report.TrackingID}) {
		t.Fatalf("due at t0: %v %v", due, err)
	}
	if due, _ := st.DueReports(ctx, t0, 1); !slices.Equal(due, []string{followed.Report.TrackingID}) {
		t.Fatalf("limit 1: %v", due)
	}
	if due, _ := st.DueReports(ctx, t0.Add(-30*day), 10); len(due) != 0 {
		t.Fatalf("nothing due before: %v", due)
	}

	// A policy change: Reschedule moves one report, RecomputeSchedules
	// every other open one (and the report without a schedule).
	st.SetScheduleFunc(deadlineFunc(2 * day))
	must(t, st.Reschedule(ctx, held.Report.TrackingID))
	if r, _ := st.ReportByTrackingID(ctx, held.Report.TrackingID); !r.Schedule.DueAt.Equal(t0.Add(-4*day + 2*day)) {
		t.Fatalf("rescheduled: %+v", r.Schedule)
	}
	if r, _ := st.ReportByTrackingID(ctx, followed.Report.TrackingID); !r.Schedule.DueAt.Equal(t0.Add(-7 * day)) {
		t.Fatalf("Reschedule moved another report: %+v", r.Schedule)
	}
	if err := st.Reschedule(ctx, "LPR-NOPE"); !isNotFound(err) {
		t.Fatalf("unknown report: %v", err)
	}
	n, err := st.RecomputeSchedules(ctx)
	if err != nil || n != 3 { // plain, fresh, followed; done is closed, held is current
		t.Fatalf("recomputed %d: %v", n, err)
	}
	if r, _ := st.ReportByTrackingID(ctx, followed.Report.TrackingID); !r.Schedule.DueAt.Equal(t0.Add(-6 * day)) {
		t.Fatalf("after recompute: %+v", r.Schedule)
	}
	if n, err := st.RecomputeSchedules(ctx); err != nil || n != 0 {
		t.Fatalf("second recompute changed %d: %v", n, err)
	}
	// RecomputeSchedules visits every report in a status the domain calls
	// open, and a closed one only while it carries a schedule: with a func
	// that schedules every report, the count says which were visited.
	st.SetScheduleFunc(store.NoDeadlines)
	var byStatus []store.History
	for i, s := range domain.Statuses {
		byStatus = append(byStatus, history("Status "+string(s), t0.Add(-time.Duration(40+i)*day), &unit.ID, pathInto(t, s)...))
	}
	importAll(t, st, byStatus...)
	open := 0
	for _, s := range domain.Statuses {
		if s.Open() {
			open++
		}
	}
	st.SetScheduleFunc(func(r *domain.Report, events []domain.Event) domain.Schedule {
		at := events[len(events)-1].CreatedAt.Add(3 * day)
		return domain.Schedule{DueAt: &at, DueKind: domain.DueFollowUp, WakeAt: &at}
	})
	if n, err := st.RecomputeSchedules(ctx); err != nil || n != open+4 { // and plain, fresh, followed, held of above
		t.Fatalf("recompute visited %d reports: %v, want the %d open ones and 4", n, err, open)
	}
	// Without a func nothing that needs a schedule is written.
	st.SetScheduleFunc(nil)
	if n, err := st.RecomputeSchedules(ctx); !errors.Is(err, store.ErrNoSchedule) || n != 0 {
		t.Fatalf("recompute after removing the func: %d, %v", n, err)
	}
	lost, lostEv := newReport(99)
	if err := st.CreateReport(ctx, lost, lostEv, nil); !errors.Is(err, store.ErrNoSchedule) {
		t.Fatalf("a report written without a schedule func: %v", err)
	}
	if _, err := st.ReportByTrackingID(ctx, lost.TrackingID); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("the refused report was stored: %v", err)
	}
	st.SetScheduleFunc(store.NoDeadlines)
}

func suiteEvaluation(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	unit, err := st.CreateUnit(ctx, "dinkes", "Dinas Kesehatan", "", t0)
	must(t, err)
	cat, err := st.CreateCategory(ctx, "jalan", "Jalan", nil, t0)
	must(t, err)
	from, end := t0, t0.Add(30*day)
	// closedBefore was completed and untouched before the period: left out.
	closedBefore := history("Lama", from.Add(-40*day), &unit.ID, domain.StatusDispositioned, domain.StatusCompleted)
	// openOld is still open: in, whatever its age.
	openOld := history("Terbuka", from.Add(-60*day), &unit.ID, domain.StatusDispositioned)
	// during changes in the period; its last two steps are at and after
	// the end (days 30 and 31).
	during := history("Sekarang", from.Add(27*day), &unit.ID, domain.StatusDispositioned, domain.StatusFollowedUp,
		domain.StatusCompleted, domain.StatusArchived)
	during.Report.CategoryID = &cat.ID
	// after is filed after the end: left out.
	after := history("Nanti", end.Add(day), nil)
	archivedBefore := history("Arsip", from.Add(-50*day), nil, domain.StatusArchived)
	importAll(t, st, closedBefore, openOld, during, after, archivedBefore)
	// A note is not read by the evaluation.
	_, _, err = st.Act(ctx, openOld.Report.TrackingID, func(cur *domain.Report) (*store.Change, error) {
		return keep(cur, domain.Event{Type: domain.EventNoted, ActorRole: domain.RoleAdmin, FromStatus: cur.Status,
			ToStatus: cur.Status, Internal: true, CreatedAt: from.Add(-30 * day)}), nil
	})
	must(t, err)

	var got []*evaluation.Report
	must(t, st.EvaluationTimelines(ctx, from, end, func(r *evaluation.Report) error { got = append(got, r); return nil }))
	if len(got) != 2 || got[0].ID != openOld.Report.ID || got[1].ID != during.Report.ID {
		t.Fatalf("reports: %+v", got)
	}
	o := got[0]
	if o.TrackingID != openOld.Report.TrackingID || o.Kind != domain.KindComplaint || o.Category != "" || len(o.Events) != 1 ||
		o.Events[0].Type != domain.EventVerified || o.Events[0].Unit != unit.ID || !o.Events[0].At.Equal(from.Add(-59*day)) {
		t.Fatalf("open report: %+v", o)
	}
	d := got[1]
	var types []domain.EventType
	for _, e := range d.Events {
		types = append(types, e.Type)
	}
	if d.Category != "jalan" || !slices.Equal(types, []domain.EventType{domain.EventVerified, domain.EventFollowedUp}) {
		t.Fatalf("report of the period: %+v %v", d, types)
	}
	boom := errors.New("boom")
	calls := 0
	if err := st.EvaluationTimelines(ctx, from, end, func(*evaluation.Report) error { calls++; return boom }); !errors.Is(err, boom) || calls != 1 {
		t.Fatalf("fn's error: %v after %d calls", err, calls)
	}

	// Of reports untouched since before the period, exactly those in a
	// status the domain calls open are read (those with an event the
	// evaluation reads: not a bare submission or hold).
	var old []store.History
	for i, s := range domain.Statuses {
		old = append(old, history("Status "+string(s), from.Add(-time.Duration(100+i)*day), &unit.ID, pathInto(t, s)...))
	}
	importAll(t, st, old...)
	want := map[int64]bool{openOld.Report.ID: true, during.Report.ID: true}
	for _, h := range old {
		if h.Report.Status.Open() && slices.ContainsFunc(h.Events, func(e domain.Event) bool {
			return e.Type != domain.EventSubmitted && e.Type != domain.EventHeld
		}) {
			want[h.Report.ID] = true
		}
	}
	read := map[int64]bool{}
	must(t, st.EvaluationTimelines(ctx, from, end, func(r *evaluation.Report) error { read[r.ID] = true; return nil }))
	if !maps.Equal(read, want) {
		t.Fatalf("read %v, want the open ones %v", read, want)
	}

	var ids []int64
	for i := int64(0); i < 600; i++ {
		ids = append(ids, 1<<40+i) // more than one query's worth of ids, the real ones last
	}
	ids = append(ids, openOld.Report.ID, during.Report.ID)
	titles, err := st.ReportTitles(ctx, ids)
	if err != nil || len(titles) != 2 || titles[openOld.Report.ID] != "Terbuka" || titles[during.Report.ID] != "Sekarang" {
		t.Fatalf("ReportTitles: %v %v", titles, err)
	}
	if titles, err := st.ReportTitles(ctx, nil); err != nil || len(titles) != 0 {
		t.Fatalf("no ids: %v %v", titles, err)
	}
}

func suiteAudit(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	unit, err := st.CreateUnit(ctx, "dinkes", "Dinas Kesehatan", "", t0)
	must(t, err)
	a := history("A", t0, &unit.ID, domain.StatusDispositioned, domain.StatusFollowedUp)
	a.Events[len(a.Events)-1].Params = domain.Params{domain.ParamUnit: "Dinas Kesehatan"} // params are in the chain the audit checks
	b := history("B", t0, nil)
	b.Report.Anonymous = true
	c := history("C", t0, &unit.ID, domain.StatusDispositioned)
	c.Report.Confidential = true
	importAll(t, st, a, b, c)
	var seen []store.ChainReport
	var counts []int
	err = st.WalkTimelines(ctx, func(r store.ChainReport, evs []domain.Event) error {
		seen = append(seen, r)
		counts = append(counts, len(evs))
		if i := domain.VerifyChain(r.TrackingID, evs); i != -1 {
			t.Errorf("%s: chain broken at %d", r.TrackingID, i)
		}
		for i, e := range evs {
			if e.Seq != i+1 || e.ReportID != r.ID {
				t.Errorf("%s: event %d is %+v", r.TrackingID, i, e)
			}
		}
		if r.ID == a.Report.ID && evs[len(evs)-1].Params[domain.ParamUnit] != "Dinas Kesehatan" {
			t.Errorf("walk lost the params: %+v", evs[len(evs)-1])
		}
		return nil
	})
	must(t, err)
	if len(seen) != 3 || !slices.Equal(counts, []int{3, 1, 2}) || seen[0].ID != a.Report.ID || seen[0].Version != 3 ||
		seen[0].Status != domain.StatusFollowedUp || *seen[0].UnitID != unit.ID || !seen[1].Anonymous || seen[1].UnitID != nil ||
		!seen[2].Confidential || seen[2].TrackingID != c.Report.TrackingID {
		t.Fatalf("walk: %+v %v", seen, counts)
	}
	boom := errors.New("boom")
	calls := 0
	if err := st.WalkTimelines(ctx, func(store.ChainReport, []domain.Event) error { calls++; return boom }); !errors.Is(err, boom) || calls != 1 {
		t.Fatalf("fn's error: %v after %d calls", err, calls)
	}
}

func suiteNotices(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	st.SetScheduleFunc(remindOnce(t0))
	reports := createReports(t, st, 3)
	now := t0.Add(time.Hour)
	res, err := st.ApplyNotices(ctx, store.NoticeBatch{Now: now, Limit: 2, Skip: []int64{reports[0].ID}, MaxPerReport: 3}, remind(now))
	must(t, err)
	if !slices.Equal(res.Claimed, []int64{reports[1].ID, reports[2].ID}) || len(res.Applied) != 2 ||
		res.Applied[0].Type != domain.EventReminded || res.Applied[1].TrackingID != reports[2].TrackingID || len(res.StillDue) != 0 {
		t.Fatalf("batch: %+v", res)
	}
	if due, _ := st.DueReports(ctx, now, 10); !slices.Equal(due, []string{reports[0].TrackingID}) {
		t.Fatalf("still due: %v", due)
	}
	if res, err := st.ApplyNotices(ctx, store.NoticeBatch{Now: t0.Add(-time.Hour)}, remind(now)); err != nil || len(res.Claimed) != 0 {
		t.Fatalf("nothing due yet: %+v %v", res, err)
	}
	// A notice that changes the report's state writes its search copy too.
	res, err = st.ApplyNotices(ctx, store.NoticeBatch{Now: now, Limit: 5}, func(r *domain.Report) (*store.Change, error) {
		ch, err := remind(now)(r)
		if err == nil {
			ch.Title, ch.Status = "Diarsipkan Otomatis", domain.StatusArchived
			ch.Event.Type, ch.Event.ToStatus = domain.EventArchived, domain.StatusArchived
		}
		return ch, err
	})
	if err != nil || len(res.Applied) != 1 || res.Applied[0].ReportID != reports[0].ID {
		t.Fatalf("archiving notice: %+v %v", res, err)
	}
	if rs, _, err := st.ListReports(ctx, store.Filter{Query: "DIARSIPKAN"}); err != nil || len(rs) != 1 || rs[0].ID != reports[0].ID ||
		rs[0].Status != domain.StatusArchived {
		t.Fatalf("search after the notice: %v %v", trackingIDs(rs), err)
	}
}
