package domain

// The channels a reporter is answered on besides e-mail: the one their
// report came from, when it is a phone's.
const (
	DeliveryWhatsApp = "whatsapp"
	DeliverySMS      = "sms"
)

// ReplyChannel is the delivery channel that answers a report that came in
// on c, "" when c is not a phone's (web, e-mail and the rest are answered
// by e-mail alone).
func ReplyChannel(c Channel) string {
	switch c {
	case ChannelWhatsApp:
		return DeliveryWhatsApp
	case ChannelSMS:
		return DeliverySMS
	}
	return ""
}

// ChannelHears reports whether a reporter on channel c is sent event ev
// there. An SMS report's submission was answered in the gateway's own
// reply, so only later steps go out by SMS.
func ChannelHears(c Channel, ev Event) bool {
	if ReplyChannel(c) == "" || !ReporterHears(ev) {
		return false
	}
	return !(c == ChannelSMS && ev.Type == EventSubmitted)
}
