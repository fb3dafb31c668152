package main

import (
	"math/rand/v2"
	"strings"
)

// The words reports are made of: what is wrong, with what, where in
// Bontang, and how people say it. Enough variety that a search for one
// word matches a realistic share of a million reports ("jalan" about a
// quarter, "puskesmas" a few per cent), not all or none.
var (
	subjects = []string{"jalan", "lampu jalan", "drainase", "selokan", "sampah", "air PDAM", "listrik", "puskesmas",
		"sekolah", "jembatan", "trotoar", "pasar", "taman kota", "angkot", "parkir liar", "pohon tumbang",
		"banjir", "pelayanan KTP", "rumah sakit", "bantuan sosial", "pungutan liar", "kebisingan", "limbah",
		"pelabuhan", "halte", "rambu lalu lintas", "lapangan", "kantor kelurahan", "posyandu", "internet desa"}
	problems = []string{"berlubang", "rusak parah", "mati", "tersumbat", "menumpuk", "keruh", "padam", "antre lama",
		"tidak terawat", "retak", "licin", "bau menyengat", "tidak diangkut", "macet", "roboh", "hilang",
		"tergenang", "lambat", "dipungut biaya", "tidak berfungsi"}
	places = []string{"Api-Api", "Bontang Baru", "Bontang Kuala", "Gunung Elai", "Guntung", "Lok Tuan", "Belimbing",
		"Berbas Pantai", "Berbas Tengah", "Bontang Lestari", "Satimpo", "Tanjung Laut", "Tanjung Laut Indah",
		"Kanaan", "Gunung Telihan"}
	streets = []string{"Jl. Ahmad Yani", "Jl. MT Haryono", "Jl. Letjen S. Parman", "Jl. Bhayangkara", "Jl. Awang Long",
		"Jl. KS Tubun", "Jl. Brigjen Katamso", "Jl. Pattimura", "Jl. Imam Bonjol", "Jl. Cipto Mangunkusumo",
		"Jl. Sutomo", "Jl. DI Panjaitan", "Jl. Pupuk Raya", "Jl. Hasanuddin"}
	details = []string{"sudah dua minggu tidak ada perbaikan", "membahayakan pengendara motor di malam hari",
		"warga sudah melapor ke RT tetapi belum ada tindakan", "anak-anak sekolah harus memutar jauh",
		"kondisinya makin parah setiap hujan deras", "mohon segera ditindaklanjuti oleh dinas terkait",
		"sudah ada korban jatuh minggu lalu", "petugas tidak pernah datang", "baunya sampai ke rumah warga",
		"antrean mulai subuh sampai siang", "lampu padam sejak bulan lalu", "air berwarna kuning dan berbau",
		"banyak nyamuk karena genangan", "kami berharap pemerintah kota peduli", "foto terlampir sebagai bukti",
		"terjadi hampir setiap hari", "pedagang menutup sebagian jalan", "pembangunan terhenti tanpa penjelasan"}
)

func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

// reportText makes the title and body of one report.
func reportText(rng *rand.Rand) (title, body string) {
	subject, problem, place := pick(rng, subjects), pick(rng, problems), pick(rng, places)
	title = strings.ToUpper(subject[:1]) + subject[1:] + " " + problem + " di " + place
	var b strings.Builder
	b.WriteString(strings.ToUpper(subject[:1]) + subject[1:] + " di " + pick(rng, streets) + ", kelurahan " + place + " " + problem + ". ")
	for range 1 + rng.IntN(3) {
		d := pick(rng, details)
		b.WriteString(strings.ToUpper(d[:1]) + d[1:] + ". ")
	}
	return title, strings.TrimSpace(b.String())
}
