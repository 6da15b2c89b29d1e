#pragma once
// What the take-home slip says (issue 11, item 7): the participant code, the plan as pictures
// with "when", and two occupations in plain words, in the person's language. Plain data, so
// the flow can hand it to the shell, which lays it out as a PDF (print/slip_pdf.h) and prints it.
#include <string>
#include <vector>

#include "screens/screen_context.h"

namespace wk {

struct SlipLine {
  std::string picture;  // a PNG of the content pack; empty: none
  std::string words;
  std::string when;     // the plan's "Deze week"; empty for an occupation
  std::string when_picture;  // a PNG: the calendar the question showed for "when"; empty: none
};

struct SlipContent {
  std::string title;      // "Mijn loopbaancheck"
  std::string code;       // as shown, in groups: "350 612 4083"
  std::string code_for;   // "Geef deze code aan je coach."
  std::string plan_title;
  std::vector<SlipLine> plan;
  std::string work_title;
  std::vector<SlipLine> occupations;  // at most two
};

inline constexpr int kSlipOccupations = 2;

// The slip of the session in ctx (it must have one).
SlipContent slip_content(const ScreenContext& ctx);
std::vector<std::string> slip_text_keys();

}  // namespace wk
