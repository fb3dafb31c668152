package service

import (
	"context"
	"errors"

	"github.com/lapor-id/lapor/internal/domain"
)

// ReplyTemplates lists every reply template, for staff.
func (s *Service) ReplyTemplates(ctx context.Context, v Viewer) (_ []domain.ReplyTemplate, err error) {
	defer domain.Wrap(&err, "service.ReplyTemplates")
	if err := authorize(v, domain.PermReadInbox); err != nil {
		return nil, err
	}
	return s.store.ReplyTemplates(ctx)
}

// TemplateChoice is what an admin sends for a template: units and
// categories by code, empty for any.
type TemplateChoice struct {
	ID             int64 // 0: a new one
	Unit, Category string
	Title, Body    string
}

// SaveReplyTemplate adds or rewrites a reply template.
func (s *Service) SaveReplyTemplate(ctx context.Context, v Viewer, c TemplateChoice) (_ domain.ReplyTemplate, err error) {
	defer domain.Wrap(&err, "service.SaveReplyTemplate")
	if err := authorize(v, domain.PermManageTemplates); err != nil {
		return domain.ReplyTemplate{}, err
	}
	t := domain.ReplyTemplate{ID: c.ID, Title: c.Title, Body: c.Body, UpdatedAt: s.now()}
	f := domain.FieldErrors{}
	if err := t.Check(); err != nil {
		for k, key := range domain.AsError(err).Fields {
			f.Add(k, key)
		}
	}
	if c.Unit != "" {
		u, err := s.store.UnitByCode(ctx, c.Unit)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			f.Add("unit", "field.unit.unknown")
		case err != nil:
			return t, err
		default:
			t.UnitID = &u.ID
		}
	}
	if c.Category != "" {
		cat, err := s.store.CategoryByCode(ctx, c.Category)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			f.Add("category", "field.category.unknown")
		case err != nil:
			return t, err
		default:
			t.CategoryID = &cat.ID
		}
	}
	if err := f.Err(); err != nil {
		return t, err
	}
	return t, s.store.SaveReplyTemplate(ctx, &t)
}

// DeleteReplyTemplate removes a reply template.
func (s *Service) DeleteReplyTemplate(ctx context.Context, v Viewer, id int64) (err error) {
	defer domain.Wrap(&err, "service.DeleteReplyTemplate(%d)", id)
	if err := authorize(v, domain.PermManageTemplates); err != nil {
		return err
	}
	return s.store.DeleteReplyTemplate(ctx, id)
}

// TemplatesFor lists the templates meant for rv's report, filled with its
// tracking ID and unit: for its unit or a unit above it, its category or
// its group, or for any.
func (s *Service) TemplatesFor(ctx context.Context, v Viewer, rv *ReportView) (_ []domain.ReplyTemplate, err error) {
	defer domain.Wrap(&err, "service.TemplatesFor")
	all, err := s.ReplyTemplates(ctx, v)
	if err != nil || len(all) == 0 {
		return nil, err
	}
	var units, cats []int64
	unitName := ""
	if rv.Report.UnitID != nil {
		list, err := s.store.ListUnits(ctx)
		if err != nil {
			return nil, err
		}
		units = ancestry(*rv.Report.UnitID, func(id int64) (*int64, bool) {
			for _, u := range list {
				if u.ID == id {
					if id == *rv.Report.UnitID {
						unitName = u.Name
					}
					return u.ParentID, true
				}
			}
			return nil, false
		})
	}
	if rv.Report.CategoryID != nil {
		list, err := s.store.ListCategories(ctx)
		if err != nil {
			return nil, err
		}
		cats = ancestry(*rv.Report.CategoryID, func(id int64) (*int64, bool) {
			for _, c := range list {
				if c.ID == id {
					return c.ParentID, true
				}
			}
			return nil, false
		})
	}
	var out []domain.ReplyTemplate
	for _, t := range all {
		if t.Fits(units, cats) {
			t.Body = t.Fill(rv.Report.TrackingID, unitName)
			out = append(out, t)
		}
	}
	return out, nil
}

// ancestry is id and the ids above it, found through parent.
func ancestry(id int64, parent func(int64) (*int64, bool)) []int64 {
	out := []int64{id}
	for len(out) < 16 {
		p, ok := parent(out[len(out)-1])
		if !ok || p == nil {
			break
		}
		out = append(out, *p)
	}
	return out
}
