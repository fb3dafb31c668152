package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/evaluation"
	"github.com/lapor-id/lapor/internal/export"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// The leaders' page (domain.md section 7): the figures of each unit over a
// period, the trend per month, a ranking, the sanction list with the
// evidence, and downloads in CSV and XLSX. Its templates live in
// templates/leaders/ and are parsed here, with the shared layout.

var leadersTemplates = struct {
	sync.Mutex
	sets map[*Web]map[i18n.Lang]*template.Template
}{sets: map[*Web]map[i18n.Lang]*template.Template{}}

// leadersPage parses the leaders' templates (a broken one stops the
// server at start-up) and returns the page's handler.
func (w *Web) leadersPage() handler {
	sets := map[i18n.Lang]*template.Template{}
	for _, lang := range i18n.Langs {
		base := template.Must(template.New("").Funcs(w.funcs(lang)).Funcs(leadersFuncs(lang)).ParseFS(templateFS, "templates/layout.html"))
		sets[lang] = template.Must(base.ParseFS(templateFS, "templates/leaders/*.html"))
	}
	leadersTemplates.Lock()
	leadersTemplates.sets[w] = sets
	leadersTemplates.Unlock()
	return w.evaluationPage
}

// leadersFuncs are the leaders' template functions for one language:
// figures with its separators.
func leadersFuncs(lang i18n.Lang) template.FuncMap {
	return template.FuncMap{
		"pct": func(p *float64) string {
			if p == nil {
				return "–"
			}
			return percent(lang, *p)
		},
		"num": func(p *float64) string {
			if p == nil {
				return "–"
			}
			return decimal(lang, *p)
		},
		"count":      func(n int) string { return decimal(lang, float64(n)) },
		"gradeClass": func(g string) string { return "grade-" + g },
		"deref": func(t *time.Time) time.Time {
			if t == nil {
				return time.Time{}
			}
			return *t
		},
	}
}

// renderLeaders is render for the leaders' templates.
func (w *Web) renderLeaders(rw http.ResponseWriter, r *http.Request, p *page, name string, status int) {
	leadersTemplates.Lock()
	t := leadersTemplates.sets[w][p.Lang]
	leadersTemplates.Unlock()
	p.finish(w, r)
	if w.rendered != nil {
		w.rendered("leaders/" + name)
	}
	var buf bytes.Buffer
	if t == nil {
		w.fail(rw, r, p, domain.Internal(fmt.Errorf("leaders' templates not parsed")))
		return
	}
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		w.fail(rw, r, p, domain.Internal(err))
		return
	}
	h := rw.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Language", string(p.Lang))
	writeCompressed(rw, r, status, buf.Bytes())
}

type rankItem struct {
	Unit  domain.Unit
	Rate  *float64
	Width int // of 300
	Grade string
	Count int
}

type chartBar struct {
	X, Y, W, H   int
	Label, Title string
	Received     int
	Rate         *float64
	PX, PY       int // the rate's point
}

type chart struct {
	W, H, Base, Max int
	Bars            []chartBar
	Line            string // the rate's polyline points
}

type evaluationData struct {
	From, To        string
	Unit            string
	Units           []unitOption
	Kecamatan       []domain.Area // every kecamatan, hidden ones too
	Rows            []service.EvaluationRow
	Total           evaluation.Figures
	Trend           []service.MonthFigures
	Ranking         []rankItem
	Chart           chart
	Grades          string // "Baik ≥ 80%, Sedang ≥ 50%"
	Sanctions       *service.SanctionList
	Downloads       map[string]string
	CanSanctionList bool
}

func (w *Web) evaluationQuery(r *http.Request) service.EvaluationQuery {
	q := r.URL.Query()
	return service.EvaluationQuery{From: q.Get("from"), To: q.Get("to"), Unit: q.Get("unit"), Trend: true,
		Kecamatan: service.KecamatanParam(q.Get("kecamatan"))}
}

