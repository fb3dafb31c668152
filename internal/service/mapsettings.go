package service

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lapor-id/lapor/internal/domain"
)

// The report form's map: which tile server draws it. Admins set it on a
// settings page; until they do, the serve setting (--tile-url) is used.

// settingMap holds the admin's map settings as JSON; unset (""): the
// serve setting applies.
const settingMap = "map.tiles"

// Limits on the map settings.
const (
	MaxTileURLLen     = 500
	MaxAttributionLen = 200
)

// MapSettings are the map tiles of the report form. An empty TileURL
// means no map: only the latitude and longitude fields.
type MapSettings struct {
	TileURL     string `json:"tile_url"`
	Attribution string `json:"attribution"`
}

// MapSettingsOf returns the stored map settings and whether an admin set
// them (false: the caller's default applies). Anyone may read them: the
// public report form draws the map.
func (s *Service) MapSettingsOf(ctx context.Context, v Viewer) (_ MapSettings, stored bool, err error) {
	defer domain.Wrap(&err, "service.MapSettingsOf")
	if err := authorize(v, domain.PermReadDirectory); err != nil {
		return MapSettings{}, false, err
	}
	raw, err := s.store.Setting(ctx, settingMap)
	if err != nil || strings.TrimSpace(raw) == "" {
		return MapSettings{}, false, err
	}
	var m MapSettings
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		s.log.Error("stored map settings are unreadable; using the default", "err", err)
		return MapSettings{}, false, nil
	}
	return m, true, nil
}

// SetMapSettings stores the map settings; nil goes back to the default.
// The tile URL must be an http(s) template with {z}, {x} and {y}.
func (s *Service) SetMapSettings(ctx context.Context, v Viewer, m *MapSettings) (err error) {
	defer domain.Wrap(&err, "service.SetMapSettings")
	if err := authorize(v, domain.PermManageMap); err != nil {
		return err
	}
	if m == nil {
		return s.store.PutSetting(ctx, settingMap, "", s.now())
	}
	next := MapSettings{TileURL: strings.TrimSpace(m.TileURL), Attribution: strings.Join(strings.Fields(m.Attribution), " ")}
	f := domain.FieldErrors{}
	if key := checkTileURL(next.TileURL); key != "" {
		f.Add("tile_url", key)
	}
	switch {
	case !utf8.ValidString(m.Attribution):
		f.Add("tile_attribution", "field.utf8")
	case utf8.RuneCountInString(next.Attribution) > MaxAttributionLen:
		f.Add("tile_attribution", "field.too_long")
	case strings.IndexFunc(next.Attribution, unicode.IsControl) >= 0:
		f.Add("tile_attribution", "field.control_chars")
	}
	if err := f.Err(); err != nil {
		return err
	}
	data, err := json.Marshal(next)
	if err != nil {
		return err
	}
	return s.store.PutSetting(ctx, settingMap, string(data), s.now())
}

// checkTileURL returns the catalogue key of what is wrong with a tile
// URL template, "" when it is fine (or empty: no map).
func checkTileURL(s string) string {
	if s == "" {
		return ""
	}
	if !utf8.ValidString(s) || strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) >= 0 {
		return "field.tile_url.invalid"
	}
	if len(s) > MaxTileURLLen {
		return "field.too_long"
	}
	for _, p := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(s, p) {
			return "field.tile_url.placeholders"
		}
	}
	r := strings.NewReplacer("{z}", "0", "{x}", "0", "{y}", "0")
	u, err := url.Parse(r.Replace(s))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return "field.tile_url.invalid"
	}
	return ""
}
