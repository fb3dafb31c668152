package api_test

// open311Routes are the Open311 reads (internal/open311) for the leak
// walk: they serve public reports too, in two formats, so the walk's
// planted identities must not show there either.
func open311Routes(reports []filed) []staffRoute {
	var lists, ones []string
	for _, f := range []string{"json", "xml"} {
		lists = append(lists, "/open311/v2/requests."+f, "/open311/v2/requests."+f+"?status=open",
			"/open311/v2/requests."+f+"?status=closed", "/open311/v2/requests."+f+"?page_size=1000",
			"/open311/v2/services."+f, "/open311/v2/discovery."+f)
		ids := ""
		for _, r := range reports {
			ones = append(ones, "/open311/v2/requests/"+r.id+"."+f, "/open311/v2/tokens/"+r.id+"."+f)
			ids += r.id + ","
		}
		lists = append(lists, "/open311/v2/requests."+f+"?service_request_id="+ids)
	}
	return []staffRoute{{"/open311/v2/{file}", lists}, {"/open311/v2/requests/{file}", ones}}
}
