package main

// The binary carries its own copy of the time-zone database, so
// --tz Asia/Makassar works on a machine or container without one
// (distroless and scratch images have no /usr/share/zoneinfo).
import _ "time/tzdata"
