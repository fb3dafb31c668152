package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// suiteSearchOrder checks how a search lists its matches in the default
// order: newest filed first, the report named by tracking ID on top and
// once only, the same pages by offset and by cursor, a cursor walk that
// neither repeats nor skips a report while new ones arrive, counts that
// agree with the list and stop at the cap.
func suiteSearchOrder(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	var matches []*domain.Report // "jalan", in the order filed
	for i := range 25 {
		r, ev := newReport(i)
		r.Title, r.Body = fmt.Sprintf("Jalan rusak nomor %d", i), "Lubang di jalan poros."
		must(t, st.CreateReport(ctx, r, ev, nil))
		matches = append(matches, r)
		if i%5 == 0 { // reports that do not match, between the others
			o, oev := newReport(100 + i)
			o.Title, o.Body = "Lampu taman mati", "Gelap setiap malam."
			must(t, st.CreateReport(ctx, o, oev, nil))
		}
	}
	newestFirst := slices.Clone(matches)
	slices.Reverse(newestFirst)
	ids := func(rs []*domain.Report) []int64 {
		out := make([]int64, len(rs))
		for i, r := range rs {
			out[i] = r.ID
		}
		return out
	}

	all, total, err := st.ListReports(ctx, store.Filter{Query: "jalan", Limit: 100})
	must(t, err)
	if total != 25 || !slices.Equal(ids(all), ids(newestFirst)) {
		t.Fatalf("jalan: total %d, ids %v, want 25 newest filed first %v", total, ids(all), ids(newestFirst))
	}
	// The inbox's default (last updated) lists a search the same way.
	upd, _, err := st.ListReports(ctx, store.Filter{Query: "jalan", Updated: true, Limit: 100})
	must(t, err)
	if !slices.Equal(ids(upd), ids(newestFirst)) {
		t.Fatalf("jalan, updated order: %v", ids(upd))
	}
	if n, err := st.CountReports(ctx, store.Filter{Query: "jal"}); err != nil || n != 25 {
		t.Fatalf("count of a prefix: %d, %v", n, err)
	}

	// Pages by offset and by cursor are the same pages; a report filed
	// during the walk is newer than the cursor and so never shown twice or
	// in place of another.
	f := store.Filter{Query: "jalan rusak", Limit: 7}
	var walked []int64
	for page := 0; ; page++ {
		rs, total, err := st.ListReports(ctx, f)
		must(t, err)
		if total != 25+page && page > 0 && total < 25 {
			t.Fatalf("page %d: total %d", page, total)
		}
		byOffset, _, err := st.ListReports(ctx, store.Filter{Query: "jalan rusak", Limit: 7, Offset: page * 7})
		must(t, err)
		if page == 0 && !slices.Equal(ids(rs), ids(byOffset)) {
			t.Fatalf("first page by cursor %v, by offset %v", ids(rs), ids(byOffset))
		}
		walked = append(walked, ids(rs)...)
		if len(rs) < 7 {
			break
		}
		late, ev := newReport(200 + page)
		late.Title = "Jalan rusak lagi"
		must(t, st.CreateReport(ctx, late, ev, nil))
		f.After = f.Cursor(rs[len(rs)-1])
	}
	if !slices.Equal(walked, ids(newestFirst)) {
		t.Fatalf("cursor walk %v, want %v", walked, ids(newestFirst))
	}

	// A tracking ID comes first, before a report that only mentions it,
	// and once; with lower case, spaces and no dash as typed.
	named := matches[3]
	mention, ev := newReport(300)
	mention.Title, mention.Body = "Tindak lanjut", "Lihat laporan "+named.TrackingID+" yang belum selesai."
	must(t, st.CreateReport(ctx, mention, ev, nil))
	typed := strings.ToLower(strings.ReplaceAll(named.TrackingID, "-", " "))
	rs, total, err := st.ListReports(ctx, store.Filter{Query: typed, Limit: 10})
	must(t, err)
	if total != 2 || !slices.Equal(ids(rs), []int64{named.ID, mention.ID}) {
		t.Fatalf("tracking ID %q: total %d, ids %v, want [%d %d]", typed, total, ids(rs), named.ID, mention.ID)
	}
	if n, err := st.CountReports(ctx, store.Filter{Query: typed}); err != nil || n != 2 {
		t.Fatalf("count of a tracking ID: %d, %v", n, err)
	}
	one := store.Filter{Query: typed, Limit: 1}
	first, _, err := st.ListReports(ctx, one)
	must(t, err)
	one.After = one.Cursor(first[0])
	second, _, err := st.ListReports(ctx, one)
	must(t, err)
	one.After = one.Cursor(second[0])
	third, _, err := st.ListReports(ctx, one)
	must(t, err)
	if !slices.Equal(ids(first), []int64{named.ID}) || !slices.Equal(ids(second), []int64{mention.ID}) || len(third) != 0 {
		t.Fatalf("pages of one: %v %v %v", ids(first), ids(second), ids(third))
	}
	if rs, _, err := st.ListReports(ctx, store.Filter{Query: typed, Limit: 1, Offset: 1}); err != nil || !slices.Equal(ids(rs), []int64{mention.ID}) {
		t.Fatalf("second page by offset: %v, %v", ids(rs), err)
	}
	// The report named passes the other filters like any match.
	rs, total, err = st.ListReports(ctx, store.Filter{Query: named.TrackingID, Kind: domain.KindAspiration})
	must(t, err)
	if total != 0 || len(rs) != 0 {
		t.Fatalf("tracking ID under another kind: total %d, %v", total, ids(rs))
	}

	// A cursor of another order, or a forged sort key, is refused.
	if _, _, err := st.ListReports(ctx, store.Filter{Query: "jalan", After: store.Filter{}.Cursor(matches[0])}); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("cursor of the newest order in a search: %v", err)
	}

	// Counts stop past the cap, the named report included.
	defer store.SetCountCap(5)()
	if n, err := st.CountReports(ctx, store.Filter{Query: "jalan"}); err != nil || n != 6 {
		t.Fatalf("capped count: %d, %v", n, err)
	}
	if _, total, err := st.ListReports(ctx, store.Filter{Query: "jalan " + matches[0].TrackingID}); err != nil || total > 6 {
		t.Fatalf("capped total: %d, %v", total, err)
	}
}
