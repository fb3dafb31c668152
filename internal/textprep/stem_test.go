package textprep

import (
	"reflect"
	"strings"
	"testing"
)

// stemPairs are real words from complaints and their roots.
var stemPairs = `
berlubang lubang
lubangnya lubang
lubang lubang
jalannya jalan
perbaikan baik
diperbaiki baik
memperbaiki baik
memperbaikinya baik
kerusakan rusak
rusaknya rusak
merusak rusak
dirusak rusak
pembangunan bangun
bangunan bangun
dibangun bangun
membangun bangun
perumahan rumah
rumahnya rumah
kebersihan bersih
pembersihan bersih
dibersihkan bersih
membersihkan bersih
bersihkan bersih
pelayanan layan
pelayanannya layan
dilayani layan
melayani layan
laporan lapor
melaporkan lapor
dilaporkan lapor
pelapor lapor
pengaduan adu
mengadu adu
pengelolaan kelola
dikelola kelola
mengelola kelola
pemadaman padam
dipadamkan padam
menyapu sapu
penyebab sebab
menyebabkan sebab
disebabkan sebab
terganggu ganggu
gangguan ganggu
mengganggu ganggu
kebanjiran banjir
banjirnya banjir
tergenang genang
genangan genang
menggenang genang
kemacetan macet
macetnya macet
perparkiran parkir
parkiran parkir
memarkir parkir
kesehatan sehat
pendidikan didik
sekolah sekolah
sekolahnya sekolah
pemeliharaan pelihara
dipelihara pelihara
memakai pakai
pemakaian pakai
dipakai pakai
memakan makan
makanan makan
dimakan makan
menulis tulis
tulisan tulis
ditulis tulis
penulis tulis
petugas tugas
bertugas tugas
pekerja kerja
bekerja kerja
pekerjaan kerja
dikerjakan kerja
mengerjakan kerja
pedagang dagang
berdagang dagang
perdagangan dagang
melihat lihat
dilihat lihat
terlihat lihat
penglihatan lihat
merawat rawat
perawatan rawat
dirawat rawat
pelajar ajar
belajar ajar
pelajaran ajar
mengajar ajar
pengajar ajar
mengecat cat
dicat cat
membayar bayar
pembayaran bayar
dibayar bayar
bayarnya bayar
ditanggapi tanggap
tanggapan tanggap
menanggapi tanggap
penanganan tangan
ditangani tangan
menangani tangan
pengangkutan angkut
diangkut angkut
mengangkut angkut
kendaraan kendara
berkendara kendara
pengendara kendara
penerangan terang
diterangi terang
menerangi terang
penebangan tebang
ditebang tebang
menebang tebang
tumbangnya tumbang
penumpukan tumpuk
menumpuk tumpuk
tumpukan tumpuk
pembuangan buang
dibuang buang
membuang buang
sampahnya sampah
persampahan sampah
listriknya listrik
kelistrikan listrik
saluran salur
penyaluran salur
disalurkan salur
jaringan jaring
kebocoran bocor
bocornya bocor
pipanya pipa
perizinan izin
diizinkan izin
mengizinkan izin
pungutan pungut
dipungut pungut
memungut pungut
penipuan tipu
ditipu tipu
menipu tipu
pencurian curi
dicuri curi
mencuri curi
pencuri curi
keamanan aman
mengamankan aman
diamankan aman
pengamanan aman
ketertiban tertib
penertiban tertib
ditertibkan tertib
kebakaran bakar
terbakar bakar
membakar bakar
pembakaran bakar
kecelakaan celaka
pengobatan obat
diobati obat
pemeriksaan periksa
diperiksa periksa
memeriksa periksa
pendaftaran daftar
mendaftar daftar
terdaftar daftar
didaftarkan daftar
pengurusan urus
diurus urus
mengurus urus
keterlambatan lambat
terlambat lambat
penundaan tunda
ditunda tunda
menunda tunda
kepala kepala
kelurahan lurah
kecamatan camat
pemerintah perintah
pemotongan potong
dipotong potong
penggusuran gusur
digusur gusur
menggusur gusur
ketinggian tinggi
peninggian tinggi
pengukuran ukur
diukur ukur
penghijauan hijau
pemasangan pasang
dipasang pasang
memasang pasang
penyumbatan sumbat
tersumbat sumbat
tiangnya tiang
retakan retak
keretakan retak
longsornya longsor
berbahaya bahaya
membahayakan bahaya
pencemaran cemar
tercemar cemar
mencemari cemar
kebisingan bising
sinyalnya sinyal
penutupan tutup
ditutup tutup
menutup tutup
tertutup tutup
pembukaan buka
dibuka buka
terbuka buka
pengiriman kirim
dikirim kirim
mengirimkan kirim
peninjauan tinjau
ditinjau tinjau
meninjau tinjau
ditindaklanjuti tindaklanjut
penindakan tindak
ditindak tindak
lampunya lampu
bermain main
sapunya sapu
berita berita
penduduk penduduk
kantornya kantor
selesai selesai
diselesaikan selesai
penyelesaian selesai
menyelesaikan selesai
`

func TestStemRealWords(t *testing.T) {
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(stemPairs), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			t.Fatalf("bad line %q", line)
		}
		n++
		if got := Stem(f[0]); got != f[1] {
			t.Errorf("Stem(%q) = %q, want %q", f[0], got, f[1])
		}
	}
	if n < 150 {
		t.Errorf("only %d pairs, want 150 or more", n)
	}
}

// An unknown word, or one whose cut would not end on a root, stays whole.
func TestStemDoesNotOverStem(t *testing.T) {
	for _, w := range []string{"pasar", "kali", "besi", "bensin", "menara", "diare", "terminal", "pintu", "sekolah",
		"perahu", "bengkel", "pelangi", "kantor", "mentega", "taman", "kelapa", "pedestrian", "tilang"} {
		if got := Stem(w); got != w {
			t.Errorf("Stem(%q) = %q, want it whole", w, got)
		}
	}
}

func TestTokens(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Jln di depan SD yg BERLUBANG, lubangnya tdk diperbaiki!", []string{"jalan", "sd", "lubang", "lubang", "baik"}},
		{"Lampu jalan-jalan gak nyala udh 3 hari", []string{"lampu", "jalan", "nyala", "3"}},
		{"Sampah2 menumpuk di Gg. Mawar", []string{"sampah", "tumpuk", "gang", "mawar"}},
		{"Pelayanan Puskesmas lambat bgt", []string{"layan", "puskesmas", "lambat"}},
		{"Café  pinggir jalan — bising", []string{"cafe", "pinggir", "jalan", "bising"}},
		{"sayur-mayur busuk di pasar", []string{"sayur", "busuk", "pasar"}},
		{"", nil},
	} {
		got := Tokens(c.in)
		if len(got) == 0 && len(c.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFold(t *testing.T) {
	if got := Fold("JALAN Rusak Café Ærø"); got != "jalan rusak cafe aero" {
		t.Errorf("Fold = %q", got)
	}
}
