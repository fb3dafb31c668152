"""Drive the georeport Python client (github.com/7673502/georeport, the
GeoReport v2 wrapper on PyPI) against a running Lapor, in one format.

Usage: python3 georeport_client.py CLIENT_CHECKOUT ROOT_ADDRESS FORMAT REQUEST_ID SERVICE_CODE

It runs the client's README examples (the service list, the requests) and
its other two calls (a service definition, one request), and prints what
the client returned, normalised to JSON, for the Go test to check. Any
exception (an HTTP error, a parse error) fails the run.
"""
import importlib.metadata
import json
import sys

checkout, root, fmt, request_id, service_code = sys.argv[1:6]

# The package reads its own version from its installed metadata; run from
# a checkout it has none, so answer for it.
_version = importlib.metadata.version
importlib.metadata.version = lambda name: "checkout" if name == "georeport" else _version(name)
sys.path.insert(0, checkout)

from georeport import GeoReport  # noqa: E402


def as_list(v):
    # xmltodict gives one element as a dict and several as a list.
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


client = GeoReport(root, output_format=fmt)
services = as_list(client.get_service_list())
definition = client.get_service_definition(service_code)
requests_ = as_list(client.get_service_requests())
filtered = as_list(client.get_service_requests(service_request_id=request_id, status="open"))
one = client.get_service_request(request_id)
if fmt == "xml":
    definition = {"service_code": definition["service_code"],
                  "attributes": as_list(definition["attributes"]["attribute"])}
print(json.dumps({"services": services, "definition": definition, "requests": requests_,
                  "filtered": filtered, "one": one}))
