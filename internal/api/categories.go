package api

import (
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// categories lists the tree in the admins' order; hidden and merged ones
// are listed too (old reports carry them), marked so a client offers only
// the others.
func (a *API) categories(w http.ResponseWriter, r *http.Request) error {
	cats, err := a.svc.Categories(r.Context(), service.Public)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"categories": categoriesJSON(cats)})
	return nil
}

func categoriesJSON(cats []domain.Category) []map[string]any {
	byID := map[int64]string{}
	for _, c := range cats {
		byID[c.ID] = c.Code
	}
	out := []map[string]any{}
	for _, c := range cats {
		m := map[string]any{"code": c.Code, "name": c.Name}
		if c.ParentID != nil {
			m["parent"] = byID[*c.ParentID]
		}
		if !domain.CategoryOffered(cats, c) {
			m["hidden"] = true
		}
		if c.MergedInto != nil {
			m["merged_into"] = byID[*c.MergedInto]
		}
		out = append(out, m)
	}
	return out
}

type categoryChangeJSON struct {
	Name      *string `json:"name"`
	Hidden    *bool   `json:"hidden"`
	MergeInto *string `json:"merge_into"`
	Move      string  `json:"move"` // "up" or "down"
}

// patchCategory renames, hides or shows, merges or moves one category
// (admins).
func (a *API) patchCategory(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	data, err := readBody(w, r, 4<<10)
	if err != nil {
		return err
	}
	var req categoryChangeJSON
	if err := decodeJSON(data, &req); err != nil {
		return err
	}
	ch := domain.CategoryChange{Name: req.Name, Hidden: req.Hidden, MergeInto: req.MergeInto}
	switch req.Move {
	case "":
	case "up":
		ch.Move = -1
	case "down":
		ch.Move = 1
	default:
		return domain.InvalidField("move", "field.category.move")
	}
	c, err := a.svc.UpdateCategory(r.Context(), v, r.PathValue("code"), ch)
	if err != nil {
		return err
	}
	cats, err := a.svc.Categories(r.Context(), v)
	if err != nil {
		return err
	}
	for _, m := range categoriesJSON(cats) {
		if m["code"] == c.Code {
			writeJSON(w, http.StatusOK, m)
			return nil
		}
	}
	return domain.ErrNotFound
}
