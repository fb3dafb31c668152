package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// maxSMSBody bounds an SMS gateway's request: a long SMS and its fields.
const maxSMSBody = 16 << 10

type smsRequest struct {
	ID   string `json:"id"`
	From string `json:"from"`
	Text string `json:"text"`
	Lang string `json:"lang"` // of the reply: id (default) or en
}

// gatewayKey reads "Authorization: Bearer <key>" and checks the key for
// channel before the body is read, so an unknown caller costs nothing.
func (a *API) gatewayKey(r *http.Request, channel domain.Channel) (string, error) {
	scheme, key, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !strings.EqualFold(scheme, "bearer") {
		return "", domain.ErrUnauthorized
	}
	key = strings.TrimSpace(key)
	if _, err := a.svc.AuthenticateAPIKey(r.Context(), key, string(channel)); err != nil {
		return "", err
	}
	return key, nil
}

// sms answers a message passed on by an SMS gateway with the text to send
// back to the sender.
func (a *API) sms(w http.ResponseWriter, r *http.Request) error {
	key, err := a.gatewayKey(r, domain.ChannelSMS)
	if err != nil {
		return err
	}
	data, err := readBody(w, r, maxSMSBody)
	if err != nil {
		return err
	}
	var req smsRequest
	if err := decodeJSON(data, &req); err != nil {
		return err
	}
	if req.Lang != "" && !i18n.Valid(req.Lang) {
		return domain.InvalidField("lang", "field.lang.unknown")
	}
	reply, err := a.svc.ReceiveSMS(r.Context(), key, service.SMSMessage{ID: req.ID, From: req.From, Text: req.Text, Lang: i18n.Lang(req.Lang)})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"reply": reply})
	return nil
}

// maxSocialBody bounds a social media bridge's request: a long post, its
// links and fields.
const maxSocialBody = 64 << 10

type socialRequest struct {
	Network      string     `json:"network"`
	PostURL      string     `json:"post_url"`
	AuthorHandle string     `json:"author_handle"`
	Text         string     `json:"text"`
	MediaURLs    []string   `json:"media_urls"`
	PostedAt     *time.Time `json:"posted_at"`
	Lang         string     `json:"lang"` // of the reply: id (default) or en
}

// social files the complaint of a post passed on by a social media bridge
// and answers with a public reply the bridge may post under it.
func (a *API) social(w http.ResponseWriter, r *http.Request) error {
	key, err := a.gatewayKey(r, domain.ChannelSocial)
	if err != nil {
		return err
	}
	data, err := readBody(w, r, maxSocialBody)
	if err != nil {
		return err
	}
	var req socialRequest
	if err := decodeJSON(data, &req); err != nil {
		return err
	}
	if req.Lang != "" && !i18n.Valid(req.Lang) {
		return domain.InvalidField("lang", "field.lang.unknown")
	}
	reply, id, err := a.svc.ReceiveSocial(r.Context(), key, service.SocialPost{Text: req.Text, Lang: i18n.Lang(req.Lang),
		Source: domain.ReportSource{Network: req.Network, PostURL: req.PostURL, AuthorHandle: req.AuthorHandle,
			MediaURLs: req.MediaURLs, PostedAt: req.PostedAt}})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"reply": reply, "tracking_id": id})
	return nil
}
