// Package export writes tables as CSV and XLSX files (Excel is what the
// offices use): the evaluation of units and the sanction list, for the
// JSON API and for the leaders' page alike.
package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/lapor-id/lapor/internal/i18n"
)

// Table is one sheet: stable column codes (the header of the
// machine-readable CSV), labels in the reader's language (the header of
// the XLSX and of the CSV for people) and rows of int, float64, string,
// time.Time or nil (an empty cell).
type Table struct {
	Name   string
	Lang   i18n.Lang
	Codes  []string
	Labels []string
	Rows   [][]any
}

// NewTable starts a table whose labels are the catalogue's "export.<code>".
func NewTable(name string, lang i18n.Lang, codes ...string) *Table {
	t := &Table{Name: name, Lang: lang, Codes: codes}
	for _, c := range codes {
		t.Labels = append(t.Labels, i18n.T(lang, "export."+c))
	}
	return t
}

// Audience chooses the CSV variant.
type Audience int

const (
	// Machines get column codes, decimal points and RFC 3339 times (the
	// API).
	Machines Audience = iota
	// People get the labels in the table's language, its decimal
	// separator and times as in the XLSX (the leaders' page).
	People
)

// cellText renders a cell for CSV. Text that a spreadsheet would run as a
// formula gets a leading apostrophe.
func cellText(v any, lang i18n.Lang, to Audience) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int:
		return strconv.Itoa(x)
	case float64:
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if to == People && lang == i18n.ID {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	case string:
		return safeText(x)
	case time.Time:
		if to == People {
			return x.Format("2006-01-02 15:04")
		}
		return x.Format(time.RFC3339)
	}
	return safeText(fmt.Sprint(v))
}

func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// CSV renders a table: for machines with a header of column codes, for
// people with its labels.
func CSV(t *Table, to Audience) ([]byte, error) {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	if to == People {
		_ = cw.Write(t.Labels)
	} else {
		_ = cw.Write(t.Codes)
	}
	for _, row := range t.Rows {
		rec := make([]string, len(row))
		for i, v := range row {
			rec[i] = cellText(v, t.Lang, to)
		}
		_ = cw.Write(rec)
	}
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

// XLSX renders one sheet per table, with labelled, bold, frozen headers.
func XLSX(tables ...*Table) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	for i, t := range tables {
		sheet := t.Name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sheet); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(sheet); err != nil {
			return nil, err
		}
		header := make([]any, len(t.Labels))
		for j, l := range t.Labels {
			header[j] = l
		}
		if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
			return nil, err
		}
		last, _ := excelize.ColumnNumberToName(max(len(t.Labels), 1))
		if err := f.SetCellStyle(sheet, "A1", last+"1", bold); err != nil {
			return nil, err
		}
		for r, row := range t.Rows {
			cells := make([]any, len(row))
			for j, v := range row {
				if tm, ok := v.(time.Time); ok {
					cells[j] = tm.Format("2006-01-02 15:04")
				} else {
					cells[j] = v // strings are stored as text, never as formulas
				}
			}
			if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(r+2), &cells); err != nil {
				return nil, err
			}
		}
		_ = f.SetColWidth(sheet, "A", last, 14)
		_ = f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Content types of the formats.
const (
	TypeCSV  = "text/csv; charset=utf-8"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// Write sends a file as a download: format "csv" writes the first table
// for the audience, "xlsx" all of them. name has no extension.
func Write(w http.ResponseWriter, format, name string, to Audience, tables ...*Table) error {
	var data []byte
	var err error
	ct := TypeCSV
	if format == "xlsx" {
		data, err = XLSX(tables...)
		ct = TypeXLSX
	} else {
		data, err = CSV(tables[0], to)
	}
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name + "." + format}))
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(data)
	return err
}
