#!/usr/bin/env bash
# Regenerates every icon file from onion-panel.svg; run it after editing the SVG and commit the results.
#   icons/generate.sh
# Prerequisites (Debian): apt-get install imagemagick python3
#   - PNGs 16…1024: the SVG is rendered once at 1024 px (512 px wide SVG × density 192/96), then
#     downscaled with Lanczos, so every size comes from the same raster. 8-bit RGBA, metadata stripped
#     (no timestamps), so an unchanged SVG gives byte-identical files.
#   - onion-panel.ico (Windows, used by the .msi and the launcher): 16, 24, 32, 48, 64, 128, 256 px,
#     written by ImageMagick.
#   - onion-panel.icns (macOS, used by the .dmg): 16…1024 px incl. @2x, written by icns.py (the
#     container is a list of PNGs; Apple's iconutil only exists on macOS).
set -euo pipefail
cd "$(dirname "$0")"
png_opts=(-strip -depth 8 -define png:color-type=6 -define png:exclude-chunks=date,time)
convert -background none -density 192 onion-panel.svg -resize 1024x1024 "${png_opts[@]}" onion-panel-1024.png
for size in 16 24 32 48 64 128 256 512; do
  convert onion-panel-1024.png -filter Lanczos -resize "${size}x${size}" "${png_opts[@]}" "onion-panel-${size}.png"
done
convert onion-panel-{16,24,32,48,64,128,256}.png onion-panel.ico
python3 icns.py onion-panel.icns .
