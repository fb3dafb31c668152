package config

import "errors"

// The commands of the lapor binary.
const (
	Serve        = "serve"
	Worker       = "worker"
	Migrate      = "migrate"
	UnitAdd      = "unit add"
	UserAdd      = "user add"
	Categories   = "categories import"
	Audit        = "audit verify"
	KeyRotate    = "key rotate"
	APIKeyAdd    = "apikey add"
	APIKeyList   = "apikey list"
	APIKeyRevoke = "apikey revoke"
	Backup       = "backup"
	Restore      = "restore"
	PPIDMain     = "ppid main"
	TriageEval   = "triage eval"
)

var everyCommand = []string{Serve, Worker, Migrate, UnitAdd, UserAdd, Categories, Audit, KeyRotate, APIKeyAdd, APIKeyList, APIKeyRevoke,
	Backup, Restore, PPIDMain, TriageEval}

// database is where the data lives: a SQLite file or a postgres:// URL.
var database = Kind{Name: "path|url", Parse: func(s string) (any, error) {
	if s == "" {
		return nil, errors.New("want a SQLite file path or a postgres:// URL")
	}
	return s, nil
}}

// Lapor is every setting of the lapor binary. Every flag of every command
// is here, and every one has its environment variable, LAPOR_ and the
// flag's name in capitals with _ for -.
var Lapor = Table{
	// Every command.
	{Name: "db", Env: "LAPOR_DB", Default: "lapor.db", Kind: database, Commands: everyCommand,
		Help: "database: a SQLite file path or a postgres:// URL"},
	{Name: "key-file", Env: "LAPOR_KEY_FILE", Kind: Text, Commands: everyCommand,
		DefaultText: "the SQLite path and .key (lapor.db.key); lapor.key for PostgreSQL",
		Help:        "file holding the sealing keys; the timeline chain key is beside it (FILE.chain); back both up apart from the database"},
	{Name: "tz", Env: "LAPOR_TZ", Default: "Asia/Makassar", Kind: Location, Commands: everyCommand,
		Help: "the instance's time zone; working days are counted in it"},

	// The server.
	{Name: "addr", Env: "LAPOR_ADDR", Default: "127.0.0.1:8080", Kind: Address, Commands: []string{Serve},
		Help: "address to listen on"},
	{Name: "metrics-addr", Env: "LAPOR_METRICS_ADDR", Kind: OptionalAddress, Commands: []string{Serve}, DefaultText: "off",
		Help: "serve Prometheus metrics at /metrics on this separate, private address, e.g. 127.0.0.1:9090 (names start with lapor_)"},
	{Name: "log-format", Env: "LAPOR_LOG_FORMAT", Default: "text", Kind: LogFormat, Commands: []string{Serve, Worker},
		Help: "log lines as text (key=value) or json, one line per request error and per job; never personal data"},
	{Name: "demo", Env: "LAPOR_DEMO", Default: "false", Kind: Bool, Commands: []string{Serve},
		Help: "load the demo city (Bontang) into an empty database"},
	{Name: "debug-addr", Env: "LAPOR_DEBUG_ADDR", Kind: OptionalAddress, Commands: []string{Serve}, DefaultText: "none",
		Help: "serve Go's profiler (net/http/pprof) on this separate, private address"},
	{Name: "base-url", Env: "LAPOR_BASE_URL", Kind: BaseURL, Commands: []string{Serve, Worker}, DefaultText: "taken from each request",
		Help: "public address, for QR codes, links in e-mail and as a trusted origin, e.g. https://lapor.bontangkota.go.id"},
	{Name: "trusted-proxy", Env: "LAPOR_TRUSTED_PROXY", Kind: Prefixes, Commands: []string{Serve}, DefaultText: "none",
		Help: "reverse proxies (addresses or CIDR prefixes, comma-separated) whose X-Forwarded-For and X-Forwarded-Proto are believed: " +
			"rate limits then apply to the client, and https from the proxy marks cookies Secure and adds HSTS",
		Retired: []string{"LAPOR_TRUST_PROXY"},
		RetiredHint: "LAPOR_TRUST_PROXY=1 believed X-Forwarded-Proto from any client; " +
			"give your TLS proxy's address instead, e.g. LAPOR_TRUSTED_PROXY=127.0.0.1, and unset LAPOR_TRUST_PROXY"},
	{Name: "tile-url", Env: "LAPOR_TILE_URL", Kind: TileURL, Commands: []string{Serve}, DefaultText: "no map",
		Help: "map tiles for the report form, e.g. https://tile.example.org/{z}/{x}/{y}.png; the default until an admin sets them on the map settings page (/staf/admin/peta)"},
	{Name: "tile-attribution", Env: "LAPOR_TILE_ATTRIBUTION", Kind: Text, Commands: []string{Serve},
		Help: "the tile server's required credit line"},
	{Name: "map-center", Env: "LAPOR_MAP_CENTER", Default: "0.1333,117.5,13", Kind: MapView, Commands: []string{Serve},
		Help: "where the report form's map opens: latitude, longitude and zoom (3 to 19, default 13)"},

	// Rate limits (answered 429 with Retry-After).
	{Name: "rate-limits", Env: "LAPOR_RATE_LIMITS", Default: "on", Kind: Bool, Commands: []string{Serve},
		Help: "apply the rate limits below; off only for load tests on loopback"},
	{Name: "rate-submit", Env: "LAPOR_RATE_SUBMIT", Default: "20/10m", Kind: Rate, Commands: []string{Serve},
		Help: "new reports per client address"},
	{Name: "rate-receipt", Env: "LAPOR_RATE_RECEIPT", Default: "30/10m", Kind: Rate, Commands: []string{Serve},
		Help: "reporter actions per receipt, and per client address"},
	{Name: "rate-receipt-view", Env: "LAPOR_RATE_RECEIPT_VIEW", Default: "300/10m", Kind: Rate, Commands: []string{Serve},
		Help: "reporter's views of their report (requests with a receipt) per client address"},
	{Name: "rate-login", Env: "LAPOR_RATE_LOGIN", Default: "20/m", Kind: Rate, Commands: []string{Serve},
		Help: "logins, registrations and receipt look-ups per client address"},
	{Name: "rate-login-email", Env: "LAPOR_RATE_LOGIN_EMAIL", Default: "5/m", Kind: Rate, Commands: []string{Serve},
		Help: "logins per e-mail address"},
	{Name: "rate-search", Env: "LAPOR_RATE_SEARCH", Default: "60/m", Kind: Rate, Commands: []string{Serve},
		Help: "searches (?q=) per client address"},
	{Name: "rate-support", Env: "LAPOR_RATE_SUPPORT", Default: "30/10m", Kind: Rate, Commands: []string{Serve},
		Help: "supports (dukung) of public reports per client address"},
	{Name: "rate-uploads", Env: "LAPOR_RATE_UPLOADS", Default: "8", Kind: Count, Commands: []string{Serve},
		Help: "multipart uploads (forms with files) under way at once per client address; 0: any"},

	// The deadline scheduler.
	{Name: "scheduler", Env: "LAPOR_SCHEDULER", Default: "true", Kind: Bool, Commands: []string{Serve},
		Help: "run the deadline scheduler in this process (reminders, escalations, auto-completion)"},
	{Name: "interval", Env: "LAPOR_INTERVAL", Default: "1m", Kind: Duration, Commands: []string{Serve, Worker},
		Help: "time between two passes of the deadline scheduler"},
	{Name: "delivery-interval", Env: "LAPOR_DELIVERY_INTERVAL", Default: "10s", Kind: Duration, Commands: []string{Serve, Worker},
		Help: "how often the outbox is looked at for e-mail and webhooks to send"},
	{Name: "delivery-lease", Env: "LAPOR_DELIVERY_LEASE", Default: "5m", Kind: Duration, Commands: []string{Serve, Worker},
		Help: "how long a node's claim on a delivery holds: a node that dies mid-delivery leaves it to another node after this long; a node stops sending a claimed batch once half of it has passed, so keep it well above a send's 30-second timeout"},

	// E-mail out (the outbox's deliveries run with the scheduler).
	{Name: "smtp", Env: "LAPOR_SMTP", Kind: Text, Commands: []string{Serve, Worker}, DefaultText: "none: a log sink sends nothing",
		Help: "mail server for e-mail to reporters: smtp://user:pass@host:587 (STARTTLS required; plain only to loopback) or smtps://user:pass@host:465"},
	{Name: "mail-from", Env: "LAPOR_MAIL_FROM", Kind: Text, Commands: []string{Serve, Worker},
		Help: "the From address of e-mail, e.g. \"Lapor Bontang <lapor@bontangkota.go.id>\""},
	// Channels in and out (WhatsApp, SMS, e-mail): the webhook and the
	// intake run with serve, the answers with the outbox's deliveries.
	{Name: "whatsapp-verify-token", Env: "LAPOR_WHATSAPP_VERIFY_TOKEN", Kind: Text, Commands: []string{Serve}, DefaultText: "none: verification refused",
		Help: "the verify token the WhatsApp Cloud API sends back when it checks the webhook"},
	{Name: "whatsapp-app-secret", Env: "LAPOR_WHATSAPP_APP_SECRET", Kind: Text, Commands: []string{Serve}, DefaultText: "none: the webhook is refused",
		Help: "the Meta app secret that signs each WhatsApp webhook (X-Hub-Signature-256)"},
	{Name: "whatsapp-token", Env: "LAPOR_WHATSAPP_TOKEN", Kind: Text, Commands: []string{Serve, Worker}, DefaultText: "none: answers go to a log sink",
		Help: "the WhatsApp Cloud API access token, to fetch photos and answer"},
	{Name: "whatsapp-phone-id", Env: "LAPOR_WHATSAPP_PHONE_ID", Kind: Text, Commands: []string{Serve, Worker}, DefaultText: "none",
		Help: "the WhatsApp business phone number id: answers go from it, messages to another are ignored"},
	{Name: "whatsapp-template", Env: "LAPOR_WHATSAPP_TEMPLATE", Kind: Text, Commands: []string{Serve, Worker}, DefaultText: "none: later steps as text",
		Help: "name of an approved WhatsApp template with one body parameter {{1}} for later steps (text only reaches a citizen who wrote in the last 24 hours)"},
	{Name: "whatsapp-api", Env: "LAPOR_WHATSAPP_API", Default: "https://graph.facebook.com/v21.0", Kind: BaseURL, Commands: []string{Serve, Worker},
		Help: "the Graph API base URL of the WhatsApp Cloud API"},
	{Name: "sms-gateway", Env: "LAPOR_SMS_GATEWAY", Kind: BaseURL, Commands: []string{Serve, Worker}, DefaultText: "none: SMS goes to a log sink",
		Help: "the URL an HTTP SMS gateway takes messages on (JSON POST, see README)"},
	{Name: "sms-gateway-key", Env: "LAPOR_SMS_GATEWAY_KEY", Kind: Text, Commands: []string{Serve, Worker},
		Help: "the bearer key of the SMS gateway"},
	{Name: "smtp-listen", Env: "LAPOR_SMTP_LISTEN", Kind: OptionalAddress, Commands: []string{Serve}, DefaultText: "off",
		Help: "address to take reports by e-mail on over SMTP, e.g. 127.0.0.1:2525 (behind the city's mail server)"},
	{Name: "intake-address", Env: "LAPOR_INTAKE_ADDRESS", Kind: Text, Commands: []string{Serve}, DefaultText: "any address at the listener",
		Help: "the e-mail address reports are sent to, e.g. lapor@bontangkota.go.id; other recipients are refused"},
	{Name: "once", Env: "LAPOR_ONCE", Default: "false", Kind: Bool, Commands: []string{Worker},
		Help: "make one pass and exit"},

	// Read replicas (PostgreSQL).
	{Name: "db-read", Env: "LAPOR_DB_READ", Kind: Text, Commands: []string{Serve}, DefaultText: "none",
		Help: "a streaming replica of the PostgreSQL --db, postgres://...: public pages, the public API, open data and Open311 reads go to it while it keeps up; staff and reporters read the primary"},
	{Name: "db-read-max-lag", Env: "LAPOR_DB_READ_MAX_LAG", Default: "5s", Kind: Duration, Commands: []string{Serve},
		Help: "how far the replica may be behind the primary before its reads go to the primary, until it has caught up"},

	// What the administration commands act on.
	{Name: "code", Env: "LAPOR_CODE", Kind: Text, Commands: []string{UnitAdd},
		Help: "the unit's short code, e.g. dpupr"},
	{Name: "name", Env: "LAPOR_NAME", Kind: Text, Commands: []string{UnitAdd, UserAdd, APIKeyAdd},
		Help: "the unit's full name (e.g. Dinas Pekerjaan Umum dan Penataan Ruang), the user's display name, or what an API key is for"},
	{Name: "channel", Env: "LAPOR_CHANNEL", Kind: Text, Commands: []string{APIKeyAdd}, DefaultText: "any channel",
		Help: "the one channel an API key may call: sms, whatsapp, email, social or open311"},
	{Name: "id", Env: "LAPOR_ID", Default: "0", Kind: Count, Commands: []string{APIKeyRevoke},
		Help: "the number of the API key to revoke, as lapor apikey list shows it"},
	{Name: "to", Env: "LAPOR_TO", Kind: Text, Commands: []string{Backup},
		Help: "the file to write the backup to; it must not exist yet"},
	{Name: "from", Env: "LAPOR_FROM", Kind: Text, Commands: []string{Restore},
		Help: "the backup file to bring back into --db, which must not exist yet"},
	{Name: "parent", Env: "LAPOR_PARENT", Kind: Text, Commands: []string{UnitAdd},
		Help: "code of the parent unit"},
	{Name: "keywords", Env: "LAPOR_KEYWORDS", Kind: Text, Commands: []string{UnitAdd}, DefaultText: "none",
		Help: "comma-separated words that say a report is for the unit (jalan, jembatan, drainase): the routing suggestions start from them"},
	{Name: "email", Env: "LAPOR_EMAIL", Kind: Text, Commands: []string{UserAdd},
		Help: "the user's e-mail address, used to log in"},
	{Name: "role", Env: "LAPOR_ROLE", Kind: Text, Commands: []string{UserAdd},
		Help: "admin, officer, supervisor, ppid (a unit's information officer) or ppid_superior (answers objections)"},
	{Name: "unit", Env: "LAPOR_UNIT", Kind: Text, Commands: []string{UserAdd, PPIDMain},
		Help: "the user's unit code (required for officers and PPIDs); for ppid main, the unit whose PPID answers for units without one"},
	{Name: "clear", Env: "LAPOR_CLEAR", Default: "false", Kind: Bool, Commands: []string{PPIDMain},
		Help: "unset the main PPID: units without a PPID of their own then have none"},
	{Name: "password-stdin", Env: "LAPOR_PASSWORD_STDIN", Default: "false", Kind: Bool, Commands: []string{UserAdd},
		Help: "read the password from standard input"},
	{Name: "file", Env: "LAPOR_FILE", Kind: Text, Commands: []string{Categories}, DefaultText: "the list built into lapor",
		Help: "category file shaped like lapor-categories.json"},
	{Name: "limit", Env: "LAPOR_LIMIT", Default: "100", Kind: Count, Commands: []string{Audit},
		Help: "list at most this many broken reports (0: all)"},
	{Name: "audit-checkpoint", Env: "LAPOR_AUDIT_CHECKPOINT", Kind: Text, Commands: []string{Audit}, DefaultText: "none",
		Help: "file outside the database: hold the timelines to its last signed checkpoint, then append one of every report's head (signing key beside the key file, as FILE.checkpoint)"},
	{Name: "finish", Env: "LAPOR_FINISH", Default: "false", Kind: Bool, Commands: []string{KeyRotate},
		Help: "remove old keys that no sealed value uses any more"},
}
