#!/usr/bin/env bash
# Runs its arguments with a real, unlocked Secret Service, for the keychain tests:
#   scripts/with-keyring.sh npx vitest run
# Works headless and as root (CI containers): a private D-Bus session (dbus-run-session)
# with gnome-keyring-daemon whose "login" collection is created, unlocked and made the
# default alias, all in a throwaway folder — the user's own keyring is never touched.
# Sets CCM_KEYRING=1 for the command; the keychain tests fail without it.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

SECRETS=org.freedesktop.secrets
LOGIN=/org/freedesktop/secrets/collection/login

# True when the current session bus has a Secret Service owner (asks, never activates).
has_secret_service() {
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-send >/dev/null 2>&1 &&
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner "string:$SECRETS" 2>/dev/null | grep -q 'boolean true'
}

if [ "${1:-}" = "--inside-session" ]; then
  # Second half: we are inside dbus-run-session, on a private bus whose only activatable
  # service is our Secret Service (see the bus config written below). Asking the bus to
  # start it runs start-secrets, which unlocks (creating on first start) the "login"
  # keyring with the saved password. If gnome-keyring-daemon ever dies — it has been seen
  # to abort inside GLib under heavy parallel use — the next call re-activates it on the
  # same folder and password, so only the calls in flight fail, not every later test.
  shift
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.StartServiceByName "string:$SECRETS" uint32:0 >/dev/null 2>&1 || true

  # The daemon claims its bus name asynchronously; wait up to ~5 s.
  for _ in $(seq 50); do has_secret_service && break; sleep 0.1; done
  if ! has_secret_service; then
    echo "with-keyring: gnome-keyring-daemon did not provide a Secret Service on the session bus." >&2
    exit 1
  fi
  # Writes go to the "default" alias; point it at the unlocked login collection explicitly
  # (otherwise a client may try to create a default collection, which needs a prompt).
  # gnome-keyring keeps the alias in keyrings/default, so a restarted daemon has it too.
  dbus-send --session --print-reply=literal --dest=$SECRETS /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.SetAlias string:default "objpath:$LOGIN" >/dev/null
  locked=$(dbus-send --session --print-reply=literal --dest=$SECRETS /org/freedesktop/secrets/aliases/default \
    org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked 2>&1 || true)
  if ! grep -q 'boolean false' <<<"$locked"; then
    echo "with-keyring: the default keyring collection is missing or locked ($locked)." >&2
    exit 1
  fi
  export CCM_KEYRING=1
  exec "$@"
fi

# First half: pick how to get a Secret Service.
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1 ||
  ! command -v dbus-send >/dev/null 2>&1; then
  if has_secret_service; then
    # A desktop session with its own Secret Service (KDE, …): use it as it is.
    echo "with-keyring: using the Secret Service of the current session." >&2
    CCM_KEYRING=1 exec "$@"
  fi
  echo "with-keyring: a private Secret Service needs dbus-run-session, dbus-send and gnome-keyring-daemon." >&2
  echo "  Install them with: sudo apt-get update && sudo apt-get install -y dbus gnome-keyring" >&2
  echo "  (libsecret-tools adds secret-tool, handy to inspect the keyring by hand.)" >&2
  exit 1
fi

# A private session even on a desktop: tests must not write into the user's real keyring.
CCM_KEYRING_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ccm-keyring.XXXXXX")
export CCM_KEYRING_DIR
trap 'rm -rf "$CCM_KEYRING_DIR"' EXIT
mkdir -m 700 "$CCM_KEYRING_DIR/data" "$CCM_KEYRING_DIR/run" "$CCM_KEYRING_DIR/services"
# The keyring's password: random, readable by us only, thrown away with the folder.
(umask 077 && head -c 24 /dev/urandom | base64 >"$CCM_KEYRING_DIR/password")

# What the bus runs to start the Secret Service. The XDG folders are set for the daemon
# only: keyrings/ and the control socket stay in the throwaway folder (root in a container
# has no XDG_RUNTIME_DIR, and on a desktop the user's own daemon would answer on
# $XDG_RUNTIME_DIR/keyring), while the command under test keeps its own environment.
# --unlock reads the password on stdin (there is no display for a prompt anyway).
cat >"$CCM_KEYRING_DIR/start-secrets" <<EOS
#!$BASH
dir='$CCM_KEYRING_DIR'
n=\$(( \$(cat "\$dir/starts" 2>/dev/null || echo 0) + 1 ))
echo "\$n" >"\$dir/starts"
if [ "\$n" -gt 20 ]; then
  echo "with-keyring: gnome-keyring-daemon stopped \$((n - 1)) times; not starting it again." >&2
  exit 1
fi
if [ "\$n" -gt 1 ]; then
  echo "with-keyring: gnome-keyring-daemon stopped; starting it again on the same keyring (start \$n)." >&2
fi
export XDG_DATA_HOME="\$dir/data" XDG_RUNTIME_DIR="\$dir/run"
exec gnome-keyring-daemon --unlock --foreground --components=secrets <"\$dir/password" >/dev/null
EOS
chmod 700 "$CCM_KEYRING_DIR/start-secrets"
cat >"$CCM_KEYRING_DIR/services/org.freedesktop.secrets.service" <<EOS
[D-BUS Service]
Name=$SECRETS
Exec=$CCM_KEYRING_DIR/start-secrets
EOS
# A session bus like Debian's session.conf, but the only service it can activate is ours
# (the system's org.freedesktop.secrets.service starts a daemon without --unlock).
cat >"$CCM_KEYRING_DIR/bus.conf" <<EOS
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$CCM_KEYRING_DIR/run</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$CCM_KEYRING_DIR/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  <limit name="max_incoming_bytes">1000000000</limit>
  <limit name="max_outgoing_bytes">1000000000</limit>
  <limit name="max_message_size">1000000000</limit>
  <limit name="service_start_timeout">120000</limit>
  <limit name="auth_timeout">240000</limit>
  <limit name="pending_fd_timeout">150000</limit>
  <limit name="max_completed_connections">100000</limit>
  <limit name="max_incomplete_connections">10000</limit>
  <limit name="max_connections_per_user">100000</limit>
  <limit name="max_pending_service_starts">10000</limit>
  <limit name="max_names_per_connection">50000</limit>
  <limit name="max_match_rules_per_connection">50000</limit>
  <limit name="max_replies_per_connection">50000</limit>
</busconfig>
EOS
# The bus logs every activation to stderr; keep that (and the daemon's own output) in a
# file, shown only when the daemon had to be started again.
cat >"$CCM_KEYRING_DIR/dbus-daemon" <<EOS
#!$BASH
exec dbus-daemon "\$@" 2>>'$CCM_KEYRING_DIR/bus.log'
EOS
chmod 700 "$CCM_KEYRING_DIR/dbus-daemon"
status=0
dbus-run-session --dbus-daemon="$CCM_KEYRING_DIR/dbus-daemon" --config-file="$CCM_KEYRING_DIR/bus.conf" -- \
  "$BASH" "$0" --inside-session "$@" || status=$?
starts=$(cat "$CCM_KEYRING_DIR/starts" 2>/dev/null || echo 0)
if [ "$starts" -gt 1 ]; then
  echo "with-keyring: gnome-keyring-daemon was started $starts times (it stopped $((starts - 1)) times):" >&2
  grep -v 'fd limit' "$CCM_KEYRING_DIR/bus.log" | tail -n 40 >&2 || true
fi
exit "$status"
