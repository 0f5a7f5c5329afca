#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with trust auth for `postgres`:
# starts the local cluster if it is down, installs it from Debian's packages if it is absent.
set -euo pipefail

answers() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if command -v pg_isready >/dev/null && answers; then
  echo "PostgreSQL answers on 127.0.0.1:5432"
  exit 0
fi

if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
  echo "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
hba="/etc/postgresql/$version/main/pg_hba.conf"
# Tests connect as postgres without a password, over loopback only.
if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
  sed -i '/^\(local\|host\)/d' "$hba"
  cat >>"$hba" <<'HBA'
local all all trust
host all all 127.0.0.1/32 trust
host all all ::1/128 trust
HBA
fi

pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || pg_ctlcluster --skip-systemctl-redirect "$version" main reload
for _ in $(seq 1 30); do
  answers && { echo "PostgreSQL $version started"; exit 0; }
  sleep 1
done
echo "PostgreSQL did not answer on 127.0.0.1:5432" >&2
exit 1
