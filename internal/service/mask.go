package service

import "github.com/lapor-id/lapor/internal/domain"

// maskPublicView hides NIK numbers, phone numbers and e-mail addresses a
// reporter wrote into the free text of a report (title, body, address,
// kelurahan, kecamatan) and into the texts and params of its timeline
// (domain.MaskPersonal). The stored report is not changed: rv gets a copy.
//
// It is the one place public text is masked: Service.view calls it for
// AccessPublic, the view that the citizen page /lacak/{id} and the API's
// GET /api/v1/reports/{id} give anyone without a receipt, an account or a
// staff session. The reporter and staff read the text as written. Nothing
// else shows report text to the public yet; a public list, feed or export
// that does must mask it as this does.
func maskPublicView(rv *ReportView) {
	r := *rv.Report
	r.Title = domain.MaskPersonal(r.Title)
	r.Body = domain.MaskPersonal(r.Body)
	r.Location.Address = domain.MaskPersonal(r.Location.Address)
	r.Location.Kelurahan = domain.MaskPersonal(r.Location.Kelurahan)
	r.Location.Kecamatan = domain.MaskPersonal(r.Location.Kecamatan)
	rv.Report = &r
	for i := range rv.Timeline {
		ev := &rv.Timeline[i]
		ev.Message = domain.MaskPersonal(ev.Message)
		ev.Reason = domain.MaskPersonal(ev.Reason)
		if len(ev.Params) > 0 {
			masked := make(domain.Params, len(ev.Params))
			for k, v := range ev.Params {
				masked[k] = domain.MaskPersonal(v)
			}
			ev.Params = masked
		}
	}
}
