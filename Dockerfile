# Lapor in a container: one static binary (pure Go, the embedded SQLite
# included) on a small base with CA certificates for SMTP and webhooks.
#
#   docker build -t lapor .
#   docker run -p 8080:8080 -v lapor-data:/var/lib/lapor lapor                 # embedded database
#   docker run -p 8080:8080 -v lapor-data:/var/lib/lapor -e LAPOR_DEMO=true lapor   # with the demo city
#   docker run -p 8080:8080 -e LAPOR_DB='postgres://lapor:secret@db/lapor' \
#              -v /srv/lapor-keys:/var/lib/lapor:ro -e LAPOR_KEY_FILE=/var/lib/lapor/lapor.key lapor   # a PostgreSQL node
#
# The volume holds the database and the sealing key files: back the key up
# apart from the database. On PostgreSQL with several nodes, create the key
# files once (the first `lapor migrate` or `lapor serve` writes lapor.key and
# lapor.key.chain) and give every node the same files, read-only: two nodes
# that each made their own key would seal identities the other cannot open. Every setting is an environment variable (see the
# README's settings table).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/lapor ./cmd/lapor \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/lapor /usr/local/bin/lapor
COPY --from=build --chown=nonroot:nonroot /out/data /var/lib/lapor
WORKDIR /var/lib/lapor
ENV LAPOR_DB=/var/lib/lapor/lapor.db \
    LAPOR_ADDR=0.0.0.0:8080 \
    LAPOR_LOG_FORMAT=json
VOLUME /var/lib/lapor
EXPOSE 8080
USER nonroot
# The image has no shell: the probe is Lapor's own (GET /readyz) from the
# orchestrator; docker's HEALTHCHECK would need a client in the image.
ENTRYPOINT ["/usr/local/bin/lapor"]
CMD ["serve"]
