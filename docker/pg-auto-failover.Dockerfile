# A PostgreSQL 15 node or monitor of pg_auto_failover, from Debian's own packages (the ones CI installs
# for the failover fault test). Used by docker/docker-compose.replicated.yml.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-15-auto-failover \
 && rm -rf /var/lib/apt/lists/*
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    XDG_CONFIG_HOME=/var/lib/postgresql/config \
    XDG_DATA_HOME=/var/lib/postgresql/share
# PostgreSQL refuses to run as root.
USER postgres
WORKDIR /var/lib/postgresql
