package domain

import (
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// SocialNetworks are the networks a social media bridge may name.
var SocialNetworks = []string{"x", "instagram", "facebook", "tiktok", "youtube", "threads", "other"}

// Limits of a social media post passed on by a bridge.
const (
	MaxPostURL     = 2000
	MaxHandle      = 100
	MaxPostText    = 5000
	MaxMediaURLs   = 10
	maxPostFuture  = 10 * time.Minute // a bridge's clock may run a little ahead
	minPostTextLen = 10
)

// ReportSource is where a report filed through a channel came from: a
// post, its author and its media. It points at the reporter, so it is
// stored sealed and shown only where the reporter's contact is.
type ReportSource struct {
	Network      string     `json:"network"`
	PostURL      string     `json:"post_url"`
	AuthorHandle string     `json:"author_handle"`
	MediaURLs    []string   `json:"media_urls,omitempty"`
	PostedAt     *time.Time `json:"posted_at,omitempty"`
}

// ValidateSocialPost checks a post a bridge passes on, at now.
func ValidateSocialPost(p ReportSource, text string, now time.Time) error {
	f := FieldErrors{}
	if p.Network == "" {
		f.Add("network", "field.required")
	} else if !slices.Contains(SocialNetworks, p.Network) {
		f.Add("network", "social.field.network")
	}
	if p.PostURL == "" {
		f.Add("post_url", "field.required")
	} else if !ValidWebURL(p.PostURL, MaxPostURL) {
		f.Add("post_url", "social.field.url")
	}
	switch h := p.AuthorHandle; {
	case strings.TrimSpace(h) == "":
		f.Add("author_handle", "field.required")
	case !utf8.ValidString(h) || strings.IndexFunc(h, unicode.IsControl) >= 0:
		f.Add("author_handle", "field.utf8")
	case utf8.RuneCountInString(h) > MaxHandle:
		f.Add("author_handle", "field.too_long")
	}
	switch {
	case !utf8.ValidString(text):
		f.Add("text", "field.utf8")
	case utf8.RuneCountInString(strings.TrimSpace(text)) < minPostTextLen:
		f.Add("text", "social.field.text_short")
	case utf8.RuneCountInString(text) > MaxPostText:
		f.Add("text", "field.too_long")
	}
	if len(p.MediaURLs) > MaxMediaURLs {
		f.Add("media_urls", "social.field.media_many")
	}
	for _, m := range p.MediaURLs {
		if !ValidWebURL(m, MaxPostURL) {
			f.Add("media_urls", "social.field.url")
		}
	}
	if p.PostedAt != nil && p.PostedAt.After(now.Add(maxPostFuture)) {
		f.Add("posted_at", "social.field.posted_future")
	}
	return f.Err()
}

// PostKey is the idempotency key of a post: its URL with the scheme and
// host in lower case, without a fragment or a trailing slash, so the same
// post passed on twice, however its link was copied, files one report.
func PostKey(postURL string) string {
	u, err := url.Parse(strings.TrimSpace(postURL))
	if err != nil {
		return strings.TrimSpace(postURL)
	}
	u.Scheme, u.Host, u.Fragment, u.RawFragment = strings.ToLower(u.Scheme), strings.ToLower(u.Host), "", ""
	if u.Scheme == "http" {
		u.Scheme = "https"
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u.String()
}
