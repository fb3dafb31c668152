package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/service"
)

// A webhook's secret and a post's source survive a key rotation: re-sealed
// under the new key, they open with it alone.
func TestWebhookSecretAndPostSourceAreResealed(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		env.Seed(t)
		admin := staffOf(t, env, "admin@bontang.go.id")
		oldKey, newKey := seal.NewKey(), seal.NewKey()
		under := func(keys ...seal.Key) *service.Service {
			s, err := seal.New(keys...)
			if err != nil {
				t.Fatal(err)
			}
			svc := service.New(env.Store, s, service.Config{Now: env.Clock.Now})
			if err := svc.Start(ctx); err != nil {
				t.Fatal(err)
			}
			return svc
		}
		before := under(oldKey)
		if _, err := before.AddWebhook(ctx, admin, "https://hook.bontang.test/lapor", []string{domain.HookSubmitted}, "rahasia-integrasi-bontang"); err != nil {
			t.Fatal(err)
		}
		_, key, err := before.AddAPIKey(ctx, service.Operator, "Bridge", "social")
		if err != nil {
			t.Fatal(err)
		}
		_, id, err := before.ReceiveSocial(ctx, key, service.SocialPost{Text: "Sampah menumpuk di pasar Rawa Indah sejak Senin",
			Source: domain.ReportSource{Network: "facebook", PostURL: "https://facebook.com/posts/123", AuthorHandle: "Ibu Rawa"}})
		if err != nil {
			t.Fatal(err)
		}

		s, err := seal.New(newKey, oldKey)
		if err != nil {
			t.Fatal(err)
		}
		n, err := service.ResealAll(ctx, env.Store, s)
		if err != nil || n["webhooks.sealed_secret"] != 1 || n["report_sources.sealed_source"] != 1 {
			t.Fatalf("re-sealed %v %v", n, err)
		}

		after := under(newKey)
		rv, err := after.Report(ctx, id, admin)
		if err != nil || rv.Source == nil || rv.Source.PostURL != "https://facebook.com/posts/123" {
			t.Fatalf("the source after the rotation: %+v %v", rv, err)
		}
		ds, err := after.ClaimDeliveries(ctx, service.Operator, time.Minute, 10, "t")
		if err != nil {
			t.Fatal(err)
		}
		signed := 0
		for _, d := range ds {
			if d.Channel != domain.DeliveryWebhook {
				continue
			}
			req, err := after.WebhookRequest(ctx, service.Operator, d, "https://lapor.bontang.test")
			if err != nil || req == nil || domain.VerifyHook([]byte("rahasia-integrasi-bontang"), req.Headers["X-Lapor-Signature"], req.Body, env.Clock.Now()) != nil {
				t.Fatalf("the webhook after the rotation: %+v %v", req, err)
			}
			signed++
		}
		if signed != 1 {
			t.Fatalf("%d webhook deliveries signed, want 1", signed)
		}
	})
}
