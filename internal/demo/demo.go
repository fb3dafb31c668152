// Package demo loads Bontang, the demo city, into an empty database: the
// city's government units (OPD), the category tree of lapor.go.id, staff
// accounts with fresh random passwords, and a year of reports in every
// state of their life.
//
// Everything goes through the real service (Submit and Act, with the
// service's clock set to each step's moment), so the timelines, hashes
// and rules are exactly those of real use. Content and timings come from
// a fixed seed, so two loads at the same moment differ only in passwords,
// receipts and tracking IDs.
package demo

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/big"
	mrand "math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lapor-id/lapor/internal/catalog"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/workdays"
)

// ErrNotEmpty is returned when the database already holds units, staff
// or reports; nothing is changed then.
var ErrNotEmpty = errors.New("demo: the database is not empty; the demo city is only loaded into an empty database")

// Login is a staff account created by Load, with its password in clear so
// it can be shown once.
type Login struct {
	Email, Password string
	Role            domain.Role
	Unit            string // unit code; empty when none
}

// Reports is how many reports Load files.
const Reports = 300

// seed fixes the demo's content and timings.
const seed1, seed2 = 1708, 2024

// Load fills an empty database with the demo city of Bontang and returns
// the staff logins it created. Reports are spread over the twelve months
// before now; no step happens after now. If the database already has a
// unit, a staff account or a report, Load returns ErrNotEmpty and changes
// nothing. A failure part way leaves what was loaded so far.
func Load(ctx context.Context, svc *service.Service, now time.Time) ([]Login, error) {
	if err := checkEmpty(ctx, svc); err != nil {
		return nil, err
	}
	now = now.UTC()
	setup := now.Add(-370 * 24 * time.Hour)
	at := func(t time.Time) *service.Service { return svc.WithClock(func() time.Time { return t }) }

	for _, u := range units {
		if _, err := at(setup).AddUnit(ctx, service.Operator, u.code, u.name, u.parent); err != nil {
			return nil, fmt.Errorf("demo: add unit %s: %w", u.code, err)
		}
	}
	if _, err := at(setup).ImportCategories(ctx, service.Operator, catalog.Default()); err != nil {
		return nil, fmt.Errorf("demo: import categories: %w", err)
	}
	logins, err := addStaff(ctx, at(setup.Add(time.Hour)))
	if err != nil {
		return nil, err
	}
	actors, err := loadActors(ctx, svc, logins)
	if err != nil {
		return nil, err
	}
	cats, err := categoryCodes()
	if err != nil {
		return nil, err
	}

	g := &generator{rng: newRand(), cal: svc.Calendar(), now: now, cats: cats}
	plans := make([]*plan, 0, Reports)
	for i := 0; i < Reports; i++ {
		plans = append(plans, g.plan(i))
	}
	// File them in the order they happened, so report IDs follow time,
	// then play each report's later steps; reports do not depend on one
	// another, so a few run at once while others wait for the disk.
	sort.SliceStable(plans, func(i, j int) bool { return plans[i].steps[0].at.Before(plans[j].steps[0].at) })
	for _, p := range plans {
		if err := submit(ctx, svc, p); err != nil {
			return nil, err
		}
	}
	if err := actAll(ctx, svc, actors, plans); err != nil {
		return nil, err
	}
	return logins, nil
}

// workers is how many reports are played at once.
const workers = 4

func actAll(ctx context.Context, svc *service.Service, a *actors, plans []*plan) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan *plan)
	errc := make(chan error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				if err := act(ctx, svc, a, p); err != nil {
					errc <- err
					cancel()
					return
				}
			}
		}()
	}
feed:
	for _, p := range plans {
		select {
		case next <- p:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return err
	}
	return ctx.Err()
}

func newRand() *mrand.Rand { return mrand.New(mrand.NewPCG(seed1, seed2)) }

func checkEmpty(ctx context.Context, svc *service.Service) error {
	us, err := svc.Units(ctx, service.Operator)
	if err != nil {
		return err
	}
	if len(us) > 0 {
		return ErrNotEmpty
	}
	users, err := svc.StaffAccounts(ctx, service.Operator)
	if err != nil {
		return err
	}
	if len(users) > 0 {
		return ErrNotEmpty
	}
	reports, err := svc.Inbox(ctx, service.Operator, service.InboxQuery{PerPage: 1})
	if err != nil {
		return err
	}
	if reports.Total > 0 {
		return ErrNotEmpty
	}
	return nil
}

// ---------------------------------------------------------------------
// Units and staff

type unitDef struct{ code, name, parent string }

// units are Kota Bontang's OPD used by the demo, parents first.
var units = []unitDef{
	{"diskominfo", "Dinas Komunikasi dan Informatika", ""},
	{"inspektorat", "Inspektorat Daerah", ""},
	{"dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", ""},
	{"dinkes", "Dinas Kesehatan", ""},
	{"rsud", "RSUD Taman Husada", "dinkes"},
	{"pkm-bontang-utara-1", "Puskesmas Bontang Utara I", "dinkes"},
	{"pkm-bontang-utara-2", "Puskesmas Bontang Utara II", "dinkes"},
	{"pkm-bontang-selatan-1", "Puskesmas Bontang Selatan I", "dinkes"},
	{"pkm-bontang-selatan-2", "Puskesmas Bontang Selatan II", "dinkes"},
	{"pkm-bontang-barat", "Puskesmas Bontang Barat", "dinkes"},
	{"pkm-lok-tuan", "Puskesmas Lok Tuan", "dinkes"},
	{"disdik", "Dinas Pendidikan dan Kebudayaan", ""},
	{"dishub", "Dinas Perhubungan", ""},
	{"dlh", "Dinas Lingkungan Hidup", ""},
	{"dinsos", "Dinas Sosial dan Pemberdayaan Masyarakat", ""},
	{"disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", ""},
	{"dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", ""},
	{"bpbd", "Badan Penanggulangan Bencana Daerah", ""},
	{"satpol-pp", "Satuan Polisi Pamong Praja", ""},
	{"perumda-air", "Perumda Air Minum Tirta Taman", ""},
	{"kecamatan-bontang-utara", "Kecamatan Bontang Utara", ""},
	{"kecamatan-bontang-selatan", "Kecamatan Bontang Selatan", ""},
	{"kecamatan-bontang-barat", "Kecamatan Bontang Barat", ""},
}

func unitName(code string) string {
	for _, u := range units {
		if u.code == code {
			return u.name
		}
	}
	return code
}

func unitParent(code string) string {
	for _, u := range units {
		if u.code == code {
			return u.parent
		}
	}
	return ""
}

type staffDef struct {
	email, name string
	role        domain.Role
	unit        string
}

// staff are the accounts Load creates; officers exist only for the main
// units, so reports routed elsewhere wait (as they do in real life).
var staff = []staffDef{
	{"admin@bontang.go.id", "Admin SP4N-LAPOR! Diskominfo", domain.RoleAdmin, "diskominfo"},
	{"inspektorat@bontang.go.id", "Inspektorat Kota Bontang", domain.RoleSupervisor, "inspektorat"},
	{"dpupr@bontang.go.id", "Penghubung DPUPR", domain.RoleOfficer, "dpupr"},
	{"dlh@bontang.go.id", "Penghubung DLH", domain.RoleOfficer, "dlh"},
	{"dishub@bontang.go.id", "Penghubung Dishub", domain.RoleOfficer, "dishub"},
	{"dinkes@bontang.go.id", "Penghubung Dinkes", domain.RoleOfficer, "dinkes"},
	{"disdukcapil@bontang.go.id", "Penghubung Disdukcapil", domain.RoleOfficer, "disdukcapil"},
	{"perumda-air@bontang.go.id", "Penghubung Perumda Tirta Taman", domain.RoleOfficer, "perumda-air"},
}

// hasOfficer reports whether some officer covers unit (directly or
// through a parent unit).
func hasOfficer(unit string) bool { return officerUnit(unit) != "" }

// officerUnit returns the unit of the officer who covers unit.
func officerUnit(unit string) string {
	for u := unit; u != ""; u = unitParent(u) {
		for _, s := range staff {
			if s.role == domain.RoleOfficer && s.unit == u {
				return u
			}
		}
	}
	return ""
}

func addStaff(ctx context.Context, svc *service.Service) ([]Login, error) {
	out := make([]Login, 0, len(staff))
	for _, s := range staff {
		pw, err := NewPassword()
		if err != nil {
			return nil, err
		}
		if _, err := svc.AddUser(ctx, service.Operator, service.NewUser{Email: s.email, Name: s.name, Role: s.role, Unit: s.unit, Password: pw}); err != nil {
			return nil, fmt.Errorf("demo: add user %s: %w", s.email, err)
		}
		out = append(out, Login{Email: s.email, Password: pw, Role: s.role, Unit: s.unit})
	}
	return out, nil
}

// passwordAlphabet leaves out look-alike characters (0/o, 1/l/i).
const passwordAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// NewPassword returns a random password that is easy to read and type:
// four groups of four characters ("k7dm-qxr2-pa9h-wtez", 18 characters,
// about 79 bits).
func NewPassword() (string, error) {
	var b strings.Builder
	max := big.NewInt(int64(len(passwordAlphabet)))
	for i := 0; i < 16; i++ {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", err
		}
		b.WriteByte(passwordAlphabet[n.Int64()])
	}
	return b.String(), nil
}

// actors are the viewers staff steps are taken as.
type actors struct {
	admin    service.Viewer
	officers map[string]service.Viewer // by unit code
}

