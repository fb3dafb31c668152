package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/ratelimit"
)

// The kinds of value a setting may hold.
var (
	// Text is any text, taken as given.
	Text = Kind{Name: "text", Parse: func(s string) (any, error) { return s, nil }}

	// Bool is yes or no: true/false, 1/0, yes/no, on/off.
	Bool = Kind{Name: "bool", Bool: true, Parse: func(s string) (any, error) { return parseBool(s) }}

	// LogFormat is how log lines are written: text (key=value) or json.
	LogFormat = Kind{Name: "text|json", Parse: func(s string) (any, error) {
		switch f := strings.ToLower(strings.TrimSpace(s)); f {
		case "text", "json":
			return f, nil
		}
		return nil, errors.New("want text or json")
	}}

	// Duration is a Go duration such as 30s, 1m or 1h30m, above zero.
	Duration = Kind{Name: "duration", Parse: func(s string) (any, error) {
		d, err := time.ParseDuration(strings.TrimSpace(s))
		if err != nil || d <= 0 {
			return nil, errors.New("want a duration above zero such as 30s, 1m or 1h")
		}
		return d, nil
	}}

	// Count is a whole number, zero or more.
	Count = Kind{Name: "n", Parse: func(s string) (any, error) {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 {
			return nil, errors.New("want a whole number, 0 or more")
		}
		return n, nil
	}}

	// Location is an IANA time zone name such as Asia/Makassar.
	Location = Kind{Name: "zone", Parse: func(s string) (any, error) {
		s = strings.TrimSpace(s)
		if s == "" {
			return nil, errors.New("unknown time zone: want a name such as Asia/Jakarta")
		}
		loc, err := time.LoadLocation(s)
		if err != nil {
			return nil, errors.New("unknown time zone: want a name such as Asia/Jakarta")
		}
		return loc, nil
	}}

	// Address is host:port to listen on; empty means none where the
	// setting allows it (OptionalAddress).
	Address         = Kind{Name: "host:port", Parse: func(s string) (any, error) { return parseAddress(s, false) }}
	OptionalAddress = Kind{Name: "host:port", Parse: func(s string) (any, error) { return parseAddress(s, true) }}

	// BaseURL is an http(s) address with a host, or empty; a trailing /
	// is dropped.
	BaseURL = Kind{Name: "url", Parse: func(s string) (any, error) {
		s = strings.TrimSpace(s)
		if s == "" {
			return "", nil
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return nil, errors.New("want an http(s) address such as https://lapor.example.go.id")
		}
		return strings.TrimRight(s, "/"), nil
	}}

	// TileURL is a map tile template with {z}, {x} and {y}, or empty.
	TileURL = Kind{Name: "url", Parse: func(s string) (any, error) {
		s = strings.TrimSpace(s)
		if s == "" {
			return "", nil
		}
		if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") ||
			!strings.Contains(s, "{z}") || !strings.Contains(s, "{x}") || !strings.Contains(s, "{y}") {
			return nil, errors.New("want an http(s) URL with {z}, {x} and {y}, such as https://tile.example.org/{z}/{x}/{y}.png")
		}
		return s, nil
	}}

	// MapView is "lat,lon" or "lat,lon,zoom".
	MapView = Kind{Name: "lat,lon[,zoom]", Parse: func(s string) (any, error) { return parseMapCenter(s) }}

	// Rate is a rate limit, N/period such as 10/m or 20/10m, or off.
	Rate = Kind{Name: "rate", Parse: func(s string) (any, error) {
		if strings.TrimSpace(s) == "" {
			return nil, errors.New("want N/period such as 10/m or 20/10m, or off")
		}
		r, err := ratelimit.ParseRate(s)
		if err != nil {
			return nil, errors.New("want N/period such as 10/m or 20/10m, or off")
		}
		return r, nil
	}}

	// Prefixes is a comma-separated list of IP addresses and CIDR
	// prefixes; empty means none.
	Prefixes = Kind{Name: "addresses", Parse: func(s string) (any, error) {
		p, err := ratelimit.ParsePrefixes(s)
		if err != nil {
			return nil, err
		}
		return p, nil
	}}
)

func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "t", "true", "yes", "on":
		return true, nil
	case "0", "f", "false", "no", "off":
		return false, nil
	}
	return false, errors.New("want true or false (also yes/no, on/off, 1/0)")
}

func parseAddress(s string, optional bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" && optional {
		return "", nil
	}
	_, port, err := net.SplitHostPort(s)
	if err == nil {
		if n, e := strconv.Atoi(port); e != nil || n < 0 || n > 65535 {
			err = errors.New("bad port")
		}
	}
	if err != nil {
		return "", errors.New("want host:port such as 127.0.0.1:8080 or :8080")
	}
	return s, nil
}

// MapCenter is where the report form's map opens.
type MapCenter struct {
	Lat, Lon float64
	Zoom     int
}

func parseMapCenter(s string) (MapCenter, error) {
	bad := errors.New("want lat,lon or lat,lon,zoom with latitude -85 to 85, longitude -180 to 180, zoom 3 to 19")
	parts := strings.Split(s, ",")
	if len(parts) < 2 || len(parts) > 3 {
		return MapCenter{}, bad
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
	if err1 != nil || err2 != nil || lat < -85 || lat > 85 || lon < -180 || lon > 180 {
		return MapCenter{}, bad
	}
	c := MapCenter{Lat: lat, Lon: lon}
	if len(parts) == 3 {
		z, err := strconv.Atoi(strings.TrimSpace(parts[2]))
		if err != nil || z < 3 || z > 19 {
			return MapCenter{}, bad
		}
		c.Zoom = z
	}
	return c, nil
}

func (c MapCenter) String() string {
	return fmt.Sprintf("%g,%g,%d", c.Lat, c.Lon, c.Zoom)
}
