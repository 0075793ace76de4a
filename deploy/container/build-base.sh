#!/bin/sh
# Builds the base image of the Muster container from Debian packages alone, with mmdebstrap (no
# image is pulled from a container registry): Debian trixie, Node.js 20 (the `nodejs` package),
# Chromium and fonts for the PDF reports, CA certificates. Imports it into podman as
# localhost/muster-base:trixie, which deploy/container/Containerfile starts from.
#   sudo deploy/container/build-base.sh [MIRROR]
set -eu
mirror="${1:-http://deb.debian.org/debian}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mmdebstrap --variant=minbase --components=main \
  --include=nodejs,chromium,fonts-liberation,fonts-dejavu-core,ca-certificates \
  trixie "$work/base.tar" "$mirror"
podman import --change 'CMD ["/bin/sh"]' "$work/base.tar" localhost/muster-base:trixie
