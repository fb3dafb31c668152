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
//
// The content itself (units, staff, kelurahan, names and every text a
// report or a step is written with) is in data/, embedded and decoded
// when the package is initialised; see content.go.
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
	if err := tidyCategories(ctx, at(setup)); err != nil {
		return nil, err
	}
	areas, err := addAreas(ctx, at(setup))
	if err != nil {
		return nil, err
	}
	logins, err := addStaff(ctx, at(setup.Add(time.Hour)))
	if err != nil {
		return nil, err
	}
	// The PPID at Diskominfo is the city's main PPID: it answers the
	// information requests of every unit (none has its own in the demo).
	if err := at(setup.Add(time.Hour)).SetMainPPIDUnit(ctx, service.Operator, "diskominfo"); err != nil {
		return nil, fmt.Errorf("demo: main PPID: %w", err)
	}
	actors, err := loadActors(ctx, svc, logins)
	if err != nil {
		return nil, err
	}
	cats, err := categoryCodes()
	if err != nil {
		return nil, err
	}

	g := &generator{rng: newRand(), cal: svc.Calendar(), now: now, cats: cats, areas: areas}
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
// Units and staff (listed in data/units.json and data/staff.json)

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
	ppid     service.Viewer            // the main PPID
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
		case domain.RolePPID:
			a.ppid = service.Viewer{User: &user}
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
	byPPID
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
	theme   string // the theme's key
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
		case byPPID:
			v = a.ppid
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
	// areas is the id of each kelurahan in the admins' list, by name
	areas map[string]int64
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
	if th.kind == domain.KindInformationRequest {
		// Answered by the main PPID (issue 13), or still waiting for it.
		return []outcome{outSubmitted, outDispositioned, outFollowedUp, outCompleted}[g.weighted([]int{10, 15, 30, 45})]
	}
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
	if th.kind == domain.KindInformationRequest {
		th.wrong, th.escalate = "", "" // its PPID neither returns nor forwards it in the demo
	}
	out := g.outcome(&th)
	reason := ""
	if out == outArchived {
		reason = g.archiveReason(&th)
	}
	p := &plan{theme: th.key, photo: i}
	p.sub, p.title = g.submission(&th, ctx)
	if junk, ok := junkTexts[reason]; ok {
		// What gets archived as spam or unintelligible looks like it.
		j := pick(g, junk)
		p.sub.Title, p.sub.Body, p.title = j.Title, j.Body, j.Title
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
	if th.kind == domain.KindInformationRequest {
		sub.Information = &domain.Information{Requested: sub.Body}
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
	if id, ok := g.areas[pl.kel.name]; ok {
		sub.Location.AreaID = &id
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
	if b.th.kind == domain.KindInformationRequest {
		if out == outDispositioned {
			return
		}
		msg := "Informasi yang Anda minta kami sampaikan melalui tautan berikut."
		if len(b.th.followUps) > 0 {
			msg = b.text(b.th.followUps)
		}
		b.add(byPPID, "", domain.ActionInput{Action: domain.ActionAnswer, Outcome: domain.OutcomeGranted,
			Message: msg, Link: "https://ppid.bontangkota.go.id/informasi"}, 3*hour, 6*day)
		if out == outCompleted {
			b.complete(g.rating())
		}
		return
	}
	if !hasOfficer(b.cur) {
		if g.chance(0.3) {
			b.admin(domain.ActionInput{Action: domain.ActionNote, Message: staffTexts.unit(staffTexts.Reminded, b.cur)}, 3*day, 10*day)
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
	return archiveReasons[g.weighted(archiveWeights)]
}

// archiveReasons are why reports are archived, and how often each is;
// data/messages.json has a message for each.
var (
	archiveReasons = []string{"duplicate", "hold_expired", "out_of_scope", "unintelligible", "spam", "no_action_needed"}
	archiveWeights = []int{30, 22, 20, 12, 10, 6}
)

// putOnHold asks the reporter for more; completeInfo is the answer.
func (b *builder) putOnHold() {
	b.hold = b.g.intn(len(holds))
	b.admin(domain.ActionInput{Action: domain.ActionHold, Message: holds[b.hold].Ask}, 30*minute, 2*day)
}

func (b *builder) completeInfo() {
	msg := b.ctx.replacer(b.g).Replace(holds[b.hold].Answer)
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
	verifyMsg := func(unit string) string { return staffTexts.unit(staffTexts.Verified, unit) }
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
		b.officer(domain.ActionInput{Action: domain.ActionForward, Unit: th.unit, Message: staffTexts.unit(staffTexts.Forwarded, th.unit)}, 2*hour, 2*day)
		b.cur = th.unit
		routed = true
	case th.wrong != "" && g.chance(0.04):
		b.admin(domain.ActionInput{Action: domain.ActionVerify, Unit: th.wrong, Message: verifyMsg(th.wrong)}, hour, 3*day)
		b.cur = th.wrong
		b.admin(domain.ActionInput{Action: domain.ActionReroute, Unit: th.unit, Message: staffTexts.unit(staffTexts.Rerouted, th.unit)}, 30*minute, day)
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
		b.officer(domain.ActionInput{Action: domain.ActionForward, Unit: th.escalate, Message: staffTexts.unit(staffTexts.Escalated, th.escalate)}, 2*hour, 2*day)
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
