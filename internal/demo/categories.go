package demo

import (
	"context"
	"fmt"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// hiddenGroups are the lapor.go.id groups a city does not handle or that
// are over: the pandemic's, and national or foreign affairs. The demo hides
// them as a city's admins would, so citizens see a short, current tree.
var hiddenGroups = []string{
	"corona-virus", "peniadaan-mudik", "pemulihan-ekonomi-nasional", "fasilitas-diplomatik", "kerjasama-bilateral",
	"kerjasama-multilateral", "legalisasi-konsuler", "pelindungan-wni", "seleksi-calon-hakim-agung-ri",
}

// tidyCategories hides those groups and every COVID-19 category left in
// the others, through the admins' own door.
func tidyCategories(ctx context.Context, svc *service.Service) error {
	cats, err := svc.Categories(ctx, service.Operator)
	if err != nil {
		return err
	}
	yes := true
	for _, c := range cats {
		name := strings.ToUpper(c.Name)
		hide := strings.Contains(name, "COVID")
		for _, g := range hiddenGroups {
			hide = hide || (c.Code == g && c.ParentID == nil)
		}
		if !hide {
			continue
		}
		if _, err := svc.UpdateCategory(ctx, service.Operator, c.Code, domain.CategoryChange{Hidden: &yes}); err != nil {
			return fmt.Errorf("demo: hide category %s: %w", c.Code, err)
		}
	}
	return nil
}
