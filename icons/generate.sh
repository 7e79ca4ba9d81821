#!/usr/bin/env bash
# Regenerates the PNG icons from onion-panel.svg (needs ImageMagick: apt-get install imagemagick).
# Rendered once at 1024 px, then downscaled, so every size comes from the same raster.
set -euo pipefail
cd "$(dirname "$0")"
convert -background none -density 1152 onion-panel.svg onion-panel-1024.png
for size in 16 24 32 48 64 128 256 512; do
  convert onion-panel-1024.png -filter Lanczos -resize "${size}x${size}" "onion-panel-${size}.png"
done
