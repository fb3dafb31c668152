package apptest

import (
	"context"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// Password is the password of every staff account made by Staff.
const Password = "kata-sandi-uji-coba"

// City is a small city: two units with one sub-unit, and a token per role.
type City struct {
	Admin, Supervisor string // Authorization header values
	OfficerPU         string // officer of "dpupr"
	OfficerSubPU      string // officer of "dpupr-jalan", under dpupr
	OfficerDinkes     string // officer of "dinkes"
}

// Seed creates units and staff and logs each in.
func (e *Env) Seed(t testing.TB) City {
	t.Helper()
	ctx := context.Background()
	for _, u := range [][3]string{
		{"dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", ""},
		{"dpupr-jalan", "Bidang Jalan dan Jembatan", "dpupr"},
		{"dinkes", "Dinas Kesehatan", ""},
	} {
		if _, err := e.Svc.AddUnit(ctx, service.Operator, u[0], u[1], u[2]); err != nil {
			t.Fatalf("add unit %s: %v", u[0], err)
		}
	}
	login := func(email string, role domain.Role, unit string) string {
		if _, err := e.Svc.AddUser(ctx, service.Operator, service.NewUser{Email: email, Role: role, Unit: unit, Password: Password}); err != nil {
			t.Fatalf("add user %s: %v", email, err)
		}
		token, _, err := e.Svc.Login(ctx, email, Password)
		if err != nil {
			t.Fatalf("login %s: %v", email, err)
		}
		return "Bearer " + token
	}
	return City{
		Admin:         login("admin@bontang.go.id", domain.RoleAdmin, ""),
		Supervisor:    login("inspektorat@bontang.go.id", domain.RoleSupervisor, ""),
		OfficerPU:     login("pu@bontang.go.id", domain.RoleOfficer, "dpupr"),
		OfficerSubPU:  login("jalan@bontang.go.id", domain.RoleOfficer, "dpupr-jalan"),
		OfficerDinkes: login("dinkes@bontang.go.id", domain.RoleOfficer, "dinkes"),
	}
}
