package api

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/evaluation"
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
	Good float64 `json:"baik"`
	Fair float64 `json:"sedang"`
}

func gradePtr(g string) *string {
	if g == "" {
		return nil
	}
	return &g
}

// EvaluationQuery reads from, to, unit and trend from a request.
func EvaluationQuery(r *http.Request) service.EvaluationQuery {
	q := r.URL.Query()
	return service.EvaluationQuery{From: q.Get("from"), To: q.Get("to"), Unit: q.Get("unit"),
		Trend: q.Get("trend") == "month" || q.Get("trend") == "true"}
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
		q := EvaluationQuery(r)
		if format == "xlsx" {
			q.Trend = true
		}
		ev, err := a.svc.Evaluate(r.Context(), v, q)
		if err != nil {
			return err
		}
		out := PresentEvaluation(ev)
		lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
		name := fmt.Sprintf("evaluasi-%s-%s", out.From, out.To)
		switch format {
		case "csv":
			return writeCSV(w, name, evaluationTable(out, lang))
		case "xlsx":
			return writeXLSX(w, name, evaluationTable(out, lang), trendTable(out, lang))
		}
		writeJSON(w, http.StatusOK, out)
		return nil
	}
}

// PresentEvaluation renders an evaluation as the API shows it.
func PresentEvaluation(ev *service.Evaluation) evaluationJSON {
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

// table is a sheet of an export: stable column codes, labels in the
// reader's language, and rows of numbers, text or nil (empty).
type table struct {
	name   string
	codes  []string
	labels []string
	rows   [][]any
}

func newTable(name string, lang i18n.Lang, codes ...string) *table {
	t := &table{name: name, codes: codes}
	for _, c := range codes {
		t.labels = append(t.labels, i18n.T(lang, "export."+c))
	}
	return t
}

var figureColumns = []string{"received", "followed_up", "followed_up_on_time", "followed_up_late", "missed",
	"transferred", "pending", "on_time_rate", "median_days_to_follow_up", "completed", "reopened", "rated",
	"average_rating", "overdue_backlog", "oldest_overdue_days", "grade"}

func figureCells(f evaluation.Figures) []any {
	num := func(p *float64) any {
		if p == nil {
			return nil
		}
		return *p
	}
	var grade any
	if f.Grade != "" {
		grade = f.Grade
	}
	return []any{f.Received, f.FollowedUp, f.FollowedUpOnTime, f.Late, f.Missed, f.Transferred, f.Pending,
		num(f.OnTimeRate), num(f.MedianDays), f.Completed, f.Reopened, f.Rated, num(f.AverageRating),
		f.OverdueBacklog, f.OldestOverdueDays, grade}
}

func evaluationTable(ev evaluationJSON, lang i18n.Lang) *table {
	t := newTable(i18n.T(lang, "export.sheet.evaluation"), lang, append([]string{"unit", "unit_name"}, figureColumns...)...)
	for _, row := range ev.Rows {
		t.rows = append(t.rows, append([]any{row.Unit, row.UnitName}, figureCells(row.Figures)...))
	}
	t.rows = append(t.rows, append([]any{"", i18n.T(lang, "export.total")}, figureCells(ev.Total.Figures)...))
	return t
}

func trendTable(ev evaluationJSON, lang i18n.Lang) *table {
	t := newTable(i18n.T(lang, "export.sheet.trend"), lang, append([]string{"month"}, figureColumns...)...)
	for _, m := range ev.Trend {
		t.rows = append(t.rows, append([]any{m.Month}, figureCells(m.Figures)...))
	}
	return t
}

// cellText renders a cell for CSV. Text that a spreadsheet would run as a
// formula gets a leading apostrophe.
func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return safeText(x)
	case time.Time:
		return x.Format(time.RFC3339)
	}
	return safeText(fmt.Sprint(v))
}

func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func attachmentHeaders(w http.ResponseWriter, contentType, filename string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
}

