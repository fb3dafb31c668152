package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/evaluation"
	"github.com/lapor-id/lapor/internal/export"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// evaluationRowJSON is one unit's figures; grade is null when no
// follow-up fell due in the period.
type evaluationRowJSON struct {
	Unit     string `json:"unit"`
	UnitName string `json:"unit_name"`
	evaluation.Figures
	Grade *string `json:"grade"`
}

type monthJSON struct {
	Month string `json:"month"`
	From  string `json:"from"`
	To    string `json:"to"`
	evaluation.Figures
	Grade *string `json:"grade"`
}

type evaluationJSON struct {
	From   string              `json:"from"`
	To     string              `json:"to"`
	Grades gradesJSON          `json:"grades"`
	Rows   []evaluationRowJSON `json:"rows"`
	Total  evaluationRowJSON   `json:"total"`
	Trend  []monthJSON         `json:"trend,omitempty"`
}

type gradesJSON struct {
	Good float64 `json:"good"`
	Fair float64 `json:"fair"`
}

func gradePtr(g string) *string {
	if g == "" {
		return nil
	}
	return &g
}

// evaluationQuery reads from, to, unit and trend from a request.
func evaluationQuery(r *http.Request) service.EvaluationQuery {
	q := r.URL.Query()
	return service.EvaluationQuery{From: q.Get("from"), To: q.Get("to"), Unit: q.Get("unit"),
		Kecamatan: service.KecamatanParam(q.Get("kecamatan")), Trend: q.Get("trend") == "month" || q.Get("trend") == "true"}
}

// exportFormat is the format asked for, by path suffix or ?format=.
func exportFormat(r *http.Request, suffix string) (string, error) {
	f := strings.ToLower(r.URL.Query().Get("format"))
	if suffix != "" {
		f = suffix
	}
	switch f {
	case "", "json":
		return "json", nil
	case "csv", "xlsx":
		return f, nil
	}
	return "", domain.InvalidField("format", "field.format.unknown")
}

// evaluation: GET /api/v1/evaluation?from=&to=&unit=[&trend=month][&format=csv|xlsx],
// also /api/v1/evaluation.csv and .xlsx. Admins and supervisors see every
// unit, officers their own.
func (a *API) evaluation(suffix string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		v, err := a.viewer(r)
		if err != nil {
			return err
		}
		format, err := exportFormat(r, suffix)
		if err != nil {
			return err
		}
		q := evaluationQuery(r)
		if format == "xlsx" {
			q.Trend = true
		}
		ev, err := a.svc.Evaluate(r.Context(), v, q)
		if err != nil {
			return err
		}
		if format != "json" {
			lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
			return export.Write(w, format, export.FileName("evaluasi", ev.From, ev.To), export.Machines, export.Evaluation(ev, lang)...)
		}
		writeJSON(w, http.StatusOK, presentEvaluation(ev))
		return nil
	}
}

// presentEvaluation renders an evaluation as the API shows it.
func presentEvaluation(ev *service.Evaluation) evaluationJSON {
	out := evaluationJSON{From: ev.From.String(), To: ev.To.String(), Rows: []evaluationRowJSON{},
		Grades: gradesJSON{Good: ev.Grades.Good, Fair: ev.Grades.Fair}}
	for _, row := range ev.Rows {
		out.Rows = append(out.Rows, evaluationRowJSON{Unit: row.Unit.Code, UnitName: row.Unit.Name, Figures: row.Figures,
			Grade: gradePtr(row.Grade)})
	}
	out.Total = evaluationRowJSON{Figures: ev.Total, Grade: gradePtr(ev.Total.Grade)}
	for _, m := range ev.Trend {
		out.Trend = append(out.Trend, monthJSON{Month: m.Month, From: m.From.String(), To: m.To.String(),
			Figures: m.Figures, Grade: gradePtr(m.Grade)})
	}
	return out
}

type sanctionReportJSON struct {
	TrackingID    string     `json:"tracking_id"`
	Title         string     `json:"title"`
	StageStart    time.Time  `json:"stage_started_at"`
	DueAt         time.Time  `json:"due_at"`
	ResolvedAt    *time.Time `json:"resolved_at"`
	OverdueDays   int        `json:"overdue_days"`
	OverdueStages int        `json:"overdue_stages"`
	TimelineURL   string     `json:"timeline_url"`
}

type sanctionUnitJSON struct {
	Unit           string               `json:"unit"`
	UnitName       string               `json:"unit_name"`
	OverdueReports int                  `json:"overdue_reports"`
	Reports        []sanctionReportJSON `json:"reports"`
}

type sanctionsJSON struct {
	From  string             `json:"from"`
	To    string             `json:"to"`
	Units []sanctionUnitJSON `json:"units"`
}

// presentSanctions renders a sanction list as the API shows it.
func presentSanctions(sl *service.SanctionList) sanctionsJSON {
	out := sanctionsJSON{From: sl.From.String(), To: sl.To.String(), Units: []sanctionUnitJSON{}}
	for _, u := range sl.Units {
		su := sanctionUnitJSON{Unit: u.Unit.Code, UnitName: u.Unit.Name, OverdueReports: len(u.Reports), Reports: []sanctionReportJSON{}}
		for _, r := range u.Reports {
			su.Reports = append(su.Reports, sanctionReportJSON{TrackingID: r.TrackingID, Title: r.Title,
				StageStart: r.StageStart, DueAt: r.DueAt, ResolvedAt: r.ResolvedAt, OverdueDays: r.OverdueDays,
				OverdueStages: r.Stages, TimelineURL: export.TimelineURL(r.TrackingID)})
		}
		out.Units = append(out.Units, su)
	}
	return out
}

// sanctions: GET /api/v1/sanctions?from=&to=&unit=[&format=csv|xlsx],
// admins and supervisors.
func (a *API) sanctions(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	format, err := exportFormat(r, "")
	if err != nil {
		return err
	}
	sl, err := a.svc.Sanctions(r.Context(), v, evaluationQuery(r))
	if err != nil {
		return err
	}
	if format != "json" {
		lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
		return export.Write(w, format, export.FileName("sanksi", sl.From, sl.To), export.Machines, export.Sanctions(sl, lang, a.svc.Location()))
	}
	writeJSON(w, http.StatusOK, presentSanctions(sl))
	return nil
}