// evaluationPage: GET /staf/evaluasi?from=&to=&unit=
func (w *Web) evaluationPage(rw http.ResponseWriter, r *http.Request, p *page) error {
	v := p.viewer()
	q := w.evaluationQuery(r)
	for _, k := range []string{"from", "to", "unit", "kecamatan"} {
		if x := r.URL.Query().Get(k); x != "" {
			p.Form.Values.Set(k, x)
		}
	}
	units, err := w.units(r.Context())
	if err != nil {
		return err
	}
	p.Title = i18n.T(p.Lang, "web.eval.title")
	p.Nav = "evaluation"
	p.Wide = true
	d := evaluationData{Units: unitOptions(units), Unit: q.Unit}
	if d.Kecamatan, err = w.kecamatanList(r.Context(), v); err != nil {
		return err
	}
	ev, err := w.svc.Evaluate(r.Context(), v, q)
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		p.Data = d
		w.renderLeaders(rw, r, p, "evaluation", httperr.PageStatusOf(err))
		return nil
	}
	d.From, d.To, d.Rows, d.Total, d.Trend = ev.From.String(), ev.To.String(), ev.Rows, ev.Total, ev.Trend
	d.Grades = i18n.T(p.Lang, "web.eval.grades", decimal(p.Lang, ev.Grades.Good), decimal(p.Lang, ev.Grades.Fair))
	d.Ranking = ranking(ev.Rows)
	d.Chart = trendChart(p.Lang, ev.Trend)
	link := func(what, format string) string {
		u := url.Values{"what": {what}, "format": {format}, "from": {d.From}, "to": {d.To}}
		if q.Unit != "" {
			u.Set("unit", q.Unit)
		}
		if q.Kecamatan != 0 {
			u.Set("kecamatan", strconv.FormatInt(q.Kecamatan, 10))
		}
		return "/staf/evaluasi/unduh?" + encodeQuery(u)
	}
	d.Downloads = map[string]string{"csv": link("evaluation", "csv"), "xlsx": link("evaluation", "xlsx")}
	if p.Staff.Role != domain.RoleOfficer {
		d.CanSanctionList = true
		sl, err := w.svc.Sanctions(r.Context(), v, q)
		if err != nil {
			return err
		}
		d.Sanctions = sl
		d.Downloads["sanctions_csv"] = link("sanctions", "csv")
		d.Downloads["sanctions_xlsx"] = link("sanctions", "xlsx")
	}
	p.Data = d
	w.renderLeaders(rw, r, p, "evaluation", http.StatusOK)
	return nil
}

// evaluationDownload: GET /staf/evaluasi/unduh?what=evaluation|sanctions&format=csv|xlsx
func (w *Web) evaluationDownload(rw http.ResponseWriter, r *http.Request, p *page) error {
	v := p.viewer()
	q := w.evaluationQuery(r)
	format := r.URL.Query().Get("format")
	if format != "csv" && format != "xlsx" {
		return domain.InvalidField("format", "field.format.unknown")
	}
	switch r.URL.Query().Get("what") {
	case "sanctions":
		sl, err := w.svc.Sanctions(r.Context(), v, q)
		if err != nil {
			return err
		}
		return export.Write(rw, format, export.FileName("sanksi", sl.From, sl.To), export.People, export.Sanctions(sl, p.Lang, w.svc.Location()))
	default:
		q.Trend = format == "xlsx"
		ev, err := w.svc.Evaluate(r.Context(), v, q)
		if err != nil {
			return err
		}
		return export.Write(rw, format, export.FileName("evaluasi", ev.From, ev.To), export.People, export.Evaluation(ev, p.Lang)...)
	}
}

// ranking orders units by their share of follow-ups on time, best first;
// units with nothing due come last.
func ranking(rows []service.EvaluationRow) []rankItem {
	var out []rankItem
	for _, r := range rows {
		it := rankItem{Unit: r.Unit, Rate: r.OnTimeRate, Grade: r.Grade, Count: r.Received}
		if r.OnTimeRate != nil {
			it.Width = int(*r.OnTimeRate * 3)
		}
		out = append(out, it)
	}
	slices.SortStableFunc(out, func(a, b rankItem) int {
		switch {
		case a.Rate == nil && b.Rate == nil:
			return b.Count - a.Count
		case a.Rate == nil:
			return 1
		case b.Rate == nil:
			return -1
		case *a.Rate != *b.Rate:
			if *a.Rate > *b.Rate {
				return -1
			}
			return 1
		}
		return b.Count - a.Count
	})
	return out
}

// trendChart lays out the months: bars for reports received, a line for
// the share followed up on time (0 to 100%, same height).
func trendChart(lang i18n.Lang, months []service.MonthFigures) chart {
	c := chart{W: 720, H: 240, Base: 200}
	for _, m := range months {
		c.Max = max(c.Max, m.Received)
	}
	if len(months) == 0 {
		return c
	}
	step := (c.W - 60) / len(months)
	bw := max(step*6/10, 4)
	var pts []string
	for i, m := range months {
		h := 0
		if c.Max > 0 {
			h = m.Received * 170 / c.Max
		}
		x := 40 + i*step + (step-bw)/2
		b := chartBar{X: x, Y: c.Base - h, W: bw, H: h, Received: m.Received, Rate: m.OnTimeRate,
			Label: monthShort(lang, m.Month), Title: m.Month}
		if m.OnTimeRate != nil {
			b.PX, b.PY = x+bw/2, c.Base-int(*m.OnTimeRate*1.7)
			pts = append(pts, fmt.Sprintf("%d,%d", b.PX, b.PY))
		}
		c.Bars = append(c.Bars, b)
	}
	c.Line = strings.Join(pts, " ")
	return c
}

// monthShort turns "2026-03" into "Mar 26".
func monthShort(lang i18n.Lang, ym string) string {
	var y, m int
	if _, err := fmt.Sscanf(ym, "%d-%d", &y, &m); err != nil || m < 1 || m > 12 {
		return ym
	}
	name := []rune(i18n.T(lang, monthKeys[m]))
	if len(name) > 3 {
		name = name[:3]
	}
	return fmt.Sprintf("%s %02d", string(name), y%100)
}
