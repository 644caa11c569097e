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
  # Second half: we are inside dbus-run-session, on a bus nobody else uses.
  shift
  # --unlock reads the password on stdin and creates the "login" keyring with it if missing,
  # so no prompt is needed (there is no display for gcr-prompter anyway). The password is
  # random and thrown away with the folder. The daemon forks and exits with the bus.
  # The XDG folders are set for the daemon only: keyrings/ and the control socket stay in the
  # throwaway folder (root in a container has no XDG_RUNTIME_DIR, and on a desktop the
  # user's own daemon would answer on $XDG_RUNTIME_DIR/keyring), while the command under
  # test keeps its own environment.
  out=$(head -c 24 /dev/urandom | base64 |
    XDG_DATA_HOME="$CCM_KEYRING_DIR/data" XDG_RUNTIME_DIR="$CCM_KEYRING_DIR/run" \
      gnome-keyring-daemon --unlock --components=secrets)
  # It may print VAR=value lines (GNOME_KEYRING_CONTROL, …) meant for the session.
  while IFS= read -r line; do
    case "$line" in [A-Z_]*=*) export "${line?}" ;; esac
  done <<<"$out"

  # The daemon claims its bus name asynchronously; wait up to ~5 s.
  for _ in $(seq 50); do has_secret_service && break; sleep 0.1; done
  if ! has_secret_service; then
    echo "with-keyring: gnome-keyring-daemon did not provide a Secret Service on the session bus." >&2
    exit 1
  fi
  # Writes go to the "default" alias; point it at the unlocked login collection explicitly
  # (otherwise a client may try to create a default collection, which needs a prompt).
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
mkdir -m 700 "$CCM_KEYRING_DIR/data" "$CCM_KEYRING_DIR/run"
dbus-run-session -- "$BASH" "$0" --inside-session "$@"
