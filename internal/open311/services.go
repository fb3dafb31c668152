package open311

import (
	"encoding/xml"
	"net/http"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// top serves discovery, services and requests (GET).
func (h *Handler) top(w http.ResponseWriter, r *http.Request, _ format) error {
	name, f, err := splitFile(r.PathValue("file"))
	if err != nil {
		return err
	}
	switch name {
	case "discovery":
		return h.discovery(w, r, f)
	case "services":
		return h.services(w, r, f)
	case "requests":
		return h.requests(w, r, f)
	}
	return domain.ErrNotFound
}

// changeset is when this endpoint last changed in a way clients notice.
const changeset = "2026-12-03T00:00:00Z"

type endpoint struct {
	Specification string   `json:"specification" xml:"specification"`
	URL           string   `json:"url" xml:"url"`
	Changeset     string   `json:"changeset" xml:"changeset"`
	Type          string   `json:"type" xml:"type"`
	Formats       []string `json:"formats" xml:"formats>format"`
}

type discoveryDoc struct {
	XMLName    xml.Name   `json:"-" xml:"discovery"`
	Changeset  string     `json:"changeset" xml:"changeset"`
	Contact    string     `json:"contact" xml:"contact"`
	KeyService string     `json:"key_service" xml:"key_service"`
	Endpoints  []endpoint `json:"endpoints" xml:"endpoints>endpoint"`
}

func (h *Handler) discovery(w http.ResponseWriter, r *http.Request, f format) error {
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	h.write(w, f, http.StatusOK, discoveryDoc{
		Changeset: changeset, Contact: i18n.T(lang, "open311.discovery.contact"),
		KeyService: i18n.T(lang, "open311.discovery.key_service"),
		Endpoints: []endpoint{{Specification: "http://wiki.open311.org/GeoReport_v2", URL: baseURL(r) + "/open311/v2",
			Changeset: changeset, Type: "production", Formats: []string{"text/xml", "application/json"}}},
	})
	return nil
}

// serviceItem is one category as an Open311 service.
type serviceItem struct {
	XMLName     xml.Name `json:"-" xml:"service"`
	ServiceCode string   `json:"service_code" xml:"service_code"`
	ServiceName string   `json:"service_name" xml:"service_name"`
	Description string   `json:"description" xml:"description"`
	Metadata    bool     `json:"metadata" xml:"metadata"`
	Type        string   `json:"type" xml:"type"`
	Keywords    string   `json:"keywords" xml:"keywords"`
	Group       string   `json:"group" xml:"group"`
}

type serviceList struct {
	XMLName  xml.Name      `xml:"services"`
	Services []serviceItem `xml:"service"`
}

func (h *Handler) services(w http.ResponseWriter, r *http.Request, f format) error {
	cats, err := h.svc.Categories(r.Context(), service.Public)
	if err != nil {
		return err
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	offered := domain.OfferedCategories(cats) // hidden and merged ones stay on old requests only
	items := make([]serviceItem, 0, len(offered))
	for _, c := range offered {
		items = append(items, serviceOf(c, cats, lang))
	}
	if f == "xml" {
		h.write(w, f, http.StatusOK, serviceList{Services: items})
	} else {
		h.write(w, f, http.StatusOK, items)
	}
	return nil
}

// serviceOf is category c as a service: its group is the top of its tree,
// its keywords the names on the way down to it.
func serviceOf(c domain.Category, cats []domain.Category, lang i18n.Lang) serviceItem {
	byID := map[int64]domain.Category{}
	for _, x := range cats {
		byID[x.ID] = x
	}
	path := []string{c.Name}
	top := c
	for seen := 0; top.ParentID != nil && seen < len(cats); seen++ {
		parent, ok := byID[*top.ParentID]
		if !ok {
			break
		}
		top = parent
		path = append([]string{parent.Name}, path...)
	}
	return serviceItem{ServiceCode: c.Code, ServiceName: c.Name,
		Description: i18n.T(lang, "open311.service.description", strings.Join(path, " › ")),
		Metadata:    true, Type: "realtime", Keywords: strings.Join(path, ", "), Group: top.Name}
}

// The attributes every service takes: what Lapor asks of every report
// beside its text and place.
type attrValue struct {
	Key  string `json:"key" xml:"key"`
	Name string `json:"name" xml:"name"`
}

type attribute struct {
	Variable            bool        `json:"variable" xml:"variable"`
	Code                string      `json:"code" xml:"code"`
	Datatype            string      `json:"datatype" xml:"datatype"`
	Required            bool        `json:"required" xml:"required"`
	DatatypeDescription string      `json:"datatype_description" xml:"datatype_description"`
	Order               int         `json:"order" xml:"order"`
	Description         string      `json:"description" xml:"description"`
	Values              []attrValue `json:"values" xml:"values>value"`
}

type serviceDefinition struct {
	XMLName     xml.Name    `json:"-" xml:"service_definition"`
	ServiceCode string      `json:"service_code" xml:"service_code"`
	Attributes  []attribute `json:"attributes" xml:"attributes>attribute"`
}

// attributes are the attributes of every service, in lang.
func attributes(lang i18n.Lang) []attribute {
	var kinds []attrValue
	for _, k := range domain.Kinds {
		kinds = append(kinds, attrValue{Key: string(k), Name: i18n.T(lang, "web.kind."+string(k))})
	}
	yesNo := []attrValue{{Key: "false", Name: i18n.T(lang, "open311.value.no")}, {Key: "true", Name: i18n.T(lang, "open311.value.yes")}}
	one := func(order int, code string, values []attrValue) attribute {
		return attribute{Variable: true, Code: code, Datatype: "singlevaluelist", Order: order,
			DatatypeDescription: i18n.T(lang, "open311.attribute."+code+".datatype"),
			Description:         i18n.T(lang, "open311.attribute."+code), Values: values}
	}
	return []attribute{one(1, "kind", kinds), one(2, "anonymous", yesNo), one(3, "confidential", yesNo)}
}

func (h *Handler) serviceDefinition(w http.ResponseWriter, r *http.Request, _ format) error {
	code, f, err := splitFile(r.PathValue("file"))
	if err != nil {
		return err
	}
	cats, err := h.svc.Categories(r.Context(), service.Public)
	if err != nil {
		return err
	}
	for _, c := range cats {
		if c.Code == domain.NormalizeCode(code) {
			lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
			h.write(w, f, http.StatusOK, serviceDefinition{ServiceCode: c.Code, Attributes: attributes(lang)})
			return nil
		}
	}
	return domain.ErrNotFound
}
