#!/bin/sh
# A throwaway PostgreSQL cluster for the tests: `tools/pg-cluster.sh start DIR PORT` prints the
# URL to put in RETURNDESK_TEST_PG_URL; `tools/pg-cluster.sh stop DIR` stops it.
# Installs Debian's postgresql when missing (as root); runs the server as the postgres user
# when called by root, since PostgreSQL refuses to run as root.
# Durability is off (fsync, synchronous_commit, full_page_writes): it only ever holds test data.
set -eu
action=$1 dir=$2 port=${3:-55432}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] && [ "$action" = start ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  else
    echo "PostgreSQL is not installed: sudo apt-get install postgresql" >&2
    exit 1
  fi
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "'$bin/initdb' -D '$dir/data' -A trust -U desk -E UTF8 >'$dir/initdb.log' 2>&1"
    as_owner "'$bin/pg_ctl' -D '$dir/data' -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" -l '$dir/log' -w start >/dev/null"
    as_owner "'$bin/createdb' -h 127.0.0.1 -p $port -U desk returndesk_test"
    echo "postgresql+psycopg://desk@127.0.0.1:$port/returndesk_test"
    ;;
  stop)
    [ -n "$bin" ] && as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null" || true
    ;;
  *) echo "usage: $0 start DIR [PORT] | stop DIR" >&2; exit 2 ;;
esac