// writeCSV writes the table with a header of stable column codes.
func writeCSV(w http.ResponseWriter, name string, t *table) error {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	_ = cw.Write(t.codes)
	for _, row := range t.rows {
		rec := make([]string, len(row))
		for i, v := range row {
			rec[i] = cellText(v)
		}
		_ = cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	attachmentHeaders(w, "text/csv; charset=utf-8", name+".csv")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(buf.Bytes())
	return err
}

// writeXLSX writes one sheet per table, with labelled, frozen headers.
func writeXLSX(w http.ResponseWriter, name string, tables ...*table) error {
	data, err := xlsxBytes(tables...)
	if err != nil {
		return err
	}
	attachmentHeaders(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name+".xlsx")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(data)
	return err
}

func xlsxBytes(tables ...*table) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	for i, t := range tables {
		sheet := t.name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sheet); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(sheet); err != nil {
			return nil, err
		}
		header := make([]any, len(t.labels))
		for j, l := range t.labels {
			header[j] = l
		}
		if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
			return nil, err
		}
		last, _ := excelize.ColumnNumberToName(max(len(t.labels), 1))
		if err := f.SetCellStyle(sheet, "A1", last+"1", bold); err != nil {
			return nil, err
		}
		for r, row := range t.rows {
			cells := make([]any, len(row))
			for j, v := range row {
				switch x := v.(type) {
				case string:
					cells[j] = x // excelize stores strings as text, never formulas
				case time.Time:
					cells[j] = x.Format("2006-01-02 15:04")
				default:
					cells[j] = x
				}
			}
			if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(r+2), &cells); err != nil {
				return nil, err
			}
		}
		_ = f.SetColWidth(sheet, "A", last, 14)
		_ = f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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

// PresentSanctions renders a sanction list as the API shows it.
func PresentSanctions(sl *service.SanctionList) sanctionsJSON {
	out := sanctionsJSON{From: sl.From.String(), To: sl.To.String(), Units: []sanctionUnitJSON{}}
	for _, u := range sl.Units {
		su := sanctionUnitJSON{Unit: u.Unit.Code, UnitName: u.Unit.Name, OverdueReports: len(u.Reports), Reports: []sanctionReportJSON{}}
		for _, r := range u.Reports {
			su.Reports = append(su.Reports, sanctionReportJSON{TrackingID: r.TrackingID, Title: r.Title,
				StageStart: r.StageStart, DueAt: r.DueAt, ResolvedAt: r.ResolvedAt, OverdueDays: r.OverdueDays,
				OverdueStages: r.Stages, TimelineURL: "/api/v1/reports/" + r.TrackingID})
		}
		out.Units = append(out.Units, su)
	}
	return out
}

func sanctionTable(sl sanctionsJSON, lang i18n.Lang, loc *time.Location) *table {
	t := newTable(i18n.T(lang, "export.sheet.sanctions"), lang, "unit", "unit_name", "tracking_id", "title",
		"stage_started_at", "due_at", "resolved_at", "overdue_days", "overdue_stages", "timeline_url")
	for _, u := range sl.Units {
		for _, r := range u.Reports {
			var resolved any
			if r.ResolvedAt != nil {
				resolved = r.ResolvedAt.In(loc)
			}
			t.rows = append(t.rows, []any{u.Unit, u.UnitName, r.TrackingID, r.Title, r.StageStart.In(loc), r.DueAt.In(loc), resolved,
				r.OverdueDays, r.OverdueStages, r.TimelineURL})
		}
	}
	return t
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
	sl, err := a.svc.Sanctions(r.Context(), v, EvaluationQuery(r))
	if err != nil {
		return err
	}
	out := PresentSanctions(sl)
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	name := fmt.Sprintf("sanksi-%s-%s", out.From, out.To)
	switch format {
	case "csv":
		return writeCSV(w, name, sanctionTable(out, lang, a.svc.Location()))
	case "xlsx":
		return writeXLSX(w, name, sanctionTable(out, lang, a.svc.Location()))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
