package web

import (
	"net/http"
	"strconv"

	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// /statistik: the public statistics, each chart drawn on the server as an
// inline SVG (no JavaScript) with its numbers in a table beside it.

// barChart is a chart of horizontal bars, one row per item.
type barChart struct {
	ID    string // the caption's id
	W, H  int
	Bars  []hbar
	Total int
}

type hbar struct {
	Y, W       int // the bar's top and width
	TY, NX, NY int // the label's baseline, the count's place
	Label, Key string
	Full       string // the label unclipped, for the table
	N          int
}

// columnChart is a chart of vertical bars, one per month.
type columnChart struct {
	W, H, Base int
	Cols       []vbar
}

type vbar struct {
	X, Y, W, H int
	Label      string // short month
	Full       string // month and year, for the table and the tooltip
	N          int
}

const (
	barRow   = 34
	barLabel = 13
	barMaxW  = 250
)

// bars lays out items as horizontal bars; label names each.
func bars(id string, items []service.StatItem, label func(service.StatItem) string) barChart {
	c := barChart{ID: id, W: 320, H: max(len(items), 1)*barRow + 4}
	top := 1
	for _, it := range items {
		top = max(top, it.N)
		c.Total += it.N
	}
	for i, it := range items {
		y := i * barRow
		w := it.N * barMaxW / top
		if it.N > 0 {
			w = max(w, 2)
		}
		name := label(it)
		c.Bars = append(c.Bars, hbar{Y: y + 18, W: w, TY: y + barLabel, NX: w + 6, NY: y + 28, Label: clip(name, 48), Full: name,
			Key: it.Key, N: it.N})
	}
	return c
}

// clip shortens s to n characters with an ellipsis; the table has it whole.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func columns(lang i18n.Lang, items []service.StatItem) columnChart {
	c := columnChart{W: 360, H: 190, Base: 160}
	top := 1
	for _, it := range items {
		top = max(top, it.N)
	}
	step := (c.W - 20) / max(len(items), 1)
	for i, it := range items {
		h := it.N * 130 / top
		if it.N > 0 {
			h = max(h, 2)
		}
		month, _ := strconv.Atoi(it.Key[5:7])
		short := i18n.T(lang, "web.stats.month."+strconv.Itoa(month))
		c.Cols = append(c.Cols, vbar{X: 10 + i*step + 3, Y: c.Base - h, W: step - 6, H: h, Label: short,
			Full: short + " " + it.Key[:4], N: it.N})
	}
	return c
}

type statisticsData struct {
	Stats                        *service.PublicStats
	Status, Kind, Category, Unit barChart
	Month                        columnChart
	OnTime                       []rankItem
}

// statistics: GET /statistik
func (w *Web) statistics(rw http.ResponseWriter, r *http.Request, p *page) error {
	st, err := w.svc.PublicStatistics(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	none := i18n.T(p.Lang, "web.stats.none")
	named := func(it service.StatItem) string {
		if it.Key == "" {
			return none
		}
		return it.Name
	}
	d := statisticsData{Stats: st,
		Status:   bars("chart-status", st.ByStatus, func(it service.StatItem) string { return i18n.T(p.Lang, "web.status."+it.Key) }),
		Kind:     bars("chart-kind", st.ByKind, func(it service.StatItem) string { return i18n.T(p.Lang, "web.kind."+it.Key) }),
		Category: bars("chart-category", st.ByCategory, named),
		Unit:     bars("chart-unit", st.ByUnit, named),
		Month:    columns(p.Lang, st.ByMonth),
	}
	for _, u := range st.Units {
		it := rankItem{Unit: u.Unit, Rate: u.OnTimeRate, Grade: u.Grade, Count: u.Due}
		if u.OnTimeRate != nil {
			it.Width = int(*u.OnTimeRate * 3)
		}
		d.OnTime = append(d.OnTime, it)
	}
	p.Title = i18n.T(p.Lang, "web.stats.title")
	p.Nav = "statistics"
	p.Path = "/statistik"
	p.Data = d
	w.render(rw, r, p, "statistics", http.StatusOK)
	return nil
}
