package domain

// Who may do what outside the life of one report. What a viewer may do to a
// report is in the action rules (action.go) and what they may see of it in
// ReportAccess below; everything else a service method reads or changes is
// named here by a Permission. The service checks the caller against this
// table in every method; the routes' role lists are only a second fence.

// Roles a caller can have besides the staff roles.
const (
	RolePublic  Role = "public"  // anyone, not logged in
	RoleCitizen Role = "citizen" // logged into an optional citizen account
)

// Permission names a kind of use.
type Permission string

const (
	PermSubmit           Permission = "submit"            // file a report
	PermReadDirectory    Permission = "read_directory"    // units, categories, the holiday calendar, the map tiles
	PermOwnReports       Permission = "own_reports"       // a citizen account's "Laporan saya"
	PermOwnAccount       Permission = "own_account"       // a staff member's own password, second factor, sessions
	PermReadInbox        Permission = "read_inbox"        // lists of reports (officers: their units only)
	PermEvaluate         Permission = "evaluate"          // evaluation figures (officers: their units only)
	PermReadSanctions    Permission = "read_sanctions"    // the sanction list with its evidence
	PermReadPolicy       Permission = "read_policy"       // deadline settings
	PermManagePolicy     Permission = "manage_policy"     // holiday calendar and deadline settings
	PermManageUnits      Permission = "manage_units"      // add, rename and move units
	PermManageCategories Permission = "manage_categories" // import the category tree
	PermManageMap        Permission = "manage_map"        // the report form's map tiles
	PermManageAreas      Permission = "manage_areas"      // add, rename, hide kecamatan and kelurahan
	PermReadStaff        Permission = "read_staff"        // the list of staff accounts
	PermManageStaff      Permission = "manage_staff"      // add, turn off and on, reset staff accounts
	PermReadSecurity     Permission = "read_security"     // security settings
	PermManageSecurity   Permission = "manage_security"   // change security settings
	PermMaintain         Permission = "maintain"          // the scheduler's upkeep (policy reloads, the outbox's deliveries)
	PermManageOutbox     Permission = "manage_outbox"     // see pending and dead deliveries, retry the dead
	PermManageAPIKeys    Permission = "manage_api_keys"   // make, list and revoke gateway and integration keys
	PermManageWebhooks   Permission = "manage_webhooks"   // register, list and delete signed webhooks
	PermCounterIntake    Permission = "counter_intake"    // type in a complaint received on paper, at the counter or by phone
	PermManageTemplates  Permission = "manage_templates"  // the officers' reply templates
	PermBulkAct          Permission = "bulk_act"          // one action on many reports at once (each still checked on its own)
	PermReadPublic       Permission = "read_public"       // the public list of verified, non-confidential reports
	PermSupport          Permission = "support"           // back (dukung) a public report
	PermTriage           Permission = "triage"            // the routing suggestions and their evaluation
)

var (
	everyone = []Role{RolePublic, RoleCitizen, RoleAdmin, RoleOfficer, RoleSupervisor, RolePPID, RolePPIDSuperior, RoleSystem}
	staff    = []Role{RoleAdmin, RoleOfficer, RoleSupervisor, RolePPID, RolePPIDSuperior}
	// RoleSystem is the command line and the scheduler, run by whoever
	// operates the machine: it may manage what an admin manages.
	managers = []Role{RoleAdmin, RoleSystem}

	permissions = map[Permission][]Role{
		PermSubmit:           everyone,
		PermReadDirectory:    everyone,
		PermOwnReports:       {RoleCitizen},
		PermOwnAccount:       staff,
		PermReadInbox:        {RoleAdmin, RoleOfficer, RoleSupervisor, RolePPID, RolePPIDSuperior, RoleSystem},
		PermEvaluate:         {RoleAdmin, RoleOfficer, RoleSupervisor, RoleSystem},
		PermReadSanctions:    {RoleAdmin, RoleSupervisor, RoleSystem},
		PermReadPolicy:       {RoleAdmin, RoleSupervisor, RoleSystem},
		PermManagePolicy:     managers,
		PermManageUnits:      managers,
		PermManageCategories: managers,
		PermManageMap:        managers,
		PermManageAreas:      managers,
		PermReadStaff:        managers,
		PermManageStaff:      managers,
		PermReadSecurity:     {RoleAdmin, RoleOfficer, RoleSupervisor, RolePPID, RolePPIDSuperior, RoleSystem},
		PermManageSecurity:   managers,
		PermMaintain:         {RoleSystem},
		PermManageOutbox:     managers,
		PermManageAPIKeys:    managers,
		PermManageWebhooks:   managers,
		PermCounterIntake:    managers,
		PermManageTemplates:  managers,
		PermBulkAct:          {RoleAdmin},
		PermReadPublic:       everyone,
		PermTriage:           managers,
		PermSupport:          {RolePublic, RoleCitizen, RoleAdmin, RoleOfficer, RoleSupervisor, RolePPID, RolePPIDSuperior},
	}
)

// Can reports whether role has permission p. An unknown permission is
// refused to everyone.
func (r Role) Can(p Permission) bool { return contains(permissions[p], r) }

// Permissions lists every permission, for tests that walk the table.
func Permissions() []Permission {
	out := make([]Permission, 0, len(permissions))
	for p := range permissions {
		out = append(out, p)
	}
	return out
}

// CallerRoles are the roles a caller of the service can have.
func CallerRoles() []Role { return append([]Role(nil), everyone...) }

// Access is how much of a report a viewer may see.
type Access int

const (
	AccessNone     Access = iota // not even that it exists
	AccessPublic                 // what the public sees of a verified, non-confidential report
	AccessReporter               // the reporter's own view, through the receipt
	AccessStaff                  // the staff view: everything but an anonymous reporter's identity
)

// Reader is what decides how much of a report someone may see.
type Reader struct {
	Role        Role
	CoversUnit  bool // an officer (or a PPID) whose unit is the report's unit or one above it
	HoldsReport bool // holds the report's receipt
}

// ReportAccess decides what rd may see of r.
func ReportAccess(r *Report, rd Reader) Access {
	switch rd.Role {
	case RoleAdmin, RoleSupervisor, RoleSystem:
		return AccessStaff
	case RoleOfficer:
		// Information requests go to the unit's PPID, not its officers.
		if rd.CoversUnit && r.Kind != KindInformationRequest {
			return AccessStaff
		}
		return AccessNone
	case RolePPID:
		if rd.CoversUnit && r.Kind == KindInformationRequest {
			return AccessStaff
		}
		return AccessNone
	case RolePPIDSuperior:
		if r.Kind == KindInformationRequest {
			return AccessStaff
		}
		return AccessNone
	}
	if rd.HoldsReport {
		return AccessReporter
	}
	if r.Status.Public() && !r.Confidential {
		return AccessPublic
	}
	return AccessNone
}
