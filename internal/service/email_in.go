package service

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"html"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/store"
)

// MaxEmailSize bounds a whole e-mail, its attachments encoded (base64
// makes 5 files of 10 MB about 70 MB; a city's mail server usually stops
// at 25 MB).
const MaxEmailSize = 25 << 20

// Bounds of a message's structure: parts nested and parts in all.
const (
	maxMIMEDepth = 5
	maxMIMEParts = 50
)

// emailReply is what is kept, sealed, of the answer to an e-mail: its
// tracking ID for a repeat of the message, the receipt for the reply mail.
type emailReply struct {
	TrackingID string `json:"tracking_id"`
	Receipt    string `json:"receipt"`
}

// ReceiveEmail files the complaint of a raw RFC 5322 message posted by a
// mail gateway holding key (channel email), once per Message-ID, and
// returns its tracking ID. The reply, with the tracking ID and the
// receipt, goes to the sender by e-mail through the outbox.
func (s *Service) ReceiveEmail(ctx context.Context, key string, raw []byte) (trackingID string, err error) {
	defer domain.Wrap(&err, "service.ReceiveEmail")
	if _, err := s.AuthenticateAPIKey(ctx, key, string(domain.ChannelEmail)); err != nil {
		return "", err
	}
	return s.receiveEmail(ctx, raw, "", "")
}

// ReceiveSMTP files the complaint of a message the SMTP listener took
// for the intake address (the listener checks the recipient): envelope
// is the MAIL FROM address, which must agree with the From header.
func (s *Service) ReceiveSMTP(ctx context.Context, raw []byte, envelope, intake string) (trackingID string, err error) {
	defer domain.Wrap(&err, "service.ReceiveSMTP")
	if strings.TrimSpace(envelope) == "" {
		return "", domain.InvalidField("from", "field.email.bounce") // a bounce: never answered
	}
	return s.receiveEmail(ctx, raw, envelope, intake)
}

func (s *Service) receiveEmail(ctx context.Context, raw []byte, envelope, intake string) (string, error) {
	if len(raw) > MaxEmailSize {
		return "", &domain.Error{Code: domain.CodeTooLarge, Key: "error.too_large", Fields: map[string]string{"message": "field.email.too_large"}}
	}
	in, err := parseEmail(raw, envelope, intake)
	if err != nil {
		return "", err
	}
	msgKey := store.ChannelMessageKey(domain.ChannelEmail, in.messageID)
	if sealed, err := s.store.ChannelReply(ctx, msgKey); err == nil {
		r, err := s.openEmailReply(msgKey, sealed)
		return r.TrackingID, err
	} else if !errors.Is(err, domain.ErrNotFound) {
		return "", err
	}
	title := in.subject
	if utf8.RuneCountInString(title) < domain.MinTitle {
		title = smsTitle(in.body)
	}
	if utf8.RuneCountInString(title) > domain.MaxTitle {
		title = string([]rune(title)[:domain.MaxTitle-1]) + "…"
	}
	sub := domain.Submission{Kind: domain.KindComplaint, Title: title, Body: in.body,
		Reporter: domain.Identity{Name: in.name, Email: in.from, Lang: string(in.lang)}, Channel: domain.ChannelEmail}
	p, err := s.prepareSubmission(ctx, sub, in.files)
	if err != nil {
		return "", err
	}
	sealed, isNew, err := s.store.CreateChannelReport(ctx, msgKey, p.report, p.event, p.files, func(r *domain.Report) ([]byte, error) {
		out, err := json.Marshal(emailReply{TrackingID: r.TrackingID, Receipt: p.receipt})
		if err != nil {
			return nil, err
		}
		return s.sealer.Seal(out, channelReplyAAD(msgKey)), nil
	})
	if err != nil {
		return "", err
	}
	if isNew {
		s.filed(p.report)
	}
	r, err := s.openEmailReply(msgKey, sealed)
	return r.TrackingID, err
}

func (s *Service) openEmailReply(msgKey string, sealed []byte) (emailReply, error) {
	var r emailReply
	pt, err := s.sealer.Open(sealed, channelReplyAAD(msgKey))
	if err != nil {
		return r, err
	}
	return r, json.Unmarshal(pt, &r)
}

