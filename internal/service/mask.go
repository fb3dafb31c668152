package service

import "github.com/lapor-id/lapor/internal/domain"

// maskPublicView hides NIK numbers, phone numbers and e-mail addresses a
// reporter wrote into the text of a report, in what the public sees
// (domain.MaskPersonal). The stored report is not changed: rv gets a copy.
func maskPublicView(rv *ReportView) {
	r := *rv.Report
	r.Title = domain.MaskPersonal(r.Title)
	r.Body = domain.MaskPersonal(r.Body)
	r.Location.Address = domain.MaskPersonal(r.Location.Address)
	rv.Report = &r
	for i := range rv.Timeline {
		rv.Timeline[i].Message = domain.MaskPersonal(rv.Timeline[i].Message)
		rv.Timeline[i].Reason = domain.MaskPersonal(rv.Timeline[i].Reason)
	}
}

// MaskPublicText is what public lists, feeds and exports must apply to any
// title or text of a report they show.
func MaskPublicText(s string) string { return domain.MaskPersonal(s) }
