#!/usr/bin/env python3
"""Content pack size (prints figures; not a pass/fail test).

What the werkcheck-content package ships and a content update downloads: every file of the built
pack, in MB, split into the spoken clips of each language, the pictures and the rest; the clips'
speech in minutes and their bit rate (soxi). The budget (issue 12): a pack with six languages
<= 60 MB. Six languages are estimated as the pack without its clips plus six times the largest
language's clips (a translation is seldom shorter than the Dutch it comes from).

usage: pack_size_bench.py --content DIR
"""
import argparse
import os
import subprocess

SIX_LANGUAGE_BUDGET_MB = 60.0
MB = 1048576


def files_under(path):
    for root, _, names in os.walk(path):
        for n in names:
            yield os.path.join(root, n)


def size_of(paths):
    return sum(os.path.getsize(p) for p in paths)


def speech_seconds(clips):
    """Total length of the clips (soxi -T -D), in batches to keep the command line short."""
    total = 0.0
    for i in range(0, len(clips), 500):
        out = subprocess.run(["soxi", "-T", "-D", *clips[i:i + 500]], capture_output=True, text=True, check=True)
        total += float(out.stdout.split()[-1])
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--content", required=True)
    args = ap.parse_args()
    pack = os.path.abspath(args.content)
    everything = list(files_under(pack))
    audio_dir = os.path.join(pack, "audio")
    langs = sorted(d for d in os.listdir(audio_dir) if os.path.isdir(os.path.join(audio_dir, d)))
    total = size_of(everything)
    print(f"content pack: {total / MB:.1f} MB in {len(everything)} files ({pack})")
    audio_total = 0
    per_lang = []
    for lang in langs:
        lang_files = list(files_under(os.path.join(audio_dir, lang)))
        clips = sorted(p for p in lang_files if p.endswith((".ogg", ".wav")))
        wavs = [p for p in clips if p.endswith(".wav")]
        size = size_of(lang_files)
        audio_total += size
        per_lang.append(size)
        seconds = speech_seconds(clips) if clips else 0.0
        rate = size_of(clips) * 8 / seconds / 1000 if seconds else 0.0
        kinds = f"{len(clips) - len(wavs)} Ogg Vorbis" + (f" and {len(wavs)} WAV" if wavs else "")
        print(f"  audio {lang}: {size / MB:.1f} MB, {kinds} clips, {seconds / 60:.1f} min of speech ({rate:.0f} kbit/s)")
    pictures = size_of(files_under(os.path.join(pack, "pictures")))
    print(f"  pictures: {pictures / MB:.1f} MB")
    print(f"  everything else: {(total - audio_total - pictures) / MB:.1f} MB")
    if per_lang:
        six = (total - audio_total + 6 * max(per_lang)) / MB
        verdict = "within budget" if six <= SIX_LANGUAGE_BUDGET_MB else "OVER budget"
        print(f"six languages (estimate: the pack without clips + 6 x the largest language's clips): {six:.1f} MB "
              f"(budget {SIX_LANGUAGE_BUDGET_MB:.0f} MB: {verdict})")


if __name__ == "__main__":
    main()
