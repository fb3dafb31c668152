package service_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/gateway"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// The permission walk: every exported method of the service is called as
// every kind of caller, and what happens must be what the domain's tables
// say: the permission table for what lies outside one report, the report
// access and action rules for what lies inside one. A new method that is in
// none of the lists below fails TestEveryMethodHasARule.

// caller is one kind of viewer of the walk.
type caller struct {
	name string
	v    service.Viewer
	// Of the fixture's report: does the caller hold its receipt, and is
	// it an officer of the unit the report is routed to?
	holds, covers bool
}

// outcome is what a call came to.
type outcome string

const (
	allowed   outcome = "allowed"
	denied    outcome = "denied" // forbidden, or unauthorized for the public
	notFound  outcome = "not found"
	otherFail outcome = "failed otherwise"
)

func outcomeOf(err error) outcome {
	if err == nil {
		return allowed
	}
	switch domain.ErrorCode(err) {
	case domain.CodeForbidden, domain.CodeUnauthorized:
		return denied
	case domain.CodeNotFound:
		return notFound
	}
	return otherFail
}

// fixture is the small city the walk runs in.
type fixture struct {
	env        *apptest.Env
	svc        *service.Service
	trackingID string
	receipt    string
	photoID    int64
	victim     int64 // a staff account admins act on
	myRef      int64 // the citizen's link to their report
	callers    []caller
	seq        int
}

func (f *fixture) next() int { f.seq++; return f.seq }

// nextDate is a fresh day in 2027 for each call.
func (f *fixture) nextDate() string {
	return time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, f.next()).Format(time.DateOnly)
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	env := apptest.New(t, filepath.Join(t.TempDir(), "lapor.db"), apptest.Options{Service: func(cfg *service.Config) {
		cfg.WhatsApp = service.WhatsAppConfig{VerifyToken: "verify", AppSecret: "secret"}
	}})
	svc := env.Svc
	f := &fixture{env: env, svc: svc}
	op := service.Operator
	for _, u := range [][2]string{{"dinas-a", "Dinas A"}, {"dinas-b", "Dinas B"}} {
		if _, err := svc.AddUnit(ctx, op, u[0], u[1], ""); err != nil {
			t.Fatal(err)
		}
	}
	staff := map[string]*domain.User{}
	for _, s := range []struct {
		email string
		role  domain.Role
		unit  string
	}{
		{"admin@kota.go.id", domain.RoleAdmin, ""},
		{"inspektorat@kota.go.id", domain.RoleSupervisor, ""},
		{"a@kota.go.id", domain.RoleOfficer, "dinas-a"},
		{"b@kota.go.id", domain.RoleOfficer, "dinas-b"},
		{"korban@kota.go.id", domain.RoleOfficer, "dinas-b"},
		{"ppid-a@kota.go.id", domain.RolePPID, "dinas-a"},
		{"sekda@kota.go.id", domain.RolePPIDSuperior, ""},
	} {
		u, err := svc.AddUser(ctx, op, service.NewUser{Email: s.email, Role: s.role, Unit: s.unit, Password: apptest.Password})
		if err != nil {
			t.Fatal(err)
		}
		staff[s.email] = &u
	}
	f.victim = staff["korban@kota.go.id"].ID

	rc, err := svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindComplaint, Title: "Jalan berlubang",
		Body: "Lubang besar di depan sekolah.", Reporter: domain.Identity{Name: "Warga Uji"}},
		[]service.Upload{{Name: "foto.png", Data: testPNG(t)}})
	if err != nil {
		t.Fatal(err)
	}
	f.trackingID, f.receipt = rc.TrackingID, rc.Receipt
	admin := service.Staff(staff["admin@kota.go.id"])
	rv, err := svc.Act(ctx, rc.TrackingID, admin, domain.ActionInput{Action: domain.ActionVerify, Unit: "dinas-a"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rv.Attachments) == 0 {
		t.Fatal("the fixture's report has no attachment")
	}
	f.photoID = rv.Attachments[0].ID

	if err := svc.RegisterCitizen(ctx, "warga@example.id", "kata-sandi-warga-panjang", i18n.ID); err != nil {
		t.Fatal(err)
	}
	apptest.VerifyCitizens(t, svc)
	_, citizen, err := svc.LoginCitizen(ctx, "warga@example.id", "kata-sandi-warga-panjang")
	if err != nil {
		t.Fatal(err)
	}
	cv := service.Viewer{Citizen: citizen}
	if _, err := svc.Submit(ctx, cv, domain.Submission{Kind: domain.KindAspiration, Title: "Taman kota",
		Body: "Mohon tambah bangku di taman kota."}, nil); err != nil {
		t.Fatal(err)
	}
	mine, err := svc.MyReports(ctx, cv)
	if err != nil || len(mine) != 1 {
		t.Fatalf("the citizen's reports: %v, %v", mine, err)
	}
	f.myRef = mine[0].Ref

	f.callers = []caller{
		{name: "public", v: service.Public},
		{name: "reporter with receipt", v: service.ReporterViewer(rc.Receipt), holds: true},
		{name: "citizen account", v: cv},
		{name: "officer of the unit", v: service.Staff(staff["a@kota.go.id"]), covers: true},
		{name: "officer of another unit", v: service.Staff(staff["b@kota.go.id"])},
		{name: "supervisor", v: service.Staff(staff["inspektorat@kota.go.id"])},
		// The walk's report is a complaint: the PPID of its unit and the
		// superior must not see it (information requests only).
		{name: "PPID of the unit", v: service.Staff(staff["ppid-a@kota.go.id"]), covers: true},
		{name: "PPID superior", v: service.Staff(staff["sekda@kota.go.id"])},
		{name: "admin", v: admin},
		{name: "operator", v: service.Operator},
	}
	return f
}

