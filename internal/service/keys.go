package service

import (
	"context"
	"fmt"
	"strconv"

	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/store"
)

// sealedAAD is the context each sealed column binds its values to, given
// the row's bound column (store.SealedColumns). It must agree with the
// code that seals: sealIdentity (submit.go), sealAccountRef (citizens.go), the e-mail and
// secret of unlinkable.go
// the TOTP secret (security.go), the webhook secret (webhooks.go) and the
// post a report came from (social.go); the key rotation test opens every kind
// through the service after re-sealing.
func sealedAAD(col store.SealedColumn, bound string) ([]byte, error) {
	switch col.Table + "." + col.Column {
	case "reports.sealed_identity":
		return []byte("identity:" + bound), nil
	case "account_reports.sealed_ref":
		return accountRefAAD(bound), nil
	case "citizens.sealed_email":
		return citizenEmailAAD(bound), nil
	case "instance_secrets.sealed_value":
		return secretAAD(bound), nil
	case "channel_messages.sealed_reply":
		return channelReplyAAD(bound), nil
	case "webhooks.sealed_secret", "report_sources.sealed_source":
		id, err := strconv.ParseInt(bound, 10, 64)
		if err != nil {
			return nil, err
		}
		if col.Table == "webhooks" {
			return webhookSecretAAD(id), nil
		}
		return reportSourceAAD(id), nil
	case "users.totp_secret":
		id, err := strconv.ParseInt(bound, 10, 64)
		if err != nil {
			return nil, err
		}
		return totpAAD(id), nil
	}
	return nil, fmt.Errorf("no sealing context known for %s.%s", col.Table, col.Column)
}

// ResealAll re-seals every sealed value of the database that is not under
// sealer's primary key, column by column, in small transactions, so a
// running server keeps serving. It returns how many values were rewritten
// per column ("table.column").
func ResealAll(ctx context.Context, st *store.Store, sealer *seal.Sealer) (map[string]int, error) {
	out := map[string]int{}
	for _, col := range store.SealedColumns {
		n, err := st.Reseal(ctx, col, func(bound string, value []byte) ([]byte, bool, error) {
			aad, err := sealedAAD(col, bound)
			if err != nil {
				return nil, false, err
			}
			return sealer.Reseal(value, aad)
		})
		out[col.Table+"."+col.Column] = n
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// SealedKeyUsage counts the sealed values of the database per key id.
func SealedKeyUsage(ctx context.Context, st *store.Store) (map[string]int, error) {
	return st.SealedKeyUsage(ctx, seal.KeyID)
}
