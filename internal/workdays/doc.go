// Package workdays is a working-day (hari kerja, HK) calendar for deadline
// computations: Monday to Friday minus national holidays (libur nasional)
// and cuti bersama, counted by day in the instance's time zone (for Bontang,
// Asia/Makassar, WITA, UTC+8).
//
// The package is pure: apart from parsing the holiday lists it is given
// (CSV via [ParseCSV], iCalendar via [ParseICal]) it does no I/O and keeps
// no mutable global state. The official 2026 list is embedded ([Default2026]).
//
// Deadline conventions, shared by every function:
//
//   - The day on which a clock starts never counts; a deadline of n HK ends at
//     23:59:59 (local) of the n-th working day after it ([Calendar.Deadline]).
//   - A paused clock ([Calendar.DeadlineWithPauses]) counts a working day only
//     if it was running when that day began.
package workdays
