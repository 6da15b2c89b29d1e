#include "record/recorder.h"

#include "platform/files.h"
#include "platform/log.h"

namespace wk {

Recorder::Recorder(const ContentPack& pack, std::string locale, std::vector<RecorderEntry> entries,
                   std::string out_dir, std::string work_dir)
    : pack_(pack), locale_(std::move(locale)), out_dir_(std::move(out_dir)), work_dir_(std::move(work_dir)),
      entries_(std::move(entries)) {
  for (size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].source != ClipSource::Recorded) {
      index_ = static_cast<int>(i);
      break;
    }
}

std::string Recorder::recorded_path(const std::string& key) const { return out_dir_ + "/" + locale_ + "/" + key + ".wav"; }

std::string Recorder::clip_to_play() const {
  const std::string recorded = recorded_path(current().key);
  return files::exists(recorded) ? recorded : pack_.audio_path(locale_, current().key);
}

void Recorder::go(int step) {
  const int n = static_cast<int>(entries_.size());
  index_ = (index_ + step + n) % n;
  message_.clear();
  last_take_ = {};
  ++opening_;
}

RecorderAction Recorder::tap(const std::string& id) {
  if (recording_) {
    if (id != "rec:stop" && id != "rec:done") return RecorderAction::None;
    recording_ = false;
    return id == "rec:stop" ? RecorderAction::StopRecording : RecorderAction::Quit;
  }
  if (id == "rec:record") {
    recording_ = true;
    last_take_ = {};
    recording_seconds_ = 0;
    message_ = words()("operator.record.read_now");
    return RecorderAction::StartRecording;
  }
  if (id == "rec:play") return RecorderAction::Play;
  if (id == "rec:next" || id == "rec:prev") {
    go(id == "rec:next" ? 1 : -1);
    return RecorderAction::Play;  // the speaker hears the text's clip as it opens
  }
  if (id == "rec:done") return RecorderAction::Quit;
  return RecorderAction::None;
}

const TakeResult& Recorder::take_finished(const std::vector<int16_t>& samples, int rate) {
  RecorderEntry& e = entries_[index_];
  // The generated clip's length bounds the take; a recording already in the pack counts the same.
  const std::string pack_clip = pack_.audio_path(locale_, e.key);
  const double generated = files::exists(pack_clip) ? sound_stats(pack_clip).seconds : 0;
  last_take_ = process_take(samples, rate, generated, recorded_path(e.key), work_dir_);
  message_ = words()(last_take_.message_key, last_take_.values);
  if (last_take_.stored_ok()) e.source = ClipSource::Recorded;
  log::info("record", locale_ + " " + e.key + ": " + verdict_name(last_take_.verdict) + " (" + last_take_.message + ")");
  return last_take_;
}

void Recorder::capture_failed(const std::string& why) {
  recording_ = false;
  message_ = words()("operator.record.no_microphone", {{"why", why}});
}

VoiceCoverage Recorder::coverage() const {
  VoiceCoverage c{locale_};
  for (const auto& e : entries_) {
    switch (e.source) {
      case ClipSource::Recorded: ++c.recorded; break;
      case ClipSource::Generated: ++c.generated; break;
      case ClipSource::Missing: ++c.missing; break;
    }
  }
  return c;
}

namespace {
const char* source_key(ClipSource s) {
  switch (s) {
    case ClipSource::Recorded: return "operator.record.source_recorded";
    case ClipSource::Generated: return "operator.record.source_generated";
    case ClipSource::Missing: return "operator.record.source_missing";
  }
  return "";
}

Target button(const std::string& id, const std::string& label, const std::string& picture, const Rect& r,
              TargetStyle style = TargetStyle::Operator) {
  Target t{id, label, picture, r, style};
  t.participant = false;  // the volunteer's tool, not the participant's screens
  return t;
}
}  // namespace

