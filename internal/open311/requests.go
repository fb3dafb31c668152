package open311

import (
	"encoding/xml"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// requestItem is one service request as the spec lists its fields. Every
// field is always present (empty when unknown), as clients expect.
type requestItem struct {
	XMLName           xml.Name `json:"-" xml:"request"`
	ServiceRequestID  string   `json:"service_request_id" xml:"service_request_id"`
	Status            string   `json:"status" xml:"status"`
	StatusNotes       string   `json:"status_notes" xml:"status_notes"`
	ServiceName       string   `json:"service_name" xml:"service_name"`
	ServiceCode       string   `json:"service_code" xml:"service_code"`
	Description       string   `json:"description" xml:"description"`
	AgencyResponsible string   `json:"agency_responsible" xml:"agency_responsible"`
	ServiceNotice     string   `json:"service_notice" xml:"service_notice"`
	RequestedDatetime string   `json:"requested_datetime" xml:"requested_datetime"`
	UpdatedDatetime   string   `json:"updated_datetime" xml:"updated_datetime"`
	ExpectedDatetime  string   `json:"expected_datetime" xml:"expected_datetime"`
	Address           string   `json:"address" xml:"address"`
	AddressID         string   `json:"address_id" xml:"address_id"`
	Zipcode           string   `json:"zipcode" xml:"zipcode"`
	Lat               *float64 `json:"lat" xml:"lat,omitempty"`
	Long              *float64 `json:"long" xml:"long,omitempty"`
	MediaURL          string   `json:"media_url" xml:"media_url"`
}

type requestList struct {
	XMLName  xml.Name      `xml:"service_requests"`
	Requests []requestItem `xml:"request"`
}

// w3c writes t in the instance's zone with its offset (2026-11-18T09:00:00+08:00).
func w3c(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	if loc != nil {
		t = t.In(loc)
	}
	return t.Format(time.RFC3339)
}

func (h *Handler) itemOf(r *http.Request, q service.Open311Request) requestItem {
	loc := h.svc.Location()
	it := requestItem{ServiceRequestID: q.TrackingID, Status: q.Status, StatusNotes: q.StatusNotes,
		ServiceName: q.ServiceName, ServiceCode: q.ServiceCode, Description: q.Description,
		AgencyResponsible: q.AgencyResponsible, RequestedDatetime: w3c(q.Requested, loc),
		UpdatedDatetime: w3c(q.Updated, loc), ExpectedDatetime: w3c(q.Expected, loc), Address: q.Address,
		Lat: q.Lat, Long: q.Lon}
	if q.MediaAttachment != 0 {
		it.MediaURL = baseURL(r) + "/api/v1/reports/" + q.TrackingID + "/attachments/" + strconv.FormatInt(q.MediaAttachment, 10)
	}
	return it
}

// writeRequests answers a list of requests in f.
func (h *Handler) writeRequests(w http.ResponseWriter, f format, status int, items []requestItem) {
	if items == nil {
		items = []requestItem{}
	}
	if f == "xml" {
		h.write(w, f, status, requestList{Requests: items})
		return
	}
	h.write(w, f, status, items)
}

// requests answers GET requests: by service_request_id (a comma-separated
// list, other arguments ignored as the spec says), else by the filters.
func (h *Handler) requests(w http.ResponseWriter, r *http.Request, f format) error {
	args := r.URL.Query()
	if ids := strings.TrimSpace(args.Get("service_request_id")); ids != "" {
		var items []requestItem
		parts := strings.Split(ids, ",")
		if len(parts) > service.Open311MaxPageSize {
			return domain.FieldErrors{"service_request_id": "field.too_long"}.Err()
		}
		for _, id := range parts {
			q, err := h.svc.Open311Request(r.Context(), strings.TrimSpace(id))
			if domain.ErrorCode(err) == domain.CodeNotFound {
				continue // a list answers what it can; one unknown ID alone is a 404 below
			}
			if err != nil {
				return err
			}
			items = append(items, h.itemOf(r, *q))
		}
		if len(items) == 0 {
			return domain.ErrNotFound
		}
		h.writeRequests(w, f, http.StatusOK, items)
		return nil
	}
	fe := domain.FieldErrors{}
	q := service.Open311Query{ServiceCode: strings.TrimSpace(args.Get("service_code")), Status: strings.TrimSpace(args.Get("status"))}
	q.Start = parseDate(fe, "start_date", args.Get("start_date"))
	q.End = parseDate(fe, "end_date", args.Get("end_date"))
	q.Page = parseInt(fe, "page", args.Get("page"))
	q.PageSize = parseInt(fe, "page_size", args.Get("page_size"))
	if err := fe.Err(); err != nil {
		return err
	}
	list, err := h.svc.Open311Requests(r.Context(), service.Public, q)
	if err != nil {
		return err
	}
	items := make([]requestItem, 0, len(list))
	for _, q := range list {
		items = append(items, h.itemOf(r, q))
	}
	h.writeRequests(w, f, http.StatusOK, items)
	return nil
}

// parseDate reads a W3C datetime (a bare date is its first instant in UTC).
func parseDate(fe domain.FieldErrors, field, v string) *time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil && t.Year() >= 1945 && t.Year() < 10000 {
			return &t
		}
	}
	fe.Add(field, "field.date.invalid")
	return nil
}

// parseInt reads a positive count; a bad one is a field error.
func parseInt(fe domain.FieldErrors, field, v string) int {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		fe.Add(field, "field.page.invalid")
		return 0
	}
	if n > math.MaxInt32 {
		n = math.MaxInt32 // still refused by the service's bound
	}
	return n
}

// request answers GET requests/{id}: a list of one.
func (h *Handler) request(w http.ResponseWriter, r *http.Request, _ format) error {
	id, f, err := splitFile(r.PathValue("file"))
	if err != nil {
		return err
	}
	q, err := h.svc.Open311Request(r.Context(), id)
	if err != nil {
		return err
	}
	h.writeRequests(w, f, http.StatusOK, []requestItem{h.itemOf(r, *q)})
	return nil
}

// tokenItem is what a token resolves to; POST answers the same shape.
type tokenItem struct {
	XMLName          xml.Name `json:"-" xml:"request"`
	ServiceRequestID string   `json:"service_request_id" xml:"service_request_id"`
	Token            string   `json:"token" xml:"token"`
	ServiceNotice    string   `json:"service_notice,omitempty" xml:"service_notice,omitempty"`
	AccountID        string   `json:"account_id,omitempty" xml:"account_id,omitempty"`
}

type tokenList struct {
	XMLName  xml.Name    `xml:"service_requests"`
	Requests []tokenItem `xml:"request"`
}

func (h *Handler) writeTokens(w http.ResponseWriter, f format, status int, items []tokenItem) {
	if f == "xml" {
		h.write(w, f, status, tokenList{Requests: items})
		return
	}
	h.write(w, f, status, items)
}

// token answers GET tokens/{token}. A request is filed at once, so its
// token is its tracking ID; it resolves for as long as the request is one
// the public may know of.
func (h *Handler) token(w http.ResponseWriter, r *http.Request, _ format) error {
	token, f, err := splitFile(r.PathValue("file"))
	if err != nil {
		return err
	}
	q, err := h.svc.Open311Request(r.Context(), token)
	if err != nil {
		return err
	}
	h.writeTokens(w, f, http.StatusOK, []tokenItem{{ServiceRequestID: q.TrackingID, Token: q.TrackingID}})
	return nil
}
