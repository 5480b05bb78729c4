#!/usr/bin/env bash
# Installs and starts what the tests talk to over real connections:
# - PostgreSQL on 127.0.0.1:5432 (started when installed but stopped);
# - Dovecot + Postfix packages (the tests start their own instances through ops/mail-servers/mail-servers.sh);
# - Chromium and its driver from Debian, for the browser tests of the desk and the trainer page (io.mailtune.testing.Browser).
# Kafka and GreenMail need nothing here: the tests start them in-process.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v pg_lsclusters >/dev/null; then
  pg_lsclusters --no-header 2>/dev/null | while read -r version cluster _port status _rest; do
    if [ "$status" != online ]; then
      echo "starting PostgreSQL $version/$cluster"
      pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start || echo "warning: PostgreSQL $version/$cluster did not start" >&2
    fi
  done
fi

if [ "$(id -u)" = 0 ]; then
  bash ops/mail-servers/mail-servers.sh install
  if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
    echo "installing chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium chromium-driver </dev/null >/dev/null
  fi
else
  echo "not root: Dovecot/Postfix and browser tests run only if those packages are already installed" >&2
fi