// emailReceipt adds the receipt to the mail that answers an e-mailed
// report's submission (the reply to its sender); nothing for other mail.
func (s *Service) emailReceipt(ctx context.Context, c *reporterMailContent, r *domain.Report, ev *domain.Event, lang i18n.Lang) error {
	if r.Channel != domain.ChannelEmail || ev.Type != domain.EventSubmitted {
		return nil
	}
	msgKey, sealed, err := s.store.ChannelReplyOfReport(ctx, r.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	rep, err := s.openEmailReply(msgKey, sealed)
	if err != nil {
		return err
	}
	c.MessageLabel, c.Message = i18n.T(lang, "mail.reporter.receipt_label"), i18n.T(lang, "mail.reporter.receipt", rep.Receipt)
	return nil
}

// inMail is what Lapor takes from an e-mail.
type inMail struct {
	lang          i18n.Lang // of the answers: Content-Language en, else Indonesian
	messageID     string
	from, name    string
	subject, body string
	files         []Upload
}

func badMail(field, key string) error { return domain.InvalidField(field, key) }

// authFail finds a failed check in Authentication-Results (RFC 8601),
// which the receiving mail server adds.
var authFail = regexp.MustCompile(`(?i)\b(dmarc|spf|dkim)\s*=\s*(fail|softfail|permerror)\b`)

// parseEmail reads and checks a message: one From address (agreeing with
// Sender, the envelope and Return-Path, and passing the receiving
// server's checks), not an automatic message, a body in text, and at most
// MaxFiles attachments (checked later like any upload).
func parseEmail(raw []byte, envelope, intake string) (*inMail, error) {
	msg, err := mail.ReadMessage(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		return nil, badMail("message", "field.email.malformed")
	}
	h := msg.Header
	if len(h["From"]) != 1 {
		return nil, badMail("from", "field.email.from")
	}
	dec := &mime.WordDecoder{CharsetReader: charsetReader}
	addrs, err := (&mail.AddressParser{WordDecoder: dec}).ParseList(h.Get("From"))
	if err != nil || len(addrs) != 1 || !domain.ValidEmail(addrs[0].Address) {
		return nil, badMail("from", "field.email.from")
	}
	in := &inMail{from: strings.ToLower(addrs[0].Address), name: strings.TrimSpace(addrs[0].Name)}
	if utf8.RuneCountInString(in.name) > 100 || !utf8.ValidString(in.name) {
		in.name = ""
	}
	sameDomain := func(addr string) bool {
		a, err := mail.ParseAddress(strings.TrimSpace(addr))
		if err != nil {
			return false
		}
		return domainOf(strings.ToLower(a.Address)) == domainOf(in.from)
	}
	if sender := h.Get("Sender"); sender != "" && !sameDomain(sender) {
		return nil, badMail("from", "field.email.forged")
	}
	if envelope != "" && !sameDomain("<"+strings.Trim(envelope, "<>")+">") {
		return nil, badMail("from", "field.email.forged")
	}
	for _, rp := range h["Return-Path"] {
		if strings.TrimSpace(rp) == "<>" {
			return nil, badMail("from", "field.email.bounce")
		}
		if !sameDomain(rp) {
			return nil, badMail("from", "field.email.forged")
		}
	}
	for _, ar := range h["Authentication-Results"] {
		if authFail.MatchString(ar) {
			return nil, badMail("from", "field.email.forged")
		}
	}
	if auto := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); auto != "" && auto != "no" {
		return nil, badMail("message", "field.email.automatic")
	}
	if strings.Contains(strings.ToLower(h.Get("Content-Type")), "multipart/report") {
		return nil, badMail("message", "field.email.automatic")
	}
	if intake != "" && strings.EqualFold(in.from, intake) {
		return nil, badMail("from", "field.email.loop")
	}
	id := strings.TrimSpace(h.Get("Message-Id"))
	if id == "" || len(id) > 250 || !utf8.ValidString(id) {
		sum := sha256.Sum256(raw)
		id = "sha256:" + hex.EncodeToString(sum[:])
	}
	in.messageID = strings.ToLower(strings.Trim(id, "<>"))
	in.lang = i18n.ID
	if cl := strings.ToLower(strings.TrimSpace(h.Get("Content-Language"))); cl == "en" || strings.HasPrefix(cl, "en-") {
		in.lang = i18n.EN
	}
	subject, err := dec.DecodeHeader(h.Get("Subject"))
	if err != nil || !utf8.ValidString(subject) {
		return nil, badMail("subject", "field.utf8")
	}
	in.subject = strings.Join(strings.Fields(subject), " ")
	for _, prefix := range []string{"re:", "fwd:", "fw:"} {
		if strings.HasPrefix(strings.ToLower(in.subject), prefix) {
			in.subject = strings.TrimSpace(in.subject[len(prefix):])
		}
	}
	w := &mimeWalk{}
	if err := w.part(h, msg.Body, 0); err != nil {
		return nil, err
	}
	switch {
	case w.text != "":
		in.body = w.text
	case w.html != "":
		in.body = htmlText(w.html)
	}
	in.body = strings.TrimSpace(in.body)
	if !utf8.ValidString(in.body) {
		return nil, badMail("body", "field.utf8")
	}
	in.files = w.files
	if len(in.files) > MaxFiles {
		return nil, domain.InvalidField("attachments", "field.attachments.too_many")
	}
	return in, nil
}

