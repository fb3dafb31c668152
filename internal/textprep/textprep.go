// Package textprep prepares Indonesian complaint text for the machines that
// compare it: routing suggestions, duplicate search and, later, search.
// Tokens lower-cases and folds accents, spells out the informal shorthand
// people write in complaints (yg, jln, tdk, gak, udh, ...), drops stop
// words and reduces every word to its root with Stem, so "berlubang",
// "lubang" and "lubangnya" are the same token.
//
// The package is pure: no database, no clock, no state beyond its
// read-only tables, safe for any number of goroutines.
package textprep

import (
	_ "embed"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s lower-cased (Unicode case folding) with its accents and
// other combining marks dropped: "Jalan RUSAK, Café" is "jalan rusak, cafe".
func Fold(s string) string {
	s = norm.NFKD.String(cases.Fold().String(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if m, ok := baseLetters[r]; ok {
			b.WriteString(m)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var baseLetters = map[rune]string{
	'ø': "o", 'đ': "d", 'ł': "l", 'ħ': "h", 'ı': "i", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ð': "d",
}

// Words returns the folded words of s with the informal spellings spelled
// out, before stop words are dropped and before stemming: the letters and
// digits of each word, a hyphen kept inside a word ("jalan-jalan").
func Words(s string) []string {
	s = Fold(s)
	var out []string
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.Trim(s[start:end], "-")
		start = -1
		if w == "" {
			return
		}
		if full, ok := informal[w]; ok {
			out = append(out, strings.Fields(full)...)
			return
		}
		out = append(out, w)
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out
}

// Tokens returns the tokens of s: its words (Words) without the stop words,
// each reduced to its root (Stem). A reduplicated word ("jalan-jalan",
// "rumah2") is one token; the parts of another hyphenated word are two.
func Tokens(s string) []string { return (*Cache)(nil).Tokens(s) }

// Cache remembers the roots of the words it has stemmed, for preparing
// many texts in a row (training a model on a whole history). It is not
// safe for concurrent use; a nil *Cache remembers nothing.
type Cache struct{ stems map[string]string }

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{stems: map[string]string{}} }

func (c *Cache) stem(w string) string {
	if c == nil {
		return Stem(w)
	}
	if st, ok := c.stems[w]; ok {
		return st
	}
	st := Stem(w)
	if len(c.stems) < 1<<20 {
		c.stems[w] = st
	}
	return st
}

// Tokens is Tokens, remembering the roots it finds.
func (c *Cache) Tokens(s string) []string {
	words := Words(s)
	out := make([]string, 0, len(words))
	add := func(w string) {
		if w == "" || stopWords[w] {
			return
		}
		if st := c.stem(w); !stopWords[st] {
			out = append(out, st)
		}
	}
	for _, w := range words {
		if strings.Contains(w, "-") {
			if root, ok := reduplicated(w); ok {
				add(root)
				continue
			}
			for _, p := range strings.Split(w, "-") {
				add(p)
			}
			continue
		}
		// "rumah2" is how people write "rumah-rumah".
		if n := len(w); n > 3 && w[n-1] == '2' && isLetters(w[:n-1]) {
			w = w[:n-1]
		}
		add(w)
	}
	return out
}

// reduplicated reports whether w is a reduplicated word ("jalan-jalan",
// "bermain-main", "sayur-mayur") and gives the root of its first part.
func reduplicated(w string) (string, bool) {
	parts := strings.Split(w, "-")
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return "", false
	}
	a, b := Stem(parts[0]), Stem(parts[1])
	switch {
	case a == b:
		return a, true
	case len(a) > 2 && len(b) > 2 && a[1:] == b[1:]: // sayur-mayur, lauk-pauk
		return a, true
	}
	return "", false
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// IsStopWord reports whether the folded word w carries no meaning for
// comparing complaints ("yang", "sudah", "mohon").
func IsStopWord(w string) bool { return stopWords[w] }

// informal maps the shorthand and informal spellings of chat and social
// media to the standard word.
var informal = map[string]string{
	"yg": "yang", "jln": "jalan", "jl": "jalan", "jalanan": "jalan", "tdk": "tidak", "gak": "tidak",
	"ga": "tidak", "gk": "tidak", "nggak": "tidak", "ngga": "tidak", "enggak": "tidak", "engga": "tidak",
	"tak": "tidak", "sdh": "sudah", "udh": "sudah", "udah": "sudah", "dah": "sudah",
	"blm": "belum", "dgn": "dengan", "dg": "dengan", "krn": "karena", "karna": "karena", "krna": "karena",
	"utk": "untuk", "bgt": "banget", "bngt": "banget", "sy": "saya", "gw": "saya", "gue": "saya",
	"aku": "saya", "kmrn": "kemarin", "kemaren": "kemarin", "skrg": "sekarang", "skrng": "sekarang",
	"trs": "terus", "tp": "tapi", "tpi": "tapi", "dr": "dari", "dri": "dari", "pd": "pada", "dlm": "dalam",
	"org": "orang", "bs": "bisa", "bisa2": "bisa", "hrs": "harus", "lg": "lagi", "lgi": "lagi",
	"aja": "saja", "gimana": "bagaimana", "gmn": "bagaimana", "knp": "kenapa", "bnyk": "banyak",
	"byk": "banyak", "dpn": "depan", "blkg": "belakang", "dkt": "dekat", "tlg": "tolong", "mhn": "mohon",
	"bpk": "bapak", "kel": "kelurahan", "kec": "kecamatan", "gg": "gang", "jg": "juga", "jga": "juga",
	"sm": "sama", "ama": "sama", "klo": "kalau", "kalo": "kalau", "kl": "kalau", "msh": "masih",
	"masi": "masih", "sampe": "sampai", "smpe": "sampai", "bener": "benar", "bnr": "benar",
	"pemkot": "pemerintah kota", "pemda": "pemerintah daerah", "tlp": "telepon", "telp": "telepon",
	"hp": "telepon", "kmr": "kamar", "mlm": "malam", "pgi": "pagi", "sore2": "sore", "thn": "tahun",
	"bln": "bulan", "hr": "hari", "mgg": "minggu", "rmh": "rumah", "sklh": "sekolah", "skolah": "sekolah",
	"lampu2": "lampu", "bbrp": "beberapa", "sblm": "sebelum", "stlh": "setelah", "ttg": "tentang",
	"spt": "seperti", "kyk": "seperti", "kayak": "seperti", "bnjir": "banjir",
	"mcet": "macet", "sampah2": "sampah", "pdhl": "padahal", "emg": "memang", "emang": "memang",
	"dtg": "datang", "dtng": "datang", "sgt": "sangat", "bkn": "bukan", "mo": "mau",
	"pengen": "ingin", "pingin": "ingin", "pgn": "ingin", "ortu": "orang tua", "dll": "dan lain lain",
	"dsb": "dan sebagainya", "tsb": "tersebut", "dg2": "dengan",
}

// stopWords are the folded function words dropped before comparing texts.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
ada adalah adanya agar akan akhirnya aku amat anda antara apa apakah apabila atau atas bagaimana bagi bahkan bahwa
baru beberapa begitu belum benar berapa biasa bila bisa boleh bukan banget cuma dahulu dalam dan dapat dari daripada
demikian dengan depan di dia diri dong harus hanya hingga ia ialah ini itu jadi jangan jika juga justru kalau kami
kamu kan karena kata ke kemarin kemudian kenapa kepada ketika kini kita lagi lah lain lalu lama lebih maka makin
mana masih masing mau melainkan memang mereka misalnya mohon mungkin nah namun nanti nya oleh pada padahal para
pernah pula pun saat saja sama sambil sampai sangat saya se sebab sebagai sebelum sebenarnya sebuah sedang sedangkan
segera sehingga sejak sekali sekarang selalu selama seluruh semua sendiri seperti sering serta sesudah setelah
setiap sih siapa sudah supaya tadi tahun tapi telah tentang tentu terhadap terus tetap tetapi tidak toh tolong
untuk walau walaupun ya yaitu yakni yang pak bu bapak ibu mas mbak kak bang terimakasih terima kasih min admin
hari bulan minggu pagi siang sore tersebut lain sebagainya orang tua ingin kah tah pun deh kok loh lho
`) {
		m[w] = true
	}
	return m
}()
