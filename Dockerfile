# ventes: the swift-scripts service image.
# Build stage: the official Swift image compiles a release binary with the Swift runtime linked in.
ARG SWIFT_VERSION=6.3.1
# The image already has what the build links against (libsqlite3-dev, libcurl4-openssl-dev): no apt-get.
FROM swift:${SWIFT_VERSION}-bookworm AS build
WORKDIR /src
# Dependencies first, so that a source change does not fetch them again, at the versions pinned in
# Package.resolved (the ones CI tested): resolution fails rather than pick others.
COPY Package.swift Package.resolved ./
RUN swift package resolve --force-resolved-versions
COPY Sources ./Sources
# Only for the package graph: SwiftPM wants every declared target's directory; tests are not built.
COPY Tests ./Tests
RUN swift build -c release --force-resolved-versions --static-swift-stdlib -Xlinker -s --product ventes \
    && install -D "$(swift build -c release --show-bin-path)/ventes" /staging/ventes

# Runtime stage: only what runs: the binary, the analyses file and the sample CSV.
FROM debian:bookworm-slim
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-0 libcurl4 libstdc++6 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 ventes \
    && useradd --system --uid 10001 --gid ventes --home-dir /data --no-create-home --shell /usr/sbin/nologin ventes \
    && mkdir -p /data \
    && chown ventes:ventes /data
COPY --from=build /staging/ventes /usr/local/bin/ventes
WORKDIR /app
COPY results/analyses.sql results/analyses.postgresql.sql /app/results/
COPY csv/ /app/csv/
# The database and the results live on the /data volume, shared with the sqlite-db service.
ENV VENTES_DB=/data/ventes.db \
    VENTES_CSV_DIR=/app/csv \
    VENTES_RESULTS_DIR=/data/results \
    VENTES_SQL=/app/results/analyses.sql
USER ventes
VOLUME ["/data"]
CMD ["ventes", "run"]
