#pragma once
// One picture, one meaning (issue 11): pictures.json in a content pack says, for every picture a
// participant sees, what it means, why it was chosen and every place it is used; and which
// pictures must never be used (a gesture that is rude in the participants' cultures), with why.
//   {"pictures": {"1F9D1-200D-1F373": {"meaning": "...", "why": "...", "uses": ["kunnen.koken"]}},
//    "forbidden": {"1F44C": "OK-hand: reads as 'perfect'; rude in Turkey, Brazil, ..."}}
// A use names the place: <module>.<item>, <module>.<item>.<option>, answers.<set>.<answer>,
// module.<module>, screen.<ui role>, riasec.<type>, occupation.<id>, story.<id>.
// A picture with a direction (an arrow) says "mirror_rtl": true; right-to-left screens draw it
// mirrored (ContentPack::mirror_rtl).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/content_pack.h"

namespace wk {

struct PictureMeaning {
  std::string picture, meaning, why;
  std::vector<std::string> uses;
  bool mirror_rtl = false;  // it has a direction (an arrow): mirrored on a right-to-left screen
};

struct PictureMeanings {
  std::string file;                              // where it was read, for messages
  std::vector<PictureMeaning> pictures;          // in hexcode order
  std::map<std::string, std::string> forbidden;  // hexcode -> why never
  const PictureMeaning* find(const std::string& picture) const;
};

struct PictureMeaningsLoad {
  std::optional<PictureMeanings> meanings;
  std::string error;  // names the file and the problem
};
// Reads <pack dir>/pictures.json.
PictureMeaningsLoad load_picture_meanings(const std::string& pack_dir);

// A place the pack shows a participant a picture, and the key of the words shown with it
// (empty for a screen's own pictures).
struct PictureUse {
  std::string picture, text_key;
};
// Every such place, by use.
std::map<std::string, PictureUse> picture_uses(const ContentPack& pack);

// The reason a picture is forbidden, or null. A forbidden code also forbids its skin-tone and
// other sequences that start with it (1F44C-1F3FD is still the OK hand).
const std::string* forbidden_reason(const PictureMeanings& meanings, const std::string& picture);

// Every way the pack's pictures break one picture, one meaning; empty when none.
std::vector<std::string> lint_picture_meanings(const ContentPack& pack, const PictureMeanings& meanings);

// docs/pictures.md: each picture, its meaning, why it was chosen and where it is used (with the
// Dutch words of that place), then the forbidden pictures. Made from pictures.json and the pack.
std::string pictures_markdown(const ContentPack& pack, const PictureMeanings& meanings);

}  // namespace wk
