#!/usr/bin/env bash
# Production-grade mail servers on loopback for integration tests, without systemd:
#   Postfix (SMTP) --LMTP--> Dovecot (Maildir) --IMAP, with IDLE-->
# Everything an instance needs lives under one directory; several instances can run side by side.
#
#   mail-servers.sh install                       install Debian's dovecot-imapd, dovecot-lmtpd and postfix if missing
#   mail-servers.sh start DIR SMTP_PORT IMAP_PORT  write configs into DIR and start both servers
#   mail-servers.sh stop DIR                       stop the instance in DIR
#
# Mail for any address @mailtune.test is accepted and delivered to that user's Maildir; every user's IMAP password
# is "secret". Needs root (Postfix's master and Dovecot drop privileges themselves).
set -euo pipefail

DOMAIN=mailtune.test
PASSWORD=secret

die() { echo "mail-servers: $*" >&2; exit 1; }

install_packages() {
  if command -v dovecot >/dev/null && command -v postfix >/dev/null && [ -x /usr/lib/dovecot/lmtp ]; then
    return 0
  fi
  [ "$(id -u)" = 0 ] || die "installing packages needs root"
  export DEBIAN_FRONTEND=noninteractive
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -qq >/dev/null
  apt-get install -y -qq dovecot-imapd dovecot-lmtpd postfix </dev/null >/dev/null
}

wait_for_port() {
  local port=$1 name=$2 log=$3
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "--- $log" >&2; tail -n 30 "$log" >&2 || true
  die "$name did not listen on 127.0.0.1:$port within 10 s"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

start() {
  local dir=$1 smtp_port=$2 imap_port=$3
  [[ "$smtp_port" =~ ^[0-9]+$ && "$imap_port" =~ ^[0-9]+$ ]] || die "ports must be numbers: '$smtp_port' '$imap_port'"
  install_packages
  dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
  local lmtp_port; lmtp_port=$(free_port)
  mkdir -p "$dir/mail" "$dir/dovecot-run" "$dir/dovecot-state" "$dir/postfix" "$dir/postfix-queue" "$dir/postfix-data"
  chown -R mail:mail "$dir/mail"
  chmod 755 "$dir"

  cat >"$dir/dovecot.conf" <<CONF
base_dir = $dir/dovecot-run
state_dir = $dir/dovecot-state
instance_name = mailtune-$(basename "$dir")
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = $dir/dovecot.log
default_internal_user = dovecot
default_login_user = dovenull
mail_location = maildir:$dir/mail/%n/Maildir
mail_uid = mail
mail_gid = mail
first_valid_uid = 8
# Any user of the test domain exists; the password is the same for all.
passdb {
  driver = static
  args = password=$PASSWORD
}
userdb {
  driver = static
  args = home=$dir/mail/%n
}
protocol lmtp {
  postmaster_address = postmaster@$DOMAIN
}
lmtp_save_to_detail_mailbox = no
auth_username_format = %n
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $lmtp_port
  }
  unix_listener lmtp {
    mode = 0600
  }
}
service auth {
  unix_listener auth-userdb {
    mode = 0600
  }
}
CONF

  cat >"$dir/postfix/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/postfix-queue
data_directory = $dir/postfix-data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.$DOMAIN
mydomain = $DOMAIN
myorigin = $DOMAIN
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
virtual_mailbox_domains = $DOMAIN
virtual_transport = lmtp:inet:127.0.0.1:$lmtp_port
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
alias_maps =
alias_database =
smtputf8_enable = no
biff = no
maillog_file_prefixes = $dir
maillog_file = $dir/postfix.log
message_size_limit = 104857600
CONF
  # No chroot: the instance directory holds everything, nothing is copied into a jail.
  cat >"$dir/postfix/master.cf" <<CONF
127.0.0.1:$smtp_port inet n - n - - smtpd
pickup     unix  n - n 60 1 pickup
cleanup    unix  n - n - 0 cleanup
qmgr       unix  n - n 300 1 qmgr
rewrite    unix  - - n - - trivial-rewrite
bounce     unix  - - n - 0 bounce
defer      unix  - - n - 0 bounce
trace      unix  - - n - 0 bounce
verify     unix  - - n - 1 verify
flush      unix  n - n 1000? 0 flush
proxymap   unix  - - n - - proxymap
proxywrite unix  - - n - 1 proxymap
smtp       unix  - - n - - smtp
relay      unix  - - n - - smtp
showq      unix  n - n - - showq
error      unix  - - n - - error
retry      unix  - - n - - error
discard    unix  - - n - - discard
lmtp       unix  - - n - - lmtp
anvil      unix  - - n - 1 anvil
scache     unix  - - n - 1 scache
postlog    unix-dgram n - n - 1 postlogd
CONF

  dovecot -c "$dir/dovecot.conf" </dev/null >/dev/null 2>&1 || { tail -n 30 "$dir/dovecot.log" >&2 || true; die "dovecot failed to start (config $dir/dovecot.conf)"; }
  postfix -c "$dir/postfix" set-permissions </dev/null >/dev/null 2>&1 || true
  if ! postfix -c "$dir/postfix" start </dev/null >"$dir/postfix-start.out" 2>&1; then
    script -qec "postfix -c $dir/postfix check" /dev/null >&2 </dev/null || true
    cat "$dir/postfix-start.out" >&2
    die "postfix failed to start (config $dir/postfix)"
  fi
  wait_for_port "$imap_port" "Dovecot IMAP" "$dir/dovecot.log"
  wait_for_port "$lmtp_port" "Dovecot LMTP" "$dir/dovecot.log"
  wait_for_port "$smtp_port" "Postfix SMTP" "$dir/postfix.log"
  echo "smtp=127.0.0.1:$smtp_port imap=127.0.0.1:$imap_port domain=$DOMAIN password=$PASSWORD"
}

stop() {
  local dir=$1
  [ -d "$dir" ] || die "no instance directory $dir"
  postfix -c "$dir/postfix" stop </dev/null >/dev/null 2>&1 || true
  dovecot -c "$dir/dovecot.conf" stop </dev/null >/dev/null 2>&1 || true
}

case "${1:-}" in
  install) install_packages ;;
  start) [ $# = 4 ] || die "usage: $0 start DIR SMTP_PORT IMAP_PORT"; start "$2" "$3" "$4" ;;
  stop) [ $# = 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
  *) die "usage: $0 install | start DIR SMTP_PORT IMAP_PORT | stop DIR" ;;
esac
