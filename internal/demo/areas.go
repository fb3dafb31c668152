package demo

import (
	"context"
	"fmt"

	"github.com/lapor-id/lapor/internal/service"
)

// addAreas adds Bontang's kecamatan and kelurahan (kelurahan.json) to the
// admins' list, and returns the id of each kelurahan by name (names are
// unique in the demo's content).
func addAreas(ctx context.Context, svc *service.Service) (map[string]int64, error) {
	kec := map[string]int64{}
	out := map[string]int64{}
	for _, k := range kelurahans {
		if _, ok := kec[k.kec]; !ok {
			a, err := svc.AddArea(ctx, service.Operator, k.kec, 0)
			if err != nil {
				return nil, fmt.Errorf("demo: add kecamatan %s: %w", k.kec, err)
			}
			kec[k.kec] = a.ID
		}
		a, err := svc.AddArea(ctx, service.Operator, k.name, kec[k.kec])
		if err != nil {
			return nil, fmt.Errorf("demo: add kelurahan %s: %w", k.name, err)
		}
		out[k.name] = a.ID
	}
	return out, nil
}
