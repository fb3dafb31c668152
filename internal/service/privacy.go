package service

// anonymousUploads drops the names of files an anonymous reporter sends:
// a name such as "KTP Siti Rahma.jpg" or "WhatsApp Image from 0812...jpg"
// would tell staff who sent them. Files are stored as lampiran.jpg and so
// on (the extension follows the sniffed content, see safeFileName).
func anonymousUploads(ups []Upload) []Upload {
	out := make([]Upload, len(ups))
	for i, u := range ups {
		out[i] = Upload{Name: "lampiran", Data: u.Data}
	}
	return out
}
