#!/usr/bin/env python3
"""Which part of werkcheck may include which (docs/architecture.md, "The layers").

Every #include in core/, app/ and sync/ is resolved the way the compiler would (next to the
file, then the include roots core/, app/, sync/server/ and the repository root) and the layer
it lands in is checked against the rules below; system headers are checked against the
libraries each layer may use. CMake's include roots already make most wrong-way includes fail
to compile (tests/arch/wrong_way_build.py); this also catches "../" paths and system headers.

usage: include_rules.py [--root DIR]   (exit 1 with one line per violation)
"""
import argparse
import os
import re
import sys
import tempfile

# Layers, by the path of a file; the first pattern that matches wins.
LAYERS = [
    ("core", r"^core/"),
    ("window", r"^app/(ui/|sound/clip_player\.|main\.cpp$|cli/(kiosk|record)_command\.cpp$)"),  # it opens the window
    ("shell", r"^app/(shell|cli)/"),
    ("text", r"^app/text/"),  # the text engine: Pango and Cairo, no screen
    ("print", r"^app/print/"),  # the take-home slip: a PDF (Cairo) and CUPS
    ("kiosk", r"^app/"),
    ("sync_client", r"^sync/client/"),
    ("server", r"^sync/server/"),
]

# Which layers each layer may include (its own is always allowed).
MAY_INCLUDE = {
    "core": set(),
    "kiosk": {"core"},
    "text": {"core"},
    "sync_client": {"core", "kiosk"},
    "print": {"core", "kiosk", "text"},
    "shell": {"core", "kiosk", "sync_client", "text", "print"},  # the layout linter measures with the text engine
    "window": {"core", "kiosk", "sync_client", "shell", "text", "print"},
    "server": {"core"},
}

# Single headers a layer may include from a layer it may not otherwise use: the interface the
# screens measure words through is answered by the text engine (text/engine_measure.h), so the
# screens stay free of Pango and the engine still knows no screen.
ALSO_MAY_INCLUDE = {
    "text": {"app/screens/text_measure.h"},
}

# System headers that tie code to a screen, the network or threads, and who may use them.
SYSTEM = [
    (r"^(SDL2?/|SDL[_.]|imgui|GL/|EGL/|stb|ft2build|freetype)", {"window"}, "screen (SDL, ImGui, GL, fonts)"),
    (r"^(pango/|fontconfig/|hb\.h|harfbuzz/|fribidi)", {"text"}, "text rendering (Pango)"),
    (r"^cairo", {"text", "print"}, "drawing (Cairo)"),
    (r"^cups/", {"print"}, "printing (CUPS)"),
    (r"^(vorbis/|ogg/)", {"kiosk"}, "clip decoding (libvorbisfile)"),  # app/sound/clip_decode.cpp
    (r"^httplib\.h$", {"server"}, "HTTP server (cpp-httplib)"),
    (r"^libpq-fe\.h$", {"server"}, "PostgreSQL client (libpq)"),
    (r"^curl/", {"sync_client"}, "HTTP client (libcurl)"),
    (r"^prometheus/", {"server"}, "metrics (prometheus-cpp)"),
    # print: it waits for the printer, on the shell's print thread
    (r"^(thread|future|condition_variable)$", {"sync_client", "shell", "window", "server", "print"}, "threads"),
]

ROOTS = ["core", "app", "sync/server", "."]
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def layer_of(rel):
    for name, pattern in LAYERS:
        if re.search(pattern, rel):
            return name
    return None


def resolve(root, including_rel, header):
    """The repository-relative path the compiler would open for #include "header"."""
    candidates = [os.path.join(os.path.dirname(including_rel), header)] + [os.path.join(r, header) for r in ROOTS]
    for c in candidates:
        path = os.path.normpath(os.path.join(root, c))
        if os.path.isfile(path):
            return os.path.relpath(path, root)
    return None


