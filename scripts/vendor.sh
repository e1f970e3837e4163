#!/bin/sh
# Fetch the browser libraries the site serves itself (nothing is loaded from a CDN at run time) and
# copy the files it needs into src/gongkai/portal/static/vendor/NAME-VERSION/ (`make vendor`).
# Each tarball comes from the npm registry with `npm pack` and is checked against the sha256
# recorded below before anything is copied; the registry's own integrity string is in the comment.
set -eu
cd "$(dirname "$0")/.."
STATIC=src/gongkai/portal/static/vendor

vendor() {  # NAME VERSION SHA256-OF-THE-TARBALL FILE...
    name=$1 version=$2 sha256=$3
    shift 3
    work=$(mktemp -d)
    (cd "$work" && npm pack --silent "$name@$version" >/dev/null)
    tarball="$work/$name-$version.tgz"
    echo "$sha256  $tarball" | sha256sum --check --quiet
    tar -xzf "$tarball" -C "$work"
    target="$STATIC/$name-$version"
    rm -rf "$target"
    mkdir -p "$target"
    for file in "$@"; do
        cp "$work/package/$file" "$target/"  # flat: locales/zh_CN.json becomes zh_CN.json
    done
    rm -rf "$work"
    echo "vendored $name $version into $target"
}

# Quill (BSD-3-Clause), integrity sha512-xEYQBqfYx/sfb33VJiKnSJp8ehloavImQ2A6564GAbqG55PGw1dAWUn1MUbQB62t0azawUS2CZZhWCjO8gRvTw==
vendor quill 2.0.3 3a8a6cb4383b65e93552ea3da79a796eb0be5d2ca08390f1add0208fb23e6f42 \
    LICENSE dist/quill.js dist/quill.js.LICENSE.txt dist/quill.core.css
# axe-core (MPL-2.0), integrity sha512-s7iGf5GaVMxEG0ENN9x+xTr7GFZCb1ZP/1uATUpCEK2X78nDB3RwbtFCo9pGAf9ru+VwoQ464DkaLEeRM08wJA==
# Not served to visitors: the website census injects it into pages it opens in Chromium
# (sitecheck/accessibility.py); zh_CN.json gives the rules' help text in Chinese.
vendor axe-core 4.12.1 4341a01268b5ecbea826f3c7a7d1d69280a2cab3484c93e1bf4c9554460c6ca0 \
    LICENSE LICENSE-3RD-PARTY.txt axe.min.js locales/zh_CN.json
