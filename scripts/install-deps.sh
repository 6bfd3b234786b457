#!/usr/bin/env bash
# Installs the Debian 12 packages winnow needs to build and test (skips what is already there).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache
  libsimdjson-dev libcli11-dev libfmt-dev libzstd-dev libxxhash-dev libexpected-dev zlib1g-dev libyaml-cpp-dev
  libutf8proc-dev libcurl4-openssl-dev libcpp-httplib-dev libhnswlib-dev libsqlite3-dev libre2-dev
  libhyphen-dev hyphen-en-us
  libicu-dev libsentencepiece-dev libfasttext-dev libcld2-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  python3 zstd gzip
  nghttp2-server openssl
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "winnow: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
