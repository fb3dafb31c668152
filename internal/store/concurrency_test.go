package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/workdays"
)

// The concurrent cases of the store, on both databases. SQLite serialises
// writers, so they hold there by construction; on PostgreSQL (READ
// COMMITTED by default) each needs its lock, upsert or SERIALIZABLE retry.

// race runs fn(i) for i in [0, n) in goroutines released together and
// returns their errors.
func race(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = fn(i)
		}()
	}
	close(start)
	wg.Wait()
	return errs
}

// warm opens n connections of a PostgreSQL store's pool at once, so that
// a race's goroutines start their transactions together rather than one
// after another while each connects.
func warm(t *testing.T, st *store.Store, n int) {
	t.Helper()
	if st.Dialect() != store.Postgres {
		return
	}
	for _, err := range race(n, func(int) error {
		_, err := st.DB().ExecContext(context.Background(), `SELECT pg_sleep(0.05)`)
		return err
	}) {
		must(t, err)
	}
}

// Two moves that together would close a loop (a under b, b under a): one
// succeeds and the other is refused as a cycle, every time.
func TestConcurrentUnitMovesMakeNoCycle(t *testing.T) {
	each(t, func(t *testing.T, _ string, st *store.Store) {
		ctx := context.Background()
		for _, c := range []string{"a", "b"} {
			if _, err := st.CreateUnit(ctx, c, c, "", t0); err != nil {
				t.Fatal(err)
			}
		}
		for round := 0; round < 30; round++ {
			must(t, st.UpdateUnit(ctx, "a", "a", ""))
			must(t, st.UpdateUnit(ctx, "b", "b", ""))
			errs := race(2, func(i int) error {
				if i == 0 {
					return st.UpdateUnit(ctx, "a", "a", "b")
				}
				return st.UpdateUnit(ctx, "b", "b", "a")
			})
			moved, refused := 0, 0
			for _, err := range errs {
				switch {
				case err == nil:
					moved++
				case fieldKey(err, "parent") == "field.unit.cycle":
					refused++
				default:
					t.Fatalf("round %d: %v", round, err)
				}
			}
			units, err := st.ListUnits(ctx)
			must(t, err)
			if moved != 1 || refused != 1 || hasCycle(units) {
				t.Fatalf("round %d: %d moves accepted, %d refused; units %+v", round, moved, refused, units)
			}
		}
	})
}

func hasCycle(units []domain.Unit) bool {
	parent := map[int64]*int64{}
	for _, u := range units {
		parent[u.ID] = u.ParentID
	}
	for _, u := range units {
		p := u.ParentID
		for steps := 0; p != nil; steps++ {
			if steps > len(units) {
				return true
			}
			p = parent[*p]
		}
	}
	return false
}

// Imports of the same category tree at once all succeed and leave one row
// per code.
func TestConcurrentCategoryImports(t *testing.T) {
	each(t, func(t *testing.T, _ string, st *store.Store) {
		ctx := context.Background()
		for round := 0; round < 5; round++ {
			var tree []store.CategoryNode
			for i := 0; i < 3; i++ {
				top := store.CategoryNode{Code: fmt.Sprintf("r%d.c%d", round, i), Name: fmt.Sprintf("Kategori %d", i)}
				for j := 0; j < 3; j++ {
					top.Children = append(top.Children, store.CategoryNode{Code: fmt.Sprintf("%s.%d", top.Code, j), Name: "Sub"})
				}
				tree = append(tree, top)
			}
			errs := race(8, func(i int) error {
				if i%4 == 3 {
					_, err := st.CreateCategory(ctx, tree[0].Code, tree[0].Name, nil, t0)
					return err
				}
				_, err := st.ImportCategories(ctx, tree, t0)
				return err
			})
			for i, err := range errs {
				if err != nil {
					t.Fatalf("round %d, import %d: %v", round, i, err)
				}
			}
		}
		all, err := st.ListCategories(ctx)
		must(t, err)
		codes := map[string]int{}
		byID := map[int64]domain.Category{}
		for _, c := range all {
			codes[c.Code]++
			byID[c.ID] = c
		}
		if len(all) != 5*12 || len(codes) != len(all) {
			t.Fatalf("%d categories, %d codes, want 60", len(all), len(codes))
		}
		for _, c := range all {
			if c.ParentID != nil && byID[*c.ParentID].Code+"."+c.Code[len(c.Code)-1:] != c.Code {
				t.Fatalf("%s under %s", c.Code, byID[*c.ParentID].Code)
			}
		}
	})
}

// Nodes seeding at once seed exactly once; admins adding the same day at
// once get one success and "exists" for the others.
func TestConcurrentHolidayWrites(t *testing.T) {
	each(t, func(t *testing.T, _ string, st *store.Store) {
		ctx := context.Background()
		seed := []workdays.Holiday{{Date: date(t, "2026-12-25"), Kind: workdays.KindLiburNasional, Name: "Natal"}}
		warm(t, st, 6)
		for round := 0; round < 10; round++ {
			if round > 0 { // as if the database were new
				for _, q := range []string{`DELETE FROM holidays`, `DELETE FROM settings`} {
					if _, err := st.DB().ExecContext(ctx, q); err != nil {
						t.Fatal(err)
					}
				}
			}
			seeded := make([]bool, 6)
			for i, err := range race(6, func(i int) (err error) {
				seeded[i], err = st.SeedHolidays(ctx, seed, t0)
				return err
			}) {
				if err != nil {
					t.Fatalf("round %d, seed %d: %v", round, i, err)
				}
			}
			n := 0
			for _, ok := range seeded {
				if ok {
					n++
				}
			}
			if hs, err := st.ListHolidays(ctx); n != 1 || err != nil || len(hs) != 1 {
				t.Fatalf("round %d: %d of 6 nodes seeded: %v %v", round, n, hs, err)
			}
			if v, err := st.PolicyVersion(ctx); err != nil || v != 1 {
				t.Fatalf("round %d: policy version %d after seeding: %v", round, v, err)
			}
		}
		for round := 0; round < 10; round++ {
			h := workdays.Holiday{Date: date(t, fmt.Sprintf("2027-01-%02d", round+1)), Kind: workdays.KindOther, Name: "Libur"}
			added, exists := 0, 0
			for _, err := range race(6, func(int) error { return st.AddHoliday(ctx, h, t0) }) {
				switch {
				case err == nil:
					added++
				case fieldKey(err, "date") == "field.holiday.exists":
					exists++
				default:
					t.Fatalf("round %d: %v", round, err)
				}
			}
			if added != 1 || exists != 5 {
				t.Fatalf("round %d: %d added, %d refused", round, added, exists)
			}
		}
	})
}

// A database error met while moving a unit is reported as such, not as an
// unknown parent. PostgreSQL refuses a parent code that is not UTF-8 (a
// real error of the query); SQLite stores any bytes, so there the code is
// merely unknown.
func TestUnitMoveReportsDatabaseErrors(t *testing.T) {
	each(t, func(t *testing.T, _ string, st *store.Store) {
		ctx := context.Background()
		if _, err := st.CreateUnit(ctx, "a", "a", "", t0); err != nil {
			t.Fatal(err)
		}
		err := st.UpdateUnit(ctx, "a", "a", "\xff\xfe")
		if st.Dialect() == store.SQLite {
			if fieldKey(err, "parent") != "field.unit.unknown" {
				t.Fatalf("SQLite: %v", err)
			}
			return
		}
		if err == nil || domain.ErrorCode(err) != domain.CodeInternal || fieldKey(err, "parent") != "" {
			t.Fatalf("PostgreSQL: a failed query was reported as %v", err)
		}
	})
}