func loadActors(ctx context.Context, svc *service.Service, logins []Login) (*actors, error) {
	a := &actors{officers: map[string]service.Viewer{}}
	accounts, err := svc.StaffAccounts(ctx, service.Operator)
	if err != nil {
		return nil, err
	}
	byEmail := make(map[string]domain.User, len(accounts))
	for _, u := range accounts {
		byEmail[u.Email] = u
	}
	for _, l := range logins {
		user, ok := byEmail[l.Email]
		if !ok {
			return nil, fmt.Errorf("demo: user %s not found", l.Email)
		}
		switch l.Role {
		case domain.RoleAdmin:
			a.admin = service.Viewer{User: &user}
		case domain.RoleOfficer:
			a.officers[l.Unit] = service.Viewer{User: &user}
		}
	}
	if a.admin.User == nil {
		return nil, errors.New("demo: no admin account")
	}
	return a, nil
}

// ---------------------------------------------------------------------
// Running a plan

type actor int

const (
	byReporter actor = iota
	byAdmin
	byOfficer
)

// step is one thing that happens to a report: its submission (the first
// step) or an action.
type step struct {
	who    actor
	unit   string // officer steps: the unit whose officer acts
	in     domain.ActionInput
	gap    [2]time.Duration // delay after the previous step, min and max
	at     time.Time
	upload bool // attach a small photo
}

type plan struct {
	sub     domain.Submission
	title   string // the title as it should read (SMS and posts arrive untidy)
	steps   []step
	photo   int             // seed of the photo's colours
	receipt service.Receipt // once filed
}

func submit(ctx context.Context, svc *service.Service, p *plan) error {
	first := p.steps[0]
	s := svc.WithClock(func() time.Time { return first.at })
	var ups []service.Upload
	if first.upload {
		ups = []service.Upload{{Name: "foto-laporan.png", Data: photo(p.photo)}}
	}
	rc, err := s.Submit(ctx, service.Public, p.sub, ups)
	if err != nil {
		return fmt.Errorf("demo: submit %q: %w", p.sub.Title, err)
	}
	p.receipt = rc
	return nil
}

func act(ctx context.Context, svc *service.Service, a *actors, p *plan) error {
	rc := p.receipt
	reporter := service.ReporterViewer(rc.Receipt)
	for _, stp := range p.steps[1:] {
		var v service.Viewer
		switch stp.who {
		case byReporter:
			v = reporter
		case byAdmin:
			v = a.admin
		case byOfficer:
			ov, ok := a.officers[officerUnit(stp.unit)]
			if !ok {
				return fmt.Errorf("demo: no officer for unit %s", stp.unit)
			}
			v = ov
		}
		var ups []service.Upload
		if stp.upload {
			ups = []service.Upload{{Name: "foto-tindak-lanjut.png", Data: photo(p.photo + 7)}}
		}
		t := stp.at
		if _, err := svc.WithClock(func() time.Time { return t }).Act(ctx, rc.TrackingID, v, stp.in, ups); err != nil {
			return fmt.Errorf("demo: %s on %q: %w", stp.in.Action, p.sub.Title, err)
		}
	}
	return nil
}

