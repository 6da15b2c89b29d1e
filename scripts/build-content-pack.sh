#!/usr/bin/env bash
# Builds a runnable content pack from the sources a content author edits:
#   CONTENT/*.json *.csv   ->  PACK/  (check.json, occupations, stories, prospects)
#   CONTENT/modules/*.json ->  PACK/modules/
#   CONTENT/history/       ->  PACK/history/  (earlier versions' questions, for their sessions)
#   LOCALES/*.po           ->  PACK/locales/
#   OpenMoji SVG (npm)     ->  PACK/pictures/<HEX>.png   (rsvg-convert; BASE-200D-THING composed)
#   the words in each .po  ->  PACK/audio/<lang>/<key>.wav (espeak-ng; RECORDED/<lang>/<key>.wav wins)
# Incremental: pictures and clips are only made again when their source changed.
# usage: build-content-pack.sh WERKCHECK_BIN CONTENT_DIR LOCALES_DIR RECORDED_DIR SVG_DIR PACK_DIR
set -euo pipefail
bin="$1" content="$2" locales="$3" recorded="$4" svg_dir="$5" pack="$6"
picture_px=256

mkdir -p "$pack/modules" "$pack/locales" "$pack/pictures" "$pack/audio"
# Sources are copied whole each time so a removed module or language does not linger.
rm -f "$pack"/*.json "$pack"/*.csv "$pack"/modules/*.json "$pack"/locales/*.po
cp "$content"/*.json "$pack/"
if compgen -G "$content/*.csv" >/dev/null; then cp "$content"/*.csv "$pack/"; fi
cp "$content"/modules/*.json "$pack/modules/"
cp "$locales"/*.po "$pack/locales/"
# Earlier versions' questions and words (history/<version>/), for sessions made with them.
rm -rf "$pack/history"
if [ -d "$content/history" ]; then cp -r "$content/history" "$pack/history"; fi

if [ ! -d "$svg_dir" ]; then
  echo "build-content-pack: OpenMoji is not installed ($svg_dir); run 'make deps' (npm ci)" >&2
  exit 1
fi
# A person doing a piece of work that OpenMoji does not draw is named in the content as the
# person and the thing joined like an emoji role, BASE-200D-THING (1F9D1-200D-1F490: a person
# with flowers): where OpenMoji has no such picture, the two OpenMoji drawings are put in one SVG,
# the person large, the thing in front at the bottom right, and rsvg-convert draws it.
svg_body() { sed -e '/<?xml/d' -e 's/<svg [^>]*>//' -e 's#</svg>##' "$1"; }
compose_svg() {  # BASE_SVG THING_SVG -> one SVG on stdout
  echo '<svg viewBox="0 0 72 72" xmlns="http://www.w3.org/2000/svg">'
  echo '<svg x="-9" y="-4" width="68" height="68" viewBox="0 0 72 72">'; svg_body "$1"; echo '</svg>'
  echo '<svg x="30" y="28" width="44" height="44" viewBox="0 0 72 72">'; svg_body "$2"; echo '</svg>'
  echo '</svg>'
}
"$bin" list-pictures --content "$pack" | while read -r hex; do
  out="$pack/pictures/$hex.png"
  svg="$svg_dir/$hex.svg"
  if [ ! -f "$svg" ] && [[ "$hex" == *-200D-* ]]; then
    base_svg="$svg_dir/${hex%-200D-*}.svg" thing_svg="$svg_dir/${hex##*-200D-}.svg"
    if [ -f "$base_svg" ] && [ -f "$thing_svg" ]; then
      if [ ! -f "$out" ] || [ "$base_svg" -nt "$out" ] || [ "$thing_svg" -nt "$out" ] || [ "$0" -nt "$out" ]; then
        compose_svg "$base_svg" "$thing_svg" >"$out.svg"
        rsvg-convert -w "$picture_px" -h "$picture_px" "$out.svg" -o "$out.tmp" && mv "$out.tmp" "$out"
        rm -f "$out.svg"
      fi
      continue
    fi
  fi
  if [ ! -f "$svg" ]; then
    echo "build-content-pack: OpenMoji has no picture $hex (the linter will report it)" >&2
    continue
  fi
  if [ ! -f "$out" ] || [ "$svg" -nt "$out" ]; then
    rsvg-convert -w "$picture_px" -h "$picture_px" "$svg" -o "$out.tmp" && mv "$out.tmp" "$out"
  fi
done

"$bin" make-audio --content "$pack" --recorded "$recorded"
