package store_test

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/workdays"
)

// The store's own suite. Every case runs on a fresh SQLite store and on a
// fresh PostgreSQL store (each), and names the exported methods of
// *store.Store it exercises. TestSuiteCoversEveryMethod lists the methods
// by reflection and fails when one is named by no case, so a new method
// comes with its test.

type suiteCase struct {
	name    string
	methods []string
	run     func(t *testing.T, dsn string, st *store.Store)
}

var storeSuite = []suiteCase{
	{"Handle", []string{"Dialect", "DB", "Ping", "Migrate", "Close"}, suiteHandle},
	{"Units", []string{"CreateUnit", "UnitByCode", "ListUnits", "UpdateUnit"}, suiteUnits},
	{"Categories", []string{"CreateCategory", "ImportCategories", "CategoryByCode", "ListCategories", "CategoriesByID"}, suiteCategories},
	{"HeldUploads", []string{"HoldUploads", "HeldUploads", "DropHeldUploads"}, suiteHeldUploads},
	{"ReplyTemplates", []string{"SaveReplyTemplate", "DeleteReplyTemplate", "ReplyTemplates"}, suiteReplyTemplates},
	{"Backup", []string{"Backup", "Check"}, suiteBackup},
	{"Migrations", []string{"PendingMigrations"}, suiteMigrations},
	{"Metrics", []string{"OpenByUnit", "OutboxCounts"}, suiteMetrics},
	{"OpenData", []string{"PublicReportsAfter", "FirstEvents"}, suiteOpenData},
	{"PublicMap", []string{"PublicPoints", "PublicPlaces", "PublicNewest"}, suitePublicMap},
	{"PublicListWalk", []string{"ListReports"}, suitePublicListWalk},
	{"PublicStatistics", []string{"PublicStatistics", "EvaluationTimelines", "LastReportID", "NewestReports", "PublicAddresses"}, suitePublicStatistics},
	{"CategoryAdmin", []string{"UpdateCategory", "OrderCategories", "CategoryUsage", "ListCategories", "CategoriesByID"}, suiteCategoryAdmin},
	{"Users", []string{"CreateUser", "UserByEmail", "UserByID", "ListUsers", "SetPassword", "DeleteUserSessions",
		"SetUserDisabled", "TOTPEnabledUsers"}, suiteUsers},
	{"Sessions", []string{"CreateSession", "SessionByHash", "TouchSession", "DeleteSession"}, suiteSessions},
	{"LoginGuard", []string{"LoginGuard", "StartTOTP", "EnableTOTP", "DisableTOTP", "UseTOTPStep"}, suiteLoginGuard},
	{"LoginAttempts", []string{"CountLoginAttempt", "ClearLoginAttempts"}, suiteLoginAttempts},
	{"Settings", []string{"Setting", "PutSetting", "PolicySetting", "PutPolicySetting", "PolicyVersion"}, suiteSettings},
	{"Holidays", []string{"SeedHolidays", "ListHolidays", "AddHoliday", "RemoveHoliday", "ImportHolidays"}, suiteHolidays},
	{"Citizens", []string{"CreateCitizen", "CitizenByLookup", "CitizenByID", "LinkAccountReport", "AccountReportsByTag",
		"AccountReportByID"}, suiteCitizens},
	{"LegacyCitizens", []string{"LegacyCitizens", "SealLegacyCitizen", "LegacyLinks", "UnlinkLegacyLink"}, suiteLegacyCitizens},
	{"InstanceSecrets", []string{"InstanceSecret", "AddInstanceSecret"}, suiteInstanceSecrets},
	{"Reports", []string{"CreateReport", "ReportByTrackingID", "Events", "Attachments", "AttachmentData", "Act"}, suiteReports},
	{"ListReports", []string{"ListReports", "CountReports"}, suiteListReports},
	{"Search", []string{"ListReports", "Act"}, suiteSearch},
	{"SearchOrder", []string{"ListReports", "CountReports"}, suiteSearchOrder},
	{"Schedules", []string{"SetScheduleFunc", "ImportReports", "DueReports", "Reschedule", "RecomputeSchedules"}, suiteSchedules},
	{"Evaluation", []string{"EvaluationTimelines", "ReportTitles"}, suiteEvaluation},
	{"Audit", []string{"WalkTimelines"}, suiteAudit},
	{"Chain", []string{"SetChainKey", "HasKeyedEvents", "HasUnsealedPlainChains", "RekeyPlainChains", "MarkPlainChainsSealed", "WalkTimelines"}, suiteChain},
	{"Sealed", []string{"Reseal", "SealedKeyUsage", "HasSealedValues"}, suiteSealed},
	{"Notices", []string{"ApplyNotices"}, suiteNotices},
	{"APIKeys", []string{"AddAPIKey", "APIKeyByHash", "APIKeys", "RevokeAPIKey"}, suiteAPIKeys},
	{"ChannelMessages", []string{"CreateChannelReport", "ChannelReply"}, suiteChannelMessages},
	{"Conversations", []string{"ChannelSeen", "Conversation", "ConversationStep", "FileConversation", "ChannelReplyOfReport",
		"DropConversations"}, suiteConversations},
	{"Outbox", []string{"ClaimDeliveries", "FinishDelivery", "ListDeliveries", "RetryDelivery", "CreateReport", "Act"}, suiteOutbox},
	{"OutboxChannels", []string{"CreateReport", "Act", "ListDeliveries"}, suiteOutboxChannels},
	{"OutboxClaimRace", []string{"ClaimDeliveries"}, suiteOutboxClaimRace},
	{"StaffNotify", []string{"SetNotifyPrefs", "NotifyPrefs", "SetUnitHead", "UnitHeads", "BuildDigests", "DigestNotices",
		"EnqueueMail", "CreateReport", "Act", "ListDeliveries", "ClaimDeliveries", "FinishDelivery"}, suiteStaffNotify},
	{"MailStops", []string{"StopReporterMail", "ReporterMailStopped"}, suiteMailStops},
	{"MailTokens", []string{"CreateMailToken", "ResetPasswordByToken", "VerifyCitizenByToken", "CreateCitizen", "CitizenByID"}, suiteMailTokens},
	{"ReportSources", []string{"CreateSourcedReport", "ReportSource", "CreateReport", "ReportByTrackingID"}, suiteReportSources},
	{"Webhooks", []string{"AddWebhook", "Webhooks", "Webhook", "DeleteWebhook", "CreateReport", "Act", "ListDeliveries"}, suiteWebhooks},
	{"Areas", []string{"CreateArea", "UpdateArea", "ListAreas", "CreateReport", "ListReports"}, suiteAreas},
	{"Supports", []string{"AddSupport", "SupportCounts", "ListReports"}, suiteSupports},
	{"Triage", []string{"TriageExamples", "SetUnitKeywords", "UnitKeywords"}, suiteTriage},
	{"Duplicates", []string{"OpenPublicReports", "SetDuplicateRadius", "DuplicateRadii", "Act", "AddSupport", "SupportCounts", "ListDeliveries"}, suiteDuplicates},
	{"InfoRequests", []string{"PPIDUnitIDs", "ListReports", "CountReports", "CreateReport", "Events"}, suiteInfoRequests},
	{"Replica", []string{"UseReplica", "ReplicaHealthy", "ReportByTrackingID"}, suiteReplica},
}

