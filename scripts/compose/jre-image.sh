#!/usr/bin/env bash
# Builds a Java 17 runtime image from Debian's packages, for machines that cannot pull
# eclipse-temurin:17-jre (no container registry): debootstrap (minbase) + openjdk-17-jre-headless
# + curl (the Dockerfiles' HEALTHCHECK and the compose healthchecks call curl, which the
# eclipse-temurin image has), imported into podman and tagged with every name given.
#
#   scripts/compose/jre-image.sh <tag> [<tag>...]
#
# Needs root, debootstrap and podman. The Debian mirror is the one apt already uses
# (/etc/apt/sources.list*), the suite the host's (bookworm). About 1-2 minutes on 2 cores.
set -euo pipefail
(( $# >= 1 )) || { echo "usage: $0 <tag> [<tag>...]" >&2; exit 2; }

mirror="$(grep -hoE '^(deb|URIs:)[[:space:]]+(\[[^]]*\][[:space:]]+)?https?://[^[:space:]]+' \
  /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
  | grep -v -- '-security' | awk '{print $NF}' | head -n 1 || true)"
mirror="${mirror:-http://deb.debian.org/debian}"
suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"

rootfs="$(mktemp -d "${TMPDIR:-/tmp}/alertline-jre-rootfs.XXXXXX")"
trap 'rm -rf "$rootfs"' EXIT
echo "jre-image: debootstrap $suite from $mirror into $rootfs" >&2
debootstrap --variant=minbase --include=openjdk-17-jre-headless,curl,ca-certificates \
  "$suite" "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || { tail -n 30 "$rootfs.log" >&2; rm -f "$rootfs.log"; exit 1; }
rm -f "$rootfs.log"
java_home="$(dirname "$(dirname "$(chroot "$rootfs" readlink -f /usr/bin/java)")")"
mkdir -p "$rootfs/opt/java"
ln -s "$java_home" "$rootfs/opt/java/openjdk"
# Nothing the runtime needs: package lists, caches, docs, man pages.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*.log
first="$1"
tar -C "$rootfs" --numeric-owner -c . \
  | podman import \
      --change 'ENV JAVA_HOME=/opt/java/openjdk' \
      --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV LANG=C.UTF-8' \
      --change 'CMD ["jshell"]' \
      - "$first" >/dev/null
shift
for t in "$@"; do podman tag "$first" "$t"; done
podman image inspect --format '{{.Size}}' "$first" | awk -v t="$first" '{printf "jre-image: %s, %.0f MB\n", t, $1/1e6}' >&2