func domainOf(addr string) string {
	_, d, _ := strings.Cut(addr, "@")
	return d
}

// header is what a part's walk reads of its headers.
type header interface{ Get(string) string }

// mimeWalk collects the first text and HTML bodies and the attachments.
type mimeWalk struct {
	text, html string
	files      []Upload
	parts      int
}

func (w *mimeWalk) part(h header, body io.Reader, depth int) error {
	w.parts++
	if depth > maxMIMEDepth || w.parts > maxMIMEParts {
		return badMail("message", "field.email.structure")
	}
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain; charset=us-ascii"
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return badMail("message", "field.email.malformed")
	}
	if strings.HasPrefix(mt, "multipart/") {
		if params["boundary"] == "" {
			return badMail("message", "field.email.malformed")
		}
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return badMail("message", "field.email.malformed")
			}
			if err := w.part(p.Header, p, depth+1); err != nil {
				return err
			}
		}
	}
	data, err := decodeBody(h.Get("Content-Transfer-Encoding"), body)
	if err != nil {
		return badMail("message", "field.email.malformed")
	}
	disp, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	if dec, err := (&mime.WordDecoder{CharsetReader: charsetReader}).DecodeHeader(name); err == nil {
		name = dec
	}
	isText := mt == "text/plain" || mt == "text/html"
	if disp == "attachment" || (!isText && mt != "message/rfc822") || (isText && name != "" && disp != "inline") {
		if mt == "message/rfc822" {
			return badMail("attachments", "field.attachments.type")
		}
		w.files = append(w.files, Upload{Name: name, Data: data})
		if len(w.files) > MaxFiles {
			return domain.InvalidField("attachments", "field.attachments.too_many")
		}
		return nil
	}
	if mt == "message/rfc822" {
		return badMail("attachments", "field.attachments.type")
	}
	text, err := decodeCharset(params["charset"], data)
	if err != nil {
		return err
	}
	if mt == "text/plain" && w.text == "" {
		w.text = text
	} else if mt == "text/html" && w.html == "" {
		w.html = text
	}
	return nil
}

func decodeBody(encoding string, r io.Reader) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		return io.ReadAll(base64.NewDecoder(base64.StdEncoding, &stripSpace{r: r}))
	case "quoted-printable":
		return io.ReadAll(quotedprintable.NewReader(r))
	case "", "7bit", "8bit", "binary":
		return io.ReadAll(r)
	}
	return nil, errors.New("unknown transfer encoding")
}

// stripSpace drops the line breaks and spaces of a base64 body.
type stripSpace struct{ r io.Reader }

func (s *stripSpace) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	j := 0
	for _, b := range p[:n] {
		if b != '\r' && b != '\n' && b != ' ' && b != '\t' {
			p[j] = b
			j++
		}
	}
	if j == 0 && n > 0 && err == nil {
		return s.Read(p)
	}
	return j, err
}

// decodeCharset turns text in charset into UTF-8: UTF-8 and ASCII as
// they are, Latin-1 and Windows-1252 by their code points; any other is
// refused.
func decodeCharset(charset string, data []byte) (string, error) {
	switch strings.ToLower(strings.TrimSpace(charset)) {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		if !utf8.Valid(data) {
			return "", badMail("body", "field.utf8")
		}
		return string(data), nil
	case "iso-8859-1", "latin1", "windows-1252", "cp1252":
		r := make([]rune, len(data))
		for i, b := range data {
			r[i] = rune(b)
		}
		return string(r), nil
	}
	return "", badMail("body", "field.email.charset")
}

func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	data, err := io.ReadAll(io.LimitReader(input, 64<<10))
	if err != nil {
		return nil, err
	}
	s, err := decodeCharset(charset, data)
	if err != nil {
		return nil, err
	}
	return strings.NewReader(s), nil
}

var (
	htmlDrop  = regexp.MustCompile(`(?is)<(script|style|head)\b.*?</(script|style|head)>`)
	htmlBreak = regexp.MustCompile(`(?i)<(br|/p|/div|/li|/tr|/h[1-6])\b[^>]*>`)
	htmlTag   = regexp.MustCompile(`(?s)<[^>]*>`)
	blankRuns = regexp.MustCompile(`\n\s*\n\s*\n+`)
)

// htmlText is the words of an HTML body, for a message with no text part.
func htmlText(s string) string {
	s = htmlDrop.ReplaceAllString(s, "")
	s = htmlBreak.ReplaceAllString(s, "\n")
	s = htmlTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		lines = append(lines, strings.Join(strings.Fields(l), " "))
	}
	return blankRuns.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
}