func testPNG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// guarded is a method checked against the permission table.
type guarded struct {
	perm domain.Permission
	call func(ctx context.Context, f *fixture, c caller) error
}

func guardedMethods() map[string]guarded {
	return map[string]guarded{
		"Submit": {domain.PermSubmit, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Submit(ctx, c.v, domain.Submission{Kind: domain.KindComplaint, Title: "Lampu jalan mati",
				Body: "Lampu jalan mati sejak minggu lalu."}, nil)
			return err
		}},
		"Open311Requests": {domain.PermReadPublic, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Open311Requests(ctx, c.v, service.Open311Query{Status: "open"})
			return err
		}},
		"ReplyTemplates": {domain.PermReadInbox, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.ReplyTemplates(ctx, c.v)
			return err
		}},
		"TemplatesFor": {domain.PermReadInbox, func(ctx context.Context, f *fixture, c caller) error {
			rv, err := f.svc.Report(ctx, f.trackingID, service.Operator)
			if err != nil {
				return err
			}
			_, err = f.svc.TemplatesFor(ctx, c.v, rv)
			return err
		}},
		"SaveReplyTemplate": {domain.PermManageTemplates, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.SaveReplyTemplate(ctx, c.v, service.TemplateChoice{Title: fmt.Sprintf("Templat %d", f.next()), Body: "Terima kasih."})
			return err
		}},
		"DeleteReplyTemplate": {domain.PermManageTemplates, func(ctx context.Context, f *fixture, c caller) error {
			t, err := f.svc.SaveReplyTemplate(ctx, service.Operator, service.TemplateChoice{Title: fmt.Sprintf("Templat %d", f.next()), Body: "Terima kasih."})
			if err != nil {
				return err
			}
			return f.svc.DeleteReplyTemplate(ctx, c.v, t.ID)
		}},
		"OpenData": {domain.PermReadPublic, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.OpenData(ctx, c.v, func(service.OpenDataRow) error { return nil })
		}},
		"HoldUploads": {domain.PermSubmit, func(ctx context.Context, f *fixture, c caller) error {
			_, _, err := f.svc.HoldUploads(ctx, c.v, []service.Upload{{Name: "a.png", Data: testPNG(nil)}})
			return err
		}},
		"HeldUploads": {domain.PermSubmit, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.HeldUploads(ctx, c.v, "tidak-ada")
			return err
		}},
		"DropHeldUploads": {domain.PermSubmit, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.DropHeldUploads(ctx, c.v, "tidak-ada")
			return err
		}},
		"PublicReports": {domain.PermReadPublic, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.PublicReports(ctx, c.v, service.PublicQuery{Q: "lampu"})
			return err
		}},
		"PublicFeed": {domain.PermReadPublic, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.PublicFeed(ctx, c.v, service.PublicQuery{})
			return err
		}},
		"SitemapPages": {domain.PermReadPublic, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.SitemapPages(ctx, c.v)
			return err
		}},
		"Sitemap": {domain.PermReadPublic, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.Sitemap(ctx, c.v, 0, func(service.SitemapEntry) error { return nil })
		}},
		"PublicMapPoints": {domain.PermReadPublic, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.PublicMapPoints(ctx, c.v)
			return err
		}},
		"PublicPlaces": {domain.PermReadPublic, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.PublicPlaces(ctx, c.v)
			return err
		}},
		"PublicStatistics": {domain.PermReadPublic, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.PublicStatistics(ctx, c.v)
			return err
		}},
		"Support": {domain.PermSupport, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Support(ctx, f.trackingID, c.v, "walk-support-token-"+c.name)
			return err
		}},
		"Units": {domain.PermReadDirectory, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Units(ctx, c.v)
			return err
		}},
		"Categories": {domain.PermReadDirectory, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Categories(ctx, c.v)
			return err
		}},
		"CalendarOf": {domain.PermReadDirectory, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.CalendarOf(ctx, c.v, 2026)
			return err
		}},
		"MyReports": {domain.PermOwnReports, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.MyReports(ctx, c.v)
			return err
		}},
		"MyReportReceipt": {domain.PermOwnReports, func(ctx context.Context, f *fixture, c caller) error {
			_, _, err := f.svc.MyReportReceipt(ctx, c.v, f.myRef)
			return err
		}},
		"ChangePassword": {domain.PermOwnAccount, func(ctx context.Context, f *fixture, c caller) error {
			const other = "kata-sandi-yang-lain-sekali"
			if _, err := f.svc.ChangePassword(ctx, c.v, apptest.Password, other); err != nil {
				return err
			}
			_, err := f.svc.ChangePassword(ctx, c.v, other, apptest.Password)
			return err
		}},
		"SecondFactorOf": {domain.PermOwnAccount, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.SecondFactorOf(ctx, c.v)
			return err
		}},
		"BeginTOTP": {domain.PermOwnAccount, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.BeginTOTP(ctx, c.v)
			return err
		}},
		"PendingTOTP": {domain.PermOwnAccount, func(ctx context.Context, f *fixture, c caller) error {
			_, _, err := f.svc.PendingTOTP(ctx, c.v)
			return err
		}},
		"ConfirmTOTP": {domain.PermOwnAccount, func(ctx context.Context, f *fixture, c caller) error {
			err := f.svc.ConfirmTOTP(ctx, c.v, "000000")
			if domain.ErrorCode(err) == domain.CodeInvalid || domain.ErrorCode(err) == domain.CodeConflict {
				return nil // past the permission check: the code or the state is what is wrong
			}
			return err
		}},
		"DisableTOTP": {domain.PermOwnAccount, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.DisableTOTP(ctx, c.v, "")
		}},
		"LogoutEverywhere": {domain.PermOwnAccount, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.LogoutEverywhere(ctx, c.v)
		}},
		"BulkAct": {domain.PermBulkAct, func(ctx context.Context, f *fixture, c caller) error {
			// The fixture's report is routed already: archiving it fails
			// for that report, not for the call.
			_, err := f.svc.BulkAct(ctx, c.v, []string{f.trackingID}, domain.ActionInput{Action: domain.ActionArchive, Reason: "spam"})
			return err
		}},
		"Inbox": {domain.PermReadInbox, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Inbox(ctx, c.v, service.InboxQuery{})
			return err
		}},
		"InboxExport": {domain.PermReadInbox, func(ctx context.Context, f *fixture, c caller) error {
			_, _, err := f.svc.InboxExport(ctx, c.v, service.InboxQuery{})
			return err
		}},
		"InboxCounts": {domain.PermReadInbox, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.InboxCounts(ctx, c.v, service.InboxQuery{}, []string{"", "submitted"})
			return err
		}},
		"Evaluate": {domain.PermEvaluate, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Evaluate(ctx, c.v, service.EvaluationQuery{})
			return err
		}},
		"Sanctions": {domain.PermReadSanctions, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Sanctions(ctx, c.v, service.EvaluationQuery{})
			return err
		}},
		"SettingsOf": {domain.PermReadPolicy, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.SettingsOf(ctx, c.v)
			return err
		}},
		"UpdateDeadlineSettings": {domain.PermManagePolicy, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.UpdateDeadlineSettings(ctx, c.v, []byte(`{}`))
			return err
		}},
		"AddHoliday": {domain.PermManagePolicy, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.AddHoliday(ctx, c.v, service.HolidayInput{Date: f.nextDate(), Name: "Libur uji"})
			return err
		}},
		"RemoveHoliday": {domain.PermManagePolicy, func(ctx context.Context, f *fixture, c caller) error {
			date := f.nextDate()
			if _, err := f.svc.AddHoliday(ctx, service.Operator, service.HolidayInput{Date: date, Name: "Libur uji"}); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			_, err := f.svc.RemoveHoliday(ctx, c.v, date)
			return err
		}},
		"ImportHolidays": {domain.PermManagePolicy, func(ctx context.Context, f *fixture, c caller) error {
			csv := "date,kind,name\n" + f.nextDate() + ",libur_daerah,Hari jadi kota\n"
			_, err := f.svc.ImportHolidays(ctx, c.v, []byte(csv), "csv", false)
			return err
		}},
		"AddAPIKey": {domain.PermManageAPIKeys, func(ctx context.Context, f *fixture, c caller) error {
			_, _, err := f.svc.AddAPIKey(ctx, c.v, fmt.Sprintf("Gateway %d", f.next()), "sms")
			return err
		}},
		"APIKeys": {domain.PermManageAPIKeys, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.APIKeys(ctx, c.v)
			return err
		}},
		"RevokeAPIKey": {domain.PermManageAPIKeys, func(ctx context.Context, f *fixture, c caller) error {
			k, _, err := f.svc.AddAPIKey(ctx, service.Operator, fmt.Sprintf("Gateway %d", f.next()), "")
			if err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			return f.svc.RevokeAPIKey(ctx, c.v, k.ID)
		}},
		"AddUnit": {domain.PermManageUnits, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.AddUnit(ctx, c.v, fmt.Sprintf("unit-%d", f.next()), "Unit uji", "")
			return err
		}},
		"EditUnit": {domain.PermManageUnits, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.EditUnit(ctx, c.v, "dinas-b", fmt.Sprintf("Dinas B (%d)", f.next()), "")
		}},
		"Areas": {domain.PermReadDirectory, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Areas(ctx, c.v)
			return err
		}},
		"AddArea": {domain.PermManageAreas, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.AddArea(ctx, c.v, fmt.Sprintf("Kecamatan %d", f.next()), 0)
			return err
		}},
		"EditArea": {domain.PermManageAreas, func(ctx context.Context, f *fixture, c caller) error {
			a, err := f.svc.AddArea(ctx, service.Operator, fmt.Sprintf("Kecamatan %d", f.next()), 0)
			if err != nil {
				return err
			}
			return f.svc.EditArea(ctx, c.v, a.ID, a.Name+" Baru", false)
		}},
		"ImportCategories": {domain.PermManageCategories, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.ImportCategories(ctx, c.v, []domain.CategoryNode{{Code: fmt.Sprintf("kat-%d", f.next()), Name: "Kategori uji"}})
			return err
		}},
		"UpdateCategory": {domain.PermManageCategories, func(ctx context.Context, f *fixture, c caller) error {
			code := fmt.Sprintf("kat-%d", f.next())
			if _, err := f.svc.ImportCategories(ctx, service.Operator, []domain.CategoryNode{{Code: code, Name: "Kategori uji"}}); err != nil {
				return err
			}
			name := "Kategori uji baru"
			_, err := f.svc.UpdateCategory(ctx, c.v, code, domain.CategoryChange{Name: &name})
			return err
		}},
		"CommonCategories": {domain.PermReadDirectory, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.CommonCategories(ctx, c.v, nil)
			return err
		}},
		"MapSettingsOf": {domain.PermReadDirectory, func(ctx context.Context, f *fixture, c caller) error {
			_, _, err := f.svc.MapSettingsOf(ctx, c.v)
			return err
		}},
		"InformationRegister": {domain.PermReadPublic, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.InformationRegister(ctx, c.v, 1, 20)
			return err
		}},
		"MainPPIDUnit": {domain.PermReadDirectory, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.MainPPIDUnit(ctx, c.v)
			return err
		}},
		"SetMainPPIDUnit": {domain.PermManageUnits, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.SetMainPPIDUnit(ctx, c.v, "dinas-a")
		}},
		"SetMapSettings": {domain.PermManageMap, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.SetMapSettings(ctx, c.v, &service.MapSettings{TileURL: "https://tile.example.org/{z}/{x}/{y}.png", Attribution: "© Peta"})
		}},
		"StaffAccounts": {domain.PermReadStaff, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.StaffAccounts(ctx, c.v)
			return err
		}},
		"TOTPUsers": {domain.PermReadStaff, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.TOTPUsers(ctx, c.v)
			return err
		}},
		"AddUser": {domain.PermManageStaff, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.AddUser(ctx, c.v, service.NewUser{Email: fmt.Sprintf("baru%d@kota.go.id", f.next()),
				Role: domain.RoleSupervisor, Password: apptest.Password})
			return err
		}},
		"DisableUser": {domain.PermManageStaff, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.DisableUser(ctx, c.v, f.victim)
		}},
		"EnableUser": {domain.PermManageStaff, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.EnableUser(ctx, c.v, f.victim)
		}},
		"ResetTOTP": {domain.PermManageStaff, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.ResetTOTP(ctx, c.v, f.victim)
		}},
		"ResetPassword": {domain.PermManageStaff, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.ResetPassword(ctx, c.v, f.victim, "sandi-sementara-panjang")
		}},
		"SecuritySettings": {domain.PermReadSecurity, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.SecuritySettings(ctx, c.v)
			return err
		}},
		"SetSecuritySettings": {domain.PermManageSecurity, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.SetSecuritySettings(ctx, c.v, service.SecuritySettings{})
		}},
		"RefreshTriage": {domain.PermMaintain, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.RefreshTriage(ctx, c.v)
		}},
		"EvaluateTriage": {domain.PermTriage, func(ctx context.Context, f *fixture, c caller) error {
			_, _, err := f.svc.EvaluateTriage(ctx, c.v)
			return err
		}},
		"SetUnitKeywords": {domain.PermManageUnits, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.SetUnitKeywords(ctx, c.v, "dinas-b", fmt.Sprintf("jalan, jembatan %d", f.next()))
		}},
		"LikelyDuplicates": {domain.PermReadPublic, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.LikelyDuplicates(ctx, c.v, service.DuplicateQuery{Title: "Jalan berlubang"})
			return err
		}},
		"SetDuplicateRadius": {domain.PermManageCategories, func(ctx context.Context, f *fixture, c caller) error {
			if _, err := f.svc.ImportCategories(ctx, service.Operator, []domain.CategoryNode{{Code: "radius-uji", Name: "Uji"}}); err != nil {
				return err
			}
			return f.svc.SetDuplicateRadius(ctx, c.v, "radius-uji", 100+f.next())
		}},
		"DuplicateRadii": {domain.PermManageCategories, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.DuplicateRadii(ctx, c.v)
			return err
		}},
		"UnitKeywords": {domain.PermManageUnits, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.UnitKeywords(ctx, c.v)
			return err
		}},
		"RefreshPolicy": {domain.PermMaintain, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.RefreshPolicy(ctx, c.v, true)
		}},
		"Deliveries": {domain.PermManageOutbox, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Deliveries(ctx, c.v, domain.DeliveryDead)
			return err
		}},
		"RetryDelivery": {domain.PermManageOutbox, func(ctx context.Context, f *fixture, c caller) error {
			if err := f.svc.RetryDelivery(ctx, c.v, 1); domain.ErrorCode(err) != domain.CodeNotFound {
				return err // nothing is dead here: allowed callers get not found
			}
			return nil
		}},
		"ClaimDeliveries": {domain.PermMaintain, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.ClaimDeliveries(ctx, c.v, time.Minute, 0, "walk")
			return err
		}},
		"FinishDelivery": {domain.PermMaintain, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.FinishDelivery(ctx, c.v, domain.Delivery{ID: 1, Claim: "walk"}, domain.DeliveryDelivered, "", time.Now())
			return err
		}},
		"ReporterText": {domain.PermMaintain, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.ReporterText(ctx, c.v, domain.Delivery{TrackingID: f.trackingID, EventSeq: 1}, "http://x")
			return err
		}},
		"ReporterMail": {domain.PermMaintain, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.ReporterMail(ctx, c.v, domain.Delivery{TrackingID: f.trackingID, EventSeq: 1}, "http://x")
			return err
		}},
		"StaffMail": {domain.PermMaintain, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.StaffMail(ctx, c.v, domain.Delivery{Audience: domain.AudienceOffice, TrackingID: f.trackingID, EventSeq: 1}, "http://x")
			return err
		}},
		"StopReporterMail": {domain.PermSubmit, func(ctx context.Context, f *fixture, c caller) error {
			if err := f.svc.StopReporterMail(ctx, c.v, f.trackingID, strings.Repeat("0", 32)); domain.ErrorCode(err) != domain.CodeNotFound {
				return err // a forged token: allowed callers get not found
			}
			return nil
		}},
		"RequestPasswordReset": {domain.PermSubmit, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.RequestPasswordReset(ctx, c.v, "tidak-ada@example.id")
		}},
		"ResetPasswordWithToken": {domain.PermSubmit, func(ctx context.Context, f *fixture, c caller) error {
			if err := f.svc.ResetPasswordWithToken(ctx, c.v, "palsu", "kata-sandi-yang-baru-sekali"); domain.ErrorCode(err) != domain.CodeInvalid {
				return err // a forged token: allowed callers are refused on the token
			}
			return nil
		}},
		"VerifyCitizenEmail": {domain.PermSubmit, func(ctx context.Context, f *fixture, c caller) error {
			if err := f.svc.VerifyCitizenEmail(ctx, c.v, "palsu"); domain.ErrorCode(err) != domain.CodeInvalid {
				return err
			}
			return nil
		}},
		"BuildDigests": {domain.PermMaintain, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.BuildDigests(ctx, c.v)
			return err
		}},
		"NotifySettingsOf": {domain.PermOwnAccount, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.NotifySettingsOf(ctx, c.v)
			return err
		}},
		"SetNotifySettings": {domain.PermOwnAccount, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.SetNotifySettings(ctx, c.v, service.NotifySettings{Lang: "id",
				Modes: map[domain.NotifyKind]string{domain.NotifyRouted: domain.NotifyDigest}})
		}},
		"SetUnitHead": {domain.PermManageUnits, func(ctx context.Context, f *fixture, c caller) error {
			return f.svc.SetUnitHead(ctx, c.v, "dinas-b", 0)
		}},
		"UnitHeads": {domain.PermManageUnits, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.UnitHeads(ctx, c.v)
			return err
		}},
		"FileOnBehalf": {domain.PermCounterIntake, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.FileOnBehalf(ctx, c.v, domain.Submission{Kind: domain.KindComplaint, Title: "Jalan berlubang di depan pasar",
				Body: "Warga datang ke loket: jalan berlubang di depan pasar sejak sebulan.", Channel: domain.ChannelPaper,
				Reporter: domain.Identity{Name: "Pak Darto", Phone: "+6281234567890"}})
			return err
		}},
		"AddWebhook": {domain.PermManageWebhooks, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.AddWebhook(ctx, c.v, "https://hook.test/lapor", []string{domain.HookRouted}, "rahasia-yang-cukup-panjang")
			return err
		}},
		"Webhooks": {domain.PermManageWebhooks, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Webhooks(ctx, c.v)
			return err
		}},
		"DeleteWebhook": {domain.PermManageWebhooks, func(ctx context.Context, f *fixture, c caller) error {
			w, err := f.svc.AddWebhook(ctx, service.Operator, "https://hook.test/lapor", []string{domain.HookRouted}, "rahasia-yang-cukup-panjang")
			if err != nil {
				return err
			}
			return f.svc.DeleteWebhook(ctx, c.v, w.ID)
		}},
		"WebhookRequest": {domain.PermMaintain, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.WebhookRequest(ctx, c.v, domain.Delivery{ID: 1, WebhookID: new(int64)}, "http://x")
			if domain.ErrorCode(err) == domain.CodeForbidden || domain.ErrorCode(err) == domain.CodeUnauthorized {
				return err
			}
			return nil // no such webhook: allowed callers get nothing to send
		}},
	}
}