ScreenModel Recorder::view(const Metrics& m) const {
  ScreenModel s;
  s.id = "record";
  s.locale = locale_;
  s.item = current().key;
  s.opening = opening_;
  s.has_audio = true;
  const float W = m.width, H = m.height, margin = W * 0.03f, inner = W - 2 * margin;
  const VoiceCoverage c = coverage();
  const RecorderWords t = words();  // in the language being recorded (recorder_words.h)
  s.texts.push_back({t("operator.record.where", {{"lang", locale_},
                                                 {"n", std::to_string(index_ + 1)},
                                                 {"total", std::to_string(entries_.size())},
                                                 {"key", current().key}}),
                     {margin, H * 0.02f, inner, H * 0.06f}, TextRole::Small, false});
  s.texts.push_back({t("operator.record.counts", {{"recorded", std::to_string(c.recorded)},
                                                  {"generated", std::to_string(c.generated)},
                                                  {"missing", std::to_string(c.missing)}}),
                     {margin, H * 0.08f, inner, H * 0.06f}, TextRole::Small, false});
  const Rect panel{margin, H * 0.15f, inner, H * 0.37f};
  s.panels.push_back(panel);
  s.texts.push_back({current().text, {panel.x + margin, panel.y, panel.w - 2 * margin, panel.h}, TextRole::Title});
  s.texts.push_back({t(source_key(current().source)), {margin, H * 0.54f, inner, H * 0.08f}, TextRole::Body, false});
  std::string message = message_;
  if (recording_)
    message = t("operator.record.running", {{"seconds", std::to_string(static_cast<int>(recording_seconds_))}}) + " " +
              message_;
  if (!message.empty()) {
    // What became of the last take, with a picture: stored (a tick) or refused (a cross).
    const Rect box{margin, H * 0.62f, inner, H * 0.14f};
    const bool judged = !recording_ && !last_take_.message.empty();
    const float side = judged ? box.h * 0.8f : 0;
    if (judged)
      s.pictures.push_back({pack_.ui_picture(last_take_.stored_ok() ? "yes" : "no"), {box.x, box.y + box.h * 0.1f, side, side}});
    s.texts.push_back({message, {box.x + (judged ? side + margin / 2 : 0), box.y, box.w - side, box.h}, TextRole::Body, false});
  }

  // One row of big buttons along the bottom; while recording only Stop (and Klaar) can be tapped.
  const bool many = entries_.size() > 1;
  const float gap = W * 0.015f, y = H * 0.78f, h = H * 0.19f, w = (inner - 4 * gap) / 5;
  auto cell = [&](int i) { return Rect{margin + i * (w + gap), y, w, h}; };
  if (recording_) {
    s.targets.push_back(button("rec:stop", t("operator.record.stop"), pack_.ui_picture("stop"), cell(2), TargetStyle::Primary));
  } else {
    if (many) s.targets.push_back(button("rec:prev", t("operator.record.prev"), pack_.ui_picture("back"), cell(0)));
    s.targets.push_back(button("rec:play", t("operator.record.play"), pack_.ui_picture("speaker"), cell(1)));
    const bool has = current().source == ClipSource::Recorded;
    s.targets.push_back(button("rec:record", t(has ? "operator.record.record_again" : "operator.record.record"), "",
                               cell(2), TargetStyle::Primary));
    if (many) s.targets.push_back(button("rec:next", t("operator.record.next"), pack_.ui_picture("next"), cell(3)));
  }
  s.targets.push_back(button("rec:done", t("operator.record.done"), pack_.ui_picture("done"), cell(4)));
  return s;
}

RecorderOpen open_recorder(const ContentPack& pack, const ShellNeeds& needs, const std::string& locale,
                           const std::string& key, const std::string& out_dir, const std::string& work_dir) {
  RecorderOpen out;
  const LocaleCatalog* cat = pack.locale(locale);
  if (!cat) {
    std::string known;
    for (const auto& c : pack.locales) known += (known.empty() ? "" : ", ") + c.code;
    out.error = "no language \"" + locale + "\" in " + pack.dir + " (there are: " + known + ")";
    return out;
  }
  std::vector<RecorderEntry> entries;
  for (const auto& k : spoken_keys(pack, needs, *cat)) {
    if (!key.empty() && k != key) continue;
    ClipSource source = clip_source(pack, locale, k);
    if (files::exists(out_dir + "/" + locale + "/" + k + ".wav")) source = ClipSource::Recorded;
    entries.push_back({k, *cat->find(k), source});
  }
  if (entries.empty()) {
    out.error = key.empty() ? "no spoken texts in \"" + locale + "\""
                            : "no spoken text \"" + key + "\" in \"" + locale + "\" (operator.* texts are never spoken; "
                              "the key is the msgctxt in the PO file)";
    return out;
  }
  out.recorder = std::make_unique<Recorder>(pack, locale, std::move(entries), out_dir, work_dir);
  return out;
}

}  // namespace wk
