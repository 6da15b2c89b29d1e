#!/usr/bin/env bash
# Builds the runnable content pack from the sources a content author edits:
#   assets/content/*.json  ->  PACK/check.json, PACK/modules/
#   locales/*.po           ->  PACK/locales/
#   OpenMoji SVG (npm)     ->  PACK/pictures/<HEX>.png   (rsvg-convert)
#   the words in each .po  ->  PACK/audio/<lang>/<key>.wav (espeak-ng; audio/recorded/ wins)
# Incremental: pictures and clips are only made again when their source changed.
set -euo pipefail
bin="$1" src="$2" pack="$3"
picture_px=256

mkdir -p "$pack/modules" "$pack/locales" "$pack/pictures" "$pack/audio"
# Sources are copied whole each time so a removed module or language does not linger.
rm -f "$pack"/modules/*.json "$pack"/locales/*.po
cp "$src"/assets/content/check.json "$pack/"
cp "$src"/assets/content/modules/*.json "$pack/modules/"
cp "$src"/locales/*.po "$pack/locales/"

svg_dir="$src/node_modules/openmoji/color/svg"
if [ ! -d "$svg_dir" ]; then
  echo "build-content-pack: OpenMoji is not installed; run 'make deps' (npm ci)" >&2
  exit 1
fi
"$bin" list-pictures --content "$pack" | while read -r hex; do
  out="$pack/pictures/$hex.png"
  svg="$svg_dir/$hex.svg"
  if [ ! -f "$svg" ]; then
    echo "build-content-pack: OpenMoji has no picture $hex (the linter will report it)" >&2
    continue
  fi
  if [ ! -f "$out" ] || [ "$svg" -nt "$out" ]; then
    rsvg-convert -w "$picture_px" -h "$picture_px" "$svg" -o "$out.tmp" && mv "$out.tmp" "$out"
  fi
done

"$bin" make-audio --content "$pack" --recorded "$src/audio/recorded"
