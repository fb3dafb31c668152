package service

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"unicode"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/store"
)

// SocialPost is a post a social media bridge passes on.
type SocialPost struct {
	Source domain.ReportSource // network, link, author, media, time
	Text   string
	Lang   i18n.Lang // of the reply; Indonesian when empty
}

// ReceiveSocial files the complaint of a post passed on by a bridge
// holding key, once per post link, and answers with a public reply the
// bridge may post: it names the tracking ID, never the receipt, which a
// public reply would give to anyone. The author's handle becomes the
// reporter's (sealed) name; the post's link, handle and media are kept
// sealed as the report's source.
func (s *Service) ReceiveSocial(ctx context.Context, key string, p SocialPost) (reply, trackingID string, err error) {
	defer domain.Wrap(&err, "service.ReceiveSocial")
	if _, err := s.AuthenticateAPIKey(ctx, key, string(domain.ChannelSocial)); err != nil {
		return "", "", err
	}
	src := p.Source
	src.Network = strings.ToLower(strings.TrimSpace(src.Network))
	src.PostURL, src.AuthorHandle = strings.TrimSpace(src.PostURL), strings.TrimSpace(src.AuthorHandle)
	if err := domain.ValidateSocialPost(src, p.Text, s.now()); err != nil {
		return "", "", err
	}
	lang := p.Lang
	if !i18n.Valid(string(lang)) {
		lang = i18n.ID
	}
	msgKey := store.ChannelMessageKey(domain.ChannelSocial, domain.PostKey(src.PostURL))
	if sealed, err := s.store.ChannelReply(ctx, msgKey); err == nil {
		return s.openSocialReply(msgKey, sealed)
	} else if !errors.Is(err, domain.ErrNotFound) {
		return "", "", err
	}
	text := strings.TrimSpace(p.Text)
	sub := domain.Submission{Kind: domain.KindComplaint, Title: socialTitle(text), Body: text,
		Reporter: domain.Identity{Name: src.AuthorHandle, Lang: string(lang)}, Channel: domain.ChannelSocial}
	prep, err := s.prepareSubmission(ctx, sub, nil)
	if err != nil {
		return "", "", err
	}
	source, err := json.Marshal(src)
	if err != nil {
		return "", "", err
	}
	sealed, isNew, err := s.store.CreateSourcedReport(ctx, msgKey, prep.report, prep.event, prep.files,
		func(r *domain.Report) ([]byte, error) {
			out, _ := json.Marshal(socialReply{Reply: i18n.T(lang, "social.reply.filed", r.TrackingID), TrackingID: r.TrackingID})
			return s.sealer.Seal(out, channelReplyAAD(msgKey)), nil
		},
		&store.NewSource{Network: src.Network, Seal: func(r *domain.Report) []byte {
			return s.sealer.Seal(source, reportSourceAAD(r.ID))
		}})
	if err != nil {
		return "", "", err
	}
	if isNew {
		s.filed(prep.report)
	}
	return s.openSocialReply(msgKey, sealed)
}

// socialReply is what is kept of the answer to a post, to answer a repeat
// of it the same way.
type socialReply struct {
	Reply      string `json:"reply"`
	TrackingID string `json:"tracking_id"`
}

func (s *Service) openSocialReply(msgKey string, sealed []byte) (string, string, error) {
	pt, err := s.sealer.Open(sealed, channelReplyAAD(msgKey))
	if err != nil {
		return "", "", err
	}
	var r socialReply
	if err := json.Unmarshal(pt, &r); err != nil {
		return "", "", err
	}
	return r.Reply, r.TrackingID, nil
}

// reportSourceAAD binds a sealed source to its report.
func reportSourceAAD(reportID int64) []byte {
	return []byte("report-source:" + strconv.FormatInt(reportID, 10))
}

// socialTitle is the start of the post without the mentions it opens
// with (@pemkot ...); the admin tidies it.
func socialTitle(text string) string {
	rest := text
	for strings.HasPrefix(rest, "@") {
		i := strings.IndexFunc(rest, unicode.IsSpace)
		if i < 0 {
			break
		}
		rest = strings.TrimSpace(rest[i:])
	}
	if rest == "" || strings.HasPrefix(rest, "@") {
		rest = text
	}
	return smsTitle(rest)
}

// reportSource opens where report r came from, for a viewer who may see
// its reporter's contact; nil when it came from no post.
func (s *Service) reportSource(ctx context.Context, r *domain.Report) (*domain.ReportSource, error) {
	if r.Channel != domain.ChannelSocial {
		return nil, nil
	}
	_, sealed, err := s.store.ReportSource(ctx, r.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	pt, err := s.sealer.Open(sealed, reportSourceAAD(r.ID))
	if err != nil {
		return nil, err
	}
	var src domain.ReportSource
	if err := json.Unmarshal(pt, &src); err != nil {
		return nil, err
	}
	return &src, nil
}
