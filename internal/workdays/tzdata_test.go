package workdays

// The tests carry the time-zone database, as the lapor binary does, so the
// tests of real zones run on every machine instead of skipping.
import _ "time/tzdata"