// onReport is a method on one report, checked against the report access
// and action rules. act is the action it takes, "" for a read.
type onReport struct {
	act  domain.Action
	call func(ctx context.Context, f *fixture, c caller) error
}

func reportMethods() map[string]onReport {
	return map[string]onReport{
		"Report": {"", func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Report(ctx, f.trackingID, c.v)
			return err
		}},
		"Attachment": {"", func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Attachment(ctx, f.trackingID, f.photoID, c.v)
			return err
		}},
		"Act": {domain.ActionNote, func(ctx context.Context, f *fixture, c caller) error {
			_, err := f.svc.Act(ctx, f.trackingID, c.v, domain.ActionInput{Action: domain.ActionNote, Message: "Catatan internal."}, nil)
			return err
		}},
	}
}

// entrances establish who the caller is (credentials in, a session out):
// they take no viewer, and anyone may knock.
func entrances() map[string]func(ctx context.Context, f *fixture) error {
	return map[string]func(ctx context.Context, f *fixture) error{
		"Login": func(ctx context.Context, f *fixture) error {
			_, _, err := f.svc.Login(ctx, "inspektorat@kota.go.id", apptest.Password)
			return err
		},
		"LoginWith": func(ctx context.Context, f *fixture) error {
			_, _, err := f.svc.LoginWith(ctx, service.LoginInput{Email: "inspektorat@kota.go.id", Password: apptest.Password})
			return err
		},
		"Authenticate": func(ctx context.Context, f *fixture) error {
			token, _, err := f.svc.Login(ctx, "inspektorat@kota.go.id", apptest.Password)
			if err != nil {
				return err
			}
			_, err = f.svc.Authenticate(ctx, token)
			return err
		},
		"AuthenticateForEnrolment": func(ctx context.Context, f *fixture) error {
			token, _, err := f.svc.Login(ctx, "inspektorat@kota.go.id", apptest.Password)
			if err != nil {
				return err
			}
			_, err = f.svc.AuthenticateForEnrolment(ctx, token)
			return err
		},
		"Logout": func(ctx context.Context, f *fixture) error {
			token, _, err := f.svc.Login(ctx, "inspektorat@kota.go.id", apptest.Password)
			if err != nil {
				return err
			}
			return f.svc.Logout(ctx, token)
		},
		"AuthenticateAPIKey": func(ctx context.Context, f *fixture) error {
			_, key, err := f.svc.AddAPIKey(ctx, service.Operator, "Gateway", "sms")
			if err != nil {
				return err
			}
			_, err = f.svc.AuthenticateAPIKey(ctx, key, "sms")
			return err
		},
		"VerifyWhatsApp": func(ctx context.Context, f *fixture) error {
			_, err := f.svc.VerifyWhatsApp("subscribe", "verify", "1158201444")
			return err
		},
		"ReceiveWhatsApp": func(ctx context.Context, f *fixture) error {
			body := []byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"wamid.1","from":"6281234567890","type":"text","text":{"body":"HELP"}}]}}]}]}`)
			return f.svc.ReceiveWhatsApp(ctx, body, gateway.Sign("secret", body))
		},
		"ReceiveEmail": func(ctx context.Context, f *fixture) error {
			_, key, err := f.svc.AddAPIKey(ctx, service.Operator, "Gateway", "email")
			if err != nil {
				return err
			}
			_, err = f.svc.ReceiveEmail(ctx, key, []byte("From: warga@mail.test\r\nSubject: Jalan berlubang\r\nMessage-ID: <p1@mail.test>\r\n\r\nJalan berlubang di depan SD 3 Bontang Utara.\r\n"))
			return err
		},
		"ReceiveSMTP": func(ctx context.Context, f *fixture) error {
			_, err := f.svc.ReceiveSMTP(ctx, []byte("From: warga@mail.test\r\nSubject: Lampu mati\r\nMessage-ID: <p2@mail.test>\r\n\r\nLampu jalan mati di Jl. Ahmad Yani.\r\n"),
				"warga@mail.test", "lapor@kota.go.id")
			return err
		},
		"ReceiveSMS": func(ctx context.Context, f *fixture) error {
			_, key, err := f.svc.AddAPIKey(ctx, service.Operator, "Gateway", "sms")
			if err != nil {
				return err
			}
			_, err = f.svc.ReceiveSMS(ctx, key, service.SMSMessage{ID: "m1", From: "+6281234567890", Text: "HELP"})
			return err
		},
		"Open311Submit": func(ctx context.Context, f *fixture) error {
			_, key, err := f.svc.AddAPIKey(ctx, service.Operator, "Civic app", "open311")
			if err != nil {
				return err
			}
			if _, err := f.svc.ImportCategories(ctx, service.Operator, []domain.CategoryNode{{Code: "open311-uji", Name: "Uji"}}); err != nil {
				return err
			}
			lat, lon := 0.13, 117.5
			_, err = f.svc.Open311Submit(ctx, key, service.Open311Submission{ServiceCode: "open311-uji", Lat: &lat, Lon: &lon,
				Description: "Lampu jalan mati di depan pasar."})
			return err
		},
		"ReceiveSocial": func(ctx context.Context, f *fixture) error {
			_, key, err := f.svc.AddAPIKey(ctx, service.Operator, "Bridge", "social")
			if err != nil {
				return err
			}
			_, _, err = f.svc.ReceiveSocial(ctx, key, service.SocialPost{Text: "Lampu jalan mati seminggu di Jl. Ahmad Yani",
				Source: domain.ReportSource{Network: "x", PostURL: "https://x.com/a/status/1", AuthorHandle: "@a"}})
			return err
		},
		"RegisterCitizen": func(ctx context.Context, f *fixture) error {
			return f.svc.RegisterCitizen(ctx, "warga2@example.id", "kata-sandi-warga-panjang", i18n.ID)
		},
		"LoginCitizen": func(ctx context.Context, f *fixture) error {
			_, _, err := f.svc.LoginCitizen(ctx, "warga@example.id", "kata-sandi-warga-panjang")
			return err
		},
		"AuthenticateCitizen": func(ctx context.Context, f *fixture) error {
			token, _, err := f.svc.LoginCitizen(ctx, "warga@example.id", "kata-sandi-warga-panjang")
			if err != nil {
				return err
			}
			_, err = f.svc.AuthenticateCitizen(ctx, token)
			return err
		},
		"LogoutCitizen": func(ctx context.Context, f *fixture) error {
			token, _, err := f.svc.LoginCitizen(ctx, "warga@example.id", "kata-sandi-warga-panjang")
			if err != nil {
				return err
			}
			return f.svc.LogoutCitizen(ctx, token)
		},
	}
}

// readsNoData are the methods that read only the service's own settings
// or the public working-day calendar held in memory, or nothing at all.
var readsNoData = []string{"Now", "Location", "Calendar", "WithClock", "Ping", "Ready"}

// publicNotices take no viewer and tell anyone holding a tracking ID only
// what the receipt's QR code may say of a report not yet public: that it
// was received and by when it is to be verified (TestReceived);
// Open311Request tells the same, or what the public view shows.
var publicNotices = []string{"Received", "Open311Request"}

// startUp is what cmd/lapor calls once, before anyone can ask anything.
var startUp = []string{"Start"}

func TestEveryMethodHasARule(t *testing.T) {
	known := map[string]bool{}
	for name := range guardedMethods() {
		known[name] = true
	}
	for name := range reportMethods() {
		known[name] = true
	}
	for name := range entrances() {
		known[name] = true
	}
	for _, name := range publicNotices {
		known[name] = true
	}
	for _, name := range append(readsNoData, startUp...) {
		known[name] = true
	}
	typ := reflect.TypeOf(&service.Service{})
	var missing []string
	exported := map[string]bool{}
	for i := range typ.NumMethod() {
		name := typ.Method(i).Name
		exported[name] = true
		if !known[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		t.Errorf("service methods without a rule in the permission walk: %v (add each to guardedMethods, reportMethods, entrances or readsNoData)", missing)
	}
	for name := range known {
		if !exported[name] {
			t.Errorf("the permission walk lists %s, which the service no longer has", name)
		}
	}
	used := map[domain.Permission]bool{}
	for _, g := range guardedMethods() {
		used[g.perm] = true
	}
	for _, p := range domain.Permissions() {
		if !used[p] {
			t.Errorf("permission %q guards no service method", p)
		}
	}
}

func TestPermissionWalk(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	rep, err := f.svc.Report(ctx, f.trackingID, service.Operator)
	if err != nil {
		t.Fatal(err)
	}
	report := rep.Report

	names := func(m map[string]guarded) []string {
		var out []string
		for n := range m {
			out = append(out, n)
		}
		sort.Strings(out)
		return out
	}
	guards := guardedMethods()
	for _, name := range names(guards) {
		g := guards[name]
		for _, c := range f.callers {
			want := denied
			if c.v.Role().Can(g.perm) {
				want = allowed
			}
			err := g.call(ctx, f, c)
			if got := outcomeOf(err); got != want {
				t.Errorf("%s as %s (%s needs %s): %s (%v), want %s", name, c.name, c.v.Role(), g.perm, got, err, want)
			}
		}
	}

	for name, m := range reportMethods() {
		for _, c := range f.callers {
			access := domain.ReportAccess(report, domain.Reader{Role: c.v.Role(), CoversUnit: c.covers, HoldsReport: c.holds})
			want := allowed
			switch {
			case access == domain.AccessNone:
				want = notFound
			case m.act != "":
				acting := c.v.Role()
				if access == domain.AccessReporter {
					acting = domain.RoleReporter
				}
				if access == domain.AccessPublic || !domain.Permits(acting, m.act) {
					want = denied
				}
			}
			err := m.call(ctx, f, c)
			if got := outcomeOf(err); got != want {
				t.Errorf("%s as %s: %s (%v), want %s", name, c.name, got, err, want)
			}
		}
	}

	for name, call := range entrances() {
		if err := call(ctx, f); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// The walk must see every kind of caller the domain knows.
func TestPermissionWalkCoversEveryRole(t *testing.T) {
	f := newFixture(t)
	seen := map[domain.Role]bool{}
	for _, c := range f.callers {
		seen[c.v.Role()] = true
	}
	for _, r := range domain.CallerRoles() {
		if !seen[r] {
			t.Errorf("no caller of role %s in the walk", r)
		}
	}
	if !slices.ContainsFunc(f.callers, func(c caller) bool { return c.holds }) {
		t.Error("no caller holds a receipt")
	}
}

// Received tells of a report waiting for verification and of nothing else.
func TestReceived(t *testing.T) {
	env := apptest.New(t, filepath.Join(t.TempDir(), "lapor.db"), apptest.Options{})
	env.Seed(t)
	ctx := context.Background()
	rc, err := env.Svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindComplaint, Title: "Lampu jalan padam",
		Body: "Lampu jalan di depan pasar padam sejak minggu lalu."}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := env.Svc.Received(ctx, strings.ToLower(rc.TrackingID))
	if err != nil || got.TrackingID != rc.TrackingID || got.Status != domain.StatusSubmitted || !got.VerifyBy.After(got.ReceivedAt) {
		t.Fatalf("Received(%s) = %+v, %v", rc.TrackingID, got, err)
	}
	if _, err := env.Svc.Received(ctx, "K7MQ-2XRD"); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("an unknown ID: %v", err)
	}
	admin := staffOf(t, env, "admin@bontang.go.id")
	if _, err := env.Svc.Act(ctx, rc.TrackingID, admin, domain.ActionInput{Action: domain.ActionVerify, Unit: "dpupr"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Svc.Received(ctx, rc.TrackingID); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("a verified report: %v", err)
	}
}

func staffOf(t *testing.T, env *apptest.Env, email string) service.Viewer {
	t.Helper()
	u, err := env.Store.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return service.Viewer{User: &u}
}
