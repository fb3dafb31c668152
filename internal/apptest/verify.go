package apptest

import (
	"context"
	"regexp"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

var verifyLink = regexp.MustCompile(`/akun/verifikasi\?t=([0-9a-f]+)`)

// VerifyCitizens follows the verification link of every citizen account
// waiting for one, as the person reading the e-mail would: the mail is
// composed as the delivery worker would send it and its link's token is
// used. It returns how many it verified.
func VerifyCitizens(t testing.TB, svc *service.Service) int {
	t.Helper()
	ctx := context.Background()
	ds, err := svc.Deliveries(ctx, service.Operator, domain.DeliveryPending)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range ds {
		if d.Audience != domain.AudienceCitizen {
			continue
		}
		m, err := svc.StaffMail(ctx, service.Operator, d, "http://lapor.test")
		if err != nil {
			t.Fatal(err)
		}
		link := verifyLink.FindStringSubmatch(m.Text)
		if link == nil {
			t.Fatalf("no verification link in:\n%s", m.Text)
		}
		if err := svc.VerifyCitizenEmail(ctx, service.Public, link[1]); err != nil {
			// An earlier link of the same account was used already.
			if domain.ErrorCode(err) == domain.CodeInvalid {
				continue
			}
			t.Fatal(err)
		}
		n++
	}
	return n
}
