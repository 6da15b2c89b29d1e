#pragma once
// The take-home slip as one A4 page of PDF: the code large in a box, the plan as pictures with
// "when", two occupations with their pictures. Laid out and drawn with the kiosk's text engine
// (text/text_engine.h) on a Cairo PDF surface, so the words stay text (searchable, sharp on any
// printer). No screen: the unit tests run it headless.
#include <optional>
#include <string>

#include "screens/slip_content.h"
#include "text/text_engine.h"

namespace wk {

// Sizes on paper. The words are held to the screen's rule (a capital H subtends 0.7 degrees,
// EN 301 549 5.1.4) at 40 cm, where a sheet is read; the code to the same rule at 1 m, so it can
// be read off a sheet on the table or a fridge door by someone with poor sight (12.2 mm).
inline constexpr double kSlipReadingDistanceCm = 40;
inline constexpr double kSlipCodeDistanceCm = 100;
inline constexpr double kSlipPageWidthMm = 210, kSlipPageHeightMm = 297;  // A4

// Writes the slip to path; returns what went wrong, or nullopt.
std::optional<std::string> write_slip_pdf(const SlipContent& slip, TextEngine& engine, const std::string& path);

}  // namespace wk