func TestStore(t *testing.T) {
	for _, c := range storeSuite {
		t.Run(c.name, func(t *testing.T) { each(t, c.run) })
	}
}

// TestSuiteCoversEveryMethod fails when an exported method of *store.Store
// is named by no case of the suite, or a case names one that is gone.
func TestSuiteCoversEveryMethod(t *testing.T) {
	named := map[string]bool{}
	for _, c := range storeSuite {
		for _, m := range c.methods {
			named[m] = true
		}
	}
	typ := reflect.TypeOf((*store.Store)(nil))
	if typ.NumMethod() < 60 {
		t.Fatalf("only %d exported methods found: is reflection looking at the right type?", typ.NumMethod())
	}
	have := map[string]bool{}
	for i := 0; i < typ.NumMethod(); i++ {
		m := typ.Method(i).Name
		have[m] = true
		if !named[m] {
			t.Errorf("store.(*Store).%s is exercised by no case of storeSuite: add a test and name it there", m)
		}
	}
	for m := range named {
		if !have[m] {
			t.Errorf("storeSuite names %s, which *store.Store does not have", m)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// fieldKey returns the catalogue key err gives for field, "" if none.
func fieldKey(err error, field string) string {
	var e *domain.Error
	if errors.As(err, &e) && e.Code == domain.CodeInvalid {
		return e.Fields[field]
	}
	return ""
}

func isNotFound(err error) bool { return errors.Is(err, domain.ErrNotFound) }

func suiteHandle(t *testing.T, dsn string, st *store.Store) {
	ctx := context.Background()
	want := store.SQLite
	if store.IsPostgresURL(dsn) {
		want = store.Postgres
	}
	if st.Dialect() != want {
		t.Fatalf("dialect %s, want %s", st.Dialect(), want)
	}
	must(t, st.Ping(ctx))
	count := func() int {
		var n int
		must(t, st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n))
		return n
	}
	applied := count()
	if applied < 5 {
		t.Fatalf("%d migrations recorded", applied)
	}

	// Migrate fills the search copy of reports stored without one, and
	// applies nothing twice.
	r, ev := newReport(1)
	r.Title = "Trotoar RUSAK"
	must(t, st.CreateReport(ctx, r, ev, nil))
	if _, err := st.DB().ExecContext(ctx, `UPDATE reports SET search_text = NULL`); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := st.ListReports(ctx, store.Filter{Query: "rusak"}); n != 0 {
		t.Fatalf("a report without its search copy was found (%d)", n)
	}
	must(t, st.Migrate(ctx))
	if count() != applied {
		t.Fatalf("migrations recorded went from %d to %d", applied, count())
	}
	if _, n, err := st.ListReports(ctx, store.Filter{Query: "rusak"}); err != nil || n != 1 {
		t.Fatalf("search copy not filled by Migrate: %d %v", n, err)
	}

	other, err := store.Open(ctx, dsn)
	must(t, err)
	must(t, other.Close())
	if other.Ping(ctx) == nil {
		t.Error("a closed store answers Ping")
	}
	r2, ev2 := newReport(2)
	if other.CreateReport(ctx, r2, ev2, nil) == nil {
		t.Error("a closed store accepted a report")
	}
	must(t, st.Ping(ctx)) // closing one store leaves the others alone
}

func suiteUnits(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	root, err := st.CreateUnit(ctx, "dinkes", "Dinas Kesehatan", "", t0)
	must(t, err)
	if root.ID == 0 || root.ParentID != nil || root.Code != "dinkes" {
		t.Fatalf("root: %+v", root)
	}
	child, err := st.CreateUnit(ctx, "rsud", "RSUD Taman Husada", "dinkes", t0)
	must(t, err)
	grand, err := st.CreateUnit(ctx, "igd", "IGD", "rsud", t0)
	must(t, err)
	other, err := st.CreateUnit(ctx, "dishub", "Dinas Perhubungan", "", t0)
	must(t, err)
	if child.ParentID == nil || *child.ParentID != root.ID || grand.ParentID == nil || *grand.ParentID != child.ID {
		t.Fatalf("parents: %+v %+v", child, grand)
	}
	if _, err := st.CreateUnit(ctx, "rsud", "again", "", t0); fieldKey(err, "code") != "field.code.taken" {
		t.Fatalf("duplicate code: %v", err)
	}
	if _, err := st.CreateUnit(ctx, "x", "x", "nope", t0); fieldKey(err, "parent") != "field.unit.unknown" {
		t.Fatalf("unknown parent: %v", err)
	}

	got, err := st.UnitByCode(ctx, "igd")
	if err != nil || got.ID != grand.ID || got.Code != "igd" || got.Name != "IGD" || got.ParentID == nil || *got.ParentID != child.ID {
		t.Fatalf("UnitByCode: %+v %v", got, err)
	}
	if _, err := st.UnitByCode(ctx, "nope"); !isNotFound(err) {
		t.Fatalf("unknown code: %v", err)
	}
	units, err := st.ListUnits(ctx)
	must(t, err)
	var names []string
	for _, u := range units {
		names = append(names, u.Name)
	}
	if want := []string{"Dinas Kesehatan", "Dinas Perhubungan", "IGD", "RSUD Taman Husada"}; !slices.Equal(names, want) {
		t.Fatalf("ListUnits order: %v", names)
	}

	for _, bad := range []string{"dinkes", "rsud", "igd"} {
		if err := st.UpdateUnit(ctx, "dinkes", "Dinas Kesehatan", bad); fieldKey(err, "parent") != "field.unit.cycle" {
			t.Fatalf("dinkes under %s: %v", bad, err)
		}
	}
	if err := st.UpdateUnit(ctx, "rsud", "RSUD", "nope"); fieldKey(err, "parent") != "field.unit.unknown" {
		t.Fatalf("move under unknown: %v", err)
	}
	if err := st.UpdateUnit(ctx, "nope", "x", ""); !isNotFound(err) {
		t.Fatalf("move of unknown: %v", err)
	}
	// Rename and move the hospital under the other department, then to the top.
	must(t, st.UpdateUnit(ctx, "rsud", "RSUD Bontang", "dishub"))
	got, _ = st.UnitByCode(ctx, "rsud")
	if got.Name != "RSUD Bontang" || got.ParentID == nil || *got.ParentID != other.ID {
		t.Fatalf("after move: %+v", got)
	}
	units, _ = st.ListUnits(ctx)
	if d := domain.Descendants(units, root.ID); len(d) != 1 {
		t.Fatalf("dinkes keeps %v", d)
	}
	if d := domain.Descendants(units, other.ID); len(d) != 3 {
		t.Fatalf("dishub holds %v", d)
	}
	must(t, st.UpdateUnit(ctx, "rsud", "RSUD Bontang", ""))
	if got, _ = st.UnitByCode(ctx, "rsud"); got.ParentID != nil {
		t.Fatalf("not at the top: %+v", got)
	}
}

func suiteCategories(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	c, err := st.CreateCategory(ctx, "jalan", "Jalan", nil, t0)
	must(t, err)
	again, err := st.CreateCategory(ctx, "jalan", "Jalan dan Trotoar", nil, t0)
	if err != nil || again.ID != c.ID {
		t.Fatalf("same code again: %+v %v", again, err)
	}
	tree := []store.CategoryNode{
		{Code: "air", Name: "Air Bersih", Children: []store.CategoryNode{{Code: "air.pdam", Name: "PDAM"}, {Code: "air.sumur", Name: "Sumur"}}},
		{Code: "jalan", Name: "Jalan Raya", Children: []store.CategoryNode{{Code: "jalan.lubang", Name: "Lubang"}}},
	}
	for i := 0; i < 2; i++ { // imports are repeatable
		n, err := st.ImportCategories(ctx, tree, t0)
		if err != nil || n != 5 {
			t.Fatalf("import %d: %d %v", i, n, err)
		}
	}
	j, err := st.CategoryByCode(ctx, "jalan")
	if err != nil || j.ID != c.ID || j.Name != "Jalan Raya" || j.ParentID != nil {
		t.Fatalf("jalan after import: %+v %v", j, err)
	}
	air, _ := st.CategoryByCode(ctx, "air")
	pdam, err := st.CategoryByCode(ctx, "air.pdam")
	if err != nil || pdam.ParentID == nil || *pdam.ParentID != air.ID {
		t.Fatalf("child: %+v %v", pdam, err)
	}
	if _, err := st.CategoryByCode(ctx, "nope"); !isNotFound(err) {
		t.Fatalf("unknown: %v", err)
	}
	all, err := st.ListCategories(ctx)
	must(t, err)
	var codes []string
	for _, c := range all {
		codes = append(codes, c.Code)
	}
	if want := []string{"air", "jalan", "jalan.lubang", "air.pdam", "air.sumur"}; !slices.Equal(codes, want) {
		t.Fatalf("ListCategories by name: %v", codes)
	}
	m, err := st.CategoriesByID(ctx, []int64{pdam.ID, air.ID, 1 << 40})
	if err != nil || len(m) != 2 || m[pdam.ID].Code != "air.pdam" || m[air.ID].Name != "Air Bersih" {
		t.Fatalf("CategoriesByID: %v %v", m, err)
	}
	if m, err := st.CategoriesByID(ctx, nil); err != nil || m == nil || len(m) != 0 {
		t.Fatalf("no ids: %v %v", m, err)
	}
}

func suiteUsers(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	unit, err := st.CreateUnit(ctx, "dinkes", "Dinas Kesehatan", "", t0)
	must(t, err)
	a := &domain.User{Email: "b@bontang.go.id", Name: "Budi", Role: domain.RoleOfficer, UnitID: &unit.ID, PasswordHash: "h1", CreatedAt: t0}
	b := &domain.User{Email: "a@bontang.go.id", Name: "Ani", Role: domain.RoleAdmin, PasswordHash: "h2", CreatedAt: t0}
	must(t, st.CreateUser(ctx, a))
	must(t, st.CreateUser(ctx, b))
	if err := st.CreateUser(ctx, &domain.User{Email: a.Email, Role: domain.RoleAdmin, CreatedAt: t0}); fieldKey(err, "email") != "field.email.taken" {
		t.Fatalf("duplicate e-mail: %v", err)
	}
	got, err := st.UserByEmail(ctx, a.Email)
	if err != nil || got.ID != a.ID || got.Name != "Budi" || got.Role != domain.RoleOfficer || got.UnitID == nil ||
		*got.UnitID != unit.ID || got.PasswordHash != "h1" || got.Disabled || !got.CreatedAt.Equal(t0) {
		t.Fatalf("UserByEmail: %+v %v", got, err)
	}
	if got, err := st.UserByID(ctx, b.ID); err != nil || got.Email != b.Email || got.UnitID != nil {
		t.Fatalf("UserByID: %+v %v", got, err)
	}
	if _, err := st.UserByEmail(ctx, "nope@x"); !isNotFound(err) {
		t.Fatalf("unknown e-mail: %v", err)
	}
	if _, err := st.UserByID(ctx, b.ID+100); !isNotFound(err) {
		t.Fatalf("unknown id: %v", err)
	}
	list, err := st.ListUsers(ctx)
	if err != nil || len(list) != 2 || list[0].ID != b.ID || list[1].ID != a.ID {
		t.Fatalf("ListUsers by e-mail: %+v %v", list, err)
	}

	session := func(hash string, owner int64) {
		t.Helper()
		must(t, st.CreateSession(ctx, store.StaffSessions, hash, owner, t0, t0.Add(time.Hour)))
	}
	alive := func(hash string) bool {
		t.Helper()
		_, err := st.SessionByHash(ctx, store.StaffSessions, hash)
		if err != nil && !isNotFound(err) {
			t.Fatal(err)
		}
		return err == nil
	}
	session("a1", a.ID)
	session("a2", a.ID)
	session("b1", b.ID)
	must(t, st.SetPassword(ctx, a.ID, "h3"))
	if got, _ := st.UserByID(ctx, a.ID); got.PasswordHash != "h3" {
		t.Fatalf("password not set: %+v", got)
	}
	if alive("a1") || alive("a2") || !alive("b1") {
		t.Fatal("SetPassword must end exactly the user's sessions")
	}
	session("a3", a.ID)
	must(t, st.DeleteUserSessions(ctx, b.ID))
	if alive("b1") || !alive("a3") {
		t.Fatal("DeleteUserSessions must end exactly the user's sessions")
	}
	must(t, st.SetUserDisabled(ctx, a.ID, true))
	if got, _ := st.UserByID(ctx, a.ID); !got.Disabled || alive("a3") {
		t.Fatal("disabling must mark the user and end its sessions")
	}
	must(t, st.SetUserDisabled(ctx, a.ID, false))
	if got, _ := st.UserByID(ctx, a.ID); got.Disabled {
		t.Fatal("not enabled again")
	}
	if err := st.SetUserDisabled(ctx, a.ID+100, true); !isNotFound(err) {
		t.Fatalf("unknown user: %v", err)
	}
	if m, err := st.TOTPEnabledUsers(ctx); err != nil || len(m) != 0 {
		t.Fatalf("before enrolment: %v %v", m, err)
	}
	must(t, st.StartTOTP(ctx, b.ID, []byte("sealed")))
	if m, _ := st.TOTPEnabledUsers(ctx); len(m) != 0 {
		t.Fatal("an unconfirmed second factor counts as on")
	}
	must(t, st.EnableTOTP(ctx, b.ID, 1))
	if m, _ := st.TOTPEnabledUsers(ctx); !m[b.ID] || len(m) != 1 {
		t.Fatalf("after enrolment: %v", m)
	}
}

func suiteSessions(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	u := &domain.User{Email: "a@bontang.go.id", Role: domain.RoleAdmin, PasswordHash: "h", CreatedAt: t0}
	must(t, st.CreateUser(ctx, u))
	c := &store.Citizen{EmailLookup: "digest", SealedEmail: []byte("sealed"), PasswordHash: "h", CreatedAt: t0}
	must(t, st.CreateCitizen(ctx, c))
	exp := t0.Add(24 * time.Hour)
	must(t, st.CreateSession(ctx, store.StaffSessions, "staff", u.ID, t0, exp))
	must(t, st.CreateSession(ctx, store.CitizenSessions, "citizen", c.ID, t0, exp))
	if st.CreateSession(ctx, store.StaffSessions, "staff", u.ID, t0, exp) == nil {
		t.Fatal("a token hash was stored twice")
	}
	s, err := st.SessionByHash(ctx, store.StaffSessions, "staff")
	if err != nil || s.OwnerID != u.ID || !s.CreatedAt.Equal(t0) || !s.LastSeenAt.Equal(t0) || !s.ExpiresAt.Equal(exp) {
		t.Fatalf("staff session: %+v %v", s, err)
	}
	if s, err := st.SessionByHash(ctx, store.CitizenSessions, "citizen"); err != nil || s.OwnerID != c.ID {
		t.Fatalf("citizen session: %+v %v", s, err)
	}
	// The kinds are kept apart.
	if _, err := st.SessionByHash(ctx, store.CitizenSessions, "staff"); !isNotFound(err) {
		t.Fatalf("staff token as a citizen: %v", err)
	}
	if _, err := st.SessionByHash(ctx, store.StaffSessions, "citizen"); !isNotFound(err) {
		t.Fatalf("citizen token as staff: %v", err)
	}
	seen := t0.Add(time.Hour)
	must(t, st.TouchSession(ctx, store.StaffSessions, "staff", seen))
	if s, _ := st.SessionByHash(ctx, store.StaffSessions, "staff"); !s.LastSeenAt.Equal(seen) || !s.CreatedAt.Equal(t0) {
		t.Fatalf("touched: %+v", s)
	}
	must(t, st.DeleteSession(ctx, store.StaffSessions, "staff"))
	if _, err := st.SessionByHash(ctx, store.StaffSessions, "staff"); !isNotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
	if _, err := st.SessionByHash(ctx, store.CitizenSessions, "citizen"); err != nil {
		t.Fatalf("the other kind's session went too: %v", err)
	}
	must(t, st.DeleteSession(ctx, store.CitizenSessions, "citizen"))
	if _, err := st.SessionByHash(ctx, store.CitizenSessions, "citizen"); !isNotFound(err) {
		t.Fatalf("citizen after delete: %v", err)
	}
}

// suiteLoginAttempts: attempts are counted before the check, a lock
// refuses without counting, a lock that ended lets the next attempt be
// counted (and locks again at once), parallel attempts are each counted
// once, keys are separate, and a success clears.
func suiteLoginAttempts(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	lockAt3 := func(n int) time.Duration {
		if n >= 3 {
			return time.Duration(n) * time.Minute
		}
		return 0
	}
	for i := 1; i <= 3; i++ {
		until, err := st.CountLoginAttempt(ctx, "k", t0, lockAt3)
		if err != nil || until != nil {
			t.Fatalf("attempt %d refused: %v %v", i, until, err)
		}
	}
	until, err := st.CountLoginAttempt(ctx, "k", t0.Add(time.Minute), lockAt3)
	if err != nil || until == nil || !until.Equal(t0.Add(3*time.Minute)) {
		t.Fatalf("attempt 4, while locked: %v %v", until, err)
	}
	if until, _ := st.CountLoginAttempt(ctx, "other", t0.Add(time.Minute), lockAt3); until != nil {
		t.Fatal("another key is locked too")
	}
	// After the lock the attempt is counted (4) and locks for 4 minutes.
	after := t0.Add(3 * time.Minute)
	if until, err := st.CountLoginAttempt(ctx, "k", after, lockAt3); err != nil || until != nil {
		t.Fatalf("attempt after the lock: %v %v", until, err)
	}
	if until, _ := st.CountLoginAttempt(ctx, "k", after, lockAt3); until == nil || !until.Equal(after.Add(4*time.Minute)) {
		t.Fatalf("locked again: %v", until)
	}
	must(t, st.ClearLoginAttempts(ctx, "k"))
	if until, _ := st.CountLoginAttempt(ctx, "k", after, lockAt3); until != nil {
		t.Fatal("cleared, still locked")
	}
	// 40 parallel attempts on a fresh key: exactly 3 get through.
	var wg sync.WaitGroup
	var mu sync.Mutex
	admitted := 0
	for range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			until, err := st.CountLoginAttempt(ctx, "parallel", t0, lockAt3)
			if err != nil {
				t.Error(err)
				return
			}
			if until == nil {
				mu.Lock()
				admitted++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if admitted != 3 {
		t.Fatalf("%d of 40 parallel attempts admitted, want 3", admitted)
	}
	// Counts are forgotten a day after the last attempt.
	if until, _ := st.CountLoginAttempt(ctx, "parallel", t0.Add(25*time.Hour), lockAt3); until != nil {
		t.Fatal("a lock-out remembered for more than a day")
	}
}

func suiteLoginGuard(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	u := &domain.User{Email: "a@bontang.go.id", Role: domain.RoleAdmin, PasswordHash: "h", CreatedAt: t0}
	must(t, st.CreateUser(ctx, u))
	g, err := st.LoginGuard(ctx, u.ID)
	if err != nil || g.TOTPSecret != nil || g.TOTPEnabled || g.TOTPLastStep != 0 {
		t.Fatalf("new guard: %+v %v", g, err)
	}
	if _, err := st.LoginGuard(ctx, u.ID+100); !isNotFound(err) {
		t.Fatalf("unknown user: %v", err)
	}
	must(t, st.EnableTOTP(ctx, u.ID, 5)) // nothing to enable before enrolment starts
	if g, _ = st.LoginGuard(ctx, u.ID); g.TOTPEnabled {
		t.Fatal("enabled without a secret")
	}
	must(t, st.StartTOTP(ctx, u.ID, []byte("sealed-secret")))
	if g, _ = st.LoginGuard(ctx, u.ID); string(g.TOTPSecret) != "sealed-secret" || g.TOTPEnabled {
		t.Fatalf("started: %+v", g)
	}
	must(t, st.EnableTOTP(ctx, u.ID, 100))
	if g, _ = st.LoginGuard(ctx, u.ID); !g.TOTPEnabled || g.TOTPLastStep != 100 {
		t.Fatalf("enabled: %+v", g)
	}
	for _, c := range []struct {
		step int64
		ok   bool
	}{{100, false}, {99, false}, {101, true}, {101, false}, {103, true}} {
		ok, err := st.UseTOTPStep(ctx, u.ID, c.step)
		if err != nil || ok != c.ok {
			t.Fatalf("step %d: %v %v, want %v", c.step, ok, err, c.ok)
		}
	}
	must(t, st.DisableTOTP(ctx, u.ID))
	if g, _ = st.LoginGuard(ctx, u.ID); g.TOTPSecret != nil || g.TOTPEnabled || g.TOTPLastStep != 0 {
		t.Fatalf("disabled: %+v", g)
	}
}

func suiteSettings(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	version := func() int64 {
		t.Helper()
		v, err := st.PolicyVersion(ctx)
		must(t, err)
		return v
	}
	if v := version(); v != 0 {
		t.Fatalf("new database at policy version %d", v)
	}
	if v, err := st.Setting(ctx, "instance.name"); err != nil || v != "" {
		t.Fatalf("unset: %q %v", v, err)
	}
	must(t, st.PutSetting(ctx, "instance.name", "Bontang", t0))
	must(t, st.PutSetting(ctx, "instance.name", "Kota Bontang", t0))
	if v, _ := st.Setting(ctx, "instance.name"); v != "Kota Bontang" {
		t.Fatalf("setting: %q", v)
	}
	if version() != 0 {
		t.Fatal("a plain setting changed the policy version")
	}
	if v, err := st.PolicySetting(ctx, "deadlines"); err != nil || v != "" {
		t.Fatalf("unset policy: %q %v", v, err)
	}
	must(t, st.PutPolicySetting(ctx, "deadlines", `{"verify":3}`, t0))
	must(t, st.PutPolicySetting(ctx, "deadlines", `{"verify":4}`, t0))
	if v, _ := st.PolicySetting(ctx, "deadlines"); v != `{"verify":4}` {
		t.Fatalf("policy setting: %q", v)
	}
	if v := version(); v != 2 {
		t.Fatalf("policy version %d after two changes", v)
	}
}

func date(t *testing.T, s string) workdays.Date {
	t.Helper()
	d, err := workdays.ParseDate(s)
	must(t, err)
	return d
}

func holidayDates(t *testing.T, st *store.Store) []string {
	t.Helper()
	hs, err := st.ListHolidays(context.Background())
	must(t, err)
	var out []string
	for _, h := range hs {
		out = append(out, h.Date.String()+" "+h.Name)
	}
	return out
}

func suiteHolidays(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	version := func() int64 { v, err := st.PolicyVersion(ctx); must(t, err); return v }
	if hs, err := st.ListHolidays(ctx); err != nil || hs == nil || len(hs) != 0 {
		t.Fatalf("empty calendar: %v %v", hs, err)
	}
	seed := []workdays.Holiday{
		{Date: date(t, "2026-12-25"), Kind: workdays.KindLiburNasional, Name: "Natal"},
		{Date: date(t, "2026-01-01"), Kind: workdays.KindLiburNasional, Name: "Tahun Baru"},
	}
	ok, err := st.SeedHolidays(ctx, seed, t0)
	if err != nil || !ok {
		t.Fatalf("first seed: %v %v", ok, err)
	}
	if got := holidayDates(t, st); !slices.Equal(got, []string{"2026-01-01 Tahun Baru", "2026-12-25 Natal"}) {
		t.Fatalf("seeded: %v", got)
	}
	v := version()
	// Never seeded again, even after an admin emptied the calendar.
	must(t, st.RemoveHoliday(ctx, date(t, "2026-01-01"), t0))
	must(t, st.RemoveHoliday(ctx, date(t, "2026-12-25"), t0))
	if ok, err := st.SeedHolidays(ctx, seed, t0); err != nil || ok {
		t.Fatalf("second seed: %v %v", ok, err)
	}
	if got := holidayDates(t, st); len(got) != 0 || version() != v+2 {
		t.Fatalf("after removing and seeding again: %v, version %d", got, version())
	}
	if err := st.RemoveHoliday(ctx, date(t, "2026-01-01"), t0); !isNotFound(err) {
		t.Fatalf("removing a day that is not off: %v", err)
	}

	h := workdays.Holiday{Date: date(t, "2026-08-17"), Kind: workdays.KindLiburNasional, Name: "Kemerdekaan"}
	must(t, st.AddHoliday(ctx, h, t0))
	if err := st.AddHoliday(ctx, h, t0); fieldKey(err, "date") != "field.holiday.exists" {
		t.Fatalf("same day twice: %v", err)
	}
	hs, _ := st.ListHolidays(ctx)
	if len(hs) != 1 || hs[0] != h {
		t.Fatalf("added: %+v", hs)
	}
	v = version()

	// An import replaces the days it lists; with replaceYears it clears
	// the years it covers first.
	must(t, st.ImportHolidays(ctx, []workdays.Holiday{
		{Date: date(t, "2026-08-17"), Kind: workdays.KindLiburNasional, Name: "HUT RI"},
		{Date: date(t, "2027-01-01"), Kind: workdays.KindLiburNasional, Name: "Tahun Baru"},
	}, false, t0))
	if got := holidayDates(t, st); !slices.Equal(got, []string{"2026-08-17 HUT RI", "2027-01-01 Tahun Baru"}) {
		t.Fatalf("imported: %v", got)
	}
	must(t, st.ImportHolidays(ctx, []workdays.Holiday{
		{Date: date(t, "2026-03-19"), Kind: workdays.KindCutiBersama, Name: "Nyepi"},
	}, true, t0))
	if got := holidayDates(t, st); !slices.Equal(got, []string{"2026-03-19 Nyepi", "2027-01-01 Tahun Baru"}) {
		t.Fatalf("year replaced: %v", got)
	}
	if version() != v+2 {
		t.Fatalf("version %d after two imports from %d", version(), v)
	}
}

func suiteCitizens(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	c := &store.Citizen{EmailLookup: "digest-1", SealedEmail: []byte("k1:mail"), PasswordHash: "h", CreatedAt: t0}
	must(t, st.CreateCitizen(ctx, c))
	if c.ID == 0 {
		t.Fatal("no id")
	}
	if err := st.CreateCitizen(ctx, &store.Citizen{EmailLookup: c.EmailLookup, SealedEmail: []byte("x"), PasswordHash: "x", CreatedAt: t0}); fieldKey(err, "email") != "field.email.taken" {
		t.Fatalf("duplicate e-mail: %v", err)
	}
	if got, err := st.CitizenByLookup(ctx, c.EmailLookup); err != nil || !reflect.DeepEqual(got, *c) {
		t.Fatalf("CitizenByLookup: %+v %v", got, err)
	}
	if got, err := st.CitizenByID(ctx, c.ID); err != nil || !reflect.DeepEqual(got, *c) {
		t.Fatalf("CitizenByID: %+v %v", got, err)
	}
	if _, err := st.CitizenByLookup(ctx, "digest-unknown"); !isNotFound(err) {
		t.Fatalf("unknown e-mail: %v", err)
	}
	if _, err := st.CitizenByID(ctx, c.ID+100); !isNotFound(err) {
		t.Fatalf("unknown id: %v", err)
	}

	id1, err := st.LinkAccountReport(ctx, "tag-1", []byte("ref-1"))
	must(t, err)
	id2, err := st.LinkAccountReport(ctx, "tag-2", []byte("ref-2"))
	must(t, err)
	if id1 <= 0 || id2 <= 0 || id1 == id2 {
		t.Fatalf("ids %d %d", id1, id2)
	}
	if _, err := st.LinkAccountReport(ctx, "tag-1", []byte("again")); !errors.Is(err, store.ErrTagTaken) {
		t.Fatalf("a tag stored twice: %v", err)
	}
	refs, err := st.AccountReportsByTag(ctx, []string{"tag-1", "tag-2", "tag-3"})
	must(t, err)
	got := map[int64]string{}
	for _, r := range refs {
		got[r.ID] = r.Tag + "=" + string(r.SealedRef)
	}
	if len(got) != 2 || got[id1] != "tag-1=ref-1" || got[id2] != "tag-2=ref-2" {
		t.Fatalf("AccountReportsByTag: %v", got)
	}
	if refs, err := st.AccountReportsByTag(ctx, []string{"tag-9"}); err != nil || len(refs) != 0 {
		t.Fatalf("unknown tags: %v %v", refs, err)
	}
	if refs, err := st.AccountReportsByTag(ctx, nil); err != nil || len(refs) != 0 {
		t.Fatalf("no tags: %v %v", refs, err)
	}
	if a, err := st.AccountReportByID(ctx, id2); err != nil || a.ID != id2 || a.Tag != "tag-2" || string(a.SealedRef) != "ref-2" {
		t.Fatalf("AccountReportByID: %+v %v", a, err)
	}
	if _, err := st.AccountReportByID(ctx, id2+1); !isNotFound(err) {
		t.Fatalf("an unknown link: %v", err)
	}
}

// suiteLegacyCitizens plants rows as the version before unlinkable
// accounts wrote them and converts them as the service does at start.
func suiteLegacyCitizens(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if st.Dialect() == store.Postgres {
			for i := 1; strings.Contains(q, "?"); i++ {
				q = strings.Replace(q, "?", "$"+strconv.Itoa(i), 1)
			}
		}
		if _, err := st.DB().ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec(`INSERT INTO citizens (id, email_lookup, password_hash, created_at) VALUES (7, 'warga@example.com', 'h', ?)`, t0.UnixMicro())
	exec(`INSERT INTO account_reports (id, account_id, sealed_ref) VALUES (42, 7, ?)`, []byte("k1:old"))
	cs, err := st.LegacyCitizens(ctx)
	if err != nil || len(cs) != 1 || cs[0].ID != 7 || cs[0].EmailLookup != "warga@example.com" {
		t.Fatalf("LegacyCitizens: %+v %v", cs, err)
	}
	must(t, st.SealLegacyCitizen(ctx, 7, "digest-7", []byte("k1:sealed")))
	if cs, err := st.LegacyCitizens(ctx); err != nil || len(cs) != 0 {
		t.Fatalf("after sealing: %+v %v", cs, err)
	}
	if c, err := st.CitizenByLookup(ctx, "digest-7"); err != nil || c.ID != 7 || string(c.SealedEmail) != "k1:sealed" {
		t.Fatalf("the sealed account: %+v %v", c, err)
	}
	ls, err := st.LegacyLinks(ctx)
	if err != nil || len(ls) != 1 || ls[0].ID != 42 || ls[0].AccountID != 7 || string(ls[0].SealedRef) != "k1:old" {
		t.Fatalf("LegacyLinks: %+v %v", ls, err)
	}
	if _, err := st.AccountReportByID(ctx, 42); !isNotFound(err) {
		t.Fatalf("a legacy link is found before it is converted: %v", err)
	}
	_, err = st.LinkAccountReport(ctx, "tag-0", []byte("other"))
	must(t, err)
	if err := st.UnlinkLegacyLink(ctx, 42, "tag-0", []byte("k1:new")); !errors.Is(err, store.ErrTagTaken) {
		t.Fatalf("a taken tag: %v", err)
	}
	must(t, st.UnlinkLegacyLink(ctx, 42, "tag-1", []byte("k1:new")))
	if ls, err := st.LegacyLinks(ctx); err != nil || len(ls) != 0 {
		t.Fatalf("after unlinking: %+v %v", ls, err)
	}
	var acct sql.NullInt64
	if err := st.DB().QueryRowContext(ctx, `SELECT account_id FROM account_reports WHERE id = 42`).Scan(&acct); err != nil || acct.Valid {
		t.Fatalf("the link still names its account: %v %v", acct, err)
	}
	if a, err := st.AccountReportByID(ctx, 42); err != nil || a.Tag != "tag-1" || string(a.SealedRef) != "k1:new" {
		t.Fatalf("the converted link: %+v %v", a, err)
	}
}

func suiteInstanceSecrets(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	if _, err := st.InstanceSecret(ctx, "lookup"); !isNotFound(err) {
		t.Fatalf("a secret in a new database: %v", err)
	}
	must(t, st.AddInstanceSecret(ctx, "lookup", []byte("k1:first")))
	must(t, st.AddInstanceSecret(ctx, "lookup", []byte("k1:second"))) // a second node: the first stays
	if v, err := st.InstanceSecret(ctx, "lookup"); err != nil || string(v) != "k1:first" {
		t.Fatalf("InstanceSecret: %q %v", v, err)
	}
}

// keyOf is the key id of a test's sealed value: the text before ':'.
func keyOf(v []byte) string { k, _, _ := strings.Cut(string(v), ":"); return k }

func suiteSealed(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	plain, ev2 := newReport(2) // no identity: nothing to re-seal
	must(t, st.CreateReport(ctx, plain, ev2, nil))
	if has, err := st.HasSealedValues(ctx); err != nil || has {
		t.Fatalf("sealed values in a database without any: %v %v", has, err)
	}
	r, ev := newReport(1)
	r.SealedIdentity = []byte("k1:identity")
	must(t, st.CreateReport(ctx, r, ev, nil))
	if has, err := st.HasSealedValues(ctx); err != nil || !has {
		t.Fatalf("a sealed identity not seen: %v %v", has, err)
	}
	_, err := st.LinkAccountReport(ctx, "tag", []byte("k1:ref"))
	must(t, err)
	u := &domain.User{Email: "a@bontang.go.id", Role: domain.RoleAdmin, PasswordHash: "h", CreatedAt: t0}
	must(t, st.CreateUser(ctx, u))
	must(t, st.StartTOTP(ctx, u.ID, []byte("k2:totp")))

	usage, err := st.SealedKeyUsage(ctx, keyOf)
	if err != nil || len(usage) != 2 || usage["k1"] != 2 || usage["k2"] != 1 {
		t.Fatalf("usage before: %v %v", usage, err)
	}
	col := func(table string) store.SealedColumn {
		for _, c := range store.SealedColumns {
			if c.Table == table {
				return c
			}
		}
		t.Fatalf("no sealed column in %s", table)
		return store.SealedColumn{}
	}
	var bounds []string
	n, err := st.Reseal(ctx, col("reports"), func(bound string, v []byte) ([]byte, bool, error) {
		bounds = append(bounds, bound)
		return []byte("k3:" + strings.TrimPrefix(string(v), "k1:")), true, nil
	})
	if err != nil || n != 1 || !slices.Equal(bounds, []string{r.ReceiptHash}) {
		t.Fatalf("reseal reports: %d %v, bound to %v", n, err, bounds)
	}
	bounds = nil
	n, err = st.Reseal(ctx, col("users"), func(bound string, v []byte) ([]byte, bool, error) {
		bounds = append(bounds, bound)
		return nil, false, nil // already under the current key
	})
	if err != nil || n != 0 || !slices.Equal(bounds, []string{strconv.FormatInt(u.ID, 10)}) {
		t.Fatalf("reseal users: %d %v, bound to %v", n, err, bounds)
	}
	boom := errors.New("boom")
	if _, err := st.Reseal(ctx, col("account_reports"), func(string, []byte) ([]byte, bool, error) { return nil, false, boom }); !errors.Is(err, boom) {
		t.Fatalf("failing fn: %v", err)
	}
	usage, err = st.SealedKeyUsage(ctx, keyOf)
	if err != nil || len(usage) != 3 || usage["k1"] != 1 || usage["k2"] != 1 || usage["k3"] != 1 {
		t.Fatalf("usage after: %v %v", usage, err)
	}
	got, _ := st.ReportByTrackingID(ctx, r.TrackingID)
	if string(got.SealedIdentity) != "k3:identity" {
		t.Fatalf("re-sealed value: %q", got.SealedIdentity)
	}
}
