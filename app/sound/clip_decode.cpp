#include "sound/clip_decode.h"

#include <ogg/ogg.h>
#include <vorbis/vorbisfile.h>

#include <bit>
#include <cstring>
#include <fstream>
#include <iterator>

namespace wk {

namespace {

constexpr int kBigEndian = std::endian::native == std::endian::big;  // samples in this host's order

// libogg's page framing over the whole file: every byte must belong to a page (checksums
// included) and the last page must end the stream. libvorbisfile alone plays a file that was
// cut short up to the cut, so a clip that stops mid-word would pass without this.
struct PageCheck {
  ClipFault fault = ClipFault::None;
  std::string why;
};
PageCheck check_pages(const std::string& bytes) {
  ogg_sync_state sync;
  ogg_sync_init(&sync);
  char* buf = ogg_sync_buffer(&sync, static_cast<long>(bytes.size()));
  std::memcpy(buf, bytes.data(), bytes.size());
  ogg_sync_wrote(&sync, static_cast<long>(bytes.size()));
  ogg_page page;
  int pages = 0;
  bool ended = false, skipped = false;
  for (;;) {
    const int r = ogg_sync_pageout(&sync, &page);
    if (r == 0) break;  // no further whole page
    if (r < 0) {
      skipped = true;  // bytes that are no page, or a page whose checksum fails
      continue;
    }
    ++pages;
    ended = ogg_page_eos(&page) != 0;
  }
  const bool leftover = sync.fill > sync.returned;  // the start of a page that never ends
  ogg_sync_clear(&sync);
  if (pages == 0) return {ClipFault::NotOgg, "not an Ogg file"};
  if (skipped) return {ClipFault::Damaged, "damaged (bytes that are not part of an Ogg page)"};
  if (leftover || !ended) return {ClipFault::CutOff, "cut off (the stream has no end)"};
  return {};
}

void fail(DecodedClip& out, ClipFault fault, const std::string& why) {
  out.fault = fault;
  out.error = why;
}

}  // namespace

std::string clip_fault_key(ClipFault fault) {
  switch (fault) {
    case ClipFault::None: return "";
    case ClipFault::Missing: return "operator.clip.missing";
    case ClipFault::NotOgg: return "operator.clip.not_ogg";
    case ClipFault::Damaged: return "operator.clip.damaged";
    case ClipFault::CutOff: return "operator.clip.cut_off";
    case ClipFault::NoSound: return "operator.clip.no_sound";
    case ClipFault::Unreadable: return "operator.clip.unreadable";
  }
  return "";
}

std::vector<std::string> clip_fault_keys() {
  std::vector<std::string> keys;
  for (ClipFault f : {ClipFault::Missing, ClipFault::NotOgg, ClipFault::Damaged, ClipFault::CutOff, ClipFault::NoSound,
                      ClipFault::Unreadable})
    keys.push_back(clip_fault_key(f));
  return keys;
}

DecodedClip decode_clip(const std::string& path) {
  DecodedClip out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fail(out, ClipFault::Missing, "missing");
    return out;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (const PageCheck pages = check_pages(bytes); pages.fault != ClipFault::None) {
    fail(out, pages.fault, pages.why);
    return out;
  }
  OggVorbis_File vf;
  if (ov_fopen(path.c_str(), &vf) != 0) {
    fail(out, ClipFault::NotOgg, "not Ogg Vorbis");
    return out;
  }
  const vorbis_info* info = ov_info(&vf, -1);
  out.channels = info ? info->channels : 0;
  out.rate = info ? static_cast<int>(info->rate) : 0;
  if (out.channels < 1 || out.rate < 1) fail(out, ClipFault::NoSound, "no sound in the stream");
  char chunk[8192];
  int section = 0;
  while (out.ok()) {
    const long n = ov_read(&vf, chunk, sizeof chunk, kBigEndian, /*word=*/2, /*sgned=*/1, &section);
    if (n == 0) break;
    if (n < 0) {
      fail(out, ClipFault::Damaged, n == OV_HOLE ? "damaged (a gap in the sound)" : "damaged (the decoder gave up)");
      break;
    }
    const std::size_t at = out.samples.size();
    out.samples.resize(at + static_cast<std::size_t>(n) / 2);
    std::memcpy(out.samples.data() + at, chunk, static_cast<std::size_t>(n) & ~std::size_t{1});
  }
  ov_clear(&vf);
  if (!out.ok()) out.samples.clear();
  else if (out.samples.empty()) fail(out, ClipFault::NoSound, "no sound in the stream");
  return out;
}

}  // namespace wk