// photo makes a tiny PNG (a few hundred bytes) standing in for a photo.
func photo(n int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 48, 32))
	c1 := color.RGBA{uint8(60 + n*37%150), uint8(90 + n*53%120), uint8(70 + n*29%100), 255}
	c2 := color.RGBA{uint8(120 + n*17%100), uint8(110 + n*13%90), uint8(100 + n*7%80), 255}
	for y := 0; y < 32; y++ {
		for x := 0; x < 48; x++ {
			c := c1
			if y > 18 || (x+y)%11 == 0 {
				c = c2
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

// ---------------------------------------------------------------------
// Generating plans

type generator struct {
	rng  *mrand.Rand
	cal  *workdays.Calendar
	now  time.Time
	cats map[string]string // theme category key -> code
}

type outcome int

const (
	outSubmitted outcome = iota
	outOnHold
	outArchived
	outDispositioned
	outFollowedUp
	outReplied
	outCompleted
)

func (g *generator) intn(n int) int { return g.rng.IntN(n) }

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

func pick[T any](g *generator, list []T) T { return list[g.rng.IntN(len(list))] }

func (g *generator) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.intn(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

func (g *generator) theme() *theme {
	ws := make([]int, len(themes))
	for i := range themes {
		ws[i] = themes[i].weight
	}
	return &themes[g.weighted(ws)]
}

func (g *generator) outcome(th *theme) outcome {
	if !hasOfficer(th.unit) {
		return []outcome{outSubmitted, outOnHold, outArchived, outDispositioned}[g.weighted([]int{14, 8, 18, 60})]
	}
	return outcome(g.weighted([]int{7, 5, 10, 10, 9, 7, 52}))
}

// plan builds one report: what is filed, every step after it, and when.
func (g *generator) plan(i int) *plan {
	th := *g.theme()
	ctx := g.place(&th)
	if th.unit == "{pkm}" {
		th.unit = ctx.pkm // the puskesmas of the place
	}
	out := g.outcome(&th)
	reason := ""
	if out == outArchived {
		reason = g.archiveReason(&th)
	}
	p := &plan{photo: i}
	p.sub, p.title = g.submission(&th, ctx)
	if junk, ok := junkTexts[reason]; ok {
		// What gets archived as spam or unintelligible looks like it.
		j := pick(g, junk)
		p.sub.Title, p.sub.Body, p.title = j[0], j[1], j[0]
		p.sub.Category, p.sub.Unit, p.sub.IncidentDate = "", "", ""
		p.sub.Location = domain.Location{}
	}
	b := &builder{g: g, th: &th, ctx: ctx, p: p, confidential: p.sub.Confidential, reason: reason}
	b.add(byReporter, "", domain.ActionInput{}, 0, 0) // the submission
	p.steps[0].upload = g.chance(0.06)
	b.build(out)
	g.schedule(p, out)
	// The incident happened on or before the day it was reported.
	if p.sub.IncidentDate != "" {
		d := p.steps[0].at.In(g.cal.Location()).AddDate(0, 0, -g.intn(6))
		p.sub.IncidentDate = d.Format("2006-01-02")
	}
	return p
}

// place is where a report is about, and the words used to describe it.
type place struct {
	kel    *kelurahan
	street string
	mark   string
	rt     string
	pkm    string // unit code of the kelurahan's puskesmas
}

func (g *generator) place(th *theme) place {
	var k *kelurahan
	if len(th.places) > 0 && g.chance(0.6) {
		name := pick(g, th.places)
		for i := range kelurahans {
			if kelurahans[i].name == name {
				k = &kelurahans[i]
			}
		}
	}
	if k == nil {
		k = &kelurahans[g.intn(len(kelurahans))]
	}
	return place{kel: k, street: pick(g, k.streets), mark: pick(g, k.marks), rt: strconv.Itoa(1 + g.intn(45)), pkm: k.pkm}
}

func (pl place) replacer(g *generator) *strings.Replacer {
	return strings.NewReplacer(
		"{jalan}", pl.street, "{kel}", pl.kel.name, "{kec}", pl.kel.kec, "{lokasi}", pl.mark,
		"{rt}", pl.rt, "{pkm}", unitName(pl.pkm), "{hari}", pick(g, durations),
		"{sd}", fmt.Sprintf("SD Negeri %03d %s", 1+g.intn(12), pl.kel.kec),
	)
}

func (g *generator) submission(th *theme, pl place) (domain.Submission, string) {
	rep := pl.replacer(g)
	sub := domain.Submission{
		Kind:     th.kind,
		Title:    rep.Replace(pick(g, th.titles)),
		Body:     rep.Replace(pick(g, th.bodies)),
		Category: g.cats[th.key],
		Channel:  []domain.Channel{domain.ChannelWeb, domain.ChannelWhatsApp, domain.ChannelAPI, domain.ChannelSMS, domain.ChannelSocial, domain.ChannelPaper}[g.weighted([]int{50, 20, 12, 7, 7, 4})],
	}
	if g.chance(0.55) {
		sub.Body += " " + rep.Replace(pick(g, closings))
	}
	if g.chance(0.3) {
		sub.Unit = th.unit
	}
	if g.chance(0.7) {
		sub.IncidentDate = "set" // replaced once the filing time is known
	}
	sub.Location = domain.Location{
		Address:   fmt.Sprintf("%s, RT %s, dekat %s", pl.street, pl.rt, pl.mark),
		Kelurahan: pl.kel.name,
		Kecamatan: pl.kel.kec,
	}
	if g.chance(0.75) {
		lat := round6(pl.kel.lat + (g.rng.Float64()-0.5)*0.008)
		lon := round6(pl.kel.lon + (g.rng.Float64()-0.5)*0.008)
		sub.Location.Lat, sub.Location.Lon = &lat, &lon
	}
	sub.Anonymous = g.chance(0.22) || (th.sensitive && g.chance(0.7))
	sub.Confidential = (th.sensitive && g.chance(0.6)) || g.chance(0.04)
	if !sub.Anonymous || g.chance(0.3) {
		if g.chance(0.8) {
			sub.Reporter = g.identity()
		}
	}
	if !sub.Anonymous && sub.Reporter.Name != "" && g.chance(0.3) {
		sub.ShowName = true
	}
	title := sub.Title
	if sub.Channel == domain.ChannelSMS || sub.Channel == domain.ChannelSocial {
		// Texts and posts arrive untidy; the admin fixes the title when verifying.
		sub.Title = strings.ToLower(sub.Title)
		if sub.Channel == domain.ChannelSocial {
			sub.Title = "@lapor1708 " + sub.Title + " #lapor"
		}
	}
	return sub, title
}

func round6(f float64) float64 { return float64(int64(f*1e6+0.5)) / 1e6 }

func (g *generator) identity() domain.Identity {
	first, last := pick(g, firstNames), pick(g, lastNames)
	id := domain.Identity{Name: first + " " + last}
	if g.chance(0.6) {
		id.Email = strings.ToLower(strings.ReplaceAll(first, " ", "")) + "." + strings.ToLower(strings.ReplaceAll(last, " ", "")) +
			strconv.Itoa(g.intn(90)+10) + "@example.com"
	}
	if g.chance(0.7) {
		id.Phone = fmt.Sprintf("08%d%d-%04d-%04d", 1+g.intn(3), 1+g.intn(9), g.intn(10000), g.intn(10000))
	}
	return id
}

// builder assembles the steps of a plan.
type builder struct {
	g            *generator
	th           *theme
	ctx          place
	p            *plan
	cur          string // unit the report is routed to
	confidential bool
	reason       string // archive reason, for archived reports
	hold         int    // which hold message was sent
}

const (
	minute = time.Minute
	hour   = time.Hour
	day    = 24 * time.Hour
)

func (b *builder) add(who actor, unit string, in domain.ActionInput, min, max time.Duration) {
	b.p.steps = append(b.p.steps, step{who: who, unit: unit, in: in, gap: [2]time.Duration{min, max}})
}

func (b *builder) text(list []string) string { return b.ctx.replacer(b.g).Replace(pick(b.g, list)) }

func (b *builder) admin(in domain.ActionInput, min, max time.Duration) {
	b.add(byAdmin, "", in, min, max)
}

func (b *builder) officer(in domain.ActionInput, min, max time.Duration) {
	b.add(byOfficer, b.cur, in, min, max)
}

func (b *builder) reporter(in domain.ActionInput, min, max time.Duration) {
	b.add(byReporter, "", in, min, max)
}

func (b *builder) build(out outcome) {
	g := b.g
	switch out {
	case outSubmitted:
		if g.chance(0.15) {
			b.putOnHold()
			b.completeInfo()
		}
		return
	case outOnHold:
		b.putOnHold()
		return
	case outArchived:
		if b.reason == "hold_expired" {
			b.putOnHold()
			b.admin(domain.ActionInput{Action: domain.ActionArchive, Reason: b.reason, Message: archiveMessages[b.reason]}, 30*day, 33*day)
			return
		}
		b.admin(domain.ActionInput{Action: domain.ActionArchive, Reason: b.reason, Message: archiveMessages[b.reason]}, 40*minute, 2*day)
		return
	}
	// Verified and routed.
	if g.chance(0.06) {
		b.putOnHold()
		b.completeInfo()
	}
	b.verify()
	if !hasOfficer(b.cur) {
		if g.chance(0.3) {
			b.admin(domain.ActionInput{Action: domain.ActionNote, Message: "Sudah diingatkan melalui telepon ke penghubung " + unitName(b.cur) + "."}, 3*day, 10*day)
		}
		return // the unit has no account in the demo: the report waits
	}
	if out == outDispositioned {
		if g.chance(0.3) {
			b.officer(domain.ActionInput{Action: domain.ActionNote, Message: pick(g, officerNotes)}, 2*hour, 2*day)
		}
		return
	}
	b.followUp()
	switch out {
	case outFollowedUp:
		if g.chance(0.25) {
			b.reply()
			b.followUp()
		}
	case outReplied:
		if g.chance(0.35) {
			b.complete(1 + g.intn(3))
			b.reporter(domain.ActionInput{Action: domain.ActionReopen, Message: b.text(reopenMessages)}, 2*hour, 3*day)
		} else {
			b.reply()
		}
	case outCompleted:
		if g.chance(0.2) {
			b.reply()
			b.followUp()
		}
		if g.chance(0.1) {
			b.complete(1 + g.intn(3))
			b.reporter(domain.ActionInput{Action: domain.ActionReopen, Message: b.text(reopenMessages)}, 2*hour, 3*day)
			b.followUp()
		}
		b.complete(g.rating())
	}
}

func (g *generator) rating() int { return 5 - g.weighted([]int{42, 34, 14, 6, 4}) }

func (g *generator) archiveReason(th *theme) string {
	if th.kind == domain.KindAspiration && g.chance(0.6) {
		return "no_action_needed"
	}
	return []string{"duplicate", "hold_expired", "out_of_scope", "unintelligible", "spam", "no_action_needed"}[g.weighted([]int{30, 22, 20, 12, 10, 6})]
}

// putOnHold asks the reporter for more; completeInfo is the answer.
func (b *builder) putOnHold() {
	b.hold = b.g.intn(len(holds))
	b.admin(domain.ActionInput{Action: domain.ActionHold, Message: holds[b.hold][0]}, 30*minute, 2*day)
}

func (b *builder) completeInfo() {
	msg := b.ctx.replacer(b.g).Replace(holds[b.hold][1])
	b.reporter(domain.ActionInput{Action: domain.ActionCompleteInfo, Message: msg}, 3*hour, 4*day)
}

// verify routes the report, sometimes first to a wrong unit that sends it
// back or passes it on.
func (b *builder) verify() {
	g, th := b.g, b.th
	if b.p.sub.Title != b.p.title {
		b.admin(domain.ActionInput{Action: domain.ActionEditTitle, Title: b.p.title}, 20*minute, day)
	}
	if th.sensitive && !b.confidential && g.chance(0.7) {
		b.admin(domain.ActionInput{Action: domain.ActionSetConfidential}, 5*minute, 3*hour)
		b.confidential = true
	}
	verifyMsg := func(unit string) string {
		return "Laporan telah diverifikasi dan diteruskan ke " + unitName(unit) + " untuk ditindaklanjuti."
	}
	routed := false
	switch {
	case th.wrong != "" && hasOfficer(th.wrong) && g.chance(0.14):
		// Bukan wewenang: the unit sends it back and the admin routes it again.
		b.admin(domain.ActionInput{Action: domain.ActionVerify, Unit: th.wrong, Message: verifyMsg(th.wrong)}, hour, 3*day)
		b.cur = th.wrong
		b.officer(domain.ActionInput{Action: domain.ActionReturn, Message: b.text(th.returnMsgs)}, 2*hour, 3*day)
		b.admin(domain.ActionInput{Action: domain.ActionVerify, Unit: th.unit, Message: verifyMsg(th.unit)}, hour, 2*day)
		b.cur = th.unit
		routed = true
	case th.wrong != "" && hasOfficer(th.wrong) && g.chance(0.12):
		// The first unit passes it to the right one itself.
		b.admin(domain.ActionInput{Action: domain.ActionVerify, Unit: th.wrong, Message: verifyMsg(th.wrong)}, hour, 3*day)
		b.cur = th.wrong
		b.officer(domain.ActionInput{Action: domain.ActionForward, Unit: th.unit, Message: "Diteruskan ke " + unitName(th.unit) + " sesuai kewenangan."}, 2*hour, 2*day)
		b.cur = th.unit
		routed = true
	case th.wrong != "" && g.chance(0.04):
		b.admin(domain.ActionInput{Action: domain.ActionVerify, Unit: th.wrong, Message: verifyMsg(th.wrong)}, hour, 3*day)
		b.cur = th.wrong
		b.admin(domain.ActionInput{Action: domain.ActionReroute, Unit: th.unit, Message: "Koreksi disposisi: laporan ini kewenangan " + unitName(th.unit) + "."}, 30*minute, day)
		b.cur = th.unit
		routed = true
	}
	if !routed {
		b.admin(domain.ActionInput{Action: domain.ActionVerify, Unit: th.unit, Message: verifyMsg(th.unit)}, hour, 3*day)
		b.cur = th.unit
	}
	if th.escalate != "" && hasOfficer(b.cur) && g.chance(0.15) {
		// Beyond the unit's means: passed on (to a unit that has no
		// account in the demo, so it waits there).
		b.officer(domain.ActionInput{Action: domain.ActionForward, Unit: th.escalate, Message: "Diteruskan ke " + unitName(th.escalate) + " karena memerlukan penanganan lebih lanjut."}, 2*hour, 2*day)
		b.cur = th.escalate
	}
}

func (b *builder) followUp() {
	b.officer(domain.ActionInput{Action: domain.ActionFollowUp, Message: b.text(b.th.followUps)}, 3*hour, 6*day)
	b.p.steps[len(b.p.steps)-1].upload = b.g.chance(0.05)
}

func (b *builder) reply() {
	list := replies
	if b.th.kind != domain.KindComplaint {
		list = otherReplies
	}
	b.reporter(domain.ActionInput{Action: domain.ActionReply, Message: b.text(list)}, 2*hour, 4*day)
}

func (b *builder) complete(rating int) {
	msg := ""
	if b.g.chance(0.6) {
		msg = pick(b.g, thanks[rating])
	}
	b.reporter(domain.ActionInput{Action: domain.ActionComplete, Rating: rating, Message: msg}, hour, 5*day)
}

// schedule gives every step its moment, working backwards from the last
// one: the last happens some idle time before now (short for reports
// still waiting on someone, anything up to a year for closed ones), and
// each step before it happens its gap earlier. Staff act on working days
// in office hours (08:00-16:00 WITA); citizens between 06:00 and 23:00.
func (g *generator) schedule(p *plan, out outcome) {
	var idle time.Duration
	days := func(lo, hi float64) time.Duration {
		return time.Duration((lo + g.rng.Float64()*(hi-lo)) * float64(day))
	}
	switch out {
	case outSubmitted:
		if g.chance(0.8) {
			idle = days(0.02, 2)
		} else {
			idle = days(3, 8)
		}
	case outOnHold:
		idle = days(0.5, 25)
	case outDispositioned:
		if g.chance(0.65) {
			idle = days(0.05, 4)
		} else {
			idle = days(6, 60)
		}
	case outFollowedUp:
		idle = days(0.1, 8)
	case outReplied:
		idle = days(0.05, 6)
	default:
		idle = days(0.5, 350)
	}
	gaps := make([]time.Duration, len(p.steps))
	for i := 1; i < len(p.steps); i++ {
		lo, hi := p.steps[i].gap[0], p.steps[i].gap[1]
		// Skewed towards the short end: most steps come quickly.
		f := g.rng.Float64()
		gaps[i] = lo + time.Duration(f*f*float64(hi-lo))
	}
	jitter := make([]int, len(p.steps))
	for i := range jitter {
		jitter[i] = g.intn(3600)
	}
	floor := g.now.Add(-365 * day)
	for try := 0; ; try++ {
		t := g.snap(g.now.Add(-idle), p.steps[len(p.steps)-1].who, jitter[len(p.steps)-1])
		p.steps[len(p.steps)-1].at = t
		for i := len(p.steps) - 1; i > 0; i-- {
			t = g.snap(t.Add(-gaps[i]), p.steps[i-1].who, jitter[i-1])
			p.steps[i-1].at = t
		}
		if !p.steps[0].at.Before(floor) || try == 4 {
			break
		}
		idle -= floor.Sub(p.steps[0].at) + day
		if idle < 0 {
			idle = 0
		}
	}
}

// snap moves t back to the nearest earlier moment when who would act.
func (g *generator) snap(t time.Time, who actor, jitter int) time.Time {
	loc := g.cal.Location()
	lt := t.In(loc)
	if who != byAdmin && who != byOfficer {
		if lt.Hour() < 6 {
			y, m, d := lt.AddDate(0, 0, -1).Date()
			return time.Date(y, m, d, 20, 0, 0, 0, loc).Add(time.Duration(jitter%7200) * time.Second).UTC()
		}
		return t
	}
	for i := 0; i < 30; i++ {
		working := g.cal.IsWorkingDay(workdays.DateOf(lt, loc))
		switch {
		case working && lt.Hour() >= 8 && lt.Hour() < 16:
			return lt.UTC()
		case working && lt.Hour() >= 16:
			// Some time during that day's office hours.
			y, m, d := lt.Date()
			return time.Date(y, m, d, 8, 0, 0, 0, loc).Add(time.Duration(jitter*8) * time.Second).UTC()
		default:
			y, m, d := lt.AddDate(0, 0, -1).Date()
			lt = time.Date(y, m, d, 23, 0, 0, 0, loc)
		}
	}
	return lt.UTC()
}

// categoryCodes resolves each theme's category by name in the embedded
// tree, so the demo follows whatever codes the catalogue makes.
func categoryCodes() (map[string]string, error) {
	tree := catalog.Default()
	out := map[string]string{}
	for _, th := range themes {
		code := ""
		for _, top := range tree {
			if !strings.EqualFold(top.Name, th.category[0]) {
				continue
			}
			if th.category[1] == "" {
				code = top.Code
			}
			for _, c := range top.Children {
				if strings.EqualFold(c.Name, th.category[1]) {
					code = c.Code
				}
			}
		}
		if code == "" {
			return nil, fmt.Errorf("demo: category %q / %q not in the catalogue", th.category[0], th.category[1])
		}
		out[th.key] = code
	}
	return out, nil
}

// ---------------------------------------------------------------------
// Content: Bontang's places and the reports its citizens file

type kelurahan struct {
	name, kec string
	lat, lon  float64
	pkm       string
	streets   []string
	marks     []string
}

var kelurahans = []kelurahan{
	{"Bontang Baru", "Bontang Utara", 0.1358, 117.4979, "pkm-bontang-utara-1",
		[]string{"Jl. Bhayangkara", "Jl. KS Tubun", "Jl. Pattimura", "Jl. Imam Bonjol"},
		[]string{"Pasar Rawa Indah", "Masjid Al Muhajirin", "Taman Adipura", "Kantor Kelurahan Bontang Baru"}},
	{"Bontang Kuala", "Bontang Utara", 0.1297, 117.5118, "pkm-bontang-utara-1",
		[]string{"Jl. Selambai", "Jl. Kampung Bontang Kuala", "Jl. Yos Sudarso"},
		[]string{"dermaga wisata Bontang Kuala", "jembatan ulin kampung atas laut", "TPI Bontang Kuala"}},
	{"Api-Api", "Bontang Utara", 0.1421, 117.4917, "pkm-bontang-utara-2",
		[]string{"Jl. Ahmad Yani", "Jl. Gajah Mada", "Jl. Mulawarman", "Jl. Arif Rahman Hakim"},
		[]string{"Masjid Agung Al Hijrah", "SMP Negeri 1 Bontang", "perumahan BTN Api-Api", "simpang Ramayana"}},
	{"Gunung Elai", "Bontang Utara", 0.1472, 117.4858, "pkm-bontang-utara-2",
		[]string{"Jl. MT Haryono", "Jl. DI Panjaitan", "Jl. Moh. Roem", "Jl. Urip Sumoharjo"},
		[]string{"simpang empat Gunung Elai", "Kantor Kelurahan Gunung Elai", "SMA Negeri 1 Bontang", "Indomaret Gunung Elai"}},
	{"Lok Tuan", "Bontang Utara", 0.1647, 117.4912, "pkm-lok-tuan",
		[]string{"Jl. RE Martadinata", "Jl. Pupuk Raya", "Jl. Cipto Mangunkusumo"},
		[]string{"Pelabuhan Lok Tuan", "Pasar Lok Tuan", "gerbang PT Pupuk Kaltim", "Masjid Nurul Iman"}},
	{"Guntung", "Bontang Utara", 0.1761, 117.4773, "pkm-lok-tuan",
		[]string{"Jl. Poros Bontang-Sangatta", "Jl. Pupuk Raya", "Jl. Guntung Permai"},
		[]string{"Kantor Kelurahan Guntung", "SDN Guntung", "Pasar Guntung"}},
	{"Bontang Lestari", "Bontang Selatan", 0.0824, 117.4702, "pkm-bontang-selatan-2",
		[]string{"Jl. Poros Bontang-Samarinda", "Jl. HM Ardans", "Jl. Bontang Lestari Raya"},
		[]string{"Stadion Bontang Lestari", "kawasan Bontang Lestari", "Kantor Kelurahan Bontang Lestari"}},
	{"Satimpo", "Bontang Selatan", 0.1018, 117.4781, "pkm-bontang-selatan-2",
		[]string{"Jl. Slamet Riyadi", "Jl. Poros Satimpo", "Jl. Nusantara"},
		[]string{"Kantor Kelurahan Satimpo", "perumahan Satimpo", "SDN Satimpo"}},
	{"Berbas Pantai", "Bontang Selatan", 0.1121, 117.5027, "pkm-bontang-selatan-1",
		[]string{"Jl. Selat Makassar", "Jl. Pesisir Berbas", "Jl. Kakap"},
		[]string{"pasar ikan Berbas Pantai", "TPI Berbas Pantai", "pesisir Berbas Pantai", "Masjid Babussalam"}},
	{"Berbas Tengah", "Bontang Selatan", 0.1163, 117.4934, "pkm-bontang-selatan-1",
		[]string{"Jl. Awang Long", "Jl. Pierre Tendean", "Jl. Soekarno-Hatta"},
		[]string{"Bontang Plaza", "simpang Berbas Tengah", "Kantor Kelurahan Berbas Tengah"}},
	{"Tanjung Laut", "Bontang Selatan", 0.1224, 117.5010, "pkm-bontang-selatan-1",
		[]string{"Jl. Jend. Sudirman", "Jl. Kapten Pierre Tendean", "Jl. Pelabuhan Tanjung Laut"},
		[]string{"Pelabuhan Tanjung Laut", "Pasar Tanjung Laut", "Balai Pertemuan Umum"}},
	{"Tanjung Laut Indah", "Bontang Selatan", 0.1189, 117.5106, "pkm-bontang-selatan-1",
		[]string{"Jl. Danau Toba", "Jl. Danau Poso", "Jl. Danau Maninjau"},
		[]string{"Kantor Kelurahan Tanjung Laut Indah", "pantai Tanjung Laut Indah", "SMP Negeri 3 Bontang"}},
	{"Kanaan", "Bontang Barat", 0.1452, 117.4652, "pkm-bontang-barat",
		[]string{"Jl. Letjen S. Parman", "Jl. Kanaan Raya", "Jl. Brigjen Katamso"},
		[]string{"Kantor Kelurahan Kanaan", "jembatan Kanaan", "SDN Kanaan"}},
	{"Gunung Telihan", "Bontang Barat", 0.1331, 117.4711, "pkm-bontang-barat",
		[]string{"Jl. Bessai Berinta", "Jl. Moch. Roem", "Jl. Brigjen Katamso"},
		[]string{"Kantor Wali Kota Bontang", "Gedung Olahraga Gunung Telihan", "Islamic Center"}},
	{"Belimbing", "Bontang Barat", 0.1303, 117.4618, "pkm-bontang-barat",
		[]string{"Jl. Letjen S. Parman", "Jl. Belimbing Raya", "Jl. Brigjen Katamso"},
		[]string{"RSUD Taman Husada", "perumahan Belimbing", "Kantor Kelurahan Belimbing"}},
}

var durations = []string{"tiga hari", "hampir seminggu", "dua minggu", "lebih dari sebulan", "lima hari", "beberapa hari"}

var firstNames = []string{"Andi", "Siti", "Muhammad", "Nur", "Budi", "Dewi", "Ahmad", "Rina", "Hendra", "Sri", "Rahmat",
	"Fitri", "Arif", "Yuliana", "Syamsul", "Hasanah", "Irfan", "Wahyu", "Agus", "Lestari", "Rizky", "Ayu", "Daeng",
	"La Ode", "Yohanes", "Maria", "Putu", "Eko"}

var lastNames = []string{"Pratama", "Rahmawati", "Santoso", "Lestari", "Fauzi", "Wulandari", "Gunawan", "Wahyuni",
	"Hidayat", "Handayani", "Setiawan", "Bahri", "Hasanuddin", "Saputra", "Kurniawan", "Syahrir", "Baso", "Sitorus",
	"Nugroho", "Anggraini", "Marpaung", "Tamrin"}

var closings = []string{
	"Mohon segera ditindaklanjuti, terima kasih.",
	"Kami warga RT {rt} sangat berharap ada perhatian dari Pemkot Bontang.",
	"Sudah pernah disampaikan ke kelurahan tetapi belum ada tindakan.",
	"Foto bisa saya kirimkan bila diperlukan.",
	"Mohon bantuannya Bapak/Ibu, terima kasih atas perhatiannya.",
	"Semoga cepat ditangani sebelum ada korban.",
}

// holds are what an admin asks for when putting a report on hold, with
// the reporter's answer.
var holds = [][2]string{
	{"Mohon lengkapi lokasi yang lebih rinci (nama jalan, RT, patokan) agar laporan dapat kami teruskan ke OPD terkait.",
		"Lokasinya di {jalan}, RT {rt}, tepat di depan {lokasi}, Kelurahan {kel}."},
	{"Mohon sampaikan sejak kapan kejadiannya dan lampirkan foto kondisi terkini agar laporan dapat diverifikasi.",
		"Kejadiannya sudah {hari}. Foto sudah saya lampirkan juga lewat WhatsApp resmi SP4N-LAPOR! Bontang."},
	{"Laporan belum cukup jelas. Mohon jelaskan layanan apa yang dikeluhkan dan di mana kejadiannya.",
		"Maaf kurang lengkap. Yang saya maksud terjadi di {lokasi}, {jalan}, Kecamatan {kec}, dan sudah berlangsung {hari}."},
}

var archiveMessages = map[string]string{
	"duplicate":        "Laporan yang sama sudah diterima dan sedang ditindaklanjuti; silakan pantau laporan sebelumnya.",
	"unintelligible":   "Isi laporan tidak dapat dipahami dan pelapor tidak dapat dihubungi untuk melengkapi keterangan.",
	"spam":             "Bukan laporan pelayanan publik (promosi/iklan).",
	"out_of_scope":     "Bukan kewenangan Pemerintah Kota Bontang; silakan sampaikan kepada instansi vertikal terkait.",
	"no_action_needed": "Terima kasih atas masukannya. Disimpan sebagai bahan perencanaan dan tidak memerlukan tindak lanjut.",
	"hold_expired":     "Laporan diarsipkan karena kelengkapan data tidak diterima dalam 30 hari.",
}

// junkTexts replace the content of reports archived as spam or
// unintelligible.
var junkTexts = map[string][][2]string{
	"spam": {
		{"Jual pupuk organik murah meriah", "Dijual pupuk organik kualitas super, harga grosir, kirim ke seluruh Bontang. Minat hubungi WA 0812-5555-0199."},
		{"Pinjaman dana cepat tanpa jaminan", "Butuh dana cepat? Pinjaman tanpa agunan, cair dalam 1 jam. Klik tautan di profil kami."},
		{"Promo paket internet rumah", "Pasang internet rumah sekarang gratis instalasi untuk wilayah Bontang Utara dan Selatan. Hubungi sales kami."},
	},
	"unintelligible": {
		{"tolong pak", "itu pak yg kemarin blm jg ada kabar gmn ini"},
		{"Lapor!!!", "kenapa begini terus tiap hari tdk ada perubahan mohon dibantu"},
		{"cek", "cek cek apakah laporan ini masuk"},
	},
}

var officerNotes = []string{
	"Sudah dijadwalkan survei lapangan minggu ini.",
	"Menunggu ketersediaan material di gudang.",
	"Koordinasi dengan kelurahan setempat sedang berjalan.",
	"Penanganan masuk daftar prioritas bulan ini.",
}

var otherReplies = []string{
	"Terima kasih, tetapi jawabannya belum menjawab pertanyaan saya. Mohon penjelasan yang lebih rinci.",
	"Apakah ada jadwal pastinya? Mohon diinformasikan kembali.",
}

var replies = []string{
	"Terima kasih tanggapannya, tetapi sampai hari ini kondisinya belum berubah. Mohon dicek kembali ke lokasi.",
	"Perbaikannya baru sebagian, masih ada bagian di dekat {lokasi} yang belum ditangani.",
	"Petugas memang sudah datang, tetapi masalahnya muncul lagi setelah hujan kemarin.",
	"Kapan tepatnya jadwal penanganannya? Warga masih menunggu kepastian.",
}

var reopenMessages = []string{
	"Masalahnya muncul lagi. Mohon ditangani sampai tuntas.",
	"Setelah saya cek ulang ternyata belum selesai, masih sama seperti sebelumnya.",
	"Perbaikan kemarin tidak bertahan lama, kondisinya kembali rusak.",
}

var thanks = map[int][]string{
	5: {"Terima kasih, ditanggapi dengan cepat!", "Mantap, pelayanan yang sangat baik. Terima kasih Pemkot Bontang.", "Sudah beres, terima kasih banyak."},
	4: {"Terima kasih, sudah ditangani walaupun agak lama.", "Sudah ditindaklanjuti, terima kasih."},
	3: {"Sudah ditanggapi, tetapi hasilnya belum sepenuhnya sesuai harapan.", "Cukup, semoga ke depan lebih cepat."},
	2: {"Penanganannya lama sekali dan hasilnya seadanya.", "Kurang memuaskan, tapi sudahlah."},
	1: {"Tidak puas, masalah belum benar-benar selesai.", "Sangat lambat dan tidak ada komunikasi."},
}

// theme is a kind of report with its texts, category and the units that
// handle (or wrongly receive) it.
type theme struct {
	key        string
	kind       domain.Kind
	category   [2]string // top-level name, sub-category name ("" for the top level)
	unit       string    // the unit that handles it; "{pkm}" style themes use unit from the place
	wrong      string    // a unit it may be routed to by mistake
	escalate   string    // a unit it may be passed on to
	sensitive  bool      // often anonymous and confidential
	weight     int
	places     []string // kelurahan where it happens most
	titles     []string
	bodies     []string
	followUps  []string
	returnMsgs []string
}

var themes = []theme{
	// Roads, drainage, floods (DPUPR).
	{
		key: "jalan", kind: domain.KindComplaint, category: [2]string{"Pekerjaan Umum dan Penataan Ruang", "Jalan Berlubang"},
		unit: "dpupr", wrong: "dishub", weight: 30, places: []string{"Gunung Elai", "Api-Api", "Bontang Lestari", "Lok Tuan"},
		titles: []string{"Jalan berlubang di {jalan}", "Lubang besar di {jalan} membahayakan pengendara",
			"Aspal rusak parah di {jalan}, {kel}", "Jalan rusak dekat {lokasi} belum diperbaiki"},
		bodies: []string{
			"Di {jalan} dekat {lokasi} ada lubang cukup dalam di tengah jalan. Sudah {hari} tidak diperbaiki dan kemarin ada pengendara motor yang jatuh.",
			"Kondisi aspal di {jalan}, Kelurahan {kel}, mengelupas sepanjang kurang lebih 50 meter. Saat hujan lubangnya tertutup air sehingga tidak terlihat.",
			"Mohon perbaikan jalan di {jalan} RT {rt}. Lubangnya semakin lebar setiap dilewati truk, sangat berbahaya pada malam hari.",
		},
		followUps: []string{
			"Tim UPT Jalan dan Jembatan DPUPR sudah melakukan penambalan lubang di {jalan} dengan aspal dingin. Perbaikan permanen masuk rencana pemeliharaan berkala.",
			"Sudah dilakukan survei dan penambalan di lokasi dekat {lokasi}. Terima kasih atas laporannya.",
			"Lokasi sudah kami cek. Perbaikan dijadwalkan pekan depan karena menunggu cuaca cerah; sementara dipasang rambu peringatan.",
		},
		returnMsgs: []string{"Perbaikan jalan bukan kewenangan Dinas Perhubungan. Mohon didisposisikan ke DPUPR."},
	},
	{
		key: "drainase", kind: domain.KindComplaint, category: [2]string{"Pekerjaan Umum dan Penataan Ruang", "Drainase (Gorong-Gorong/Parit)"},
		unit: "dpupr", wrong: "dlh", weight: 9,
		titles: []string{"Drainase tersumbat di {jalan}", "Parit meluap ke jalan di {kel}", "Saluran air di {jalan} penuh sedimen"},
		bodies: []string{
			"Drainase di {jalan} tersumbat sedimen dan sampah sehingga air meluap ke jalan setiap hujan.",
			"Parit di RT {rt} {kel} tidak mengalir dan airnya menggenang, menjadi sarang nyamuk dan berbau.",
		},
		followUps: []string{
			"Pembersihan drainase sepanjang {jalan} sudah dilaksanakan oleh satgas drainase DPUPR.",
			"Sedimen di saluran dekat {lokasi} sudah dikeruk dan aliran air kembali lancar.",
		},
		returnMsgs: []string{"Drainase dan gorong-gorong merupakan kewenangan DPUPR, bukan Dinas Lingkungan Hidup. Mohon didisposisikan ulang."},
	},
	{
		key: "parit-jebol", kind: domain.KindComplaint, category: [2]string{"Pekerjaan Umum dan Penataan Ruang", "Drainase (Gorong-Gorong/Parit)"},
		unit: "dpupr", weight: 5,
		titles: []string{"Penutup parit jebol dekat {lokasi}", "Gorong-gorong ambrol di {jalan}"},
		bodies: []string{
			"Penutup parit di dekat {lokasi} jebol, sudah ada anak yang terperosok. Mohon segera diperbaiki.",
			"Gorong-gorong di {jalan} RT {rt} ambrol sehingga bahu jalan ikut amblas. Berbahaya untuk kendaraan.",
		},
		followUps: []string{
			"Penutup parit yang jebol sudah diganti dengan plat beton baru.",
			"Gorong-gorong di {jalan} sudah diperbaiki dan bahu jalan ditimbun kembali.",
		},
	},
	{
		key: "banjir", kind: domain.KindComplaint, category: [2]string{"Lingkungan Hidup dan Kehutanan", "Banjir"},
		unit: "dpupr", escalate: "bpbd", weight: 14, places: []string{"Api-Api", "Bontang Baru", "Gunung Elai", "Kanaan"},
		titles: []string{"Banjir di {jalan} setiap hujan deras", "Genangan air setinggi lutut di {kel}",
			"Rumah warga RT {rt} {kel} kebanjiran"},
		bodies: []string{
			"Setiap hujan deras lebih dari satu jam, {jalan} dekat {lokasi} tergenang setinggi lutut orang dewasa. Air masuk ke rumah warga.",
			"Banjir kembali terjadi di {kel} tadi malam. Saluran air tidak mampu menampung dan sampah menyumbat gorong-gorong.",
			"Warga RT {rt} {kel} mohon normalisasi sungai kecil di belakang permukiman karena banjir sudah berulang kali.",
		},
		followUps: []string{
			"DPUPR sudah melakukan normalisasi saluran dan pengerukan sedimen di sekitar {jalan}. Pembangunan drainase baru diusulkan pada anggaran tahun depan.",
			"Tim sudah membersihkan gorong-gorong yang tersumbat di lokasi dan menyiagakan pompa sementara saat hujan deras.",
		},
	},
	// Street lighting and parking (Dishub).
	{
		key: "pju", kind: domain.KindComplaint, category: [2]string{"Perhubungan", "Lampu Penerangan Jalan Umum"},
		unit: "dishub", wrong: "dpupr", weight: 20,
		titles: []string{"Lampu PJU mati di {jalan}", "Penerangan jalan padam sepanjang {jalan}",
			"Lampu jalan depan {lokasi} mati", "PJU di {kel} sudah lama tidak menyala"},
		bodies: []string{
			"Lampu penerangan jalan umum di {jalan} dekat {lokasi} mati sudah {hari}. Jalan jadi gelap dan rawan kejahatan.",
			"Ada sekitar lima tiang PJU di {jalan}, Kelurahan {kel}, yang lampunya padam. Warga khawatir melintas malam hari.",
			"Lampu jalan di RT {rt} {kel} berkedip lalu mati total. Mohon diganti.",
		},
		followUps: []string{
			"Petugas pemeliharaan PJU Dishub telah mengganti lampu yang rusak di {jalan}. Lampu sudah menyala kembali.",
			"Sudah dilakukan perbaikan jaringan kabel PJU di lokasi. Mohon dikabarkan jika masih ada titik yang padam.",
			"Lampu LED pengganti sudah dipasang pada tiang dekat {lokasi}.",
		},
		returnMsgs: []string{"Pemeliharaan lampu PJU merupakan kewenangan Dinas Perhubungan, bukan DPUPR."},
	},
	{
		key: "parkir-macet", kind: domain.KindComplaint, category: [2]string{"Perhubungan", "Parkir Liar"},
		unit: "dishub", weight: 5,
		titles: []string{"Parkir liar di depan {lokasi} bikin macet", "Kendaraan parkir sembarangan di {jalan}"},
		bodies: []string{
			"Kendaraan parkir di kedua sisi {jalan} depan {lokasi} sehingga jalan menyempit dan macet setiap sore.",
			"Truk dan mobil parkir di bahu {jalan} sampai malam sehingga pengendara harus mengambil lajur berlawanan.",
		},
		followUps: []string{
			"Dishub sudah melakukan penertiban parkir bersama Satpol PP dan memasang rambu larangan parkir di {jalan}.",
			"Petugas sudah memberi teguran dan menggembok roda kendaraan yang parkir di lokasi terlarang.",
		},
	},
	{
		key: "jukir", kind: domain.KindComplaint, category: [2]string{"Perhubungan", "Parkir Liar"},
		unit: "dishub", weight: 3,
		titles:    []string{"Juru parkir liar minta tarif lebih di {lokasi}", "Jukir tanpa karcis di {lokasi}"},
		bodies:    []string{"Juru parkir tanpa rompi resmi di {lokasi} meminta Rp5.000 untuk motor. Tidak ada karcis."},
		followUps: []string{"Juru parkir liar sudah ditertibkan. Tarif resmi parkir tepi jalan Rp2.000 untuk motor dengan karcis."},
	},
	// Waste and trees (DLH).
	{
		key: "sampah", kind: domain.KindComplaint, category: [2]string{"Lingkungan Hidup dan Kehutanan", "Pengelolaan Sampah"},
		unit: "dlh", wrong: "satpol-pp", weight: 24, places: []string{"Berbas Pantai", "Tanjung Laut", "Bontang Baru", "Lok Tuan"},
		titles: []string{"Sampah menumpuk di {lokasi}", "Sampah tidak diangkut sudah {hari} di {kel}",
			"Tumpukan sampah di {jalan} berbau busuk", "TPS di {kel} penuh dan meluber ke jalan"},
		bodies: []string{
			"Sampah di TPS dekat {lokasi}, {kel}, tidak diangkut sudah {hari}. Baunya menyengat dan banyak lalat.",
			"Warga RT {rt} mengeluhkan tumpukan sampah di pinggir {jalan}. Sampah sampai ke badan jalan dan mengganggu pengendara.",
			"Jadwal truk sampah di {kel} tidak menentu. Sampah rumah tangga menumpuk di depan rumah warga.",
		},
		followUps: []string{
			"Sampah di lokasi sudah diangkut oleh armada DLH. Jadwal pengangkutan di {kel} kami tambah menjadi setiap hari.",
			"Petugas kebersihan sudah membersihkan TPS dekat {lokasi}. Kami juga memasang papan larangan membuang sampah di luar jadwal.",
			"Sudah ditindaklanjuti dengan pengangkutan sampah dan penyemprotan disinfektan di sekitar TPS.",
		},
	},
	{
		key: "pohon", kind: domain.KindComplaint, category: [2]string{"Pekerjaan Umum dan Penataan Ruang", "Taman"},
		unit: "dlh", escalate: "bpbd", weight: 5,
		titles: []string{"Pohon rawan tumbang di {jalan}", "Pohon besar miring di dekat {lokasi}"},
		bodies: []string{
			"Pohon besar di pinggir {jalan} dekat {lokasi} sudah miring dan akarnya terangkat. Berbahaya saat angin kencang.",
			"Dahan pohon di RT {rt} {kel} menjuntai ke kabel listrik dan jalan, beberapa kali dahan kecil jatuh saat hujan.",
		},
		followUps: []string{
			"Tim pertamanan DLH sudah melakukan pemangkasan pohon di lokasi.",
			"Pohon yang miring sudah ditebang dan akan diganti dengan tanaman peneduh baru.",
		},
	},
	// Water (Perumda Tirta Taman).
	{
		key: "air-keruh", kind: domain.KindComplaint, category: [2]string{"Energi dan Sumber Daya Alam", "Gangguan Layanan Penyaluran Air"},
		unit: "perumda-air", weight: 10, places: []string{"Lok Tuan", "Guntung", "Berbas Tengah"},
		titles: []string{"Air PDAM keruh di {kel}", "Air keran berwarna cokelat di {jalan}"},
		bodies: []string{
			"Air PDAM di rumah kami di {jalan}, {kel}, keruh kecokelatan sejak {hari}. Tidak bisa dipakai untuk memasak.",
			"Air yang keluar dari keran berbau dan berwarna kuning kecokelatan. Warga RT {rt} {kel} terpaksa membeli air galon.",
		},
		followUps: []string{
			"Tim teknis Perumda Tirta Taman sudah melakukan pengurasan pipa distribusi di wilayah {kel}. Kualitas air sudah kembali normal.",
			"Kekeruhan disebabkan perbaikan pipa transmisi. Air sudah jernih; mohon buka keran beberapa menit untuk membuang sisa endapan.",
		},
	},
	{
		key: "air-mati", kind: domain.KindComplaint, category: [2]string{"Energi dan Sumber Daya Alam", "Gangguan Layanan Penyaluran Air"},
		unit: "perumda-air", weight: 7, places: []string{"Bontang Lestari", "Guntung", "Satimpo"},
		titles: []string{"Air tidak mengalir sejak {hari} di {kel}", "Air PDAM mati di RT {rt} {kel}"},
		bodies: []string{
			"Sudah {hari} air tidak mengalir sama sekali di RT {rt} {kel}, padahal tagihan tetap dibayar tepat waktu.",
			"Air hanya mengalir kecil tengah malam di {jalan}. Siang hari sama sekali tidak keluar.",
		},
		followUps: []string{
			"Gangguan disebabkan kerusakan pompa booster. Pompa sudah diperbaiki dan aliran air ke {kel} kembali normal.",
			"Untuk sementara disalurkan air bersih dengan mobil tangki ke {kel} sambil menunggu perbaikan jaringan selesai.",
		},
	},
	{
		key: "pipa-bocor", kind: domain.KindComplaint, category: [2]string{"Energi dan Sumber Daya Alam", "Layanan Air Minum"},
		unit: "perumda-air", weight: 4,
		titles:    []string{"Pipa bocor di {jalan}, air terbuang", "Kebocoran pipa PDAM dekat {lokasi}"},
		bodies:    []string{"Ada pipa bocor di pinggir {jalan} dekat {lokasi}. Air menyembur ke jalan dan tekanan air di rumah warga menjadi kecil."},
		followUps: []string{"Kebocoran pipa di {jalan} sudah diperbaiki. Aliran air kembali normal sejak sore ini."},
	},
	{
		key: "tagihan-air", kind: domain.KindComplaint, category: [2]string{"Energi dan Sumber Daya Alam", "Biaya/Tarif PDAM"},
		unit: "perumda-air", weight: 4,
		titles: []string{"Tagihan air melonjak padahal pemakaian normal", "Tagihan PDAM bulan ini tidak wajar"},
		bodies: []string{
			"Tagihan air rumah saya di {jalan}, {kel}, naik tiga kali lipat bulan ini padahal pemakaian seperti biasa. Mohon meteran dicek.",
			"Angka meter di tagihan tidak sesuai dengan angka di meteran rumah. Sepertinya petugas tidak mencatat langsung.",
		},
		followUps: []string{
			"Petugas sudah mencatat ulang meter di lokasi. Terdapat kesalahan pencatatan; kelebihan tagihan akan dikoreksi pada rekening bulan depan.",
			"Meter air sudah diperiksa dan ditemukan kebocoran setelah meter di dalam persil pelanggan. Mohon diperbaiki agar tagihan kembali normal.",
		},
	},
	// Civil registration (Disdukcapil).
	{
		key: "ektp-antre", kind: domain.KindComplaint, category: [2]string{"Kependudukan", "KTP (Kartu Tanda Penduduk)"},
		unit: "disdukcapil", weight: 8,
		titles: []string{"Antrean e-KTP di Disdukcapil sangat panjang", "Pelayanan perekaman e-KTP lambat"},
		bodies: []string{
			"Saya datang jam 07.30 ke kantor Disdukcapil untuk cetak e-KTP, nomor antrean sudah habis. Mohon sistem antrean online diaktifkan.",
			"Antrean pelayanan e-KTP mengular sampai ke luar gedung. Lansia harus berdiri lama tanpa kursi.",
		},
		followUps: []string{
			"Kami menambah kuota antrean, menyediakan kursi tunggu tambahan, dan membuka antrean online melalui aplikasi. Terima kasih atas masukannya.",
			"Loket prioritas untuk lansia dan disabilitas sudah dibuka mulai pekan ini.",
		},
	},
	{
		key: "ektp-blangko", kind: domain.KindComplaint, category: [2]string{"Kependudukan", "KTP (Kartu Tanda Penduduk)"},
		unit: "disdukcapil", weight: 6,
		titles: []string{"e-KTP belum dicetak setelah {hari}", "Blangko e-KTP kosong, KTP tidak bisa dicetak"},
		bodies: []string{"Sudah melakukan perekaman e-KTP tetapi sampai sekarang ({hari}) belum dicetak dengan alasan blangko kosong."},
		followUps: []string{
			"Blangko e-KTP sudah tersedia kembali. Silakan datang ke loket 3 dengan membawa bukti perekaman; pencetakan dapat ditunggu.",
			"e-KTP atas nama pelapor sudah dicetak dan dapat diambil di Kantor Kecamatan {kec}.",
		},
	},
	{
		key: "kk", kind: domain.KindComplaint, category: [2]string{"Kependudukan", "Kartu Keluarga"},
		unit: "disdukcapil", weight: 5,
		titles: []string{"Pengurusan Kartu Keluarga lama sekali", "Perubahan data KK tidak kunjung selesai"},
		bodies: []string{
			"Saya mengurus perubahan KK sejak {hari} lalu, berkas sudah lengkap tetapi belum juga selesai.",
			"Nama anak saya di KK salah ketik. Sudah dua kali datang ke kantor tetapi disuruh kembali lagi.",
		},
		followUps: []string{
			"KK sudah diterbitkan dan dapat dicetak mandiri melalui tautan yang dikirim ke nomor WhatsApp pemohon.",
			"Perbaikan data sudah dilakukan. Silakan ambil KK baru di loket pengambilan dengan membawa KK lama.",
		},
	},
	{
		key: "pungli", kind: domain.KindComplaint, category: [2]string{"Politik dan Hukum", "Pungutan Liar"},
		unit: "disdukcapil", sensitive: true, weight: 5,
		titles: []string{"Dugaan pungutan liar pengurusan dokumen kependudukan", "Oknum meminta uang untuk mempercepat dokumen"},
		bodies: []string{
			"Ada oknum di sekitar kantor pelayanan yang menawarkan percepatan pembuatan e-KTP dengan membayar Rp150.000. Mohon ditertibkan.",
			"Saat mengurus akta kelahiran, saya diminta uang 'administrasi' tanpa kuitansi. Setahu saya layanan ini gratis.",
		},
		followUps: []string{
			"Laporan sudah kami teruskan kepada pimpinan dan Inspektorat. Oknum yang bersangkutan sedang diperiksa; pelayanan adminduk tidak dipungut biaya.",
			"Sudah dilakukan pembinaan dan pemasangan pengumuman 'layanan gratis' di semua loket. Terima kasih atas laporannya.",
		},
	},
	// Health (Dinkes, its puskesmas and the hospital).
	{
		key: "pkm-antre", kind: domain.KindComplaint, category: [2]string{"Kesehatan", "Antrian Lama"},
		unit: "{pkm}", weight: 6,
		titles:    []string{"Antrean lama di {pkm}", "Pelayanan {pkm} lambat"},
		bodies:    []string{"Saya membawa anak berobat ke {pkm}, datang jam 08.00 baru dipanggil jam 11.30. Mohon jumlah petugas ditambah."},
		followUps: []string{"Kepala {pkm} sudah menambah petugas pendaftaran dan menerapkan antrean online melalui aplikasi. Mohon maaf atas ketidaknyamanannya."},
	},
	{
		key: "pkm-ramah", kind: domain.KindComplaint, category: [2]string{"Kesehatan", "Petugas Administrasi Tidak Ramah"},
		unit: "{pkm}", weight: 4,
		titles:    []string{"Petugas pendaftaran {pkm} kurang ramah"},
		bodies:    []string{"Petugas di loket pendaftaran {pkm} berbicara kasar kepada pasien lansia. Mohon pembinaan."},
		followUps: []string{"Petugas yang bersangkutan sudah mendapatkan pembinaan. Terima kasih atas masukannya untuk perbaikan pelayanan."},
	},
	{
		key: "pkm-dokter", kind: domain.KindComplaint, category: [2]string{"Kesehatan", "Lainnya Terkait Pelayanan Kesehatan"},
		unit: "{pkm}", weight: 3,
		titles:    []string{"Dokter di {pkm} sering tidak ada"},
		bodies:    []string{"Sudah tiga kali berobat ke {pkm} dan dokter umum selalu tidak ada di tempat, hanya dilayani perawat."},
		followUps: []string{"Jadwal praktik dokter kini diumumkan di papan informasi dan media sosial {pkm}; dokter pengganti disiapkan saat dokter bertugas luar."},
	},
	{
		key: "rsud", kind: domain.KindComplaint, category: [2]string{"Kesehatan", "Lamanya Antrian untuk Mendapatkan Tindakan Medis/Pelayanan Kesehatan"},
		unit: "rsud", weight: 8,
		titles: []string{"Pelayanan IGD RSUD Taman Husada lambat", "Antrean poli RSUD Taman Husada sangat lama"},
		bodies: []string{
			"Keluarga saya menunggu lebih dari tiga jam di IGD RSUD Taman Husada sebelum ditangani dokter.",
			"Antrean poli penyakit dalam dibuka jam 07.00 tetapi dokter baru datang jam 11.00.",
		},
		followUps: []string{
			"Manajemen RSUD Taman Husada sudah mengevaluasi alur triase IGD dan menambah dokter jaga pada jam sibuk.",
			"Jadwal praktik dokter spesialis sudah diperbarui dan diumumkan melalui aplikasi pendaftaran online RSUD.",
		},
	},
	{
		key: "fogging", kind: domain.KindComplaint, category: [2]string{"Kesehatan", "Fogging Nyamuk"},
		unit: "dinkes", weight: 6,
		titles: []string{"Permintaan fogging, banyak warga terkena DBD di {kel}", "Kasus DBD di RT {rt} {kel}, mohon fogging"},
		bodies: []string{
			"Dalam dua minggu terakhir ada empat warga RT {rt} {kel} dirawat karena demam berdarah. Mohon dilakukan fogging.",
			"Banyak genangan dan nyamuk di sekitar {lokasi}. Tetangga saya positif DBD.",
		},
		followUps: []string{
			"Petugas Dinkes bersama {pkm} sudah melakukan penyelidikan epidemiologi dan fogging fokus di RT {rt}. Mohon warga tetap melakukan 3M Plus.",
			"Fogging sudah dilaksanakan dan kader jumantik membagikan abate untuk penampungan air warga.",
		},
	},
	// Units without an account in the demo: their reports wait.
	{
		key: "dtks", kind: domain.KindComplaint, category: [2]string{"Sosial dan Kesejahteraan", "Data Terpadu Kesejahteraan Sosial (DTKS)"},
		unit: "dinsos", weight: 4,
		titles: []string{"Tidak terdaftar DTKS padahal layak menerima bantuan"},
		bodies: []string{"Ibu saya lansia dan tinggal sendiri di {kel}, tetapi tidak terdaftar DTKS sehingga tidak mendapat bantuan."},
	},
	{
		key: "bansos", kind: domain.KindComplaint, category: [2]string{"Sosial dan Kesejahteraan", "Bantuan Sosial"},
		unit: "dinsos", weight: 3,
		titles: []string{"Bantuan sosial salah sasaran di {kel}"},
		bodies: []string{"Ada warga mampu di RT {rt} {kel} yang menerima bansos, sementara warga kurang mampu tidak menerima."},
	},
	{
		key: "atap-sekolah", kind: domain.KindComplaint, category: [2]string{"Pendidikan dan Kebudayaan", "Pendidikan Dasar dan Menengah"},
		unit: "disdik", weight: 3,
		titles: []string{"Atap kelas bocor di {sd}"},
		bodies: []string{"Atap dua ruang kelas di {sd} bocor. Saat hujan siswa dipindah ke perpustakaan."},
	},
	{
		key: "seragam", kind: domain.KindComplaint, category: [2]string{"Pendidikan dan Kebudayaan", "Lainnya Terkait Pendidikan Dasar dan Menengah"},
		unit: "disdik", weight: 2,
		titles: []string{"Pungutan seragam di {sd} memberatkan orang tua"},
		bodies: []string{"Orang tua diminta membayar seragam dan buku paket Rp850.000 di {sd}. Apakah ini sesuai aturan?"},
	},
	{
		key: "bullying", kind: domain.KindComplaint, category: [2]string{"Kekerasan di Satuan Pendidikan (Sekolah, Kampus, Lembaga Kursus)", "Perundungan (Bullying)"},
		unit: "disdik", sensitive: true, weight: 2,
		titles: []string{"Anak saya menjadi korban perundungan di sekolah"},
		bodies: []string{"Anak saya kelas 5 di {sd} sering dirundung teman sekelasnya dan sekarang tidak mau sekolah. Wali kelas belum bertindak."},
	},
	{
		key: "pkl", kind: domain.KindComplaint, category: [2]string{"Pekerjaan Umum dan Penataan Ruang", "Trotoar"},
		unit: "satpol-pp", weight: 4,
		titles: []string{"PKL berjualan di trotoar {jalan}", "Trotoar di {jalan} dipakai untuk berjualan"},
		bodies: []string{"Pedagang kaki lima memakai trotoar di {jalan} dekat {lokasi} sehingga pejalan kaki harus turun ke badan jalan."},
	},
	{
		key: "wifi", kind: domain.KindComplaint, category: [2]string{"Teknologi Informasi dan Komunikasi", "Jaringan Internet"},
		unit: "diskominfo", weight: 2,
		titles: []string{"Wifi publik di {lokasi} tidak bisa tersambung"},
		bodies: []string{"Wifi gratis di {lokasi} sudah {hari} tidak bisa dipakai, terhubung tetapi tidak ada internet."},
	},
	{
		key: "situs", kind: domain.KindComplaint, category: [2]string{"Teknologi Informasi dan Komunikasi", "Layanan Online/Aplikasi Pemerintah"},
		unit: "diskominfo", weight: 2,
		titles: []string{"Situs layanan Pemkot Bontang sering tidak bisa diakses"},
		bodies: []string{"Situs layanan perizinan dan informasi Pemkot Bontang sering gagal dimuat sejak {hari}, terutama pada jam kerja."},
	},
	// Aspirations.
	{
		key: "usul-pju", kind: domain.KindAspiration, category: [2]string{"Perhubungan", "Lampu Penerangan Jalan Umum"},
		unit: "dishub", weight: 4,
		titles:    []string{"Usulan penambahan lampu jalan di {jalan}", "Usul pemasangan PJU di ruas gelap {kel}"},
		bodies:    []string{"Mohon dipertimbangkan penambahan lampu penerangan di {jalan} dekat {lokasi} karena ruas ini gelap dan banyak dilalui pelajar."},
		followUps: []string{"Usulan sudah kami catat dan masuk daftar rencana pemasangan PJU tahun anggaran berikutnya."},
	},
	{
		key: "usul-taman", kind: domain.KindAspiration, category: [2]string{"Pekerjaan Umum dan Penataan Ruang", "Taman"},
		unit: "dpupr", weight: 3,
		titles:    []string{"Usulan taman bermain anak di {kel}", "Usul penataan ruang terbuka hijau dekat {lokasi}"},
		bodies:    []string{"Di {kel} belum ada ruang bermain anak. Ada lahan kosong milik pemkot dekat {lokasi} yang bisa dijadikan taman."},
		followUps: []string{"Terima kasih. Usulan sudah dibahas dan akan diajukan dalam Musrenbang Kecamatan {kec}."},
	},
	{
		key: "usul-sampah", kind: domain.KindAspiration, category: [2]string{"Lingkungan Hidup dan Kehutanan", "Pengelolaan Sampah"},
		unit: "dlh", weight: 3,
		titles:    []string{"Usul jadwal angkut sampah diumumkan", "Usulan jadwal truk sampah per kelurahan dipublikasikan"},
		bodies:    []string{"Sebaiknya jadwal truk sampah per kelurahan diumumkan di media sosial agar warga tidak membuang sampah sembarangan."},
		followUps: []string{"Jadwal pengangkutan sampah per kelurahan kini diumumkan melalui akun media sosial DLH Bontang."},
	},
	{
		key: "usul-adminduk", kind: domain.KindAspiration, category: [2]string{"Kependudukan", "KTP (Kartu Tanda Penduduk)"},
		unit: "disdukcapil", weight: 3,
		titles:    []string{"Usulan layanan adminduk keliling di kelurahan", "Usul pelayanan e-KTP pada hari Sabtu"},
		bodies:    []string{"Banyak pekerja shift di Bontang tidak bisa mengurus dokumen pada jam kerja. Mohon dibuka layanan Sabtu atau layanan keliling di {kel}."},
		followUps: []string{"Layanan jemput bola adminduk dijadwalkan bergilir ke kelurahan, termasuk {kel}, setiap Sabtu pertama."},
	},
	// Requests for information.
	{
		key: "info-air", kind: domain.KindInformationRequest, category: [2]string{"Energi dan Sumber Daya Alam", "Layanan Air Minum"},
		unit: "perumda-air", weight: 3,
		titles:    []string{"Permohonan informasi jadwal gilir air di {kel}"},
		bodies:    []string{"Saya meminta informasi jadwal distribusi air bergilir untuk wilayah {kel} dan rencana penambahan kapasitas."},
		followUps: []string{"Jadwal gilir air wilayah {kel} terlampir dalam tanggapan ini dan diumumkan di kantor pelayanan Perumda."},
	},
	{
		key: "info-jalan", kind: domain.KindInformationRequest, category: [2]string{"Pekerjaan Umum dan Penataan Ruang", "Lainnya Terkait Infrastruktur Jalan"},
		unit: "dpupr", weight: 3,
		titles:    []string{"Permohonan informasi anggaran perbaikan {jalan}"},
		bodies:    []string{"Berdasarkan UU 14/2008, saya meminta informasi nilai anggaran dan jadwal pekerjaan perbaikan {jalan} tahun ini."},
		followUps: []string{"Informasi paket pekerjaan, nilai kontrak, dan jadwal pelaksanaan perbaikan {jalan} sudah kami sampaikan dalam dokumen tanggapan."},
	},
	{
		key: "info-dbd", kind: domain.KindInformationRequest, category: [2]string{"Kesehatan", "Fogging Nyamuk"},
		unit: "dinkes", weight: 2,
		titles:    []string{"Permohonan data kasus DBD per kelurahan"},
		bodies:    []string{"Untuk keperluan penelitian, saya meminta data jumlah kasus DBD per kelurahan di Kota Bontang tahun ini."},
		followUps: []string{"Data kasus DBD per kelurahan sudah kami kirimkan; data bersifat agregat tanpa identitas pasien."},
	},
	{
		key: "info-izin", kind: domain.KindInformationRequest, category: [2]string{"Ekonomi dan Keuangan", "Perizinan Home Industri"},
		unit: "dpmptsp", weight: 3,
		titles: []string{"Permohonan informasi syarat izin usaha rumahan", "Permohonan informasi prosedur NIB dan PIRT"},
		bodies: []string{"Saya ingin membuka usaha makanan rumahan di {kel}. Mohon informasi syarat dan alur pengurusan NIB dan izin PIRT."},
	},
}
