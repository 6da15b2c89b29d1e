#pragma once
// The window of `werkcheck record`: draws the Recorder's model, turns taps into its actions,
// plays clips and records from the microphone through SDL's audio capture. Everything it
// decides is the Recorder's (record/recorder.h).
#include <string>

#include "content/content_pack.h"
#include "record/recorder.h"

namespace wk {

// Runs until "Klaar" or the window is closed. ui_dump: like the kiosk's WERKCHECK_UI_DUMP,
// the screen as JSON after each change ("" for none). Returns an exit code.
int run_record_window(Recorder& recorder, const ContentPack& pack, const std::string& ui_dump);

}  // namespace wk