def violations(root):
    found = []
    for top in ("core", "app", "sync"):
        for dirpath, _, names in os.walk(os.path.join(root, top)):
            for name in sorted(names):
                if not name.endswith((".h", ".hpp", ".cpp", ".cc")):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                layer = layer_of(rel)
                if layer is None:
                    continue
                with open(os.path.join(root, rel), encoding="utf-8") as f:
                    text = f.read()
                for m in INCLUDE.finditer(text):
                    kind, header = m.group(1), m.group(2)
                    line = text.count("\n", 0, m.start()) + 1
                    target = resolve(root, rel, header) if kind == '"' else None
                    if target:
                        to = layer_of(target)
                        if target in ALSO_MAY_INCLUDE.get(layer, set()):
                            continue
                        if to and to != layer and to not in MAY_INCLUDE[layer]:
                            found.append("%s:%d: %s includes %s (%s): %s may use only %s" % (
                                rel, line, layer, target, to, layer,
                                ", ".join(sorted(MAY_INCLUDE[layer] | {layer}))))
                        continue
                    for pattern, allowed, what in SYSTEM:
                        if re.search(pattern, header) and layer not in allowed:
                            found.append("%s:%d: %s includes <%s>, a %s header: only %s may" % (
                                rel, line, layer, header, what, ", ".join(sorted(allowed))))
    return found


def self_test():
    """The checker must see each kind of wrong-way include in a small made-up tree."""
    files = {
        "core/content/pack.h": "#pragma once\n",
        "core/content/bad_up.cpp": '#include "flow/flow.h"\n',
        "core/content/bad_sdl.cpp": "#include <SDL2/SDL.h>\n",
        "core/content/bad_thread.cpp": "#include <thread>\n",
        "app/flow/flow.h": '#include "content/pack.h"\n',
        "app/flow/bad_client.cpp": '#include "sync/client/http.h"\n',
        "app/screens/bad_imgui.cpp": "#include <imgui.h>\n",
        "app/screens/bad_pango.cpp": "#include <pango/pangocairo.h>\n",
        "app/text/engine.cpp": '#include <pango/pangocairo.h>\n#include "content/pack.h"\n',
        "app/text/bad_sdl.cpp": "#include <SDL.h>\n",
        "app/text/bad_flow.cpp": '#include "flow/flow.h"\n',
        "app/screens/text_measure.h": "#pragma once\n",
        "app/text/measure.cpp": '#include "screens/text_measure.h"\n',
        "app/text/bad_screen.cpp": '#include "screens/layout.h"\n',
        "app/screens/layout.h": "#pragma once\n",
        "app/print/slip.cpp": '#include <cairo-pdf.h>\n#include <cups/cups.h>\n#include "screens/layout.h"\n',
        "app/print/slip_words.cpp": '#include "flow/flow.h"\n',  # the kiosk: allowed; the sync client is not
        "app/print/bad_client.cpp": '#include "sync/client/http.h"\n',
        "app/screens/bad_cups.cpp": "#include <cups/cups.h>\n",
        "app/shell/bad_cairo.cpp": "#include <cairo.h>\n",
        "app/ui/window.cpp": '#include <SDL.h>\n#include "flow/flow.h"\n#include "sync/client/http.h"\n',
        "sync/client/http.h": "#include <curl/curl.h>\n#include <thread>\n",
        "sync/server/api.cpp": '#include <httplib.h>\n#include "content/pack.h"\n',
        "sync/server/bad_kiosk.cpp": '#include "../../app/flow/flow.h"\n',
        "sync/server/bad_curl.cpp": "#include <curl/curl.h>\n",
    }
    with tempfile.TemporaryDirectory() as root:
        for rel, text in files.items():
            os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w") as f:
                f.write(text)
        got = violations(root)
    expected_bad = sorted(rel for rel in files if os.path.basename(rel).startswith("bad_"))
    flagged = sorted({v.split(":")[0] for v in got})
    if flagged != expected_bad:
        print("include_rules self-test FAILED: flagged %s, expected %s" % (flagged, expected_bad))
        for v in got:
            print("  " + v)
        return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    args = ap.parse_args()
    if not self_test():
        return 1
    found = violations(os.path.abspath(args.root))
    for v in found:
        print(v)
    checked = sum(1 for top in ("core", "app", "sync") for _, _, n in os.walk(os.path.join(args.root, top))
                  for name in n if name.endswith((".h", ".cpp")))
    print("include rules: %d files checked, %d violations" % (checked, len(found)))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
