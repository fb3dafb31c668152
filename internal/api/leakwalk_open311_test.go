package api_test

// open311Routes are the Open311 reads (internal/open311) for the leak
// walk: they serve public reports too, in two formats, so the walk's
// planted identities must not show there either. Each is keyed by its
// path in openapi.json.
func open311Routes(reports []filed) []staffRoute {
	var discovery, services, definitions, lists, ones, tokens []string
	for _, f := range []string{"json", "xml"} {
		lists = append(lists, "/open311/v2/requests."+f, "/open311/v2/requests."+f+"?status=open",
			"/open311/v2/requests."+f+"?status=closed", "/open311/v2/requests."+f+"?page_size=1000")
		services = append(services, "/open311/v2/services."+f)
		discovery = append(discovery, "/open311/v2/discovery."+f)
		definitions = append(definitions, "/open311/v2/services/infrastruktur-jalan."+f)
		ids := ""
		for _, r := range reports {
			ones = append(ones, "/open311/v2/requests/"+r.id+"."+f)
			tokens = append(tokens, "/open311/v2/tokens/"+r.id+"."+f)
			ids += r.id + ","
		}
		lists = append(lists, "/open311/v2/requests."+f+"?service_request_id="+ids)
	}
	return []staffRoute{{"/open311/v2/discovery.{format}", discovery}, {"/open311/v2/services.{format}", services},
		{"/open311/v2/services/{service_code}.{format}", definitions}, {"/open311/v2/requests.{format}", lists},
		{"/open311/v2/requests/{service_request_id}.{format}", ones}, {"/open311/v2/tokens/{token}.{format}", tokens}}
}
